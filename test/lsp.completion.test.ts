// Completion and reference hover over stdio, at real positions of real plans, including half-typed and
// broken ones: keys from the schema, enum values, and the names a firewall rule or selector can use.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompletionItem, Position } from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePlan } from '../bench/generate';
import planSchema from '../schema/cluster-plan.schema.json';
import { fileUri, LspClient, ROOT } from './support/lsp-client';

const HA = readFileSync(join(ROOT, 'fixtures', 'examples', 'ha-cluster.yaml'), 'utf8');
const HEAD = 'apiVersion: kube-netlint/v1\nkind: ClusterPlan\n';

/** Replaces `find` in `text` once, failing loudly when it is not there. */
function edit(text: string, find: string, replace: string): string {
  expect(text).toContain(find);
  return text.replace(find, replace);
}

let tmp: string;
let client: LspClient;
let opened = 0;

/** Opens `marked` without its `|` and asks for completion where the `|` was. */
async function complete(marked: string): Promise<{ items: CompletionItem[]; position: Position }> {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  const position = { line: before.length - 1, character: before.at(-1)!.length };
  const uri = fileUri(join(tmp, `completion-${++opened}.yaml`));
  await client.open(uri, text);
  const items = await client.completion(uri, position);
  await client.close(uri);
  return { items, position };
}
const labels = async (marked: string) => (await complete(marked)).items.map((i) => i.label);

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'knl-completion-'));
  client = await LspClient.start();
});
afterAll(async () => {
  expect(client.logs.filter((l) => l.includes('failed'))).toEqual([]);
  expect(await client.stop()).toBe(0);
});

