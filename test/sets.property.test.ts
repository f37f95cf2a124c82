// Property tests of the set algebra under the firewall analysis: RangeSet operations agree with plain
// JS sets over a small universe, and a Policy's set-based decisions agree with evaluating the rules
// packet by packet (first match wins, then the default).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressSet, PUBLIC } from '../src/values/address-set';
import { Policy, type CompiledRule } from '../src/analysis/firewall-policy';
import { parseCidr } from '../src/values/ip';
import { shadowedRules } from '../src/analysis/shadowing';
import { RangeSet, RangeSetBuilder } from '../src/values/range-set';
import { serviceKey, serviceSet } from '../src/values/ports';
import type { Firewall, FirewallRule } from '../src/model/types';

const UNIVERSE = 64;
const range = fc.tuple(fc.integer({ min: 0, max: UNIVERSE - 1 }), fc.integer({ min: 0, max: 12 })).map(([f, len]) => [BigInt(f), BigInt(Math.min(UNIVERSE - 1, f + len))] as const);
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
    const halves = ['0.0.0.0/1', '128.0.0.0/1'].map((t) => AddressSet.ofCidr((parseCidr(t) as { value: never }).value));
    const everything = AddressSet.ofCidr((parseCidr('0.0.0.0/0') as { value: never }).value);
    expect(halves[0].union(halves[1]).intersect(PUBLIC).v4.equals(everything.intersect(PUBLIC).v4)).toBe(true);
    for (const [text, isPublic] of [['100.64.0.1', false], ['10.1.2.3', false], ['1.1.1.1', true], ['2001:db8::1', false], ['2606:4700::1', true], ['fd00::1', false]] as const) {
      const ip = parseCidr(text, true);
      if (!ip.ok) throw new Error(text);
      expect(PUBLIC.has({ family: ip.value.family, value: ip.value.address }), text).toBe(isPublic);
    }
  });
});

describe('Policy', () => {
  // Rules over a small world: protocol tcp or udp, ports 1-8, IPv4 sources 0-31.
  const rule = fc.record({
    allow: fc.boolean(),
    proto: fc.constantFrom<6 | 17 | 'any'>(6, 17, 'any'),
    ports: fc.option(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 3 })), { nil: undefined }),
    src: fc.option(ranges.map((rs) => rs.map(([f, l]) => [f % 32n, l % 32n < f % 32n ? f % 32n : l % 32n] as const)), { nil: undefined }),
  });
  const firewall = { index: 0, defaultAction: 'deny' } as Firewall;

  const compile = (specs: fc.RecordValue<typeof rule>[], fw: Firewall): CompiledRule[] =>
    specs.map((s, i) => ({
      rule: { index: i, firewall: fw } as FirewallRule,
      allow: s.allow,
      service: serviceSet(s.proto, s.ports && [[s.ports[0], s.ports[0] + s.ports[1]]]),
      sources: s.src ? new AddressSet(RangeSet.from(s.src), RangeSet.EMPTY) : AddressSet.ALL,
    }));

  it('decides every packet as evaluating the rules one by one does', () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 8 }), fc.boolean(), (specs, defaultAllow) => {
        const fw = { ...firewall, defaultAction: defaultAllow ? 'allow' : 'deny' } as Firewall;
        const compiled = compile(specs, fw);
        const policy = new Policy([fw], compiled);
        for (const proto of [6, 17]) {
          for (let port = 1; port <= 12; port++) {
            const key = serviceKey(proto, port);
            const allowed = policy.allowed(key);
            for (let src = 0n; src < 32n; src++) {
              const ip = { family: 4 as const, value: src };
              const first = compiled.find((c) => c.service.has(key) && c.sources.has(ip));
              const expected = first ? first.allow : defaultAllow;
              expect(policy.decide(key, ip).allow).toBe(expected);
              expect(allowed.has(ip)).toBe(expected);
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('finds exactly the rules that are the first match of no packet', () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 8 }), (specs) => {
        const compiled = compile(specs, firewall);
        const firstMatches = new Set<CompiledRule>();
        // Every packet of the world: sources are IPv4 0-31 (rules name nothing else), any protocol and port.
        const keys = [...Array.from({ length: 256 }, (_, p) => serviceKey(p, 0)), ...[6, 17, 132].flatMap((p) => Array.from({ length: 16 }, (_, port) => serviceKey(p, port)))];
        for (const key of keys) {
          for (let src = 0n; src < 32n; src++) {
            const first = compiled.find((c) => c.service.has(key) && c.sources.has({ family: 4, value: src }));
            if (first) firstMatches.add(first);
          }
        }
        // Rules whose sources reach beyond the world (any) always have a first match outside it when live.
        const world = new AddressSet(RangeSet.of(0n, 31n), RangeSet.EMPTY);
        const clipped = compiled.map((c) => ({ ...c, sources: c.sources.intersect(world) }));
        const dead = shadowedRules(new Policy([firewall], clipped)).map((s) => clipped.indexOf(s.rule));
        const expected = compiled.flatMap((c, i) => (!firstMatches.has(c) && !clipped[i].sources.isEmpty && !c.service.isEmpty ? [i] : []));
        expect(dead).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
