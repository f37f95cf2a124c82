// Interval sweeps over bigint ranges: overlap pairs in O(n log n + pairs) and sorted sets with
// binary-search membership. IPv4 and IPv6 values never meet: every item carries its family.
import type { Family } from './ip';

export interface Interval<T> {
  family: Family;
  first: bigint;
  last: bigint;
  item: T;
}

/**
 * Every pair of overlapping intervals, each pair once, the earlier-starting (or, on ties, the wider)
 * one first. Sorting then sweeping keeps only the intervals still open at each start.
 */
export function findOverlaps<T>(intervals: Interval<T>[]): [Interval<T>, Interval<T>][] {
  const sorted = [...intervals].sort(compareIntervals);
  const pairs: [Interval<T>, Interval<T>][] = [];
  let open: Interval<T>[] = [];
  for (const cur of sorted) {
    open = open.filter((o) => o.family === cur.family && o.last >= cur.first);
    for (const o of open) pairs.push([o, cur]);
    open.push(cur);
  }
  return pairs;
}

function compareIntervals<T>(a: Interval<T>, b: Interval<T>): number {
  if (a.family !== b.family) return a.family - b.family;
  if (a.first !== b.first) return a.first < b.first ? -1 : 1;
  if (a.last !== b.last) return a.last > b.last ? -1 : 1;
  return 0;
}

/** A union of ranges per family, merged and sorted once, for fast membership tests. */
export class IntervalSet {
  private readonly byFamily = new Map<Family, { firsts: bigint[]; lasts: bigint[] }>();

  constructor(ranges: Iterable<{ family: Family; first: bigint; last: bigint }>) {
    const grouped = new Map<Family, [bigint, bigint][]>();
    for (const r of ranges) {
      const list = grouped.get(r.family) ?? [];
      list.push([r.first, r.last]);
      grouped.set(r.family, list);
    }
    for (const [family, list] of grouped) {
      list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const firsts: bigint[] = [];
      const lasts: bigint[] = [];
      for (const [f, l] of list) {
        const n = lasts.length;
        if (n > 0 && f <= lasts[n - 1] + 1n) {
          if (l > lasts[n - 1]) lasts[n - 1] = l;
        } else {
          firsts.push(f);
          lasts.push(l);
        }
      }
      this.byFamily.set(family, { firsts, lasts });
    }
  }

  get isEmpty(): boolean {
    return this.byFamily.size === 0;
  }

  has(family: Family, value: bigint): boolean {
    const set = this.byFamily.get(family);
    if (!set) return false;
    let lo = 0;
    let hi = set.firsts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (value < set.firsts[mid]) hi = mid - 1;
      else if (value > set.lasts[mid]) lo = mid + 1;
      else return true;
    }
    return false;
  }
}
