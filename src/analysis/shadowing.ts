// Rules that decide nothing. In a host firewall's list, a rule no packet reaches: earlier rules of the
// same list already decide everything it matches. In a node's security groups, a rule that adds nothing
// to the union: the other rules allow every packet it allows. A rule matches its service keys × its
// sources. The rules are taken in order over a segment tree of the runs of service keys (runs over which
// no rule starts or stops matching): each node keeps the sources claimed on all of its runs, so a rule
// is checked and then added in O(log runs) set operations, however many rules came before it or however
// many runs it spans.
import type { CompiledRule, PacketPolicy } from './firewall-policy';
import { AddressSetBuilder, type AddressSet } from '../values/address-set';
import type { Range } from '../values/range-set';
import { boundsOf } from './service-runs';

export interface Shadowed {
  rule: CompiledRule;
  /**
   * The first rules of the list that match some of the same packets, at most MAX_BY: the earlier rules
   * of a host list, the rules kept beside it in a union.
   */
  by: CompiledRule[];
  /** How many such rules match some of the same packets, and how many of those decide the other way. */
  count: number;
  opposite: number;
}

/** How many covering rules a finding names (the message five, the related locations ten). */
export const MAX_BY = 10;

/** Stops the work when it returns true (the time budget); the result is then incomplete. */
export type Deadline = () => boolean;

/** The rules of an ordered list that are the first match of no packet. */
export function shadowedRules(policy: PacketPolicy, pastDeadline: Deadline = () => false): Shadowed[] {
  const matching = matchingRules(policy);
  const claimed = new ClaimedSources(matching.flatMap((r) => r.service.ranges));
  const earlier = new RuleShapes();
  const out: Shadowed[] = [];
  for (const rule of matching) {
    if (pastDeadline()) break;
    const runs = rule.service.ranges.map((r) => claimed.runsOf(r));
    if (judged(rule) && runs.every(([first, last]) => claimed.covers(first, last, rule.sources))) out.push({ rule, ...earlier.meeting(rule) });
    for (const [first, last] of runs) claimed.add(first, last, rule.sources);
    earlier.add(rule);
  }
  return out;
}

/**
 * The rules of a union of allows that add nothing, dropped from the last to the first: a rule is dropped
 * when the rules before it, and the rules after it that are kept, allow every packet it allows. So
 * dropping every rule found leaves the union as it was, and of two copies of a rule the later is found.
 * Two sweeps: forward, what of each rule no earlier rule matches; backward, whether the rules kept after
 * it cover that.
 */
export function redundantRules(policy: PacketPolicy, pastDeadline: Deadline = () => false): Shadowed[] {
  const matching = matchingRules(policy);
  const ranges = matching.flatMap((r) => r.service.ranges);
  const earlier = new ClaimedSources(ranges);
  const runs = matching.map((rule) => rule.service.ranges.map((r) => earlier.runsOf(r)));
  const fresh: Boxes[][] = [];
  for (const [i, rule] of matching.entries()) {
    if (pastDeadline()) return [];
    const boxes: Boxes[] = [];
    for (const [first, last] of runs[i]) earlier.remainder(first, last, rule.sources, boxes);
    fresh.push(boxes);
    for (const [first, last] of runs[i]) earlier.add(first, last, rule.sources);
  }
  const kept = new ClaimedSources(ranges);
  const dropped = new Set<CompiledRule>();
  const covered = ({ runs, sources }: Boxes) => runs.every((first, k) => k % 2 === 1 || kept.covers(first, runs[k + 1], sources));
  for (let i = matching.length - 1; i >= 0; i--) {
    if (pastDeadline()) return [];
    if (judged(matching[i]) && fresh[i].every(covered)) dropped.add(matching[i]);
    else for (const [first, last] of runs[i]) kept.add(first, last, matching[i].sources);
  }
  const shapes = new RuleShapes();
  for (const rule of matching) if (!dropped.has(rule)) shapes.add(rule);
  return matching.filter((rule) => dropped.has(rule)).map((rule) => ({ rule, ...shapes.meeting(rule) }));
}

/**
 * A rule limited to an incoming interface is not called dead: which sources come in through an interface is
 * derived from the plan's node interfaces over all the nodes, too coarsely to tell two interfaces apart (cni0
 * carries the node's own pods, flannel.1 the other nodes': both are the pod networks here).
 */
const judged = (rule: CompiledRule): boolean => rule.rule.arrivesOn === undefined;

/** Rules that match no packet (no port, or `from` resolving to nothing) are neither dead nor redundant: they are left out. */
const matchingRules = (policy: PacketPolicy): CompiledRule[] => policy.rules.filter((r) => !r.service.isEmpty && !r.sources.isEmpty);

/**
 * Runs × sources: the runs as first and last index, flat. What is left of a rule is mostly all of its
 * sources on some of its runs, so boxes with the same sources are one: a rule across thousands of
 * runs keeps numbers, not a set per run.
 */
interface Boxes {
  runs: number[];
  sources: AddressSet;
}

/**
 * Rules grouped by what they match (service keys and sources): the rules that share packets with a dead
 * rule are found by testing each distinct shape once, so a baseline rule repeated in every firewall of a
 * list is tested once, not once per copy.
 */
class RuleShapes {
  private readonly shapes: { like: CompiledRule; members: CompiledRule[]; allows: number }[] = [];
  private readonly byShape = new Map<string, RuleShapes['shapes'][number]>();
  /** Each rule's place in the list, to give the covering rules in order. */
  private readonly position = new Map<CompiledRule, number>();

