import { ruleArg } from '../src/analysis/witness';
import { COMPONENT_PORTS, componentPort, RETIRED_PORTS, type ComponentPort, type RetiredPort } from '../src/domain/component-ports';
import type { Firewall, FirewallRule, Plan, PortItem } from '../src/model/types';
import { defineRule } from '../src/rule-kinds/rule';
import type { ListArg } from '../src/core/message-args';
import { replaceScalar } from '../src/source/edits';
import { isPorted, PROTOCOL_NUMBERS, protocolName, protocolOfValue } from '../src/values/protocols';

/** A port a component listens on, as the catalogs say: today's, or one it served until a release. */
type Listener = (ComponentPort & { retired?: undefined }) | (RetiredPort & { retired: true });

/** A range wider than this is a range of its own (NodePorts, ephemeral ports), not a component's port written as one. */
const COMPONENT_RANGE = 16;

/** The component ports of the plan's distribution and CNI, and the retired ones, by port. */
function listenersOf(plan: Plan): Map<number, Listener[]> {
  const byPort = new Map<number, Listener[]>();
  const current = COMPONENT_PORTS.filter(
    (c) => c.ports && typeof c.protocol === 'string' && (c.distributions?.includes(plan.distribution) ?? true) && (c.cni?.includes(plan.cni.plugin) ?? true),
  );
  const listeners: Listener[] = [...current, ...RETIRED_PORTS.map((r) => ({ ...r, retired: true as const }))];
  for (const l of listeners) for (let p = l.ports![0]; p <= l.ports![1]; p++) byPort.set(p, [...(byPort.get(p) ?? []), l]);
  return byPort;
}

/**
 * Whether an allow rule of the firewall opens the port for the protocol (then a rule that opens it for another
 * protocol is only redundant). Asked for component ports only, so answers are kept per firewall, protocol and port:
 * each firewall's rules are walked once per such port, not once per mismatching rule.
 */
function openedIn(): (firewall: Firewall, protocol: number, port: number) => boolean {
  const answers = new Map<Firewall, Map<string, boolean>>();
  return (firewall, protocol, port) => {
    let known = answers.get(firewall);
    if (!known) answers.set(firewall, (known = new Map<string, boolean>()));
    const key = `${protocol}/${port}`;
    let opened = known.get(key);
    if (opened === undefined) {
      opened = firewall.rules.some(
        (r) =>
          r.action.value === 'allow' &&
          (r.protocol === 'any' || r.protocol === protocol) &&
          (!r.ports || r.ports.some((i) => i.range && i.range[0] <= port && port <= i.range[1])),
      );
      known.set(key, opened);
    }
    return opened;
  };
}

export default defineRule({
  meta: {
    id: 'port-protocol-mismatch',
    defaultSeverity: 'warning',
    category: 'firewall',
    description: 'An allow rule opens a Kubernetes or CNI component port for a protocol the component does not use (6443/udp, 10250/udp, 179/udp).',
    rationale:
      'kube-apiserver, etcd, the kubelet, the scheduler and controller-manager, BGP and the supervisors all listen on ' +
      'tcp. A rule that opens 6443/udp or 10250/udp reads like the right port in review, but lets in nothing the ' +
      'component receives: the flow it was written for is still decided by the rest of the firewall, and often ' +
      'blocked. Old guides add a second trap: 10251 and 10252 were the insecure ports of kube-scheduler and ' +
      'kube-controller-manager, which no current release serves.',
    messages: {
      mismatch: '{rule} allows {proto} port {port}, but {component} {uses} {expected} port {port}, not {proto}: the rule does not open it',
      retired:
        '{rule} allows {proto} port {port}, but {component} was {expected} port {port}, not {proto}, and no Kubernetes release after {lastServedIn} serves it: ' +
        'the rule opens nothing a cluster uses ({successor} serves {successorProto} port {successorPort})',
    },
  },
  check(plan, context) {
    const byPort = listenersOf(plan);
    const opened = openedIn();
    for (const firewall of plan.firewalls) {
      for (const rule of firewall.rules) {
        if (rule.action.value !== 'allow' || rule.protocol === 'any' || !isPorted(rule.protocol) || !rule.ports) continue;
        const proto = protocolName(rule.protocol);
        const found = rule.ports.map((item) => [item, mismatchOf(item, rule, byPort, opened)] as const);
        // Changing the whole rule's protocol is right only when each of its ports is a component's of one other protocol.
        const protocols = new Set(found.map(([, m]) => (m && !m.retired ? m.expected : undefined)));
        const only = protocols.size === 1 ? [...protocols][0] : undefined;
        const change = only && rule.protocolAt && replaceScalar(plan.source.text, rule.protocolAt.span, String(rule.protocolAt.value), only, 'unsafe');
        for (const [item, m] of found) {
          if (!m) continue;
          const data = { rule: ruleArg(rule), proto, port: String(item.value), component: m.component, uses: m.many ? 'use' : 'uses', expected: m.expected };
          if (m.retired) {
            const successor = componentPort(m.retired.successor);
            const more = {
              lastServedIn: m.retired.lastServedIn,
              successor: successor.component,
              successorProto: String(successor.protocol),
              successorPort: successor.ports![0],
            };
            context.report({ messageId: 'retired', data: { ...data, ...more }, at: item.span });
          } else {
            const suggestions = change ? [{ title: `Change the protocol to ${only}`, edits: change.edits }] : undefined;
            context.report({ messageId: 'mismatch', data, at: item.span, suggestions });
          }
        }
      }
    }
  },
});

/**
 * The components a port item names (every port of it a component's, none of them on the rule's protocol) and
 * the protocol they use; undefined when the item is right, or no component's, or the firewall opens that
 * protocol elsewhere. A tcp rule on a UDP overlay port is cni-protocol-confusion's.
 */
function mismatchOf(item: PortItem, rule: FirewallRule, byPort: Map<number, Listener[]>, opened: ReturnType<typeof openedIn>) {
  if (!item.range || item.range[1] - item.range[0] >= COMPONENT_RANGE) return undefined;
  const listeners: Listener[] = [];
  for (let p = item.range[0]; p <= item.range[1]; p++) {
    const on = byPort.get(p);
    if (!on) return undefined;
    listeners.push(...on);
  }
  if (listeners.some((l) => protocolOfValue(l.protocol) === rule.protocol)) return undefined;
  if (rule.protocol === 6 && listeners.every((l) => !l.retired && l.overlay && l.protocol === 'udp')) return undefined;
  const expected = String(listeners[0].protocol) as 'tcp' | 'udp';
  // The rule itself is on another protocol, so an allow that opens the port for this one is another rule.
  if (opened(rule.firewall, PROTOCOL_NUMBERS[expected], item.range[0])) return undefined;
  // A port served today is named for what serves it; a retired one only when nothing serves any of the ports now.
  const current = listeners.filter((l) => !l.retired);
  const retired = current.length === 0 ? listeners.find((l): l is RetiredPort & { retired: true } => l.retired === true) : undefined;
  const names = [...new Set((current.length > 0 ? current : listeners).map((l) => l.component))];
  const component: ListArg = { type: 'list', items: names };
  return { component, many: names.length > 1, expected, retired };
}
