// Property tests of the firewall policies against evaluating rules packet by packet over a small world
// (protocols tcp and udp, ports 1-12, IPv4 sources 0-31): a host firewall's list (first match wins, then
// the default), a node's security groups (any rule allows, else denied), and the two layered (every layer
// must allow; named by the first layer that denies, else by the innermost rule that allows). And the
// rules the shadowing sweeps find, against the same packets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressSet } from '../src/values/address-set';
import { deciderKey, Policy, type CompiledRule, type Decision, type PacketPolicy } from '../src/analysis/firewall-policy';
import { LayeredPolicy } from '../src/analysis/layered-policy';
import { SecurityGroupPolicy } from '../src/analysis/security-group-policy';
import { MAX_BY, redundantRules, shadowedRules } from '../src/analysis/shadowing';
import { RangeSet } from '../src/values/range-set';
import { serviceKey, serviceSet } from '../src/values/ports';
import type { Firewall, FirewallRule } from '../src/model/types';

const WORLD = new AddressSet(RangeSet.of(0n, 31n), RangeSet.EMPTY);
const SOURCES = Array.from({ length: 32 }, (_, i) => ({ family: 4 as const, value: BigInt(i) }));
const KEYS = [6, 17].flatMap((proto) => Array.from({ length: 12 }, (_, i) => serviceKey(proto, i + 1)));
/** Every packet a rule of the world can match: any protocol, and tcp, udp and sctp ports 0-15. */
const ALL_KEYS = [
  ...Array.from({ length: 256 }, (_, p) => serviceKey(p, 0)),
  ...[6, 17, 132].flatMap((p) => Array.from({ length: 16 }, (_, port) => serviceKey(p, port))),
];

const source = fc
  .tuple(fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: 12 }))
  .map(([f, len]) => [BigInt(f), BigInt(Math.min(31, f + len))] as const);
interface Spec {
  allow: boolean;
  proto: 6 | 17 | 'any';
  /** First port and how many more. */
  ports?: readonly [number, number];
  src?: readonly (readonly [bigint, bigint])[];
}
const rule: fc.Arbitrary<Spec> = fc.record({
  allow: fc.boolean(),
  proto: fc.constantFrom<6 | 17 | 'any'>(6, 17, 'any'),
  ports: fc.option(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 3 })), { nil: undefined }),
  src: fc.option(fc.array(source, { maxLength: 4 }), { nil: undefined }),
});
/** Rules over a few ports and blocks of sources, so that rules cover each other often and in parts. */
const BLOCKS = [
  [0n, 7n],
  [8n, 15n],
  [16n, 31n],
  [0n, 15n],
] as const;
const overlapping: fc.Arbitrary<Spec> = fc.record({
  allow: fc.constant(true),
  proto: fc.constantFrom<6 | 'any'>(6, 6, 'any'),
  ports: fc.option(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 2 })), { nil: undefined }),
  src: fc.option(fc.array(fc.constantFrom(...BLOCKS), { minLength: 1, maxLength: 2 }), { nil: undefined }),
});
const allows = (specs: Spec[]) => specs.map((s) => ({ ...s, allow: true }));

const firewall = (index: number, type: Firewall['type'], defaultAction: Firewall['defaultAction'] = 'deny') =>
  ({ index, type, defaultAction, rules: [] }) as unknown as Firewall;

/** Sources beyond the world (none written: any) are clipped to it when `clip` is set. */
const compile = (specs: Spec[], fw: Firewall, clip = false): CompiledRule[] =>
  specs.map((s, i) => {
    const sources = s.src ? new AddressSet(RangeSet.from(s.src), RangeSet.EMPTY) : AddressSet.ALL;
    return {
      rule: { index: i, firewall: fw, action: { value: s.allow ? 'allow' : 'deny', span: [i, i] } } as unknown as FirewallRule,
      allow: s.allow,
      service: serviceSet(s.proto, s.ports && [[s.ports[0], s.ports[0] + s.ports[1]]]),
      sources: clip ? sources.intersect(WORLD) : sources,
    };
  });

const matches = (r: CompiledRule, key: bigint, ip: (typeof SOURCES)[number]) => r.service.has(key) && r.sources.has(ip);

