// A node's security groups (AWS security groups, Hetzner Cloud firewalls): every rule of every group
// attached to the node allows, in no order, and what none of them allows is denied. They are stateful,
// so replies need no rule (a plan describes what reaches a node). A union of allows decides as a
// first-match list of them over a deny: it allows exactly the union, and names the first rule (in plan
// order) that allows a packet.
import type { Firewall } from '../model/types';
import { FirstMatchPolicy, type CompiledRule } from './firewall-policy';

export class SecurityGroupPolicy extends FirstMatchPolicy {
  /** `rules` are the groups' rules, all allows (the model leaves a group's deny rules out). */
  constructor(groups: readonly Firewall[], rules: readonly CompiledRule[], deadline = Infinity) {
    super('security-group', groups, rules, { allow: false, by: { kind: 'unmatched', firewall: groups[0], groups } }, deadline);
  }
}
