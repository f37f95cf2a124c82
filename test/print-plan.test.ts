// --print-plan: the plan as read, as a ClusterPlan with where each value came from. What it prints is a
// plan of its own: linted, it says what the inputs it came from say.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, printPlan } from '../src/linter';
import { fileSystemHost } from '../src/workspace/input-host';
import { run } from './support/cli-process';
import { FIXTURES } from './support/fixtures';

const inputs = [
  'inputs/kubespray/yaml-layers/hosts.yaml',
  'inputs/kubespray/broken-ini/hosts.ini',
  'inputs/talhelper/broken.talconfig.yaml',
  'inputs/talhelper/firewall.talconfig.yaml',
  'inputs/k3s/nodeport-trap.yaml',
  'inputs/kubeadm/dual-stack.kubeadm.yaml',
  'inputs/firewalld/interface-zones-broken/hosts.yaml',
].map((f) => join(FIXTURES, f));

const read = (path: string) => readFileSync(path, 'utf8');
/**
 * What the printed plan cannot say the same way: notes about the inputs (templates, INI lines, firewalls an
 * inventory never carries), and the routing rules, since a ClusterPlan's bare address is a host route where an
 * inventory's leaves the subnet unknown (the printed plan says so at each such address).
 */
const ABOUT_THE_INPUT = new Set([
  'no-firewall',
  'import-unresolved',
  'input-syntax',
  'node-unreachable',
  'route-gateway-unreachable',
  'host-gw-needs-l2',
  'endpoint-placement',
]);
const ruleIds = (text: string, filePath?: string) =>
  lint(text, { filePath, host: fileSystemHost })
    .diagnostics.map((d) => d.ruleId)
    .filter((id) => !ABOUT_THE_INPUT.has(id))
    .sort();

describe('--print-plan', () => {
  it.each(inputs)('%s prints a ClusterPlan that gives the same findings', (path) => {
    const printed = printPlan(read(path), { filePath: path, host: fileSystemHost });
    expect(printed).toBeDefined();
    expect(ruleIds(printed!)).toEqual(ruleIds(read(path), path));
  });

  it('says where each value came from: the file and line, or whose default it is', () => {
    const path = join(FIXTURES, 'inputs/kubespray/yaml-layers/hosts.yaml');
    const printed = printPlan(read(path), { filePath: path, host: fileSystemHost })!;
    expect(printed).toContain('- 10.20.0.0/16  # group_vars/k8s_cluster/k8s-cluster.yml:4');
    expect(printed).toContain('- name: master-1  # hosts.yaml:6');
    const talos = join(FIXTURES, 'inputs/talhelper/firewall.talconfig.yaml');
    expect(printPlan(read(talos), { filePath: talos })).toContain('- 10.244.0.0/16  # default: the default cluster CIDR of talos');
  });

  it('is a CLI flag that prints every named plan and skips the rest', () => {
    const r = run(['--print-plan', inputs[0], 'package.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# The plan kube-netlint read from hosts.yaml/);
    expect(r.stderr).toContain('skipping package.json: not a cluster plan');
  });
});
