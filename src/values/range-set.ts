// Immutable unions of closed bigint intervals, kept sorted, disjoint and non-adjacent. They are the
// one set type of the firewall analysis: addresses (per family), and service keys (protocol × port).
// Every operation is a linear merge of two sorted lists.

export type Range = readonly [first: bigint, last: bigint];

export class RangeSet {
  static readonly EMPTY = new RangeSet([]);

  /** Normalised ranges: sorted, disjoint, with a gap between neighbours. */
  private constructor(readonly ranges: readonly Range[]) {}

  static of(first: bigint, last: bigint): RangeSet {
    return first > last ? RangeSet.EMPTY : new RangeSet([[first, last]]);
  }

  /** Any ranges, in any order, overlapping or not. */
  static from(ranges: Iterable<Range>): RangeSet {
    const sorted = [...ranges].filter(([f, l]) => f <= l).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const out: [bigint, bigint][] = [];
    for (const [f, l] of sorted) {
      const last = out[out.length - 1];
      if (last && f <= last[1] + 1n) {
        if (l > last[1]) last[1] = l;
      } else {
        out.push([f, l]);
      }
    }
    return out.length === 0 ? RangeSet.EMPTY : new RangeSet(out);
  }

  get isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  /** The smallest member: the witness a message names. */
  get min(): bigint | undefined {
    return this.ranges[0]?.[0];
  }

  get size(): bigint {
    return this.ranges.reduce((n, [f, l]) => n + (l - f + 1n), 0n);
  }

  has(value: bigint): boolean {
    let lo = 0;
    let hi = this.ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [f, l] = this.ranges[mid];
      if (value < f) hi = mid - 1;
      else if (value > l) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** Both sides are sorted: one merge, no sort. */
  union(other: RangeSet): RangeSet {
    if (other.isEmpty) return this;
    if (this.isEmpty) return other;
    const a = this.ranges;
    const b = other.ranges;
    const out: [bigint, bigint][] = [];
    for (let i = 0, j = 0; i < a.length || j < b.length;) {
      const [f, l] = j >= b.length || (i < a.length && a[i][0] <= b[j][0]) ? a[i++] : b[j++];
      const last = out[out.length - 1];
      if (last && f <= last[1] + 1n) {
        if (l > last[1]) last[1] = l;
      } else {
        out.push([f, l]);
      }
    }
    return new RangeSet(out);
  }

  /**
   * Walks the smaller side and finds its place in the larger by binary search, so a rule's few source
   * ranges cost a logarithm against a policy's thousands, not a scan of them.
   */
  intersect(other: RangeSet): RangeSet {
    const [small, large] = this.ranges.length <= other.ranges.length ? [this.ranges, other.ranges] : [other.ranges, this.ranges];
    const out: Range[] = [];
    for (const [f, l] of small) {
      for (let k = endingFrom(large, f); k < large.length && large[k][0] <= l; k++) {
        out.push([large[k][0] > f ? large[k][0] : f, large[k][1] < l ? large[k][1] : l]);
      }
    }
    return out.length === 0 ? RangeSet.EMPTY : new RangeSet(out);
  }

  subtract(other: RangeSet): RangeSet {
    if (this.isEmpty || other.isEmpty) return this;
    const out: Range[] = [];
    const b = other.ranges;
    let j = endingFrom(b, this.ranges[0][0]);
    for (const [f, l] of this.ranges) {
      let start = f;
      if (j < b.length && b[j][1] < start) j = endingFrom(b, start, j);
      let k = j;
      while (k < b.length && b[k][0] <= l && start <= l) {
        if (b[k][0] > start) out.push([start, b[k][0] - 1n]);
        start = b[k][1] + 1n;
        k++;
      }
      if (start <= l) out.push([start, l]);
    }
    return out.length === 0 ? RangeSet.EMPTY : new RangeSet(out);
  }

  intersects(other: RangeSet): boolean {
    return !this.intersect(other).isEmpty;
  }

  /** Whether every member of `other` is in this set. */
  covers(other: RangeSet): boolean {
    return other.subtract(this).isEmpty;
  }

  equals(other: RangeSet): boolean {
    return this.ranges.length === other.ranges.length && this.ranges.every(([f, l], i) => f === other.ranges[i][0] && l === other.ranges[i][1]);
  }
}

/**
 * A set that grows one range at a time, for a sweep that asks "what of this is not taken yet?" after
 * every addition (a policy's rules in order): each question and each addition costs a binary search and
 * one splice, where rebuilding an immutable RangeSet would copy everything taken so far.
 */
export class RangeSetBuilder {
  private readonly taken: [bigint, bigint][] = [];

  /** What of `set` is not taken yet: each of its ranges finds its place by binary search. */
  remainderOf(set: RangeSet): RangeSet {
    const out: [bigint, bigint][] = [];
    for (const [f, l] of set.ranges) {
      let start = f;
      for (let k = endingFrom(this.taken, f); k < this.taken.length && this.taken[k][0] <= l && start <= l; k++) {
        if (this.taken[k][0] > start) out.push([start, this.taken[k][0] - 1n]);
        start = this.taken[k][1] + 1n;
      }
      if (start <= l) out.push([start, l]);
    }
    return RangeSet.from(out);
  }

  add(set: RangeSet): void {
    for (const [f, l] of set.ranges) {
      // Ranges that overlap or touch [f, l] merge with it into one.
      const i = endingFrom(this.taken, f - 1n);
      let j = i;
      let first = f;
      let last = l;
      for (; j < this.taken.length && this.taken[j][0] <= l + 1n; j++) {
        if (this.taken[j][0] < first) first = this.taken[j][0];
        if (this.taken[j][1] > last) last = this.taken[j][1];
      }
      this.taken.splice(i, j - i, [first, last]);
    }
  }

  /** Whether everything from `first` to `last` is taken. */
  covers(first: bigint, last: bigint): boolean {
    const i = endingFrom(this.taken, first);
    return i < this.taken.length && this.taken[i][0] <= first && this.taken[i][1] >= last;
  }

  /** Everything taken, as a RangeSet. */
  get set(): RangeSet {
    return RangeSet.from(this.taken);
  }
}

/** The index of the first range (from `from` on) that ends at or after `value`; the length when none does. */
function endingFrom(ranges: readonly Range[], value: bigint, from = 0): number {
  let lo = from;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid][1] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
