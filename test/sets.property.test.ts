// Property tests of the set algebra under the firewall analysis: RangeSet operations agree with plain
// JS sets over a small universe (the policies built on them: test/policy.property.test.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressSet, PUBLIC } from '../src/values/address-set';
import { parseCidr } from '../src/values/ip';
import { RangeSet, RangeSetBuilder } from '../src/values/range-set';

const UNIVERSE = 64;
const range = fc
  .tuple(fc.integer({ min: 0, max: UNIVERSE - 1 }), fc.integer({ min: 0, max: 12 }))
  .map(([f, len]) => [BigInt(f), BigInt(Math.min(UNIVERSE - 1, f + len))] as const);
const ranges = fc.array(range, { maxLength: 6 });
const members = (s: RangeSet) => new Set(Array.from({ length: UNIVERSE }, (_, i) => BigInt(i)).filter((v) => s.has(v)));
const model = (rs: (readonly [bigint, bigint])[]) => new Set(rs.flatMap(([f, l]) => Array.from({ length: Number(l - f) + 1 }, (_, i) => f + BigInt(i))));
const sorted = (s: Set<bigint>) => [...s].sort((a, b) => (a < b ? -1 : 1));

describe('RangeSet', () => {
  it('holds exactly the members of its ranges, normalised (sorted, disjoint, not adjacent)', () => {
    fc.assert(
      fc.property(ranges, (rs) => {
        const set = RangeSet.from(rs);
        expect(sorted(members(set))).toEqual(sorted(model(rs)));
        set.ranges.forEach(([f, l], i) => {
          expect(f <= l).toBe(true);
          if (i > 0) expect(f > set.ranges[i - 1][1] + 1n).toBe(true);
        });
        expect(set.size).toBe(BigInt(model(rs).size));
      }),
    );
  });

  it('unions, intersects and subtracts as sets do', () => {
    fc.assert(
      fc.property(ranges, ranges, (ra, rb) => {
        const [a, b] = [RangeSet.from(ra), RangeSet.from(rb)];
        const [ma, mb] = [model(ra), model(rb)];
        expect(sorted(members(a.union(b)))).toEqual(sorted(new Set([...ma, ...mb])));
        expect(sorted(members(a.intersect(b)))).toEqual(sorted(new Set([...ma].filter((v) => mb.has(v)))));
        expect(sorted(members(a.subtract(b)))).toEqual(sorted(new Set([...ma].filter((v) => !mb.has(v)))));
        expect(a.covers(b)).toBe([...mb].every((v) => ma.has(v)));
        expect(a.intersects(b)).toBe([...ma].some((v) => mb.has(v)));
        expect(a.union(b).equals(b.union(a))).toBe(true);
      }),
    );
  });
});

describe('RangeSetBuilder', () => {
  it('grown set by set, answers what of each is new and holds their union', () => {
    fc.assert(
      fc.property(fc.array(ranges, { maxLength: 8 }), (sets) => {
        const builder = new RangeSetBuilder();
        const taken = new Set<bigint>();
        for (const rs of sets) {
          const set = RangeSet.from(rs);
          expect(sorted(members(builder.remainderOf(set)))).toEqual(sorted(new Set([...model(rs)].filter((v) => !taken.has(v)))));
          builder.add(set);
          model(rs).forEach((v) => taken.add(v));
          expect(sorted(members(builder.set))).toEqual(sorted(taken));
          expect(builder.covers(0n, BigInt(UNIVERSE - 1))).toBe(taken.size === UNIVERSE);
        }
      }),
    );
  });
});

describe('public addresses', () => {
  it('are computed on sets: halves of the IPv4 space add up to all of its public part', () => {
    const cidr = (text: string) => {
      const parsed = parseCidr(text);
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.value;
    };
    const halves = ['0.0.0.0/1', '128.0.0.0/1'].map((t) => AddressSet.ofCidr(cidr(t)));
    const everything = AddressSet.ofCidr(cidr('0.0.0.0/0'));
    expect(halves[0].union(halves[1]).intersect(PUBLIC).v4.equals(everything.intersect(PUBLIC).v4)).toBe(true);
    for (const [text, isPublic] of [
      ['100.64.0.1', false],
      ['10.1.2.3', false],
      ['1.1.1.1', true],
      ['2001:db8::1', false],
      ['2606:4700::1', true],
      ['fd00::1', false],
    ] as const) {
      const ip = parseCidr(text, true);
      if (!ip.ok) throw new Error(text);
      expect(PUBLIC.has({ family: ip.value.family, value: ip.value.address }), text).toBe(isPublic);
    }
  });
});

describe('IPv4 text', () => {
  // The reading of an IPv4 address, written out as the rules the parser states: four dot-separated octets of
  // one to three digits, no leading zero, none over 255.
  const reference = (text: string): bigint | undefined => {
    const octets = text.split('.');
    if (octets.length !== 4 || octets.some((o) => !/^\d{1,3}$/.test(o) || (o.length > 1 && o.startsWith('0')) || Number(o) > 255)) return undefined;
    return octets.reduce((v, o) => v * 256n + BigInt(o), 0n);
  };
  const text = fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9', '.', '.', 'a', ' '), maxLength: 17 });
  const quads = fc.array(fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('00', '01', '007', '1000', '')), {
    minLength: 3,
    maxLength: 5,
  });

  it('is read exactly as the written rules say, on any text of digits and dots', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          text,
          quads.map((q) => q.join('.')),
        ),
        (t) => {
          const r = parseCidr(t, true);
          const expected = reference(t);
          expect(r.ok ? r.value.address : undefined).toBe(expected);
          if (r.ok) expect(r.value.family).toBe(4);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
