// nftables rulesets (`.nft` files, `nft list ruleset` output, nft command scripts) → the host firewall of the
// nodes the importing plan names (`imports: [{path: rules.nft, format: nftables, appliesTo: …}]`). Like an
// INI inventory, the file has no YAML tree: its document stands for the parsed ruleset, kept here.
import { basename } from 'node:path';
import { Document } from 'yaml';
import type { Span } from '../../core/types';
import type { KeyNames } from '../../model/types';
import type { ParseResult } from '../../source/parse';
import type { InputFormat } from '../input-format';
import { isRulesetFile, looksLikeRuleset } from './detect';
import { readRuleset } from './read'; // on demand
import { parseRuleset, type Ruleset } from './ruleset'; // on demand

const rulesets = new WeakMap<Document.Parsed, { ruleset: Ruleset; fileName?: string; anchor: Span }>();

const ELSEWHERE = '(in a ClusterPlan that imports the ruleset)';

/** How findings name what a ruleset cannot say: everything but its firewall is the importing plan's. */
export const rulesetKeyNames = (what: string): KeyNames => ({
  pods: `networks.pods ${ELSEWHERE}`,
  services: `networks.services ${ELSEWHERE}`,
  nodes: `networks.nodes ${ELSEWHERE}`,
  nodeCidrMaskSize: `networks.nodeCidrMaskSize ${ELSEWHERE}`,
  nodeCidrMaskSizeIPv6: `networks.nodeCidrMaskSizeIPv6 ${ELSEWHERE}`,
  maxPods: `networks.maxPods ${ELSEWHERE}`,
  trusted: `networks.trusted ${ELSEWHERE}`,
  clusterDNS: `networks.clusterDNS ${ELSEWHERE}`,
  nodePortRange: `networks.nodePortRange ${ELSEWHERE}`,
  distribution: `distribution ${ELSEWHERE}`,
  cniPlugin: `cni.plugin ${ELSEWHERE}`,
  cniMode: `cni.mode ${ELSEWHERE}`,
  controlPlaneEndpoint: `controlPlaneEndpoint ${ELSEWHERE}`,
  firewalls: what,
});

function parse(text: string, base: number, filePath?: string, tick?: () => void): ParseResult {
  const ruleset = parseRuleset(text, base, tick);
  const doc = new Document(null) as unknown as Document.Parsed;
  doc.range = [base, base + text.length, base + text.length];
  rulesets.set(doc, { ruleset, fileName: filePath === undefined ? undefined : basename(filePath), anchor: [base, base + text.search(/\r?\n|$/)] });
  const comments = ruleset.comments.filter((c) => c.text.includes('kube-netlint-'));
  return { ok: true, documents: [{ doc, source: text, errors: [], warnings: [] }], comments };
}

export const nftables: InputFormat = {
  id: 'nftables',
  keyNames: rulesetKeyNames("the ruleset's input chain"),
  looksLike: looksLikeRuleset,
  parse: (text, { base, filePath, force, tick }) => (force || isRulesetFile(text, filePath) ? parse(text, base, filePath, tick) : undefined),
  claims: (d) => rulesets.has(d.doc),
  imports: () => [],
  read: (doc, tick) => {
    const { ruleset, fileName, anchor } = rulesets.get(doc)!;
    return readRuleset(ruleset, { fileName, anchor, tick });
  },
  fixable: false,
};
