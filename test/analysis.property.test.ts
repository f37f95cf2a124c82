// Property tests of the IP/CIDR math and the interval sweeps that every overlap and duplicate rule uses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findOverlaps, IntervalSet, type Interval } from '../src/values/intervals';
import {
  bitsOf,
  builtinCidr,
  contains,
  formatCidr,
  formatIp,
  ipKey,
  maskBounds,
  naturalPrefix,
  overlaps,
  parseCidr,
  parseIp,
  unmapIpv4,
  type Cidr,
  type Family,
} from '../src/values/ip';

const family = fc.constantFrom<Family>(4, 6);
const address = (f: Family) => fc.bigInt({ min: 0n, max: (1n << BigInt(bitsOf(f))) - 1n });
const cidrOf = (f: Family) =>
  fc
    .tuple(address(f), fc.integer({ min: 0, max: bitsOf(f) }))
    .map(([value, prefix]): Cidr => ({ family: f, address: value, prefix, ...maskBounds(f, value, prefix) }));
const anyCidr = family.chain(cidrOf);
/** Small IPv4 CIDRs in one /16 so that random pairs do overlap often. */
const nearbyCidr = fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 16, max: 32 })).map(([low, prefix]): Cidr => {
  const value = 0x0a000000n | BigInt(low);
  return { family: 4, address: value, prefix, ...maskBounds(4, value, prefix) };
});

/** An uncompressed, zero-padded, mixed-case spelling of an IPv6 address. */
const expandedIpv6 = (value: bigint, upper: boolean) => {
  const groups = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(((value >> s) & 0xffffn).toString(16).padStart(4, '0'));
  const text = groups.join(':');
  return upper ? text.toUpperCase() : text;
};

