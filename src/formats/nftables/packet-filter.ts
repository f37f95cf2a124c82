// Netfilter chains as nftables and iptables write them, in the terms of kube-netlint's model: each rule's
// conditions as sets (IP families, protocols, destination ports, sources), its verdict, and chains that jump
// to one another. `flattenChain` inlines a base chain's jumps into one first-match list (the model's host
// firewall), every entry keeping the rule it comes from; `buildFirewall` turns the lists into a Firewall.
// The iptables format uses this module too.
import type { Span } from '../../core/types';
import type { Firewall, FirewallRule, Located, PortItem } from '../../model/types';
import { formatCidr, type Family } from '../../values/ip';
import { isPorted, PORTED_PROTOCOLS } from '../../values/protocols';
import { interfaceKind } from '../../domain/interface-kinds';

/** IP families as bits: a rule in an `inet` table sees both, one in an `ip` table IPv4 only. */
export const V4 = 1;
export const V6 = 2;
export const BOTH = V4 | V6;

export const familyBit = (f: Family): number => (f === 4 ? V4 : V6);

export interface ProtocolTerm {
  proto: number;
  text: string;
  span: Span;
}

/** Destination ports, first to last, as written (a computed range is written as `first-last`). */
export interface PortTerm {
  first: number;
  last: number;
  text: string;
  span: Span;
}

/** Source addresses, first to last of one family, as written or computed (a CIDR). */
export interface SourceTerm {
  family: Family;
  first: bigint;
  last: bigint;
  text: string;
  span: Span;
}

/**
 * What a rule (or a chain of jumps) matches: a packet matches when it matches every dimension. An unset
 * dimension matches everything; ports restrict the protocols to those with ports.
 */
export interface Match {
  families: number;
  protocols?: readonly ProtocolTerm[];
  ports?: readonly PortTerm[];
  sources?: readonly SourceTerm[];
  /** Only packets from pods (they come in through an interface of the CNI): `pods` in the model. */
  pods?: Span;
}

export const ALL: Match = { families: BOTH };
export const NOTHING: Match = { families: 0 };

export const isEmpty = (m: Match): boolean => m.families === 0 || m.protocols?.length === 0 || m.ports?.length === 0 || m.sources?.length === 0;

/** The packets both match. */
export function intersect(a: Match, b: Match): Match {
  if (isEmpty(a) || isEmpty(b)) return NOTHING;
  let families = a.families & b.families;
  let sources = a.sources && b.sources ? intersectSources(a.sources, b.sources) : (a.sources ?? b.sources);
  if (sources) {
    families &= sources.reduce((bits, s) => bits | familyBit(s.family), 0);
    sources = sources.filter((s) => (familyBit(s.family) & families) !== 0);
  }
  const ports = a.ports && b.ports ? intersectPorts(a.ports, b.ports) : (a.ports ?? b.ports);
  let protocols = a.protocols && b.protocols ? b.protocols.filter((p) => a.protocols!.some((q) => q.proto === p.proto)) : (a.protocols ?? b.protocols);
  if (ports && protocols) protocols = protocols.filter((p) => isPorted(p.proto));
  const out: Match = { families };
  if (protocols) out.protocols = protocols;
  if (ports) out.ports = ports;
  if (sources) out.sources = sources;
  const pods = b.pods ?? a.pods;
  if (pods) out.pods = pods;
  return out;
}

/** Whether every packet `inner` matches is matched by `outer` (a sufficient test: written sets, not their unions). */
export function covers(outer: Match, inner: Match): boolean {
  if ((inner.families & ~outer.families) !== 0) return false;
  if (outer.protocols && !(inner.protocols ?? []).every((p) => outer.protocols!.some((q) => q.proto === p.proto))) return false;
  if (outer.protocols && !inner.protocols) return false;
  if (outer.ports && (!inner.ports || !inner.ports.every((p) => outer.ports!.some((q) => q.first <= p.first && p.last <= q.last)))) return false;
  if (
    outer.sources &&
    (!inner.sources || !inner.sources.every((s) => outer.sources!.some((o) => o.family === s.family && o.first <= s.first && s.last <= o.last)))
  ) {
    return false;
  }
  return !outer.pods || inner.pods !== undefined;
}

/** Past this many pairs, two written sets are too large to intersect term by term: TooMany. */
const MAX_PAIRS = 250_000;

