// A node's packet filter: the rules of every firewall that applies to it, in plan order, first match
// wins, then the default (deny if any of those firewalls denies by default). Decisions are computed
// on sets: for one service key, the address space splits into parts, each decided by one rule or by
// the default. That split is computed once per key and cached, so checking thousands of sources
// against a policy is a binary search each, never a rescan of the rules.
import type { Firewall, FirewallRule } from '../model/types';
import { deadlineTicker } from '../core/deadline';
import { AddressSet, AddressSetBuilder } from '../values/address-set';
import type { IpAddress } from '../values/ip';
import { RangeSet } from '../values/range-set';
import type { References } from './references';
import { portItemsSet } from './declared-ports';

export type Decider = { kind: 'rule'; rule: FirewallRule } | { kind: 'default'; firewall: Firewall };

export interface Decision {
  allow: boolean;
  by: Decider;
}

export interface CompiledRule {
  rule: FirewallRule;
  allow: boolean;
  service: RangeSet;
  sources: AddressSet;
}

/** A part of the address space and what decides packets from it. */
export interface DecidedPart {
  sources: AddressSet;
  decision: Decision;
}

export function compileRule(rule: FirewallRule, refs: References): CompiledRule {
  let sources = AddressSet.ALL;
  if (rule.from) {
    // References that resolve to nothing match nothing (firewall-unknown-reference reports them).
    sources = AddressSet.EMPTY;
    for (const ref of rule.from) {
      const r = refs.resolve(ref.value);
      if (r.ok) sources = sources.union(r.set);
    }
  }
  return { rule, allow: rule.action.value === 'allow', service: portItemsSet(rule.protocol, rule.ports), sources };
}

export class Policy {
  readonly fallback: Decision;
  private readonly byKey = new Map<bigint, DecidedPart[]>();
  private boundaries?: bigint[];
  /** Splitting the address space costs up to rules × their ranges: past the deadline it throws PAST_DEADLINE. */
  private readonly tick: () => void;

  constructor(
    readonly firewalls: readonly Firewall[],
    readonly rules: readonly CompiledRule[],
    deadline = Infinity,
  ) {
    const denying = firewalls.find((f) => f.defaultAction === 'deny');
    this.fallback = { allow: !denying, by: { kind: 'default', firewall: denying ?? firewalls[0] } };
    this.tick = deadlineTicker(deadline, 256);
  }

  /** The address space split by what decides a packet with this service key; parts are disjoint. */
  parts(key: bigint): DecidedPart[] {
    let parts = this.byKey.get(key);
    if (!parts) {
      parts = [];
      // What earlier rules decide: a rule's part is its sources less that, a cost that grows with the
      // rule's own ranges (binary searches), not with everything claimed before it.
      const claimed = new AddressSetBuilder();
      for (const r of this.rules) {
        this.tick();
        if (!r.service.has(key)) continue;
        const matched = claimed.remainderOf(r.sources);
        if (matched.isEmpty) continue;
        parts.push({ sources: matched, decision: { allow: r.allow, by: { kind: 'rule', rule: r.rule } } });
        claimed.add(matched);
        if (claimed.coversAll) break;
      }
      const rest = claimed.rest;
      if (!rest.isEmpty) parts.push({ sources: rest, decision: this.fallback });
      this.byKey.set(key, parts);
    }
    return parts;
  }

  decide(key: bigint, source: IpAddress): Decision {
    return this.parts(key).find((p) => p.sources.has(source))?.decision ?? this.fallback;
  }

  /** The sources allowed to send packets with this service key. */
  allowed(key: bigint): AddressSet {
    const allowed = new AddressSetBuilder();
    for (const p of this.parts(key)) if (p.decision.allow) allowed.add(p.sources);
    return allowed.set;
  }

  /**
   * Service keys in runs over which no rule starts or stops matching, so one key of each run (its
   * first) decides like all of them. Only the runs that meet `within` are returned, clipped to it.
   */
  runs(within: RangeSet): [bigint, bigint][] {
    if (!this.boundaries) {
      const starts = new Set<bigint>();
      for (const r of this.rules) for (const [f, l] of r.service.ranges) starts.add(f).add(l + 1n);
      this.boundaries = [...starts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    }
    const out: [bigint, bigint][] = [];
    for (const [first, last] of within.ranges) {
      let start = first;
      for (const b of this.boundaries) {
        if (b <= start) continue;
        if (b > last) break;
        out.push([start, b - 1n]);
        start = b;
      }
      out.push([start, last]);
    }
    return out;
  }
}

/** One value per deciding rule or default, to aggregate findings by what decides them. */
export const deciderKey = (by: Decider): object => (by.kind === 'rule' ? by.rule : by.firewall);