describe('completion', () => {
  it('offers the keys the schema allows where the cursor is, minus those already written, with their descriptions', async () => {
    const { items, position } = await complete(`${HEAD}spec:\n  cni: {plugin: calico}\n  |\n`);
    expect(items.map((i) => i.label)).toEqual(['imports', 'distribution', 'controlPlaneEndpoint', 'networks', 'nodes', 'firewalls', 'services']);
    const distribution = items.find((i) => i.label === 'distribution')!;
    expect(distribution.documentation).toEqual({ kind: 'markdown', value: planSchema.properties.spec.properties.distribution.description });
    expect(distribution.textEdit).toEqual({ range: { start: position, end: position }, newText: 'distribution: ' });
  });

  it('completes a half-typed key, replacing the word typed so far', async () => {
    const { items, position } = await complete(`${HEAD}spec:\n  nodes:\n    - name: cp-1\n      ro|\n`);
    expect(items.map((i) => i.label)).toEqual(['roles', 'interfaces', 'routes', 'sysctls', 'labels']);
    expect(items[0].textEdit).toEqual({ range: { start: { line: position.line, character: 6 }, end: position }, newText: 'roles: ' });
    // A new list item starts a node: `name` is required and comes first.
    const item = (await complete(`${HEAD}spec:\n  nodes:\n    - |\n`)).items;
    expect(item.map((i) => [i.label, i.detail])[0]).toEqual(['name', 'required']);
    // Inside a flow mapping, the rule's keys that are not written yet.
    expect(await labels(edit(HA, '{action: allow, protocol: tcp, ports: 22, from: [trusted]}', '{action: allow, |}'))).toEqual([
      'name',
      'description',
      'protocol',
      'ports',
      'from',
      'arrivesOn',
      'comment',
    ]);
  });

  it('offers enum values: distribution, plugins, roles, protocols, actions, exposure, booleans and consts', async () => {
    expect(await labels(edit(HA, 'distribution: kubeadm', 'distribution: k|'))).toEqual(['kubeadm', 'k3s', 'rke2', 'talos']);
    expect(await labels(edit(HA, 'plugin: calico', 'plugin: |'))).toEqual(['flannel', 'calico', 'canal', 'cilium', 'none']);
    expect(await labels(edit(HA, 'roles: [worker]', 'roles: [worker, |]'))).toEqual(['control-plane', 'etcd', 'worker']);
    expect(await labels(edit(HA, 'protocol: tcp, ports: 22', 'protocol: |, ports: 22'))).toEqual(['tcp', 'udp', 'icmp', 'any']);
    expect(await labels(edit(HA, '{action: allow, protocol: tcp, ports: 22', '{action: a|, protocol: tcp, ports: 22'))).toEqual(['allow', 'deny']);
    expect(await labels(edit(HA, 'defaultAction: deny', 'defaultAction: |'))).toEqual(['deny', 'allow']);
    expect(await labels(edit(HA, 'exposure: internal', 'exposure: |'))).toEqual(['internal', 'public']);
    expect(await labels(edit(HA, 'dhcp: false', 'dhcp: |'))).toEqual(['true', 'false']);
    expect(await labels(edit(HA, 'kind: ClusterPlan', 'kind: |'))).toEqual(['ClusterPlan']);
    const { items } = await complete(edit(HA, 'roles: [worker]', 'roles: [|]'));
    expect(items[0].documentation).toEqual({ kind: 'markdown', value: planSchema.definitions.node.properties.roles.description });
  });

  it('offers the modes of the plugin chosen, or of every plugin while none is', async () => {
    expect(await labels(edit(HA, 'mode: bgp', 'mode: |'))).toEqual(['bgp', 'vxlan', 'ipip']);
    expect(await labels(edit(edit(HA, 'plugin: calico', 'plugin: cilium'), 'mode: bgp', 'mode: |'))).toEqual(['vxlan', 'geneve', 'native']);
    expect(await labels(`${HEAD}spec:\n  cni: {plugin: flannel, mode: |}\n`)).toEqual(['vxlan', 'udp', 'wireguard', 'host-gw']);
    expect(await labels(`${HEAD}spec:\n  cni:\n    mode: |\n`)).toEqual(['vxlan', 'udp', 'wireguard', 'host-gw', 'bgp', 'ipip', 'geneve', 'native']);
  });

  it("offers a firewall rule's sources: networks, reserved names, any, internet, roles and nodes, with what each resolves to", async () => {
    const { items } = await complete(edit(HA, 'from: [nodes, trusted]', 'from: [nodes, |]'));
    expect(items.map((i) => [i.label, i.detail])).toEqual([
      ['any', 'every source address (0.0.0.0/0 and ::/0)'],
      ['internet', 'every public address: any source outside the private and special-use ranges'],
      ['nodes', '192.168.10.0/24'],
      ['pods', 'pod CIDR 10.244.0.0/16'],
      ['services', 'service CIDR 10.96.0.0/12'],
      ['trusted', '10.20.0.0/16'],
      ['office-vpn', '10.8.0.0/16'],
      ['role:control-plane', '3 nodes'],
      ['role:etcd', '3 nodes'],
      ['role:worker', '3 nodes'],
      ['node:master-01', '192.168.10.11/24 (eth0)'],
      ['node:master-02', '192.168.10.12/24 (eth0)'],
      ['node:master-03', '192.168.10.13/24 (eth0)'],
      ['node:worker-01', '192.168.10.21/24 (eth0)'],
      ['node:worker-02', '192.168.10.22/24 (eth0)'],
      ['node:worker-03', '192.168.10.23/24 (eth0)'],
    ]);
  });

  it('after `node:` and `role:` replaces the whole reference, in quotes and in block lists; defaults name their origin', async () => {
    const { items, position } = await complete(edit(HA, 'from: ["role:etcd"]', 'from: ["node:|"]'));
    const node = items.find((i) => i.label === 'node:worker-02')!;
    expect(node.textEdit).toEqual({ range: { start: { line: position.line, character: position.character - 5 }, end: position }, newText: 'node:worker-02' });
    const block = `${HEAD}spec:\n  distribution: k3s\n  nodes:\n    - {name: a, roles: [worker]}\n  firewalls:\n    - name: all\n      appliesTo: all\n      rules:\n        - action: allow\n          from:\n            - role:|\n`;
    const listed = (await complete(block)).items;
    expect(listed.find((i) => i.label === 'role:worker')?.detail).toBe('1 node');
    expect(listed.find((i) => i.label === 'pods')?.detail).toBe('the default cluster CIDR of k3s (10.42.0.0/16)');
    expect(listed.find((i) => i.label === 'trusted')?.detail).toBe('not set in this plan');
  });

  it("offers node names in a selector's nodes", async () => {
    expect(await labels(edit(HA, 'appliesTo: {roles: [worker]}', 'appliesTo: {nodes: [worker-01, |]}'))).toEqual([
      'master-01',
      'master-02',
      'master-03',
      'worker-01',
      'worker-02',
      'worker-03',
    ]);
    expect(await labels(edit(HA, 'runsOn: {roles: [worker]}', 'runsOn: {nodes: [w|]}'))).toContain('worker-03');
  });

  it('works in broken documents and JSON, and stays silent outside plans and in comments', async () => {
    expect(await labels(`${HEAD}spec:\n  cni: {plugin: cal|`)).toEqual(['flannel', 'calico', 'canal', 'cilium', 'none']);
    expect(await labels(`${HEAD}spec:\n  services:\n    - name: x\n      exposure: p|\n  nodes: [\n`)).toEqual(['internal', 'public']);
    const json = '{"apiVersion": "kube-netlint/v1", "kind": "ClusterPlan", "spec": {"|"}}';
    const { items } = await complete(json);
    expect(items.map((i) => i.label)).toContain('networks');
    expect(items.find((i) => i.label === 'networks')?.textEdit?.newText).toBe('networks');
    // A plan being started: the apiVersion is enough.
    expect(await labels('apiVersion: kube-netlint/v1\n|')).toEqual(['kind', 'metadata', 'spec']);
    expect(await labels('apiVersion: apps/v1\nkind: Deployment\nspec:\n  |\n')).toEqual([]);
    expect(await labels(`${HEAD}# a comment |\nspec: {}\n`)).toEqual([]);
    expect(await labels(`${HEAD}spec:\n  cni:|\n`)).toEqual([]);
    expect(client.alive).toBe(true);
  });

  it('answers on each new text of a 1,000-node plan, as it is typed', async () => {
    const plan = edit(generatePlan({ nodes: 1000 }), 'cni: {plugin: calico, mode: vxlan}', 'cni: {plugin: calico, mode: |}');
    const offset = plan.indexOf('|');
    const text = plan.slice(0, offset) + plan.slice(offset + 1);
    const uri = fileUri(join(tmp, 'large.yaml'));
    await client.open(uri, text);
    const position = { line: text.slice(0, offset).split('\n').length - 1, character: offset - text.lastIndexOf('\n', offset - 1) - 1 };
    for (let version = 2; version <= 21; version++) {
      // A new text each time, as while typing (line 3 is `  name: bench-1000`): nothing parsed before
      // helps. Asked once that version is linted, as after a pause in typing; the bench times it.
      await client.change(uri, version, [{ range: { start: { line: 3, character: 18 }, end: { line: 3, character: 19 } }, text: String(version % 10) }]);
      await client.diagnostics(uri, version);
      expect((await client.completion(uri, position)).map((c) => c.label)).toEqual(['bgp', 'vxlan', 'ipip']);
    }
  });
});

