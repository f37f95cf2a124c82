import { defineRule, type Report } from '../src/rule-kinds/rule';
import type { PortItem } from '../src/model/types';

/** What the schema lets through as a port string; anything else is plan-schema's finding. */
const PORT_SHAPE = /^(\d{1,5})(?:-(\d{1,5}))?$/;
const LAST_PORT = 65535;
const valid = (p: number) => p >= 1 && p <= LAST_PORT;

/** The finding for one port item, if it has one: invalid numbers are errors, leading zeros a warning. */
function problem(item: PortItem, text: string): Omit<Report, 'at'> | undefined {
  const m = PORT_SHAPE.exec(text);
  if (!m) return undefined;
  const [first, last] = [Number(m[1]), Number(m[2] ?? m[1])];
  if (item.error === undefined) {
    if (!/(^|-)0\d/.test(text)) return undefined;
    const written = typeof item.value === 'string' ? `"${text}"` : text;
    const data = m[2] === undefined ? { what: `port ${written}`, fix: String(first) } : { what: `range ${written}`, fix: `${first}-${last}` };
    return { messageId: 'leadingZero', data, severity: 'warning' };
  }
  if (m[2] === undefined) return { messageId: 'port', data: { port: first } };
  const [lo, hi] = first <= last ? [first, last] : [last, first];
  const outside = [...new Set([lo, hi])].filter((p) => !valid(p));
  const what = [
    ...(first > last ? ['is reversed'] : []),
    ...(outside.length === 0
      ? []
      : [
          `includes ${outside.length === 1 ? `port ${outside[0]}, which is not a valid port` : `ports ${outside.join(' and ')}, which are not valid ports`} (ports are 1-65535)`,
        ]),
  ].join(' and ');
  const [from, to] = [Math.max(lo, 1), Math.min(hi, LAST_PORT)];
  if (from > to) return { messageId: 'rangeNoFix', data: { range: text, what } };
  const everything = from === 1 && to === LAST_PORT ? ', or leave the ports out for every port' : '';
  return { messageId: 'range', data: { range: text, what, fix: `${from}-${to}`, everything } };
}

export default defineRule({
  meta: {
    id: 'invalid-port',
    defaultSeverity: 'error',
    category: 'firewall',
    description: 'A port or range of a firewall rule or a service is not a valid port (0, above 65535, or a reversed range); leading zeros get a warning.',
    rationale:
      'Ports run from 1 to 65535. A rule written `"0-65535"` or `"65535-0"` is refused by one firewall and read differently by ' +
      'another, so what the plan says is open or closed depends on the tool that applies it; such an item matches no port ' +
      'in the other checks, and without this finding the rule would silently drop out of them. A leading zero (`022`) means ' +
      'octal to YAML 1.1 readers, so the same plan names port 22 to one tool and port 18 to another.',
    messages: {
      port: 'port {port} is not a valid port (ports are 1-65535); the other checks take it as no port',
      range: 'range "{range}" {what}: write "{fix}"{everything}; until then the other checks take it as no port',
      rangeNoFix: 'range "{range}" {what}; the other checks take it as no port',
      leadingZero:
        '{what} has a leading zero: write {fix}; kube-netlint reads {fix}, but a leading 0 means octal to some tools (YAML 1.1 readers such as PyYAML read 022 as 18)',
    },
  },
  check(plan, context) {
    const text = plan.source.text;
    const judge = (item: PortItem) => {
      // Numbers out of range are the schema's findings (minimum, maximum); their written text shows a leading zero.
      const written = typeof item.value === 'string' ? item.value : item.error === undefined ? text.slice(item.span[0], item.span[1]) : '';
      const found = problem(item, written);
      if (found) context.report({ ...found, at: item.span });
    };
    for (const firewall of plan.firewalls) for (const rule of firewall.rules) for (const item of rule.ports ?? []) judge(item);
    for (const service of plan.declaredServices) {
      // `port` must be a number: a string there is the schema's finding.
      for (const item of service.ports) if (item !== service.port || typeof item.value === 'number') judge(item);
    }
  },
});