function intersectPorts(a: readonly PortTerm[], b: readonly PortTerm[]): PortTerm[] {
  if (a.length * b.length > MAX_PAIRS) throw new TooMany();
  const out: PortTerm[] = [];
  for (const x of a) {
    for (const y of b) {
      const first = Math.max(x.first, y.first);
      const last = Math.min(x.last, y.last);
      if (first > last) continue;
      // The narrower of the two as written, when one of them is the result.
      const same = [y, x].find((t) => t.first === first && t.last === last);
      out.push(same ?? { first, last, text: first === last ? String(first) : `${first}-${last}`, span: y.span });
    }
  }
  return out;
}

function intersectSources(a: readonly SourceTerm[], b: readonly SourceTerm[]): SourceTerm[] {
  if (a.length * b.length > MAX_PAIRS) throw new TooMany();
  const out: SourceTerm[] = [];
  for (const x of a) {
    for (const y of b) {
      if (x.family !== y.family) continue;
      const first = x.first > y.first ? x.first : y.first;
      const last = x.last < y.last ? x.last : y.last;
      if (first > last) continue;
      const same = [y, x].find((t) => t.first === first && t.last === last);
      out.push(...(same ? [same] : cidrsOf(x.family, first, last, y.span)));
    }
  }
  return out;
}

/** The CIDRs that cover first..last exactly, each located at `span`. */
export function cidrsOf(family: Family, first: bigint, last: bigint, span: Span): SourceTerm[] {
  const bits = family === 4 ? 32 : 128;
  const out: SourceTerm[] = [];
  let at = first;
  while (at <= last) {
    let size = 0;
    // The largest block aligned at `at` that ends within `last`.
    while (size < bits && (at & ((1n << BigInt(size + 1)) - 1n)) === 0n && at + (1n << BigInt(size + 1)) - 1n <= last) size++;
    const end = at + (1n << BigInt(size)) - 1n;
    out.push({ family, first: at, last: end, text: formatCidr(family, at, bits - size), span });
    at = end + 1n;
  }
  return out;
}

/** Every source of the families not in `terms`: what `ip saddr != …` matches. */
export function complementSources(terms: readonly SourceTerm[], families: number, span: Span): SourceTerm[] {
  const out: SourceTerm[] = [];
  for (const family of [4, 6] as const) {
    if ((families & familyBit(family)) === 0) continue;
    const max = (1n << BigInt(family === 4 ? 32 : 128)) - 1n;
    const taken = terms.filter((t) => t.family === family).sort((x, y) => (x.first < y.first ? -1 : x.first > y.first ? 1 : 0));
    let at = 0n;
    for (const t of taken) {
      if (t.first > at) out.push(...cidrsOf(family, at, t.first - 1n, span));
      if (t.last + 1n > at) at = t.last + 1n;
    }
    if (at <= max) out.push(...cidrsOf(family, at, max, span));
  }
  return out;
}

/** Every port 1-65535 not in `terms`: what `tcp dport != …` matches. */
export function complementPorts(terms: readonly PortTerm[], span: Span): PortTerm[] {
  const out: PortTerm[] = [];
  let at = 1;
  for (const t of [...terms].sort((x, y) => x.first - y.first)) {
    if (t.first > at) out.push(portRange(at, t.first - 1, span));
    at = Math.max(at, t.last + 1);
  }
  if (at <= 65535) out.push(portRange(at, 65535, span));
  return out;
}

export const portRange = (first: number, last: number, span: Span, text?: string): PortTerm => ({
  first,
  last,
  span,
  text: text ?? (first === last ? String(first) : `${first}-${last}`),
});

export type Verdict = { kind: 'accept' | 'drop' | 'return' | 'continue'; span: Span } | { kind: 'jump' | 'goto'; chain: string; span: Span };

/** A rule of a chain: what it matches, what it does, and how findings name it. */
export interface FilterRule {
  span: Span;
  /** The rule as written, short: `tcp dport 2379-2380 accept`. */
  name: string;
  comment?: string;
  match: Match;
  verdict: Verdict;
}

export interface FilterChain {
  name: string;
  rules: FilterRule[];
}

