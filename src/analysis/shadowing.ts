// Rules no packet reaches: earlier rules of the same list already decide everything a rule matches.
// Computed on sets, one run of service keys at a time (runs over which no rule starts or stops
// matching): in each run the sources claimed so far grow rule by rule, and a rule whose sources are
// all claimed in every run it matches is dead there.
import type { CompiledRule, Policy } from './firewall-policy';
import { AddressSet } from './address-set';
import { RangeSet } from './range-set';

export interface Shadowed {
  rule: CompiledRule;
  /** Earlier rules of the list that match some of the same packets. */
  by: CompiledRule[];
}

export function shadowedRules(policy: Policy): Shadowed[] {
  const matching = policy.rules.filter((r) => !r.service.isEmpty && !r.sources.isEmpty);
  const everything = matching.reduce((s, r) => s.union(r.service), RangeSet.EMPTY);
  const live = new Set<CompiledRule>();
  for (const [first] of policy.runs(everything)) {
    let claimed = AddressSet.EMPTY;
    for (const r of matching) {
      if (!r.service.has(first)) continue;
      if (!live.has(r) && !claimed.covers(r.sources)) live.add(r);
      claimed = claimed.union(r.sources);
    }
  }
  return matching
    .filter((r) => !live.has(r))
    .map((rule) => {
      const index = matching.indexOf(rule);
      const by = matching.slice(0, index).filter((e) => e.service.intersects(rule.service) && e.sources.intersects(rule.sources));
      return { rule, by };
    });
}