describe('hover over references', () => {
  const hoverText = async (text: string, find: string, delta = 1, dir = tmp) => {
    const uri = fileUri(join(dir, `hover-${++opened}.yaml`));
    await client.open(uri, text);
    const offset = text.indexOf(find) + delta;
    const before = text.slice(0, offset).split('\n');
    const hover = await client.hover(uri, { line: before.length - 1, character: before.at(-1)!.length });
    return hover && { value: (hover.contents as { value: string }).value, range: hover.range };
  };

  it('resolves a role, a node and networks in `from` to addresses and CIDRs', async () => {
    const role = await hoverText(HA, '"role:etcd"');
    expect(role?.value).toBe(
      'role `etcd`: 3 nodes\n\n- `master-01`: 192.168.10.11/24 (eth0)\n- `master-02`: 192.168.10.12/24 (eth0)\n- `master-03`: 192.168.10.13/24 (eth0)',
    );
    expect(role?.range).toEqual({ start: { line: 80, character: 68 }, end: { line: 80, character: 79 } });
    expect((await hoverText(HA, 'nodes, trusted'))?.value).toBe("network `nodes`: 192.168.10.0/24, and every node's own address");
    // A name the engine cannot resolve says why, as firewall-unknown-reference does (the finding's explanation comes first).
    const typo = (await hoverText(edit(HA, 'from: ["role:etcd"]', 'from: [office-vnp]'), 'office-vnp'))?.value.split('\n\n---\n\n').at(-1);
    expect(typo).toBe(
      '`office-vnp`: matches nothing: "office-vnp" is not a network name (nodes, pods, services, trusted or a reserved network), any, internet, role:<role>, node:<name>, or a CIDR; did you mean "office-vpn"?',
    );
    expect((await hoverText(HA, 'trusted]}\n        - {action: allow, protocol: tcp, ports: "2379'))?.value).toBe('network `trusted`: 10.20.0.0/16');
    // Opening etcd to the internet is itself a finding: its explanation comes first, the reference last.
    const withNode = edit(edit(HA, 'from: ["role:etcd"]', 'from: ["node:master-02", office-vpn, internet, 10.0.0.0/8]'), 'from: [nodes]}', 'from: [pods]}');
    const reference = async (find: string) => (await hoverText(withNode, find))?.value.split('\n\n---\n\n').at(-1);
    expect((await hoverText(withNode, 'node:master-02'))?.value).toMatch(/^\*\*kube-netlint `etcd-public`\*\*/);
    expect(await reference('node:master-02')).toBe('node `master-02`: 192.168.10.12/24 (eth0)');
    expect(await reference('office-vpn, internet')).toBe('reserved network `office-vpn`: 10.8.0.0/16');
    expect(await reference('internet, 10')).toBe('`internet`: every public address: any source outside the private and special-use ranges');
    expect((await hoverText(withNode, 'from: [pods]', 8))?.value).toBe('network `pods`: pod CIDR 10.244.0.0/16');
    // A literal CIDR stands for itself: only the finding's explanation.
    expect((await hoverText(withNode, '10.0.0.0/8]'))?.value).not.toContain('---');
    const nope = (await hoverText(edit(HA, 'from: ["role:etcd"]', 'from: ["node:nope"]'), 'node:nope'))?.value.split('\n\n---\n\n');
    expect(nope?.[0]).toMatch(/^\*\*kube-netlint `firewall-unknown-reference`\*\*/);
    expect(nope?.at(-1)).toBe('node `nope`: no node of this plan has that name');
  });

  it('names the components behind a port or range in a firewall rule', async () => {
    const etcd = await hoverText(HA, '2379-2380', 1);
    expect(etcd?.value).toBe('ports `2379-2380`\n\n- 2379/tcp: etcd client API\n- 2380/tcp: etcd peer API');
    const kubelet = await hoverText(HA, '10250, 10257', 1);
    expect(kubelet?.value).toBe('port `10250`\n\n- 10250/tcp: kubelet API');
    expect((await hoverText(HA, 'ports: "30000-32767"', 9))?.value).toBe('ports `30000-32767`\n\n- 30000-32767: the NodePort range');
    expect((await hoverText(HA, 'ports: 22', 8))?.value).toContain('- 22: sensitive');
    // The configuration's sensitive ports replace the default list, for hover as for the exposure rules.
    const configured = join(tmp, 'sensitive');
    mkdirSync(configured);
    writeFileSync(join(configured, '.kube-netlint.yaml'), 'sensitivePorts: [2379]\n');
    expect((await hoverText(HA, 'ports: 22', 8, configured))?.value ?? '').not.toContain('sensitive');
    expect((await hoverText(HA, '2379-2380', 1, configured))?.value).toContain('- 2379: sensitive');
  });

  it('resolves what a selector applies to', async () => {
    const selectors = edit(
      edit(HA, 'appliesTo: {roles: [control-plane]}', 'appliesTo: all'),
      'appliesTo: {roles: [worker]}',
      'appliesTo: {nodes: [worker-01]}',
    );
    const all = await hoverText(selectors, 'appliesTo: all', 12);
    expect(all?.value).toMatch(/^all nodes: 6 nodes\n\n- `master-01`: 192\.168\.10\.11\/24 \(eth0\)\n/);
    expect((await hoverText(selectors, 'nodes: [worker-01]', 9))?.value).toBe('node `worker-01`: 192.168.10.21/24 (eth0)');
    expect((await hoverText(HA, 'runsOn: {roles: [worker]}', 19))?.value).toMatch(/^role `worker`: 3 nodes\n/);
  });

  it('lists the addresses of every node that carries a duplicated name', async () => {
    const text = edit(HA, 'name: worker-03', 'name: master-01');
    const both = await hoverText(edit(text, 'from: ["role:etcd"]', 'from: ["node:master-01"]'), 'node:master-01');
    expect(both?.value).toBe('node `master-01`: 192.168.10.11/24 (eth0); 192.168.10.23/24 (eth0)');
  });
});
