import { replaceScalar } from '../src/source/edits';
import { ruleArg } from '../src/analysis/witness';
import { defineRule } from '../src/rule-kinds/rule';
import type { PortItem } from '../src/model/types';
import { COMPONENT_PORTS } from '../src/domain/component-ports';
import { PORTLESS_PROTOCOLS } from '../src/values/protocols';

/** UDP encapsulations (VXLAN, Geneve, WireGuard, flannel udp) by port. */
const UDP_OVERLAYS = new Map(COMPONENT_PORTS.filter((c) => c.overlay && c.protocol === 'udp' && c.ports).map((c) => [c.ports![0], c.component]));

export default defineRule({
  meta: {
    id: 'cni-protocol-confusion',
    defaultSeverity: 'error',
    category: 'firewall',
    description: 'Encapsulation written with the wrong protocol: IP-in-IP as tcp/udp port 4, ESP as port 50, VXLAN/Geneve/WireGuard as tcp.',
    rationale:
      'IP-in-IP (Calico), GRE, ESP and AH are IP protocols with numbers of their own; they have no ports, so a rule ' +
      'for "tcp port 4" matches none of their packets. VXLAN, Geneve and WireGuard run over UDP, so a tcp rule for ' +
      '8472 or 4789 opens nothing they use. Such rules look right in review while the overlay stays blocked.',
    fix: 'unsafe',
    messages: {
      ipProtocol: '{rule} {verb} {proto} port {port}, but {name} is IP protocol {port}, which has no ports: write `protocol: {port}` without `ports`',
      udpOverlay: '{rule} {verb} tcp port {port}, but {component} runs over udp: write `protocol: udp`',
    },
  },
  check(plan, context) {
    for (const firewall of plan.firewalls) {
      for (const rule of firewall.rules) {
        if (rule.protocol !== 6 && rule.protocol !== 17) continue;
        const proto = rule.protocol === 6 ? 'tcp' : 'udp';
        const verb = rule.action.value === 'allow' ? 'allows' : 'denies';
        const single = (item: PortItem) => (item.range && item.range[0] === item.range[1] ? item.range[0] : undefined);
        // Switching the protocol is right only when every port of the rule is a udp encapsulation.
        const allOverlay = (rule.ports ?? []).every((i) => UDP_OVERLAYS.has(single(i) ?? -1));
        for (const item of rule.ports ?? []) {
          const port = single(item);
          if (port === undefined) continue;
          const portless = PORTLESS_PROTOCOLS[port];
          if (portless) {
            const name = portless.aka ? `${portless.name} (${portless.aka})` : portless.name;
            context.report({ messageId: 'ipProtocol', data: { rule: ruleArg(rule), verb, proto, port, name }, at: item.span });
          } else if (proto === 'tcp' && UDP_OVERLAYS.has(port) && rule.protocolAt) {
            // Unsafe: it changes what the rule opens, as the author meant but did not write.
            const fix = allOverlay ? replaceScalar(plan.source.text, rule.protocolAt.span, 'tcp', 'udp', 'unsafe') : undefined;
            context.report({ messageId: 'udpOverlay', data: { rule: ruleArg(rule), verb, port, component: UDP_OVERLAYS.get(port)! }, at: item.span, fix });
          }
        }
      }
    }
  },
});
