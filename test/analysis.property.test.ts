// Property tests of the IP/CIDR math and the interval sweeps that every overlap and duplicate rule uses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findOverlaps, IntervalSet, type Interval } from '../src/analysis/intervals';
import { bitsOf, contains, formatCidr, formatIp, ipKey, maskBounds, overlaps, parseCidr, parseIp, type Cidr, type Family } from '../src/analysis/ip';

const family = fc.constantFrom<Family>(4, 6);
const address = (f: Family) => fc.bigInt({ min: 0n, max: (1n << BigInt(bitsOf(f))) - 1n });
const cidrOf = (f: Family) =>
  fc.tuple(address(f), fc.integer({ min: 0, max: bitsOf(f) })).map(([value, prefix]): Cidr => ({ family: f, address: value, prefix, ...maskBounds(f, value, prefix) }));
const anyCidr = family.chain(cidrOf);
/** Small IPv4 CIDRs in one /16 so that random pairs do overlap often. */
const nearbyCidr = fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 16, max: 32 })).map(([low, prefix]) => {
  const value = 0x0a000000n | BigInt(low);
  return { family: 4 as Family, address: value, prefix, ...maskBounds(4, value, prefix) };
});

/** An uncompressed, zero-padded, mixed-case spelling of an IPv6 address. */
const expandedIpv6 = (value: bigint, upper: boolean) => {
  const groups = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(((value >> s) & 0xffffn).toString(16).padStart(4, '0'));
  const text = groups.join(':');
  return upper ? text.toUpperCase() : text;
};

describe('ip', () => {
  it('formats and parses every address back to itself', () => {
    fc.assert(
      fc.property(family.chain((f) => fc.tuple(fc.constant(f), address(f))), ([f, value]) => {
        const parsed = parseIp(formatIp(f, value));
        expect(parsed).toEqual({ ok: true, value: { family: f, value } });
      }),
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
});

describe('intervals', () => {
  const toIntervals = (cidrs: Cidr[]): Interval<number>[] => cidrs.map((c, i) => ({ family: c.family, first: c.first, last: c.last, item: i }));

  it('findOverlaps returns exactly the overlapping pairs, each once', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(nearbyCidr, anyCidr), { maxLength: 30 }), (cidrs) => {
        const found = findOverlaps(toIntervals(cidrs)).map(([a, b]) => [Math.min(a.item, b.item), Math.max(a.item, b.item)].join('-'));
        const expected: string[] = [];
        for (let i = 0; i < cidrs.length; i++) for (let j = i + 1; j < cidrs.length; j++) if (overlaps(cidrs[i], cidrs[j])) expected.push(`${i}-${j}`);
        expect(found.sort()).toEqual(expected.sort());
      }),
    );
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