  add(rule: CompiledRule): void {
    const key = [rule.service, rule.sources.v4, rule.sources.v6].map((set) => set.ranges.map(([f, l]) => `${f}-${l}`).join(',')).join('|');
    let shape = this.byShape.get(key);
    if (!shape) {
      shape = { like: rule, members: [], allows: 0 };
      this.byShape.set(key, shape);
      this.shapes.push(shape);
    }
    shape.members.push(rule);
    if (rule.allow) shape.allows++;
    this.position.set(rule, this.position.size);
  }

  meeting(rule: CompiledRule): Omit<Shadowed, 'rule'> {
    const { service, sources } = rule;
    let count = 0;
    let opposite = 0;
    const first: CompiledRule[] = [];
    for (const { like, members, allows } of this.shapes) {
      if (
        !meets(like.service.ranges, service.ranges) ||
        !(meets(like.sources.v4.ranges, sources.v4.ranges) || meets(like.sources.v6.ranges, sources.v6.ranges))
      )
        continue;
      count += members.length;
      opposite += rule.allow ? members.length - allows : allows;
      first.push(...members.slice(0, MAX_BY));
    }
    return { by: first.sort((a, b) => this.position.get(a)! - this.position.get(b)!).slice(0, MAX_BY), count, opposite };
  }
}

/** Whether two sorted, disjoint range lists share a member; allocates nothing. */
function meets(a: readonly Range[], b: readonly Range[]): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i][1] < b[j][0]) i++;
    else if (b[j][1] < a[i][0]) j++;
    else return true;
  }
  return false;
}

/**
 * The sources claimed on each run of service keys, as a segment tree over the runs. `added[n]` holds
 * the sources added to all of node n's runs at once; `common[n]` the sources claimed on every run
 * under n, counting what was added at n and below: added[n] ∪ (common[left] ∩ common[right]);
 * `some[n]` the sources claimed on some run under n by what was added at n and below.
 */
class ClaimedSources {
  private readonly bounds: bigint[];
  /** Per tree node, mutable (a splice per range added): copying a growing set for every rule was quadratic. */
  private readonly added: AddressSetBuilder[];
  private readonly common: AddressSetBuilder[];
  private readonly some: AddressSetBuilder[];

  constructor(ranges: readonly Range[]) {
    this.bounds = boundsOf(ranges);
    const size = 4 * Math.max(1, this.bounds.length);
    this.added = Array.from({ length: size }, () => new AddressSetBuilder());
    this.common = Array.from({ length: size }, () => new AddressSetBuilder());
    this.some = Array.from({ length: size }, () => new AddressSetBuilder());
  }

  /** The runs a range of keys spans, as first and last run index (the range's ends are bounds). */
  runsOf([first, last]: Range): [number, number] {
    return [this.boundIndex(first), this.boundIndex(last + 1n) - 1];
  }

  /** Whether `sources` are claimed on every run from `first` to `last`. */
  covers(first: number, last: number, sources: AddressSet, node = 1, lo = 0, hi = this.bounds.length - 2): boolean {
    const rest = this.added[node].remainderOf(sources);
    if (rest.isEmpty) return true;
    if (first <= lo && hi <= last) return this.common[node].remainderOf(rest).isEmpty;
    const mid = (lo + hi) >> 1;
    return (first > mid || this.covers(first, last, rest, 2 * node, lo, mid)) && (last <= mid || this.covers(first, last, rest, 2 * node + 1, mid + 1, hi));
  }

  /**
   * Adds to `out` what of `sources` is claimed on none of the runs from `first` to `last`: a box for each
   * part of the tree where nothing claims any of what is left of them, in the order of the runs.
   */
  remainder(first: number, last: number, sources: AddressSet, out: Boxes[], node = 1, lo = 0, hi = this.bounds.length - 2): void {
    const rest = this.added[node].remainderOf(sources);
    if (rest.isEmpty) return;
    if (first <= lo && hi <= last) {
      if (claimsNone(this.some[node], rest)) {
        const previous = out[out.length - 1];
        if (previous && sameSet(previous.sources, rest)) previous.runs.push(lo, hi);
        else out.push({ runs: [lo, hi], sources: rest });
        return;
      }
      if (this.common[node].remainderOf(rest).isEmpty) return;
    }
    const mid = (lo + hi) >> 1;
    if (first <= mid) this.remainder(first, last, rest, out, 2 * node, lo, mid);
    if (last > mid) this.remainder(first, last, rest, out, 2 * node + 1, mid + 1, hi);
  }

  /** Claims `sources` on every run from `first` to `last`. */
  add(first: number, last: number, sources: AddressSet, node = 1, lo = 0, hi = this.bounds.length - 2): void {
    this.some[node].add(sources);
    if (first <= lo && hi <= last) {
      this.added[node].add(sources);
      this.common[node].add(sources);
      return;
    }
    const mid = (lo + hi) >> 1;
    if (first <= mid) this.add(first, last, sources, 2 * node, lo, mid);
    if (last > mid) this.add(first, last, sources, 2 * node + 1, mid + 1, hi);
    const common = new AddressSetBuilder();
    common.add(this.added[node].set.union(this.common[2 * node].set.intersect(this.common[2 * node + 1].set)));
    this.common[node] = common;
  }

  private boundIndex(key: bigint): number {
    let lo = 0;
    let hi = this.bounds.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.bounds[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Whether `builder` holds none of `set`. */
const claimsNone = (builder: AddressSetBuilder, set: AddressSet): boolean => sameSet(builder.remainderOf(set), set);

const sameSet = (a: AddressSet, b: AddressSet): boolean => a.v4.equals(b.v4) && a.v6.equals(b.v6);
