// Rules no packet reaches: earlier rules of the same list already decide everything a rule matches.
// A rule matches its service keys × its sources. The rules are taken in order over a segment tree of
// the runs of service keys (runs over which no rule starts or stops matching): each node keeps the
// sources claimed on all of its runs, so a rule is checked and then added in O(log runs) set
// operations, however many rules came before it or however many runs it spans.
import type { CompiledRule, Policy } from './firewall-policy';
import { AddressSetBuilder, type AddressSet } from '../values/address-set';
import type { Range } from '../values/range-set';

export interface Shadowed {
  rule: CompiledRule;
  /** The first earlier rules of the list that match some of the same packets, at most MAX_BY. */
  by: CompiledRule[];
  /** How many earlier rules match some of the same packets, and how many of those decide the other way. */
  count: number;
  opposite: number;
}

/** How many covering rules a finding names (the message five, the related locations ten). */
export const MAX_BY = 10;

/** Stops the work when it returns true (the time budget); the result is then incomplete. */
export type Deadline = () => boolean;

export function shadowedRules(policy: Policy, pastDeadline: Deadline = () => false): Shadowed[] {
  const matching = policy.rules.filter((r) => !r.service.isEmpty && !r.sources.isEmpty);
  const claimed = new ClaimedSources(matching.flatMap((r) => r.service.ranges));
  const earlier = new EarlierRules();
  const out: Shadowed[] = [];
  for (const rule of matching) {
    if (pastDeadline()) break;
    const runs = rule.service.ranges.map((r) => claimed.runsOf(r));
    if (runs.every(([first, last]) => claimed.covers(first, last, rule.sources))) out.push({ rule, ...earlier.meeting(rule) });
    for (const [first, last] of runs) claimed.add(first, last, rule.sources);
    earlier.add(rule);
  }
  return out;
}

/**
 * The rules seen so far, grouped by what they match (service keys and sources): the rules that share
 * packets with a dead rule are found by testing each distinct shape once, so a baseline rule repeated
 * in every firewall of a list is tested once, not once per copy.
 */
class EarlierRules {
  private readonly shapes: { like: CompiledRule; members: CompiledRule[]; allows: number }[] = [];
  private readonly byShape = new Map<string, EarlierRules['shapes'][number]>();
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
      if (!meets(like.service.ranges, service.ranges) || !(meets(like.sources.v4.ranges, sources.v4.ranges) || meets(like.sources.v6.ranges, sources.v6.ranges))) continue;
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
 * under n, counting what was added at n and below: added[n] ∪ (common[left] ∩ common[right]).
 */
class ClaimedSources {
  private readonly bounds: bigint[];
  /** Per tree node, mutable (a splice per range added): copying a growing set for every rule was quadratic. */
  private readonly added: AddressSetBuilder[];
  private readonly common: AddressSetBuilder[];

  constructor(ranges: readonly Range[]) {
    const starts = new Set<bigint>();
    for (const [first, last] of ranges) starts.add(first).add(last + 1n);
    this.bounds = [...starts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const size = 4 * Math.max(1, this.bounds.length);
    this.added = Array.from({ length: size }, () => new AddressSetBuilder());
    this.common = Array.from({ length: size }, () => new AddressSetBuilder());
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

  /** Claims `sources` on every run from `first` to `last`. */
  add(first: number, last: number, sources: AddressSet, node = 1, lo = 0, hi = this.bounds.length - 2): void {
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
