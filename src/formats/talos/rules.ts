// A Talos ingress firewall rule (a `NetworkRuleConfig` document, or an item of talhelper's
// `ingressFirewall.rules`) → ordered host-firewall rules. A rule opens its ports to its `ingress` subnets
// only: each `except` is a deny before the allow of its subnet, and (`closing`) a deny of the ports from
// anywhere follows the allows: the rule's point in accept mode, what the default does anyway in block mode.
import { isScalar, isSeq, type YAMLMap } from 'yaml';
import type { Span } from '../../core/types';
import { portItem } from '../../model/literals';
import type { FirewallRule, PortItem } from '../../model/types';
import type { Located, YamlReader } from '../../source/yaml-nodes';
import { protocolOfValue } from '../../values/protocols';
import type { Values } from '../located-values';

export type AddRule = (rule: Omit<FirewallRule, 'firewall' | 'index'>) => void;

/** The rule in mapping `rm` (spanning `span`); a rule without a tcp or udp protocol decides nothing. */
export function readRule(add: AddRule, ri: YamlReader, rm: YAMLMap | undefined, span: Span, values: Values, { closing }: { closing: boolean }): void {
  if (!rm) return;
  const [selector, rs] = ri.child(rm, 'portSelector');
  const sm = rs.map(selector);
  const protocolAt = values.string(rs, sm, 'protocol');
  const protocol = protocolOfValue(protocolAt?.value);
  if (protocol === undefined || protocol === 'any') return;
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
  if (closing) add({ ...common, span, action: { value: 'deny', span: ri.keySpan(rm, 'ingress') ?? span }, from: [{ value: 'any', span }] });
}

/** `ports`: numbers, or strings of a port or a range (`"8000-9000"`). */
function portItems(r: YamlReader, m: YAMLMap | undefined, values: Values): PortItem[] | undefined {
  const [n, rp] = r.child(m, 'ports');
  if (!n) return undefined;
  const out: PortItem[] = [];
  for (const item of isSeq(n) ? n.items : [n]) {
    const [s, ri] = rp.enter(item);
    if (!isScalar(s) || (typeof s.value !== 'number' && typeof s.value !== 'string')) continue;
    const written: Located<string | number> = { value: s.value, span: ri.spanOf(s) };
    const lit = typeof written.value === 'string' ? values.resolved(written as Located<string>) : written;
    if (lit) out.push(portItem(lit)!);
  }
  return out;
}