/** A base chain's policy, as a rule that matches what no rule decides: `policy drop`, `:INPUT DROP`. */
export interface Policy {
  allow: boolean;
  /** As written (`policy drop`), or the default the chain has when it says none (`policy accept`). */
  text: string;
  span: Span;
  /** The verdict word, when the policy is written: the firewall's `defaultActionAt`. */
  word?: Located<string>;
}

export interface Entry {
  match: Match;
  allow: boolean;
  /** The rule that decides the entry's packets (the base chain's policy, as a rule, for a `return` to it). */
  rule: FilterRule;
  span: Span;
}

export interface Problem {
  span: Span;
  message: string;
}

/** Past this many entries, jumps that copy what follows them (conditional returns and gotos) are too many to model. */
export const MAX_ENTRIES = 20_000;
/** Past this many rules visited while inlining (copies that turn out empty included), likewise: a bound on the time. */
const MAX_STEPS = 1_000_000;

/**
 * A base chain as one first-match list for the packets in `within`: every jump inlined with the jump's
 * conditions, `goto` and `return` followed. Packets that reach the end of the base chain are left to the
 * list's end (the policy), except where a jump's copy must decide them there. Undefined past MAX_ENTRIES.
 */
export function flattenChain(
  base: FilterChain,
  policy: Policy,
  within: Match,
  chainNamed: (name: string) => FilterChain | undefined,
  problems: Problem[],
): Entry[] | undefined {
  const out: Entry[] = [];
  const push = (e: Entry) => {
    if (out.push(e) > MAX_ENTRIES) throw new TooMany();
  };
  const policyRule: FilterRule = { span: policy.span, name: policy.text, match: ALL, verdict: { kind: policy.allow ? 'accept' : 'drop', span: policy.span } };
  let work = 0;
  const reported = new Set<string>();
  const problem = (span: Span, message: string) => {
    const key = `${span[0]}:${message}`;
    if (reported.has(key)) return;
    reported.add(key);
    problems.push({ span, message });
  };
  interface Frame {
    chain: FilterChain;
    pos: number;
  }
  const target = (verdict: Verdict & { chain: string }, stack: readonly Frame[]): FilterChain | undefined => {
    const chain = chainNamed(verdict.chain);
    if (!chain) {
      problem(verdict.span, `there is no chain "${verdict.chain}" to ${verdict.kind} to: the ruleset does not load`);
      return undefined;
    }
    if (chain === base || stack.some((f) => f.chain === chain)) {
      problem(verdict.span, `${verdict.kind} to chain "${verdict.chain}" loops back to a chain already on the way: the ruleset does not load`);
      return undefined;
    }
    if (stack.length >= 16) {
      problem(verdict.span, `${verdict.kind} to chain "${verdict.chain}" nests more than 16 chains deep: the ruleset does not load`);
      return undefined;
    }
    return chain;
  };
  /** What happens to the packets `m` at the end of the top frame: fall through, or the explicit continuation. */
  const endOfFrame = (stack: readonly Frame[], m: Match, fallthrough: boolean): void => {
    if (fallthrough) return;
    if (stack.length === 1) push({ match: m, allow: policy.allow, rule: policyRule, span: policy.span });
    else emit(stack.slice(0, -1), m, false);
  };
  /**
   * Entries for the packets `m` from the top frame on. With `fallthrough`, packets reaching the end of the
   * frame may stay undecided: what follows the entries in the list is their continuation.
   */
  const emit = (stack: readonly Frame[], m: Match, fallthrough: boolean): void => {
    const top = stack[stack.length - 1];
    const rules = top.chain.rules;
    for (let i = top.pos; i < rules.length; i++) {
      if (++work > MAX_STEPS) throw new TooMany();
      const r = rules[i];
      const mm = intersect(m, r.match);
      if (isEmpty(mm)) continue;
      const whole = covers(r.match, m);
      const v = r.verdict;
      switch (v.kind) {
        case 'accept':
        case 'drop':
          push({ match: mm, allow: v.kind === 'accept', rule: r, span: r.span });
          if (whole) return;
          break;
        case 'continue':
          break;
        case 'jump': {
          const chain = target(v, stack);
          if (chain) emit([...stack.slice(0, -1), { chain: top.chain, pos: i + 1 }, { chain, pos: 0 }], mm, true);
          break;
        }
        case 'goto': {
          const chain = target(v, stack);
          if (!chain) break;
          const next = [...stack.slice(0, -1), { chain, pos: 0 }];
          if (whole) return emit(next, m, fallthrough);
          emit(next, mm, false);
          break;
        }
        case 'return':
          if (whole) return endOfFrame(stack, m, fallthrough);
          endOfFrame(stack, mm, false);
          break;
      }
    }
    endOfFrame(stack, m, fallthrough);
  };
  try {
    emit([{ chain: base, pos: 0 }], within, true);
  } catch (e) {
    if (!(e instanceof TooMany)) throw e;
    problem(policy.span, `the chain's rules, its jumps inlined, are more than ${MAX_ENTRIES}: kube-netlint does not check this ruleset`);
    return undefined;
  }
  return out;
}

