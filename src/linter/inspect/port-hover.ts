// What a port in a firewall rule or a service is for, from the port catalog: `2379: etcd client API (tcp)`.
import { nodePortRange } from '../../analysis/cluster-networks';
import { componentsOnPorts } from '../../analysis/component-services';
import { formatPorts, parsePortRange } from '../../values/ports';
import type { Plan } from '../../model/types';
import { matches, segmentsOf, type Slot } from './yaml-path';

const PORT_PLACES = [
  ['spec', 'firewalls', '#', 'rules', '#', 'ports'],
  ['spec', 'firewalls', '#', 'rules', '#', 'ports', '#'],
  ['spec', 'services', '#', 'port'],
  ['spec', 'services', '#', 'ports'],
  ['spec', 'services', '#', 'ports', '#'],
];

/** Markdown for a port or range at the slot; undefined when the slot is not a port or names nothing known. */
/** `sensitivePorts` are the configuration's, as the exposure rules read them. */
export function describePorts(slot: Slot, plan: Plan, sensitivePorts: readonly number[]): string | undefined {
  const path = segmentsOf(slot);
  if (!PORT_PLACES.some((p) => matches(path, p))) return undefined;
  const parsed = parsePortRange(slot.scalar.value as string | number);
  if (!parsed.ok) return undefined;
  const [first, last] = parsed.value;
  const lines = componentsOnPorts(parsed.value).map((c) => {
    return `- ${formatPorts(c.ports!)}/${c.protocol}: ${c.component}${c.local ? ' (local to the node)' : ''}${c.overlay ? ' (pod network: nodes only)' : ''}`;
  });
  const sensitive = sensitivePorts.filter((p) => p >= first && p <= last);
  if (sensitive.length > 0)
    lines.push(`- ${sensitive.join(', ')}: sensitive (scanners look for ${sensitive.length === 1 ? 'it' : 'them'}; never public unless a service says so)`);
  const nodePorts = nodePortRange(plan);
  if (first <= nodePorts[1] && nodePorts[0] <= last) lines.push(`- ${formatPorts(nodePorts)}: the NodePort range`);
  if (lines.length === 0) return undefined;
  return `port${first === last ? '' : 's'} \`${formatPorts(parsed.value)}\`\n\n${lines.join('\n')}`;
}
