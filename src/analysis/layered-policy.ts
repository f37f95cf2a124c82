// A node behind security groups and host firewalls: a packet reaches it only if every layer allows it,
// the security groups first (they sit in front of the node, in the cloud), then the host firewalls. A
// denied packet is named by the first layer that denies it. An allowed one is named by the innermost
// layer that allows it by a rule: the node's own firewall, unless that allows it only by its default.
import type { Firewall } from '../model/types';
import { AddressSet, AddressSetBuilder } from '../values/address-set';
import type { IpAddress } from '../values/ip';
import type { RangeSet } from '../values/range-set';
import type { CompiledRule, DecidedPart, Decision, PacketPolicy } from './firewall-policy';
import { boundsOf, runsWithin } from './service-runs';

export class LayeredPolicy implements PacketPolicy {
  readonly type = 'layered';
  readonly firewalls: readonly Firewall[];
  readonly rules: readonly CompiledRule[];
  readonly fallback: Decision;
  private readonly byKey = new Map<bigint, DecidedPart[]>();
  private bounds?: bigint[];

  /** `layers` outermost first. */
  constructor(readonly layers: readonly PacketPolicy[]) {
    this.firewalls = layers.flatMap((l) => l.firewalls);
    this.rules = layers.flatMap((l) => l.rules);
    this.fallback = layers.find((l) => !l.fallback.allow)?.fallback ?? layers[layers.length - 1].fallback;
  }

  parts(key: bigint): DecidedPart[] {
    let parts = this.byKey.get(key);
    if (!parts) {
      parts = this.layers.slice(1).reduce((outer, inner) => behind(outer, inner.parts(key)), this.layers[0].parts(key));
      this.byKey.set(key, parts);
    }
    return parts;
  }

  decide(key: bigint, source: IpAddress): Decision {
    return this.parts(key).find((p) => p.sources.has(source))?.decision ?? this.fallback;
  }

  allowed(key: bigint): AddressSet {
    return this.layers.reduce((set, layer) => set.intersect(layer.allowed(key)), AddressSet.ALL);
  }

  runs(within: RangeSet): [bigint, bigint][] {
    this.bounds ??= boundsOf(this.rules.flatMap((r) => r.service.ranges));
    return runsWithin(this.bounds, within);
  }
}

/**
 * The split of the packets that meet `outer`, then `inner` if `outer` lets them through. Each inner part
 * costs one intersection, and only the part an inner default allows is split again, by the outer rules
 * that let it in: linear in the parts of both.
 */
function behind(outer: readonly DecidedPart[], inner: readonly DecidedPart[]): DecidedPart[] {
  const out = outer.filter((p) => !p.decision.allow);
  const passed = new AddressSetBuilder();
  for (const p of outer) if (p.decision.allow) passed.add(p.sources);
  const through = passed.set;
  for (const p of inner) {
    const sources = p.sources.intersect(through);
    if (sources.isEmpty) continue;
    if (!p.decision.allow || p.decision.by.kind === 'rule') {
      out.push({ sources, decision: p.decision });
      continue;
    }
    for (const o of outer) {
      if (!o.decision.allow) continue;
      const admitted = o.sources.intersect(sources);
      if (!admitted.isEmpty) out.push({ sources: admitted, decision: o.decision });
    }
  }
  return out;
}