/** Thrown when an expansion passes MAX_ENTRIES, or two sets are too large to intersect (MAX_PAIRS). */
export class TooMany extends Error {}

/** A base chain's list, the families it decides, and its policy: one part of a firewall. */
export interface ModelledChain {
  entries: Entry[];
  families: number;
  policy: Policy;
}

export interface FirewallSource {
  /** `nftables (k3s.nft)`, located where the modelled chain is declared. */
  name: Located<string>;
  span: Span;
  chains: readonly ModelledChain[];
  tick: () => void;
}

/**
 * The model's host firewall for base chains that each decide the packets of their families (an `inet`
 * chain both, `ip` and `ip6` chains one each). When the chains share a policy it is the firewall's default,
 * for every family, also one no chain sees (a file of IPv4 rules stands for the node's firewall: kube-netlint
 * does not take IPv6 to be open because its rules are elsewhere). Chains with different policies close
 * their lists with them, as rules for their own families, and the firewall allows what is left.
 */
export function buildFirewall(source: FirewallSource): Firewall {
  const [first] = source.chains;
  const shared = first !== undefined && source.chains.every((c) => c.policy.allow === first.policy.allow) ? first.policy : undefined;
  const firewall: Firewall = {
    index: 0,
    span: source.span,
    name: source.name,
    type: 'host',
    defaultAction: shared && !shared.allow ? 'deny' : 'allow',
    defaultActionAt: shared?.word,
    rules: [],
  };
  // The chains decide disjoint families, so their lists may follow one another in any order; closing
  // policies go last, after every chain's rules (see modelRules on ICMP).
  const closing: Entry[] = [];
  for (const chain of source.chains) {
    if (shared || chain.policy.allow) continue;
    const rule: FilterRule = { span: chain.policy.span, name: chain.policy.text, match: ALL, verdict: { kind: 'drop', span: chain.policy.span } };
    closing.push({ match: { families: chain.families }, allow: false, rule, span: chain.policy.span });
  }
  for (const e of [...source.chains.flatMap((c) => c.entries), ...closing]) {
    source.tick();
    for (const r of modelRules(e)) firewall.rules.push({ ...r, firewall, index: firewall.rules.length });
  }
  return firewall;
}

/** An entry as the model's rules: one per protocol written, `any` for every protocol (or every one with ports). */
function modelRules(e: Entry): Omit<FirewallRule, 'firewall' | 'index'>[] {
  const m = e.match;
  const span = e.rule.span;
  let from: Located<string>[] | undefined;
  if (m.sources) from = m.sources.map((s) => ({ value: s.text, span: s.span }));
  else if (m.pods) from = [{ value: 'pods', span: m.pods }];
  // ICMP travels in IPv4 only and ICMPv6 in IPv6 only: a rule about them needs no family of its own, and
  // without one, no IPv4 "ICMPv6" packet (which cannot exist) looks refused beside an allowed IPv6 one.
  else if (m.protocols?.length && m.protocols.every((p) => ONE_FAMILY[p.proto] !== undefined && (m.families & ONE_FAMILY[p.proto]) !== 0)) from = undefined;
  else if (m.families === V4) from = [{ value: '0.0.0.0/0', span }];
  else if (m.families === V6) from = [{ value: '::/0', span }];
  const ports: PortItem[] | undefined = m.ports?.map((p) => ({ value: p.text, span: p.span, range: [p.first, p.last] }));
  const portsKeySpan = m.ports ? spanOver(m.ports.map((p) => p.span)) : undefined;
  const common = {
    span,
    action: { value: e.allow ? ('allow' as const) : ('deny' as const), span: e.rule.verdict.span },
    ports,
    portsKeySpan,
    from,
    name: { value: e.rule.name, span },
    ...(e.rule.comment === undefined ? {} : { comment: e.rule.comment }),
  };
  const protocols = m.protocols;
  const everyPorted = m.ports && protocols && PORTED_PROTOCOLS.every((p) => protocols.some((q) => q.proto === p));
  if (!protocols || everyPorted) return [{ ...common, protocol: 'any' }];
  return protocols.map((p) => ({ ...common, protocol: p.proto, protocolAt: { value: p.text, span: p.span } }));
}

