// A parsed nftables ruleset → its part of the plan: one host firewall made of the base chains that filter
// what reaches the node (type filter, hook input, in ip, ip6 and inet tables), each with its jumps inlined.
// Several such chains see one packet in turn, each able to drop it; the model's host firewalls on a node
// form one first-match list instead, so per IP family the first chain by priority that can drop anything
// is the firewall, and any other that can is counted as not read (docs/formats/nftables.md).
import type { Span } from '../../core/types';
import type { Firewall, Located, PlanPart } from '../../model/types';
import {
  BOTH,
  buildFirewall,
  flattenChain,
  intersect,
  isEmpty,
  V4,
  V6,
  type FilterChain,
  type Entry,
  type ModelledChain,
  type Policy,
  type Problem,
} from './packet-filter';
import { interpretRule } from './rules';
import type { NftChain, NftTable, Ruleset } from './ruleset';

const FAMILY_BITS: Readonly<Record<string, number>> = { ip: V4, ip6: V6, inet: BOTH };

export interface ReadOptions {
  fileName?: string;
  /** Where plan-wide findings about the file point: its first line. */
  anchor: Span;
  tick: () => void;
}

/** A firewall file's part: its firewall, if it has one, and what it could not read. */
export function firewallPart(firewall: Firewall | undefined, anchor: Span, problems: Problem[], unresolved: Located<string>[]): PlanPart {
  return {
    anchorSpan: anchor,
    networks: { lists: {}, keySpans: {}, entries: [] },
    nodes: [],
    firewalls: firewall ? [firewall] : [],
    ...(firewall ? { firewallsKeySpan: firewall.name!.span } : {}),
    services: [],
    unresolved,
    problems,
  };
}

interface Candidate {
  chain: NftChain;
  table: NftTable;
  families: number;
  policy: Policy;
  priority: number;
  order: number;
  /** The chain's list; undefined when its jumps expand past the limit. */
  entries: Entry[] | undefined;
}

export function readRuleset(rs: Ruleset, { fileName, anchor, tick }: ReadOptions): PlanPart {
  const problems: Problem[] = [...rs.problems];
  const unresolved: Located<string>[] = [...rs.unresolved];
  const interpreted = new Map<NftChain, FilterChain>();
  const filterChain = (table: NftTable, chain: NftChain): FilterChain => {
    let out = interpreted.get(chain);
    if (!out) {
      const ctx = { families: FAMILY_BITS[table.family], base: rs.base, setNamed: (n: string) => table.sets.get(n), problems, unresolved };
      out = { name: chain.name, rules: chain.rules.flatMap((r) => (tick(), interpretRule(r, ctx))) };
      interpreted.set(chain, out);
    }
    return out;
  };
  const candidates: Candidate[] = [];
  rs.chainOrder.forEach((chain, order) => {
    const table = rs.tables.get(`${chain.family} ${chain.table}`);
    const families = FAMILY_BITS[chain.family];
    if (!table || families === undefined) return;
    const hooked = chain.base?.type === 'filter' && chain.base.hook === 'input';
    // A chain the file adds rules to but does not declare (a fragment for /etc/nftables.conf), named as
    // distributions name the input chain: taken as that chain. Its policy is written elsewhere; a file that
    // adds rules to a chain adds exceptions to what the chain drops, so it is taken to drop the rest.
    const elsewhere = !chain.declared && /^input$/i.test(chain.name);
    if (!hooked && !elsewhere) return;
    if (elsewhere)
      unresolved.push({ value: `chain ${chain.family} ${chain.table} ${chain.name} (declared in another file: its hook and policy)`, span: chain.nameSpan });
    const policy: Policy = chain.policy
      ? { allow: chain.policy.word.value === 'accept', text: `policy ${chain.policy.word.value}`, span: chain.policy.span, word: chain.policy.word }
      : elsewhere
        ? { allow: false, text: 'policy drop', span: chain.nameSpan }
        : { allow: true, text: 'policy accept', span: chain.base?.span ?? chain.nameSpan };
    const entries = flattenChain(
      filterChain(table, chain),
      policy,
      { families },
      (name) => {
        const target = table.chains.get(name);
        return target && filterChain(table, target);
      },
      problems,
    );
    candidates.push({ chain, table, families, policy, priority: chain.base?.priority ?? 0, order, entries });
  });
  candidates.sort((a, b) => a.priority - b.priority || a.order - b.order);
  // Per family, the first chain that can drop a packet; else the first chain (it lets everything through).
  const drops = (c: Candidate) => !c.policy.allow || (c.entries ?? []).some((e) => !e.allow);
  const chosen = new Map<Candidate, number>();
  for (const bit of [V4, V6]) {
    const seeing = candidates.filter((c) => (c.families & bit) !== 0);
    const pick = seeing.find(drops) ?? seeing[0];
    if (pick) chosen.set(pick, (chosen.get(pick) ?? 0) | bit);
    for (const other of seeing) {
      if (other === pick || !drops(other) || (chosen.get(other) ?? 0) !== 0) continue;
      const value = `chain ${other.chain.family} ${other.chain.table} ${other.chain.name} (another input chain)`;
      if (!unresolved.some((u) => u.value === value)) unresolved.push({ value, span: other.chain.nameSpan });
    }
  }
  const modelled: ModelledChain[] = [];
  for (const c of candidates) {
    const families = chosen.get(c);
    if (!families || !c.entries) continue;
    const within = { families };
    const entries = families === c.families ? c.entries : c.entries.map((e) => ({ ...e, match: intersect(e.match, within) })).filter((e) => !isEmpty(e.match));
    modelled.push({ entries, families, policy: c.policy });
  }
  const first = candidates.find((c) => chosen.has(c) && c.entries);
  const firewall =
    first &&
    buildFirewall({
      name: { value: fileName === undefined ? 'nftables' : `nftables (${fileName})`, span: first.chain.nameSpan },
      span: first.chain.span,
      chains: modelled,
      tick,
    });
  return firewallPart(firewall, anchor, problems, unresolved);
}
