// The shipped example plans: the correctly firewalled HA plans (one per distribution and CNI in the
// catalog) lint clean with every rule, and each of their firewall rules is load-bearing: deleting a
// required one makes a reachability rule fire, so the clean result is not an accident of lax checks.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/linter';
import { CNI_MODES, DISTRIBUTIONS } from '../src/domain/network-defaults';
import { FLOW_RULE_IDS } from '../src/domain/required-flows';

const EXAMPLES = join(__dirname, '..', 'fixtures', 'examples');
const FIREWALLED = join(EXAMPLES, 'firewalled');
const plans = readdirSync(FIREWALLED).filter((f) => f.endsWith('.yaml'));
/** Rules a plan may drop without breaking the cluster: access for people and load balancers. */
const OPTIONAL = /comment: (SSH|ingress|NodePorts)/;
const REACHABILITY = new Set<string>(FLOW_RULE_IDS);

describe('example plans', () => {
  it('has a firewalled HA plan for every distribution, and for every CNI plugin and mode on kubeadm', () => {
    for (const d of DISTRIBUTIONS) expect(plans.some((p) => p.startsWith(`${d}-`))).toBe(true);
    for (const [plugin, modes] of Object.entries(CNI_MODES)) for (const mode of modes) expect(plans).toContain(`kubeadm-${plugin}-${mode}.yaml`);
  });

  for (const name of ['ha-cluster.yaml', ...plans.map((p) => join('firewalled', p))]) {
    it(`${name} lints clean with every rule`, () => {
      const path = join(EXAMPLES, name);
      expect(lint(readFileSync(path, 'utf8'), { filePath: path }).diagnostics).toEqual([]);
    });
  }

  for (const name of plans) {
    it(`firewalled/${name}: deleting any required firewall rule is reported`, () => {
      const lines = readFileSync(join(FIREWALLED, name), 'utf8').split('\n');
      const required = lines.flatMap((l, i) => (/^ {8}- \{action: allow/.test(l) && !OPTIONAL.test(l) ? [i] : []));
      expect(required.length).toBeGreaterThan(3);
      for (const i of required) {
        const text = [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
        const fired = lint(text).diagnostics.filter((d) => REACHABILITY.has(d.ruleId));
        expect(fired.length, `without line ${i + 1}: ${lines[i].trim()}`).toBeGreaterThan(0);
      }
    });
  }
});
