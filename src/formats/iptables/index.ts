// iptables-save / ip6tables-save output (`/etc/iptables/rules.v4`, `rules.v6`) → the host firewall of the
// nodes the importing plan names: the filter table's INPUT chain, with the chains it jumps to inlined.
import { basename } from 'node:path';
import { Document } from 'yaml';
import type { Span } from '../../core/types';
import type { ParseResult } from '../../source/parse';
import type { InputFormat } from '../input-format';
import { rulesetKeyNames } from '../nftables';
import { isIpv6File, isSaveFile, looksLikeSaveFile } from './detect';
import { readSaveFile } from './read'; // on demand
import { parseSaveFile, type SaveFile } from './save-file'; // on demand

const saveFiles = new WeakMap<Document.Parsed, { file: SaveFile; fileName?: string; family: 4 | 6; anchor: Span }>();

function parse(text: string, base: number, filePath?: string, tick?: () => void): ParseResult {
  const file = parseSaveFile(text, base, tick);
  const doc = new Document(null) as unknown as Document.Parsed;
  doc.range = [base, base + text.length, base + text.length];
  const family = isIpv6File(file.header, filePath, file.sawIpv6) ? 6 : 4;
  saveFiles.set(doc, { file, fileName: filePath === undefined ? undefined : basename(filePath), family, anchor: [base, base + text.search(/\r?\n|$/)] });
  const comments = file.comments.filter((c) => c.text.includes('kube-netlint-'));
  return { ok: true, documents: [{ doc, source: text, errors: [], warnings: [] }], comments };
}

export const iptables: InputFormat = {
  id: 'iptables',
  keyNames: rulesetKeyNames('the INPUT chain'),
  looksLike: looksLikeSaveFile,
  parse: (text, { base, filePath, force, tick }) => (force || isSaveFile(text, filePath) ? parse(text, base, filePath, tick) : undefined),
  claims: (d) => saveFiles.has(d.doc),
  imports: () => [],
  read: (doc, tick) => {
    const { file, fileName, family, anchor } = saveFiles.get(doc)!;
    return readSaveFile(file, { fileName, family, anchor, tick });
  },
  fixable: false,
};