describe('ip', () => {
  it('reads built-in CIDRs (without ip-num) exactly as parseCidr reads them', () => {
    fc.assert(
      fc.property(anyCidr, fc.boolean(), (c, expanded) => {
        const text = expanded && c.family === 6 ? `${expandedIpv6(c.address, false)}/${c.prefix}` : formatCidr(c.family, c.address, c.prefix);
        const parsed = parseCidr(text);
        expect(parsed.ok).toBe(true);
        expect(builtinCidr(text)).toEqual(parsed.ok && parsed.value);
      }),
      { numRuns: 500 },
    );
    // What parseCidr rejects, builtinCidr rejects too; it also refuses forms the tables do not use.
    const invalid = ['1::2::3/64', '1:2:3:4:5:6:7:8:9/64', '1:2:3:4:5:6:7::8/64', 'g::/8', '::/200', '::/64/3'];
    for (const text of invalid) expect(parseCidr(text).ok, text).toBe(false);
    for (const text of [...invalid, '::', '::ffff:10.0.0.1/128']) expect(() => builtinCidr(text), text).toThrow(/bad built-in range/);
  });

  it('formats and parses every address back to itself', () => {
    fc.assert(
      fc.property(
        family.chain((f) => fc.tuple(fc.constant(f), address(f))),
        ([f, value]) => {
          const parsed = parseIp(formatIp(f, value));
          expect(parsed).toEqual({ ok: true, value: { family: f, value } });
        },
      ),
    );
  });

  it('gives every spelling of an IPv6 address one canonical key', () => {
    fc.assert(
      fc.property(address(6), fc.boolean(), (value, upper) => {
        const a = parseIp(formatIp(6, value));
        const b = parseIp(expandedIpv6(value, upper));
        expect(a.ok && b.ok && ipKey(a.value) === ipKey(b.value)).toBe(true);
      }),
    );
    const spellings = ['2001:db8::1', '2001:0db8:0::1', '2001:DB8:0:0:0:0:0:1'].map((s) => parseIp(s));
    expect(new Set(spellings.map((p) => (p.ok ? ipKey(p.value) : p.error))).size).toBe(1);
  });

  it('compresses IPv6 as RFC 5952 says', () => {
    const canon = (s: string) => {
      const p = parseIp(s);
      return p.ok ? formatIp(6, p.value.value) : p.error;
    };
    expect(canon('2001:0db8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(canon('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(canon('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1');
    expect(canon('::')).toBe('::');
    expect(canon('fe80::')).toBe('fe80::');
  });

  it('lets a CIDR contain its network address, its last address and the address as written', () => {
    fc.assert(
      fc.property(anyCidr, (c) => {
        expect(contains(c, { family: c.family, value: c.first })).toBe(true);
        expect(contains(c, { family: c.family, value: c.last })).toBe(true);
        expect(contains(c, { family: c.family, value: c.address })).toBe(true);
        expect(c.last - c.first + 1n).toBe(1n << BigInt(bitsOf(c.family) - c.prefix));
      }),
    );
  });

  it('parses what it formats, keeping host bits', () => {
    fc.assert(
      fc.property(anyCidr, (c) => {
        const p = parseCidr(formatCidr(c.family, c.address, c.prefix));
        expect(p).toEqual({ ok: true, value: c });
      }),
    );
  });

  it('has a symmetric overlap test that never mixes families', () => {
    fc.assert(
      fc.property(anyCidr, anyCidr, (a, b) => {
        expect(overlaps(a, b)).toBe(overlaps(b, a));
        if (a.family !== b.family) expect(overlaps(a, b)).toBe(false);
        expect(overlaps(a, a)).toBe(true);
      }),
    );
  });

  it('rejects malformed literals with a reason', () => {
    for (const bad of ['10.0.0', '10.0.0.256', '010.0.0.1', '10.0.0.1/33', '10.0.0.1/x', '2001:db8:::1', 'fe80::1%eth0', '', ' 10.0.0.1']) {
      const p = parseCidr(bad, true);
      expect(p.ok, bad).toBe(false);
    }
  });

  it('says what is wrong with a prefix or an octet', () => {
    const reasons: [string, string][] = [
      ['10.0.0.0/4294967296', 'the prefix length /4294967296 is longer than 32 bits'],
      ['2001:db8::/129', 'the prefix length /129 is longer than 128 bits'],
      ['10.0.0.0/-1', 'the prefix length /-1 is negative (expected 0 to 32)'],
      ['10.0.0.0/x', 'the prefix length "x" is not a number (expected 0 to 32)'],
      ['10.0.0.0/', 'the prefix length after "/" is missing (expected 0 to 32)'],
      ['10.3.0.0/24 # x', 'the prefix /24 has trailing text " # x" (inside quotes, # does not start a comment)'],
      ['10.3.0.0/24a', 'the prefix /24 has trailing text "a"'],
      ['10.96.0.1000', 'the octet "1000" has more than three digits'],
    ];
    for (const [text, reason] of reasons) expect(parseCidr(text, true), text).toEqual({ ok: false, error: reason });
  });

  it('finds the network an address starts: its host bits are clear at that prefix, not at a shorter one', () => {
    fc.assert(
      fc.property(anyCidr, (c) => {
        const p = naturalPrefix(c);
        expect(maskBounds(c.family, c.address, p).first).toBe(c.address);
        if (p > 0) expect(maskBounds(c.family, c.address, p - 1).first).not.toBe(c.address);
      }),
    );
  });

  it('unmaps IPv4-mapped IPv6 addresses, in either spelling, and nothing else', () => {
    fc.assert(
      fc.property(address(4), (value) => {
        for (const text of [`::ffff:${formatIp(4, value)}`, formatIp(6, (0xffffn << 32n) | value)]) {
          const p = parseIp(text);
          expect(p.ok && unmapIpv4(p.value), text).toEqual({ family: 4, value });
        }
      }),
    );
    fc.assert(
      fc.property(address(6), (value) => {
        fc.pre(value >> 32n !== 0xffffn);
        expect(unmapIpv4({ family: 6, value })).toBeUndefined();
      }),
    );
    expect(unmapIpv4({ family: 4, value: 0x0a000001n })).toBeUndefined();
  });
});

describe('intervals', () => {
  /** Arbitrary (not CIDR-shaped) intervals in a small range, so that they overlap partially as well. */
  const anyInterval = fc
    .tuple(family, fc.bigInt({ min: 0n, max: 64n }), fc.bigInt({ min: 0n, max: 16n }))
    .map(([f, first, width]) => ({ family: f, first, last: first + width }));
  const intersect = (a: Interval<number>, b: Interval<number>) => a.family === b.family && a.first <= b.last && b.first <= a.last;

  it('findOverlaps reports each interval that overlaps an earlier one once, against the nearest of them', () => {
    const ranges = fc.oneof(nearbyCidr, anyCidr, anyInterval);
    fc.assert(
      fc.property(fc.array(fc.tuple(ranges, fc.boolean()), { maxLength: 30 }), (entries) => {
        const intervals: Interval<number>[] = entries.map(([r, background], i) => ({ family: r.family, first: r.first, last: r.last, item: i, background }));
        // Brute force over all pairs: j is before i in sweep order (family, start, the wider first, input order).
        const before = (j: number, i: number) => {
          const [a, b] = [intervals[j], intervals[i]];
          return a.first < b.first || (a.first === b.first && (a.last > b.last || (a.last === b.last && j < i)));
        };
        const partners = (i: number) =>
          intervals.filter((o, j) => j !== i && before(j, i) && intersect(o, intervals[i]) && !(o.background && intervals[i].background));
        const found = findOverlaps(intervals);
        const reported = found.map((o) => o.interval.item);
        expect(new Set(reported).size).toBe(reported.length);
        expect(reported.sort((a, b) => a - b)).toEqual(intervals.filter((_, i) => partners(i).length > 0).map((o) => o.item));
        for (const { interval, partner } of found) {
          const candidates = partners(interval.item);
          expect(candidates).toContain(partner);
          // No candidate starts later, or at the same place and is narrower.
          for (const c of candidates) expect(c.first > partner.first || (c.first === partner.first && c.last < partner.last)).toBe(false);
        }
      }),
    );
  });

  it('findOverlaps pairs equal intervals with the first of them, and background ones not at all', () => {
    const same = (n: number, background: boolean): Interval<number>[] =>
      Array.from({ length: n }, (_, i) => ({ family: 4, first: 10n, last: 20n, item: i, background }));
    const found = findOverlaps(same(5000, false));
    expect(found.length).toBe(4999);
    expect(found.every((o) => o.partner.item === 0)).toBe(true);
    expect(findOverlaps(same(5000, true))).toEqual([]);
  });

  it('IntervalSet membership matches a linear scan', () => {
    fc.assert(
      fc.property(fc.array(nearbyCidr, { maxLength: 20 }), fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 20 }), (cidrs, probes) => {
        const set = new IntervalSet(cidrs);
        for (const low of probes) {
          const ip = { family: 4 as Family, value: 0x0a000000n | BigInt(low) };
          expect(set.has(4, ip.value)).toBe(cidrs.some((c) => contains(c, ip)));
        }
      }),
    );
  });
});
