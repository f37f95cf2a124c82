// Terraform security groups (docs/formats/terraform.md): `.tf` files with AWS security groups and their rule
// resources, Hetzner Cloud firewalls, GCP firewall rules and OpenStack security group rules, read with
// tree-sitter's HCL grammar (prepared on first use: grammar.ts). A file with several groups is imported once
// per group (`select`); the nodes each applies to are the importing plan's (`appliesTo`).
import { basename } from 'node:path';
import { Document } from 'yaml';
import type { Span } from '../../core/types';
import type { ParseResult } from '../../source/parse';
import { importedFirewallKeyNames, NOT_PREPARED, type InputFormat } from '../input-format';
import { isTerraformFile, looksLikeTerraform } from './detect';
import type { FileDraft } from './draft';
import { hclParser, prepareGrammar } from './grammar';
import { parseHcl } from './hcl'; // on demand
import { draftFile, partOf, selectableParts } from './read'; // on demand

const files = new WeakMap<Document.Parsed, { file: FileDraft; anchor: Span }>();

function parse(text: string, base: number, filePath: string | undefined, deadline: number, tick: () => void): ParseResult | typeof NOT_PREPARED {
  const parser = hclParser();
  if (!parser) return NOT_PREPARED;
  const hcl = parseHcl(parser, text, base, deadline, tick);
  const file = draftFile(hcl, filePath === undefined ? 'terraform' : basename(filePath), tick);
  const doc = new Document(null) as unknown as Document.Parsed;
  doc.range = [base, base + text.length, base + text.length];
  files.set(doc, { file, anchor: [base, base + text.search(/\r?\n|$/)] });
  const comments = hcl.comments.filter((c) => c.text.includes('kube-netlint-'));
  return { ok: true, documents: [{ doc, source: text, errors: [], warnings: [] }], comments };
}

export const terraform: InputFormat = {
  id: 'terraform',
  keyNames: importedFirewallKeyNames('the Terraform file', 'the Terraform security groups'),
  looksLike: looksLikeTerraform,
  parse: (text, { base, filePath, force, tick = () => {}, deadline = Infinity }) =>
    force || isTerraformFile(text, filePath) ? parse(text, base, filePath, deadline, tick) : undefined,
  prepare: prepareGrammar,
  claims: (d) => files.has(d.doc),
  imports: () => [],
  selectable: (doc) => {
    const read = files.get(doc);
    return read ? selectableParts(read.file) : [];
  },
  read: (doc, _tick, context) => {
    const { file, anchor } = files.get(doc)!;
    return partOf(file, context, anchor);
  },
  fixable: false,
};
