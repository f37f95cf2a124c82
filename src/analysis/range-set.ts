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

  union(other: RangeSet): RangeSet {
    if (other.isEmpty) return this;
    if (this.isEmpty) return other;
    return RangeSet.from([...this.ranges, ...other.ranges]);
  }

  intersect(other: RangeSet): RangeSet {
    const out: Range[] = [];
    let i = 0;
    let j = 0;
    const a = this.ranges;
    const b = other.ranges;
    while (i < a.length && j < b.length) {
      const first = a[i][0] > b[j][0] ? a[i][0] : b[j][0];
      const last = a[i][1] < b[j][1] ? a[i][1] : b[j][1];
      if (first <= last) out.push([first, last]);
      if (a[i][1] < b[j][1]) i++;
      else j++;
    }
    return out.length === 0 ? RangeSet.EMPTY : new RangeSet(out);
  }

  subtract(other: RangeSet): RangeSet {
    if (this.isEmpty || other.isEmpty) return this;
    const out: Range[] = [];
    let j = 0;
    const b = other.ranges;
    for (const [f, l] of this.ranges) {
      let start = f;
      while (j < b.length && b[j][1] < start) j++;
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
