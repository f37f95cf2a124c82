// Interval sweeps over bigint ranges: overlap partners in O(n log n) and sorted sets with
// binary-search membership. IPv4 and IPv6 values never meet: every item carries its family.
import type { Family } from './ip';

export interface Interval<T> {
  family: Family;
  first: bigint;
  last: bigint;
  item: T;
  /** Background intervals are paired with foreground ones only, never with one another. */
  background?: boolean;
}

export interface Overlap<T> {
  interval: Interval<T>;
  /** An interval before `interval` in sweep order that overlaps it: the one that starts last. */
  partner: Interval<T>;
}

/**
 * Each interval that overlaps an interval before it in sweep order (by family, then start, the wider
 * first on ties, then input order), once, with one partner: of those earlier intervals it may pair
 * with, the one that starts last (the narrowest on ties). CIDRs nest or are disjoint, so for them the
 * partner is the nearest network that contains the interval or equals it. So there is at most one
 * overlap per interval, however many of them overlap one another.
 *
 * The sweep keeps one stack of open intervals per group (foreground, background). The top of a stack,
 * once the intervals that end before the current start are popped, is the open interval of that group
 * that started last; an interval equal to the top is not pushed, as the top stands for it.
 */
export function findOverlaps<T>(intervals: Interval<T>[]): Overlap<T>[] {
  const sorted = [...intervals].sort(compareIntervals);
  const foreground: Interval<T>[] = [];
  const background: Interval<T>[] = [];
  const overlaps: Overlap<T>[] = [];
  for (const cur of sorted) {
    const fg = openTop(foreground, cur);
    const bg = openTop(background, cur);
    const partner = cur.background ? fg : innermost(fg, bg);
    if (partner) overlaps.push({ interval: cur, partner });
    const top = cur.background ? bg : fg;
    if (!top || top.first !== cur.first || top.last !== cur.last) (cur.background ? background : foreground).push(cur);
  }
  return overlaps;
}

/** Pops the intervals that end before `cur` starts (or are of another family); returns the top left. */
function openTop<T>(stack: Interval<T>[], cur: Interval<T>): Interval<T> | undefined {
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.family === cur.family && top.last >= cur.first) return top;
    stack.pop();
  }
  return undefined;
}

/** Of two open intervals, the one that started last (the narrower on equal starts, `a` on a tie). */
function innermost<T>(a: Interval<T> | undefined, b: Interval<T> | undefined): Interval<T> | undefined {
  if (!a || !b) return a ?? b;
  return b.first > a.first || (b.first === a.first && b.last < a.last) ? b : a;
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
