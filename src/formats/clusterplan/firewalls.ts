// spec.firewalls and spec.services → model. Values of the wrong shape are left out (the schema
// reports them); port numbers are checked here, once, for every rule that reads them. Templated sources
// and ports are set aside as unresolved.
import type { Node, YAMLMap } from 'yaml';
import { isScalar, isSeq } from 'yaml';
import { portItem } from '../../model/literals';
import { protocolOfValue } from '../../values/protocols';
import type { YamlReader } from '../../source/yaml-nodes';
import type { Firewall, FirewallRule, FirewallType, PlanService, PortItem, Selector } from '../../model/types';
import type { Values } from '../located-values';
import { SERVICE_NODES } from './renamed-keys';

/** Takes what `YamlReader.child` returns for `spec.firewalls`. */
export function readFirewalls(node: Node | undefined, r: YamlReader, values: Values): Firewall[] {
  return r.items(node).map((item, index) => {
    const [n, rf] = r.enter(item);
    const m = rf.map(n);
    const defaultActionAt = rf.scalar<string>(m, 'defaultAction', 'string');
    const type = rf.scalar<string>(m, 'type', 'string')?.value === 'security-group' ? 'security-group' : 'host';
    const firewall: Firewall = {
      index,
      span: rf.spanOf(n),
      name: rf.scalar<string>(m, 'name', 'string'),
      appliesTo: readSelector(rf, m, 'appliesTo'),
      type,
      defaultAction: type === 'host' && defaultActionAt?.value === 'allow' ? 'allow' : 'deny',
      defaultActionAt,
      rules: [],
    };
    const [rules, rr] = rf.child(m, 'rules');
    rr.items(rules).forEach((ruleItem, i) => {
      const rule = readRule(rr, ruleItem, firewall, i, values);
      if (rule) firewall.rules.push(rule);
    });
    return firewall;
  });
}

/** The actions a rule of each type of firewall may take: a security group only allows. */
const ACTIONS: Record<FirewallType, readonly string[]> = { host: ['allow', 'deny'], 'security-group': ['allow'] };

/**
 * A rule the schema rejects (no valid action or protocol, a deny in a security group) is left out: it
 * decides nothing. A security group's rule without `action` allows.
 */
function readRule(list: YamlReader, item: unknown, firewall: Firewall, index: number, values: Values): FirewallRule | undefined {
  const [n, r] = list.enter(item);
  const m = r.map(n);
  if (!m) return undefined;
  const span = r.spanOf(n);
  const implied = firewall.type === 'security-group' && !r.pair(m, 'action') ? { value: 'allow', span } : undefined;
  const action = r.scalar<string>(m, 'action', 'string') ?? implied;
  if (!action || !ACTIONS[firewall.type].includes(action.value)) return undefined;
  const protocol = readProtocol(r, m);
  if (!protocol) return undefined;
  return {
    firewall,
    index,
    span,
    action: action as FirewallRule['action'],
    ...protocol,
    ports: r.pair(m, 'ports') ? portItems(r, m, 'ports', values) : undefined,
    portsKeySpan: r.keySpan(m, 'ports'),
    from: values.strings(r, m, 'from'),
    arrivesOn: values.strings(r, m, 'arrivesOn'),
    comment: r.scalar<string>(m, 'comment', 'string')?.value,
    name: r.scalar<string>(m, 'name', 'string'),
    description: r.scalar<string>(m, 'description', 'string')?.value,
  };
}

/** Services with a protocol the schema rejects are left out, like such firewall rules. */
export function readServices(node: Node | undefined, r: YamlReader, values: Values): PlanService[] {
  return r.items(node).flatMap((item, index) => {
    const [n, rs] = r.enter(item);
    const m = rs.map(n);
    const protocol = readProtocol(rs, m);
    if (!protocol) return [];
    const exposureAt = rs.scalar<string>(m, 'exposure', 'string');
    const port = portItems(rs, m, 'port', values);
    return {
      index,
      span: rs.spanOf(n),
      name: rs.scalar<string>(m, 'name', 'string'),
      ...protocol,
      ports: [...port, ...portItems(rs, m, 'ports', values)],
      port: port[0],
      // `runsOn`, or `on` as plans wrote it before the rename (deprecated-key reports it).
      on: readSelector(rs, m, rs.pair(m, SERVICE_NODES.to) ? SERVICE_NODES.to : SERVICE_NODES.from),
      exposure: exposureAt?.value === 'public' ? 'public' : 'internal',
      exposureAt,
    };
  });
}

/** `any` when unset; undefined when set to something that is not a protocol. */
function readProtocol(r: YamlReader, m: YAMLMap | undefined): Pick<FirewallRule, 'protocol' | 'protocolAt'> | undefined {
  if (!r.pair(m, 'protocol')) return { protocol: 'any' };
  const [n, rp] = r.child(m, 'protocol');
  if (!isScalar(n)) return undefined;
  const protocolAt = { value: n.value as string | number, span: rp.spanOf(n), keySpan: r.keySpan(m, 'protocol') };
  const protocol = protocolOfValue(n.value);
  return protocol === undefined ? undefined : { protocol, protocolAt };
}

/**
 * A port, a range, or a list of both, under `key` (none when unset). An item that is not a port
 * (`true`, a mapping: the schema's findings) is kept as an invalid item, so that a service whose
 * only port is broken matches no port rather than every port.
 */
function portItems(r: YamlReader, m: YAMLMap | undefined, key: string, values: Values): PortItem[] {
  const [n, rp] = r.child(m, key);
  const out: PortItem[] = [];
  for (const item of isSeq(n) ? n.items : n ? [n] : []) {
    const [s, ri] = rp.enter(item);
    const value = isScalar(s) ? s.value : undefined;
    const span = ri.spanOf(s);
    // A templated port is kept without a range: like a broken one, it matches no port, and it is not judged.
    if (typeof value === 'string' && !values.resolved({ value, span })) out.push({ value, span });
    else if (typeof value === 'string' || typeof value === 'number') out.push(portItem({ value, span })!);
    // Scalars only have a text (a collection has none): `true`, or nothing for null and collections.
    else
      out.push({
        value: typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : '',
        span,
        error: 'not a port or a port range',
      });
  }
  return out;
}

export function readSelector(r: YamlReader, m: YAMLMap | undefined, key: string): Selector | undefined {
  const [n, rs] = r.child(m, key);
  if (!n) return undefined;
  const span = rs.spanOf(n);
  if (isScalar(n)) return n.value === 'all' ? { span, all: true, roles: [], nodes: [] } : undefined;
  const sm = rs.map(n);
  if (!sm) return undefined;
  return { span, all: false, roles: rs.strings(sm, 'roles') ?? [], nodes: rs.strings(sm, 'nodes') ?? [] };
}
