import { firewallAnalysis } from '../src/analysis/firewall-analysis';
import { declaredServiceSet } from '../src/analysis/declared-ports';
import { portOf, serviceSet } from '../src/values/ports';
import { serviceArg } from '../src/analysis/witness';
import type { PlanNode, PlanService } from '../src/model/types';
import { DEFAULT_SENSITIVE_PORTS } from '../src/domain/sensitive-ports';
import { defineExposureRule, type ExposureCheck } from '../src/rule-kinds/exposure-rule';

export default defineExposureRule({
  id: 'service-public',
  fix: 'unsafe',
  defaultSeverity: 'error',
  security: {
    severity: 8.2,
    reason: 'databases, caches, dashboards and remote shells are what internet scanners try first, and many of them answer without authentication.',
  },
  precision: 'high',
  description: 'A `services` entry with `exposure: internal`, or a sensitive port (SSH, databases, dashboards…), is reachable from a public address.',
  rationale:
    'Databases, caches, message brokers, dashboards and remote shells are what internet scanners look for first, ' +
    'and many ship without authentication (Redis, memcached, Elasticsearch, the Docker API). A service the plan ' +
    'declares internal must not be reachable from the internet, and neither must the well-known sensitive ports ' +
    '(the `sensitivePorts` option) unless a `services` entry with `exposure: public` declares them on that node.',
  options: {
    sensitivePorts: {
      type: 'port-list',
      description: 'Ports that must never be public unless a `services` entry declares them; replaces the default list.',
      default: DEFAULT_SENSITIVE_PORTS,
    },
  },
  checks(plan, options) {
    const { refs } = firewallAnalysis(plan);
    const nodesOf = (s: PlanService): PlanNode[] => (s.on ? refs.select(s.on).nodes : plan.nodes.filter((n) => n.isMapping));
    const checks: ExposureCheck[] = plan.declaredServices
      .filter((s) => s.exposure === 'internal')
      .map((s) => ({
        nodes: nodesOf(s),
        services: declaredServiceSet(s),
        unwanted: firewallAnalysis(plan).internet,
        what: serviceArg(s, true),
        whom: 'the internet',
        narrowTo: 'nodes',
      }));
    // A declared service decides for its port on its nodes: public ones may be open, internal ones are checked above.
    const declared = plan.declaredServices.map((s) => ({ services: declaredServiceSet(s), nodes: new Set(nodesOf(s)) }));
    // One check per set of nodes the ports apply to (usually one), so one broad rule gives one finding.
    // Every node, the usual case, has a key of its own: a plan of thousands of nodes builds no key of them.
    const byNodes = new Map<string, { nodes: PlanNode[]; ports: number[] }>();
    const everyNode = plan.nodes.filter((n) => n.isMapping);
    for (const port of options.sensitivePorts as readonly number[]) {
      const services = serviceSet(6, [[port, port]]).union(serviceSet(17, [[port, port]]));
      const taking = declared.filter((d) => d.services.intersects(services));
      const nodes = taking.length === 0 ? everyNode : everyNode.filter((n) => !taking.some((d) => d.nodes.has(n)));
      const key = nodes.length === everyNode.length ? 'every node' : `nodes ${nodes.map((n) => n.index).join(',')}`;
      const entry = byNodes.get(key) ?? byNodes.set(key, { nodes, ports: [] }).get(key)!;
      entry.ports.push(port);
    }
    for (const { nodes, ports } of byNodes.values()) {
      const services = serviceSet(
        6,
        ports.map((p) => [p, p] as const),
      ).union(
        serviceSet(
          17,
          ports.map((p) => [p, p] as const),
        ),
      );
      // The plan does not say the ports listen, so unfiltered nodes are not assumed to expose them.
      checks.push({
        nodes,
        services,
        unwanted: firewallAnalysis(plan).internet,
        firewalledOnly: true,
        what: (key) => `the sensitive port ${portOf(key)}`,
        whom: 'the internet',
        narrowTo: 'trusted',
      });
    }
    return checks;
  },
});
