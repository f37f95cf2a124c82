// talhelper's `ingressFirewall` (per node, and under `controlPlane` / `worker`) → host firewalls, with
// the semantics of Talos's ingress firewall (NetworkDefaultActionConfig + NetworkRuleConfig):
// - `defaultAction: accept` (Talos's default): a rule's ports are open only to its subnets, so it reads as
//   allows from the subnets, then a deny of those ports from anywhere;
// - `block`: the rules are allows, and the rest is denied. Talos also lets the pod and service subnets in
//   (for native-routing CNIs): no flow kube-netlint requires comes from them, so that is not modelled.
// A rule's `except` is a deny before the allow from its subnet. A node's own ingressFirewall replaces
// its group's, so a group's firewall applies to the nodes of the group that have none of their own.
import { isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { Span } from '../../core/types';
import { portItem } from '../../model/literals';
import type { Firewall, FirewallRule, PlanNode, PortItem, Selector } from '../../model/types';
import type { Located, YamlReader } from '../../source/yaml-nodes';
import { protocolOfValue } from '../../values/protocols';
import type { Values } from '../located-values';

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
    const rm = ri.map(n);
    if (!rm) continue;
    const span = ri.spanOf(n);
    const [selector, rs] = ri.child(rm, 'portSelector');
    const sm = rs.map(selector);
    const protocolAt = values.string(rs, sm, 'protocol');
    const protocol = protocolOfValue(protocolAt?.value);
    if (protocol === undefined || protocol === 'any') continue;
    const common = { protocol, protocolAt, ports: portItems(rs, sm, values), portsKeySpan: rs.keySpan(sm, 'ports'), name: values.string(ri, rm, 'name') };
    const [ingress, rg] = ri.child(rm, 'ingress');
    for (const entry of rg.items(ingress)) {
      const [en, re] = rg.enter(entry);
      const em = re.map(en);
      const except = values.string(re, em, 'except');
      if (except) add({ ...common, span: except.span, action: { value: 'deny', span: except.span }, from: [except] });
      const subnet = values.string(re, em, 'subnet');
      if (subnet) add({ ...common, span: subnet.span, action: { value: 'allow', span: subnet.span }, from: [subnet] });
    }
    if (!blocking) add({ ...common, span, action: { value: 'deny', span: ri.keySpan(rm, 'ingress') ?? span }, from: [{ value: 'any', span }] });
  }
  return firewall;
}

/** The nodes a firewall applies to, by name (a group's firewall skips the nodes with their own). */
function selectorOf(targets: PlanNode[], span: Span): Selector {
  return { span, all: false, roles: [], nodes: targets.flatMap((n) => (n.name ? [n.name] : [])) };
}

/** `ports`: numbers, or strings of a port or a range (`"8000-9000"`). */
function portItems(r: YamlReader, m: YAMLMap | undefined, values: Values): PortItem[] | undefined {
  const [n, rp] = r.child(m, 'ports');
  if (!n) return undefined;
  const out: PortItem[] = [];
  for (const item of isSeq(n) ? n.items : [n]) {
    const [s, ri] = rp.enter(item);
    if (!isScalar(s) || (typeof s.value !== 'number' && typeof s.value !== 'string')) continue;
    const lit: Located<string | number> = { value: s.value, span: ri.spanOf(s) };
    if (typeof lit.value === 'string' && !values.resolved(lit as Located<string>)) continue;
    out.push(portItem(lit)!);
  }
  return out;
}
