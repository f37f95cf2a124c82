// kubespray's companions beyond group_vars: host_vars (a host's variables above the inventory's, one variable at a
// time, the node's address chosen among them as kubespray does), and kubespray's own checks of kube_network_plugin,
// dns_mode and kube_proxy_mode, reported by plan-schema at the value in the file that sets it.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KUBESPRAY_CHOICES } from '../src/formats/kubespray/defaults';
import { lint, printPlan } from '../src/linter';
import { fileSystemHost } from '../src/workspace/input-host';
import { run } from './support/cli-process';
import { FIXTURES } from './support/fixtures';

const HOST_VARS = join(FIXTURES, 'inputs/kubespray/host-vars');
const read = (path: string) => readFileSync(path, 'utf8');
const lintFile = (path: string) => lint(read(path), { filePath: path, host: fileSystemHost });

/** An inventory in a folder of its own, with the files beside it. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'knl-kubespray-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('host_vars', () => {
  const printed = printPlan(read(join(HOST_VARS, 'hosts.yaml')), { filePath: join(HOST_VARS, 'hosts.yaml'), host: fileSystemHost })!;
  const addressOf = (node: string) =>
    new RegExp(`- name: ${node} .*\\n.*\\n.*\\n +- \\{name: nic0, addresses: \\[([^\\]]*)\\]\\}  # ([^;]*);`).exec(printed)?.slice(1);

  it('beat the inventory one variable at a time: ip there over ip here, but ip here over access_ip there', () => {
    expect(addressOf('cp-1')).toEqual(['192.168.20.11', 'host_vars/cp-1.yml:3']);
    expect(addressOf('cp-2')).toEqual(['192.168.10.12', 'hosts.yaml:8']);
  });

  it("are read from a host's folder as from its file", () => expect(addressOf('worker-1')).toEqual(['10.233.70.21', 'host_vars/worker-1/network.yml:2']));

  it("leave a node with a templated ip there without an address to judge, not with ansible_host's", () => {
    expect(printed).toMatch(/- name: worker-3 .*\n.*\n(?! +interfaces)/);
    expect(printed).toContain(
      "# not read, a template fills it in: \"{{ hostvars[inventory_hostname]['ansible_default_ipv4']['address'] }}\"  (host_vars/worker-3.yml:2)",
    );
  });

  it('are imported, and a changed one lints its inventory with the findings in it (as pre-commit passes it)', () => {
    const result = lintFile(join(HOST_VARS, 'hosts.yaml'));
    expect(result.imported?.map((f) => f.slice(HOST_VARS.length + 1)).sort()).toEqual([
      'group_vars/k8s_cluster/k8s-cluster.yml',
      'host_vars/cp-1.yml',
      'host_vars/cp-2.yaml',
      'host_vars/worker-1/labels.yml',
      'host_vars/worker-1/network.yml',
      'host_vars/worker-2.yml',
      'host_vars/worker-3.yml',
    ]);
    const changed = join(HOST_VARS, 'host_vars/worker-2.yml');
    const r = run(['--format', 'json', changed]);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
    expect(results.find((x) => x.filePath === changed)?.messages.map((m) => `${m.line} ${m.ruleId}`)).toEqual(['2 duplicate-address']);
  });

  it('honour suppression comments, and say when one is unused', () => {
    const dir = folder({
      'inventory.ini': '[kube_control_plane]\ncp1 ip=10.0.0.1\ncp2\n\n[k8s_cluster:children]\nkube_control_plane\n',
      'host_vars/cp2.yml': '# kube-netlint-disable-next-line duplicate-address -- the same VM while migrating\nip: 10.0.0.1\n',
      'group_vars/all.yml': '# kube-netlint-disable-next-line cidr-overlap\nkube_pods_subnet: 10.244.0.0/16\n',
    });
    const found = lintFile(join(dir, 'inventory.ini')).diagnostics.map((d) => `${d.filePath?.slice(dir.length + 1) ?? '.'}:${d.range.start.line} ${d.ruleId}`);
    expect(found.filter((f) => !f.endsWith('no-firewall') && !f.endsWith('etcd-member-count'))).toEqual(['group_vars/all.yml:1 unused-directive']);
  });

  it("are matched to their host by the file's name or its folder's, inside host_vars only", () => {
    const dir = folder({
      'inventory.ini': '[kube_control_plane]\ncp1 ansible_host=10.0.0.1\n../cp2 ansible_host=10.0.0.2\n\n[k8s_cluster:children]\nkube_control_plane\n',
      'cp2.yml': 'ip: 10.0.0.1\n',
      'host_vars/cp1.yml': 'ip: 10.0.0.9\n',
    });
    const result = lintFile(join(dir, 'inventory.ini'));
    expect(result.imported?.map((f) => f.slice(dir.length + 1))).toEqual(['host_vars/cp1.yml']);
  });
});

describe("kubespray's own checks", () => {
  it('are the variables validate_inventory asserts whatever else is set, each with its source', () => {
    expect(KUBESPRAY_CHOICES.map((c) => `${c.variable} ${c.allowedSource}`)).toEqual([
      'dns_mode roles/validate_inventory/tasks/main.yml:166',
      'kube_proxy_mode roles/validate_inventory/tasks/main.yml:167',
      'kube_network_plugin roles/validate_inventory/tasks/main.yml:165',
    ]);
  });

  const schema = (path: string) =>
    lintFile(path)
      .diagnostics.filter((d) => d.ruleId === 'plan-schema')
      .map((d) => `${d.filePath ? d.filePath.split('/').slice(-2).join('/') : '.'}:${d.range.start.line} ${d.severity} ${d.message.split(' (')[0]}`);

  it('check the vars of any group or host of a YAML inventory, and group_vars files, at the value', () => {
    const dir = folder({
      'hosts.yaml': [
        'all:',
        '  hosts:',
        '    cp1: {ip: 10.0.0.1, kube_proxy_mode: iptable}',
        '  children:',
        '    kube_control_plane: {hosts: {cp1: {}}}',
        '    k8s_cluster:',
        '      children: {kube_control_plane: {}}',
        '      vars:',
        '        dns_mode: CoreDNS',
        '        kube_network_plugin: "{{ cni }}"',
        '',
      ].join('\n'),
      'group_vars/all/network.yml': 'kube_network_plugin: calico\nkube_proxy_mode: 42\ndns_mode: kube-dns\n',
    });
    expect(schema(join(dir, 'hosts.yaml'))).toEqual([
      '.:3 error kube_proxy_mode is "iptable", expected one of: "iptables", "ipvs", "nftables"',
      '.:9 error dns_mode is "CoreDNS", expected one of: "coredns", "coredns_dual", "manual", "none"',
      'all/network.yml:2 error kube_proxy_mode is 42, expected one of: "iptables", "ipvs", "nftables"',
      'all/network.yml:3 error dns_mode is "kube-dns", expected one of: "coredns", "coredns_dual", "manual", "none"',
    ]);
    const hints = lintFile(join(dir, 'hosts.yaml')).diagnostics.map((d) => /did you mean "([^"]+)"/.exec(d.message)?.[1]);
    expect(hints.filter(Boolean)).toEqual(['iptables', 'coredns']);
  });

  it('warn about kube_network_plugin: none, as kubespray does, in INI :vars too', () => {
    const dir = folder({
      'inventory.ini': '[all:vars]\nkube_network_plugin=none\n\n[kube_control_plane]\ncp1 ip=10.0.0.1\n\n[k8s_cluster:children]\nkube_control_plane\n',
    });
    expect(schema(join(dir, 'inventory.ini'))).toEqual([
      '.:2 warning kube_network_plugin is "none": kubespray skips the network plugin, so the nodes stay NotReady and pods get no network until you install a CNI yourself',
    ]);
  });
});