/** Protocols that exist in one IP family only: ICMP (IPv4) and ICMPv6. */
const ONE_FAMILY: Readonly<Record<number, number>> = { 1: V4, 58: V6 };

const spanOver = (spans: readonly Span[]): Span => [Math.min(...spans.map((s) => s[0])), Math.max(...spans.map((s) => s[1]))];

/** A rule's text as findings name it: one line, at most 72 characters. */
export function shortName(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 72 ? `${line.slice(0, 71)}…` : line;
}

/** IP protocol names as nft, iptables and /etc/protocols write them. */
export const PROTOCOL_NAMES: Readonly<Record<string, number>> = {
  icmp: 1,
  igmp: 2,
  ipip: 4,
  ipencap: 4,
  tcp: 6,
  egp: 8,
  udp: 17,
  dccp: 33,
  ipv6: 41,
  gre: 47,
  esp: 50,
  ah: 51,
  'ipv6-icmp': 58,
  icmpv6: 58,
  ospf: 89,
  vrrp: 112,
  sctp: 132,
  udplite: 136,
};

/** Service names from /etc/services that firewall rules write instead of port numbers. */
export const SERVICE_PORTS: Readonly<Record<string, number>> = {
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: 53,
  http: 80,
  www: 80,
  ntp: 123,
  bgp: 179,
  https: 443,
  submission: 587,
  imaps: 993,
  mysql: 3306,
  postgresql: 5432,
};

/**
 * What an interface condition means for the packets the model checks, which come from other hosts and
 * pods: the loopback and local virtual interfaces never hold; a CNI interface holds for packets from pods; any other interface is
 * taken to be the one the packets arrive on (`iifname "eth0"` holds, `iifname != "eth0"` does not).
 */
export function interfaceMatch(names: readonly string[], negated: boolean, span: Span): Match {
  const kinds = names.map(interfaceKind);
  if (negated) return kinds.includes('other') ? NOTHING : ALL;
  if (kinds.includes('other')) return ALL;
  if (kinds.includes('cni')) return { families: BOTH, pods: span };
  return NOTHING;
}

/** Destinations packets to a node's address never have: loopback, multicast, broadcast. */
export const isLocalOrGroup = (family: Family, first: bigint, last: bigint): boolean =>
  family === 4 ? (first >= 0x7f000000n && last <= 0x7fffffffn) || first >= 0xe0000000n : (first === 1n && last === 1n) || first >= 0xff00n << 112n;

/** Thrown by a reader to leave a rule out: with a problem to report, or silently (what is already counted). */
export class LeftOut extends Error {
  constructor(readonly problem?: Problem) {
    super(problem?.message ?? 'left out');
  }
}

/**
 * A source rule read as model rules, or none when it is left out: what the tool itself refuses is a problem;
 * a match kube-netlint cannot model is counted (import-unresolved), never guessed; sets too large to expand are a problem.
 */
export function readOrLeaveOut<T>(
  rule: { text: string; span: Span },
  ctx: { problems: Problem[]; unresolved: Located<string>[] },
  what: string,
  read: () => T[],
): T[] {
  try {
    return read();
  } catch (e) {
    if (e instanceof LeftOut) {
      if (e.problem?.message.includes('kube-netlint')) ctx.unresolved.push({ value: rule.text, span: e.problem.span });
      else if (e.problem) ctx.problems.push(e.problem);
      return [];
    }
    if (!(e instanceof TooMany)) throw e;
    ctx.problems.push({
      span: rule.span,
      message: `the rule's ${what} are too large for kube-netlint to check: the rule is left out of the firewall it checks`,
    });
    return [];
  }
}