/** The host model: the first rule that matches, else the default. */
function firstMatch(rules: CompiledRule[], fw: Firewall, key: bigint, ip: (typeof SOURCES)[number]): Decision {
  const first = rules.find((r) => matches(r, key, ip));
  return first
    ? { allow: first.allow, by: { kind: 'rule', rule: first.rule } }
    : { allow: fw.defaultAction === 'allow', by: { kind: 'default', firewall: fw } };
}

/** The security-group model: any rule that matches allows (the first names it), else none does. */
function anyAllows(rules: CompiledRule[], groups: Firewall[], key: bigint, ip: (typeof SOURCES)[number]): Decision {
  const allowing = rules.find((r) => matches(r, key, ip));
  return allowing ? { allow: true, by: { kind: 'rule', rule: allowing.rule } } : { allow: false, by: { kind: 'unmatched', firewall: groups[0], groups } };
}

/** The layered model: the first layer that denies, else the innermost rule that allows. */
function layered(outer: Decision, inner: Decision): Decision {
  if (!outer.allow) return outer;
  if (!inner.allow || inner.by.kind === 'rule') return inner;
  return outer;
}

/** Every packet of the world decided as the model does, its parts a partition, and every key of a run deciding like its first. */
function expectDecides(policy: PacketPolicy, model: (key: bigint, ip: (typeof SOURCES)[number]) => Decision): void {
  // Deciders compared by identity (the rule, the firewall, the groups), through one id each; one comparison per
  // property run, not per packet. (deciderKey is coarser: it joins the rules of one written text.)
  const ids = new Map<object, number>();
  const identity = (by: Decision['by']): object => (by.kind === 'rule' ? by.rule : by.kind === 'default' ? by.firewall : by.groups);
  const id = (d: Decision) => `${d.allow} ${d.by.kind} ${ids.get(identity(d.by)) ?? ids.set(identity(d.by), ids.size).get(identity(d.by))}`;
  const actual: string[] = [];
  const expected: string[] = [];
  for (const key of KEYS) {
    const allowed = policy.allowed(key);
    const parts = policy.parts(key);
    for (const ip of SOURCES) {
      const decision = model(key, ip);
      expected.push(`${key}/${ip.value}: ${id(decision)} ${decision.allow} 1`);
      actual.push(`${key}/${ip.value}: ${id(policy.decide(key, ip))} ${allowed.has(ip)} ${parts.filter((p) => p.sources.has(ip)).length}`);
    }
  }
  expect(actual).toEqual(expected);
  const world = RangeSet.from([6, 17].map((p) => [serviceKey(p, 1), serviceKey(p, 12)] as const));
  const unlike: string[] = [];
  for (const [first, last] of policy.runs(world)) {
    for (let key = first + 1n; key <= last; key++)
      for (const ip of SOURCES) if (identity(policy.decide(key, ip).by) !== identity(policy.decide(first, ip).by)) unlike.push(`${key}/${ip.value}`);
  }
  expect(unlike).toEqual([]);
}

