// Runs of service keys (protocol × port) over which no rule starts or stops matching: the first key of a
// run decides like all of them, so policies are evaluated once per run, never once per port.
import type { Range, RangeSet } from '../values/range-set';

/** The sorted keys at which some range starts, or ends (the key after its last). */
export function boundsOf(ranges: Iterable<Range>): bigint[] {
  const starts = new Set<bigint>();
  for (const [first, last] of ranges) starts.add(first).add(last + 1n);
  return [...starts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The runs between `bounds` that meet `within`, clipped to it. */
export function runsWithin(bounds: readonly bigint[], within: RangeSet): [bigint, bigint][] {
  const out: [bigint, bigint][] = [];
  for (const [first, last] of within.ranges) {
    let start = first;
    for (const b of bounds) {
      if (b <= start) continue;
      if (b > last) break;
      out.push([start, b - 1n]);
      start = b;
    }
    out.push([start, last]);
  }
  return out;
}
