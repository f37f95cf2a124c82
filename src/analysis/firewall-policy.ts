// What a node's firewalls let through, whatever their type: a PacketPolicy. Decisions are computed on
// sets: for one service key, the address space splits into parts, each decided by one rule or by a
// default. The split is computed once per key and cached, so checking thousands of sources against a
// policy is a binary search each, never a rescan of the rules. The host firewalls' first-match list is
// here; security groups (security-group-policy.ts) reuse it, and layered-policy.ts stacks the two.
import type { Firewall, FirewallRule, FirewallType } from '../model/types';
import { deadlineTicker } from '../core/deadline';
import { AddressSet, AddressSetBuilder } from '../values/address-set';
import type { IpAddress } from '../values/ip';
import type { RangeSet } from '../values/range-set';
import type { References } from './references';
import { portItemsSet } from './declared-ports';
import { boundsOf, runsWithin } from './service-runs';

export type Decider =
  | { kind: 'rule'; rule: FirewallRule }
  | { kind: 'default'; firewall: Firewall }
  /** No rule of a node's security groups allows the packet; `firewall` is the first of them, where findings point. */
  | { kind: 'unmatched'; firewall: Firewall; groups: readonly Firewall[] };

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
  if (rule.arrivesOn) sources = sources.intersect(rule.arrivesOn.reduce((s, i) => s.union(refs.arrivingOn(i.value)), AddressSet.EMPTY));
  return { rule, allow: rule.action.value === 'allow', service: portItemsSet(rule.protocol, rule.ports), sources };
}

/** What the firewalls of a group of nodes let through: what every firewall rule and exposure check asks. */
export interface PacketPolicy {
  /** `layered` when a packet passes security groups, then host firewalls. */
  readonly type: FirewallType | 'layered';
  /** The firewalls that decide, outermost layer first, each layer's in plan order. */
  readonly firewalls: readonly Firewall[];
  readonly rules: readonly CompiledRule[];
  /** The policies a packet passes, outermost first: a layered policy's layers, or the policy alone. */
  readonly layers: readonly PacketPolicy[];
  /** What decides a packet no rule matches. */
  readonly fallback: Decision;
  /** The address space split by what decides a packet with this service key; parts are disjoint. */
  parts(key: bigint): DecidedPart[];
  decide(key: bigint, source: IpAddress): Decision;
  /** The sources allowed to send packets with this service key. */
  allowed(key: bigint): AddressSet;
  /** Service keys in runs that every rule treats alike, the runs that meet `within` clipped to it. */
  runs(within: RangeSet): [bigint, bigint][];
}

/** Rules in order, first match wins, then `fallback`. */
export class FirstMatchPolicy implements PacketPolicy {
  readonly layers: readonly PacketPolicy[] = [this];
  private readonly byKey = new Map<bigint, DecidedPart[]>();
  private bounds?: bigint[];
  /** Splitting the address space costs up to rules × their ranges: past the deadline it throws PAST_DEADLINE. */
  private readonly tick: () => void;

  constructor(
    readonly type: FirewallType,
    readonly firewalls: readonly Firewall[],
    readonly rules: readonly CompiledRule[],
    readonly fallback: Decision,
    deadline: number,
  ) {
    this.tick = deadlineTicker(deadline, 256);
  }

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

  allowed(key: bigint): AddressSet {
    const allowed = new AddressSetBuilder();
    for (const p of this.parts(key)) if (p.decision.allow) allowed.add(p.sources);
    return allowed.set;
  }

  runs(within: RangeSet): [bigint, bigint][] {
    this.bounds ??= boundsOf(this.rules.flatMap((r) => r.service.ranges));
    return runsWithin(this.bounds, within);
  }
}

/**
 * A node's host firewalls: their rules form one list in plan order, and what no rule matches is denied
 * if any of them denies by default.
 */
export class Policy extends FirstMatchPolicy {
  constructor(firewalls: readonly Firewall[], rules: readonly CompiledRule[], deadline = Infinity) {
    const denying = firewalls.find((f) => f.defaultAction === 'deny');
    super('host', firewalls, rules, { allow: !denying, by: { kind: 'default', firewall: denying ?? firewalls[0] } }, deadline);
  }
}

export type DeciderKey = object | string;

/**
 * What findings are aggregated by: the written rule, by its place and name (a command, a zone's port, an nftables
 * rule that the model splits into several rules, or one read for two imports, is one text and one finding; rules
 * located at one place but named apart, such as a zone's shipped services, stay apart), a firewall's default, or
 * the security groups that allow none of a packet.
 */
export const deciderKey = (by: Decider): DeciderKey =>
  by.kind === 'rule' ? `rule ${by.rule.span[0]}-${by.rule.span[1]} ${by.rule.name?.value ?? ''}` : by.kind === 'default' ? by.firewall : by.groups;