describe('host policy', () => {
  it('decides every packet as evaluating the rules one by one does', () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 8 }), fc.boolean(), (specs, defaultAllow) => {
        const fw = firewall(0, 'host', defaultAllow ? 'allow' : 'deny');
        const compiled = compile(specs, fw);
        expectDecides(new Policy([fw], compiled), (key, ip) => firstMatch(compiled, fw, key, ip));
      }),
      { numRuns: 200 },
    );
  });

  it('finds exactly the rules that are the first match of no packet', () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 8 }), (specs) => {
        const fw = firewall(0, 'host');
        // Rules whose sources reach beyond the world (any) always have a first match outside it when live.
        const compiled = compile(specs, fw, true);
        const firstMatches = new Set<CompiledRule>();
        for (const key of ALL_KEYS) {
          for (const ip of SOURCES) {
            const first = compiled.find((c) => matches(c, key, ip));
            if (first) firstMatches.add(first);
          }
        }
        const dead = shadowedRules(new Policy([fw], compiled)).map((s) => compiled.indexOf(s.rule));
        const expected = compiled.flatMap((c, i) => (!firstMatches.has(c) && !c.sources.isEmpty && !c.service.isEmpty ? [i] : []));
        expect(dead).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('security-group policy', () => {
  it('allows a packet when any rule of any group allows it, and names the first such rule', () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 8 }), fc.array(rule, { maxLength: 4 }), (a, b) => {
        const groups = [firewall(0, 'security-group'), firewall(1, 'security-group')];
        const compiled = [...compile(allows(a), groups[0]), ...compile(allows(b), groups[1])];
        expectDecides(new SecurityGroupPolicy(groups, compiled), (key, ip) => anyAllows(compiled, groups, key, ip));
      }),
      { numRuns: 200 },
    );
  });

  it('finds the rules that add nothing, from the last to the first, and the kept rules that cover them', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(rule, overlapping), { maxLength: 12 }), (specs) => {
        const group = firewall(0, 'security-group');
        const compiled = compile(allows(specs), group, true);
        // Each rule's packets, one flag per (key, source) of the world.
        const packets = compiled.map((r) => ALL_KEYS.flatMap((key) => SOURCES.map((ip) => matches(r, key, ip))));
        const union = (rules: boolean[][]) => packets[0]?.map((_, p) => rules.some((r) => r[p])) ?? [];
        // Dropped when the rules before it and the kept rules after it match every packet it matches.
        const dropped = new Set<number>();
        for (let i = compiled.length - 1; i >= 0; i--) {
          if (!packets[i].includes(true)) continue;
          const others = union(packets.filter((_, j) => j < i || (j > i && !dropped.has(j))));
          if (packets[i].every((m, p) => !m || others[p])) dropped.add(i);
        }
        const found = redundantRules(new SecurityGroupPolicy([group], compiled));
        expect(found.map((s) => compiled.indexOf(s.rule))).toEqual([...dropped].sort((x, y) => x - y));
        // What is kept allows all that every rule did.
        const kept = compiled.filter((_, i) => !dropped.has(i));
        expect(union(packets.filter((_, i) => !dropped.has(i)))).toEqual(union(packets));
        for (const s of found) {
          const meeting = kept.filter((k) => k.service.intersects(s.rule.service) && k.sources.intersects(s.rule.sources));
          expect(s.by).toEqual(meeting.slice(0, MAX_BY));
          expect([s.count, s.opposite]).toEqual([meeting.length, 0]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('layered policy', () => {
  it('lets a packet through only when the security groups and then the host firewall allow it', () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 6 }), fc.array(rule, { maxLength: 6 }), fc.boolean(), (groupSpecs, hostSpecs, defaultAllow) => {
        const groups = [firewall(0, 'security-group')];
        const host = firewall(1, 'host', defaultAllow ? 'allow' : 'deny');
        const groupRules = compile(allows(groupSpecs), groups[0]);
        const hostRules = compile(hostSpecs, host);
        const policy = new LayeredPolicy([new SecurityGroupPolicy(groups, groupRules), new Policy([host], hostRules)]);
        expectDecides(policy, (key, ip) => layered(anyAllows(groupRules, groups, key, ip), firstMatch(hostRules, host, key, ip)));
        expect(policy.fallback).toEqual({ allow: false, by: { kind: 'unmatched', firewall: groups[0], groups } });
      }),
      { numRuns: 200 },
    );
  });
});

describe('deciderKey', () => {
  const firewall = { index: 0, span: [0, 40], type: 'host', defaultAction: 'deny', rules: [] } as unknown as Firewall;
  const rule = (name: string, span: [number, number] = [0, 10]) =>
    ({ firewall, index: 0, span, action: { value: 'allow', span }, protocol: 6, name: { value: name, span } }) as FirewallRule;

  it('joins the model rules of one written rule, and keeps apart rules at one place with other names', () => {
    const by = (r: FirewallRule) => deciderKey({ kind: 'rule', rule: r });
    // `ufw allow 6379` is a tcp and a udp rule, at one command and with its one name.
    expect(by(rule('ufw allow 6379'))).toBe(by(rule('ufw allow 6379')));
    // A zone's shipped services are located at its first command, each under its own name.
    expect(by(rule('service ssh of the public zone'))).not.toBe(by(rule('service samba-client of the public zone')));
    expect(by(rule('ufw allow 22', [0, 10]))).not.toBe(by(rule('ufw allow 22', [11, 21])));
  });
});
