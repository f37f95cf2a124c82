// talhelper's `ingressFirewall` (per node, and under `controlPlane` / `worker`) → host firewalls, with
// the semantics of Talos's ingress firewall (NetworkDefaultActionConfig + NetworkRuleConfig):
// - `defaultAction: accept` (Talos's default): a rule's ports are open only to its subnets, so it reads as
//   allows from the subnets, then a deny of those ports from anywhere;
// - `block`: the rules are allows, and the rest is denied. Talos also lets the pod and service subnets in
//   (for native-routing CNIs): no flow kube-netlint requires comes from them, so that is not modelled.
// A rule's `except` is a deny before the allow from its subnet. A node's own ingressFirewall replaces
// its group's, so a group's firewall applies to the nodes of the group that have none of their own.
import type { Node } from 'yaml';
import type { Span } from '../../core/types';
import type { Firewall, FirewallRule, PlanNode, Selector } from '../../model/types';
import type { YamlReader } from '../../source/yaml-nodes';
import type { Values } from '../located-values';
import { readRule } from '../talos/rules';

/** An ingressFirewall as written, and where it is. */
export interface WrittenFirewall {
  node: Node | undefined;
  reader: YamlReader;
  keySpan: Span;
  /** What findings call it: `ingressFirewall of node "cp-1"`, `ingressFirewall of worker`. */
  name: string;
}

export function readFirewall(written: WrittenFirewall, targets: PlanNode[], values: Values): Firewall | undefined {
  const { reader: r, keySpan } = written;
  const m = r.map(written.node);
  if (!m) return undefined;
  const defaultActionAt = values.string(r, m, 'defaultAction');
  const blocking = defaultActionAt?.value === 'block';
  const firewall: Firewall = {
    index: 0,
    span: r.spanOf(written.node),
    name: { value: written.name, span: keySpan },
    appliesTo: selectorOf(targets, keySpan),
    type: 'host',
    defaultAction: blocking ? 'deny' : 'allow',
    defaultActionAt,
    rules: [],
  };
  const add = (rule: Omit<FirewallRule, 'firewall' | 'index'>) => firewall.rules.push({ ...rule, firewall, index: firewall.rules.length });
  const [rules, rr] = r.child(m, 'rules');
  for (const item of rr.items(rules)) {
    const [n, ri] = rr.enter(item);
    readRule(add, ri, ri.map(n), ri.spanOf(n), values, { closing: !blocking });
  }
  return firewall;
}

/** The nodes a firewall applies to, by name (a group's firewall skips the nodes with their own). */
export function selectorOf(targets: PlanNode[], span: Span): Selector {
  return { span, all: false, roles: [], nodes: targets.flatMap((n) => (n.name ? [n.name] : [])) };
}
