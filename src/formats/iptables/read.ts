// Parsed iptables-save output → its part of the plan: the filter table's INPUT chain as one host firewall,
// its jumps and gotos inlined. Its rules are about the file's one IP family (an iptables-save file's IPv4, an
// ip6tables-save file's IPv6), and its policy (`:INPUT DROP`) is the firewall's default: the file stands for
// the node's firewall (docs/formats/iptables.md).
import type { Span } from '../../core/types';
import type { Located, PlanPart } from '../../model/types';
import { buildFirewall, flattenChain, V4, V6, type FilterChain, type Policy, type Problem } from '../nftables/packet-filter';
import { firewallPart } from '../nftables/read';
import { interpretRule } from './rules';
import type { SaveFile } from './save-file';

export interface ReadOptions {
  fileName?: string;
  family: 4 | 6;
  anchor: Span;
  tick: () => void;
}

export function readSaveFile(file: SaveFile, { fileName, family, anchor, tick }: ReadOptions): PlanPart {
  const problems: Problem[] = [...file.problems];
  const unresolved: Located<string>[] = [...file.unresolved];
  const filter = file.filter;
  const input = filter?.chains.get('INPUT');
  if (!filter || !input) return firewallPart(undefined, anchor, problems, unresolved);
  const ctx = { family, isChain: (name: string) => filter.chains.has(name) && !['INPUT', 'FORWARD', 'OUTPUT'].includes(name), problems, unresolved };
  const interpreted = new Map<string, FilterChain>();
  const chainNamed = (name: string): FilterChain | undefined => {
    const chain = filter.chains.get(name);
    if (!chain) return undefined;
    let out = interpreted.get(name);
    if (!out) {
      out = { name, rules: chain.rules.flatMap((r) => (tick(), interpretRule(r, ctx))) };
      interpreted.set(name, out);
    }
    return out;
  };
  const families = family === 4 ? V4 : V6;
  const written = input.policy;
  // Without a `:INPUT` line the chain keeps the kernel's policy, ACCEPT.
  const policy: Policy = written
    ? { allow: written.word.value === 'ACCEPT', text: `:INPUT ${written.word.value}`, span: written.span, word: written.word }
    : { allow: true, text: ':INPUT ACCEPT', span: filter.span };
  const entries = flattenChain(chainNamed('INPUT')!, policy, { families }, chainNamed, problems);
  if (!entries) return firewallPart(undefined, anchor, problems, unresolved);
  const firewall = buildFirewall({
    name: { value: fileName === undefined ? 'iptables' : `iptables (${fileName})`, span: filter.span },
    span: filter.span,
    chains: [{ entries, families, policy }],
    tick,
  });
  return firewallPart(firewall, anchor, problems, unresolved);
}
