// The k3s and RKE2 formats (src/formats/rancher): which files are theirs and which of the two (by place,
// by flags, k3s when nothing says), what is read with its position (comma-list items, the host:port
// inside the server URL, kubelet and controller-manager args), the node's role, the CNI, and the real
// files of the corpus linted without a crash.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Span } from '../src/core/types';
import { BUILTIN_FORMATS } from '../src/formats';
import { k3s, rke2 } from '../src/formats/rancher';
import { lint } from '../src/linter';
import type { PlanPart } from '../src/model/types';
import { parseDocuments } from '../src/source/parse';
import { fileSystemHost } from '../src/workspace/input-host';

/** The format that claims the text's first document, as the engine asks them (in order). */
function claimant(text: string, filePath?: string): string | undefined {
  const parsed = parseDocuments(text);
  if (!parsed.ok) throw new Error('unparsable test text');
  const docs = parsed.documents;
  return BUILTIN_FORMATS.find((f) => !f.importedOnly && f.claims(docs[0], docs, filePath))?.id;
}

function part(text: string, format = k3s): PlanPart {
  const parsed = parseDocuments(text);
  if (!parsed.ok) throw new Error('unparsable test text');
  return format.read(parsed.documents[0].doc, () => {});
}

const at = (text: string, span: Span | undefined) => (span ? text.slice(span[0], span[1]) : undefined);
const roles = (p: PlanPart) => p.nodes[0].roles.map((r) => r.value);

describe('detection: k3s, RKE2, or neither', () => {
  it('tells k3s from RKE2 by the flags only one of them has', () => {
    expect(claimant('cluster-init: true\nflannel-backend: host-gw\n')).toBe('k3s');
    expect(claimant('cni: cilium\nnode-ip: 10.0.0.5\n')).toBe('rke2');
    expect(claimant('cni: [multus, canal]\n')).toBe('rke2');
    expect(claimant('node-ip: 10.0.0.5\ningress-controller: traefik\n')).toBe('rke2');
    expect(claimant('node-ip: 10.0.0.5\nkube-apiserver-extra-mount: [/a:/a]\n')).toBe('rke2');
  });

  it('is k3s when neither the flags nor the place say (both would take it)', () => {
    const text = 'server: https://10.0.0.1:6443\ntoken: secret\nnode-ip: 10.0.0.21\n';
    expect(claimant(text)).toBe('k3s');
    const parsed = parseDocuments(text);
    if (!parsed.ok) throw new Error('unparsable');
    // An import that names rke2 gets it too.
    expect(rke2.claims(parsed.documents[0], parsed.documents)).toBe(true);
  });

  it('tells them by the place: /etc/rancher/<distribution>/ first, then a folder or file name', () => {
    const agent = 'server: https://10.0.0.1:9345\ntoken: secret\n';
    expect(claimant(agent, '/etc/rancher/rke2/config.yaml')).toBe('rke2');
    expect(claimant(agent, '/etc/rancher/rke2/config.yaml.d/50-node.yaml')).toBe('rke2');
    expect(claimant(agent, 'hosts/node-1/etc/rancher/k3s/config.yaml')).toBe('k3s');
    expect(claimant(agent, 'C:\\repo\\etc\\rancher\\rke2\\config.yaml')).toBe('rke2');
    expect(claimant(agent, 'clusters/rke2/agent.yaml')).toBe('rke2');
    expect(claimant(agent, 'clusters/lab/rke2-agent.yaml')).toBe('rke2');
    expect(claimant(agent, 'corpus/someone.etc.rancher.rke2.config.yaml')).toBe('rke2');
    // The canonical place beats the flags; the flags beat a folder's name.
    expect(claimant('cluster-init: true\n', '/etc/rancher/rke2/config.yaml')).toBe('rke2');
    expect(claimant('flannel-backend: vxlan\n', 'clusters/rke2/server.yaml')).toBe('k3s');
    // A name that says both says nothing.
    expect(claimant(agent, 'k3s-to-rke2/agent.yaml')).toBe('k3s');
  });

  it('takes a drop-in with a single common flag only at its place', () => {
    expect(claimant('node-name: cp-1\n', '/etc/rancher/k3s/config.yaml.d/10-name.yaml')).toBe('k3s');
    expect(claimant('node-name: cp-1\n')).toBeUndefined();
    expect(claimant('token: abc\n', 'somewhere/config.yaml')).toBeUndefined();
    expect(claimant('node-name: cp-1\ntoken: abc\n')).toBe('k3s');
    expect(claimant('kubelet-arg+:\n  - max-pods=250\nnode-ip: 10.0.0.5\n')).toBe('k3s');
  });

  // pre-commit passes every staged YAML file: other tools' files must be skipped, not linted.
  const notOurs: Record<string, string> = {
    'a docker-compose file': 'version: "3.8"\nservices:\n  web:\n    image: nginx\n    ports: ["80:80"]\n',
    'a Helm values file with server and cni keys': 'server:\n  replicas: 2\ncni:\n  enabled: true\ntoken: abc\nnode-ip: 10.0.0.5\n',
    'a Helm values file with flat keys': 'replicaCount: 1\nimage: nginx\nserver: https://example.com\ntoken: abc\n',
    'a GitHub workflow': 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
    'Ansible variables': 'k3s_version: v1.31.1+k3s1\ntoken: changeme\ncluster_cidr: 10.42.0.0/16\n',
    'a Kubernetes object': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {cluster-cidr: 10.42.0.0/16}\n',
    'a flat kebab-case file without k3s flags': 'line-length: false\nno-inline-html: true\ndefault: true\n',
    'a lone common flag': 'server: https://example.com\n',
    'a list': '- cluster-cidr: 10.42.0.0/16\n',
    'nested lists': 'cluster-cidr:\n  - [10.42.0.0/16]\n',
  };
  for (const [what, text] of Object.entries(notOurs)) {
    it(`does not claim ${what}`, () => {
      expect(claimant(text, `repo/${what.replaceAll(' ', '-')}.yaml`)).toBeUndefined();
      expect(lint(text, { filePath: 'repo/file.yaml' }).isPlan).toBe(false);
    });
  }

  it('looks at a text too large or too broken to parse by its lines', () => {
    expect(k3s.looksLike('# k3s\ncluster-cidr: 10.42.0.0/16\ntls-san:\n- a\n  - b\n')).toBe(true);
    expect(k3s.looksLike('cluster-cidr: 10.42.0.0/16\n{% if x %}\nnode-ip: 1.2.3.4\n{% endif %}\n')).toBe(false);
    expect(k3s.looksLike('server:\n  replicas: 2\nimage: x\ncluster_cidr: 1\nk3s_cluster:\n')).toBe(false);
    expect(k3s.looksLike('apiVersion: v1\nkind: Pod\nnode-name: x\n')).toBe(false);
    expect(k3s.looksLike('image: nginx\n')).toBe(false);
    // A broken config is still ours, so that its syntax error is reported.
    const broken = lint('cluster-cidr: 10.42.0.0/16\nnode-ip: [10.0.0.5\n', { filePath: 'etc/rancher/k3s/config.yaml' });
    expect(broken.isPlan).toBe(true);
    expect(broken.diagnostics.some((d) => d.ruleId === 'yaml-syntax')).toBe(true);
  });
});

describe('reading, with positions inside comma lists and URLs', () => {
  it('locates each CIDR of a comma list, a finding points inside the string', () => {
    const text = 'cluster-init: true\ncluster-cidr: "10.42.0.0/16, fd42::/5600"\nservice-cidr: 10.43.0.0/16,fd43::/112\n';
    const p = part(text);
    expect(p.networks.lists.pods!.map((e) => at(text, e.span))).toEqual(['10.42.0.0/16', 'fd42::/5600']);
    expect(p.networks.lists.services!.map((e) => at(text, e.span))).toEqual(['10.43.0.0/16', 'fd43::/112']);
    const invalid = lint(text, { filePath: 'k3s/config.yaml' }).diagnostics.find((d) => d.ruleId === 'invalid-cidr')!;
    expect(text.slice(invalid.range.start.offset, invalid.range.end.offset)).toBe('fd42::/5600');
  });

  it('locates list items and their comma parts; an escaped string is located whole', () => {
    const text = 'cluster-init: true\ncluster-cidr:\n  - 10.42.0.0/16\n  - "fd42::/56"\nnode-ip: "10.0.0.5,\\x66d00::5"\n';
    const p = part(text);
    expect(p.networks.lists.pods!.map((e) => at(text, e.span))).toEqual(['10.42.0.0/16', 'fd42::/56']);
    // The escape makes the value differ from its text: each part gets the whole scalar's span.
    expect(p.nodes[0].interfaces[0].addresses.map((a) => [a.value, at(text, a.span)])).toEqual([
      ['10.0.0.5', '"10.0.0.5,\\x66d00::5"'],
      ['fd00::5', '"10.0.0.5,\\x66d00::5"'],
    ]);
  });

  it('reads node-ip and node-external-ip as addresses of unknown subnet, one address once', () => {
    const text = 'node-ip: 10.0.0.5,fd00::5\nnode-external-ip: [10.0.0.5, 203.0.113.5]\ntoken: x\n';
    const iface = part(text).nodes[0].interfaces[0];
    expect(iface.addresses.map((a) => at(text, a.span))).toEqual(['10.0.0.5', 'fd00::5', '203.0.113.5']);
    expect(iface.addresses.every((a) => a.subnetUnknown)).toBe(true);
    const dup = lint('node-ip: "10.0.0.5, 10.0.0.5"\ncluster-init: true\n', { filePath: 'k3s/config.yaml' }).diagnostics.find(
      (d) => d.ruleId === 'duplicate-address',
    )!;
    expect([dup.range.start.column, dup.range.end.column]).toEqual([21, 29]);
  });

  it('gives a node without node-ip an address the file does not say, and a templated one a listed address', () => {
    expect(part('cluster-init: true\n').nodes[0].interfaces[0].addressUnknown).toBe(true);
    const templated = part('node-ip: "{{ ansible_host }}"\ntoken: x\n');
    expect(templated.nodes[0].interfaces[0].listedAddresses).toBe(1);
    expect(templated.unresolved!.map((u) => u.value)).toEqual(['{{ ansible_host }}']);
    for (const text of ['cluster-init: true\n', 'node-ip: "{{ ip }}"\ntoken: x\n']) {
      expect(lint(text, { filePath: 'k3s/config.yaml' }).diagnostics.map((d) => d.ruleId)).not.toContain('node-without-address');
    }
  });

  it('reads the endpoint inside the server URL: host:port on k3s, the host on RKE2 (its API is on 6443, not 9345)', () => {
    const k = 'server: https://cp.example.internal:6443/\ntoken: x\n';
    expect(at(k, part(k).controlPlaneEndpoint!.span)).toBe('cp.example.internal:6443');
    expect(part(k).controlPlaneEndpoint!.endpoint).toEqual({ host: 'cp.example.internal', port: 6443 });
    const r = 'server: "https://[fd00::10]:9345"\ntoken: x\n';
    expect(at(r, part(r, rke2).controlPlaneEndpoint!.span)).toBe('[fd00::10]');
    expect(part(r, rke2).controlPlaneEndpoint!.endpoint?.port).toBeUndefined();
    expect(part('server: 10.0.0.1:6443\ntoken: x\n').controlPlaneEndpoint).toBeUndefined();
  });

  it('reads max-pods and the node CIDR mask from the component args, located at the number', () => {
    const text = [
      'cluster-init: true',
      'kubelet-arg:',
      '  - "max-pods=250"',
      '  - --eviction-hard=memory.available<5%',
      'kube-controller-manager-arg: [node-cidr-mask-size-ipv4=25, "node-cidr-mask-size-ipv6=80"]',
      '',
    ].join('\n');
    const n = part(text).networks;
    expect([n.maxPods?.value, at(text, n.maxPods?.span)]).toEqual([250, '250']);
    expect([n.nodeCidrMaskSize?.value, at(text, n.nodeCidrMaskSize?.span)]).toEqual([25, '25']);
    expect([n.nodeCidrMaskSizeIPv6?.value, at(text, n.nodeCidrMaskSizeIPv6?.span)]).toEqual([80, '80']);
    const plain = 'kubelet-arg: max-pods=250\nkubelet-arg+: [max-pods=300]\nnode-ip: 10.0.0.5\n';
    expect(at(plain, part(plain).networks.maxPods?.span)).toBe('300');
  });

  it('reads cluster-dns and the NodePort range on a server', () => {
    const text = 'cluster-cidr: 10.42.0.0/16\ncluster-dns: 10.43.0.10,fd43::a\nservice-node-port-range: "30000-32767"\n';
    const n = part(text).networks;
    expect(at(text, n.clusterDNS?.span)).toBe('10.43.0.10');
    expect(n.nodePortRange?.range).toEqual([30000, 32767]);
  });
});

describe('the node', () => {
  it('is named by node-name, unnamed without it', () => {
    expect(part('node-name: cp-1\ncluster-init: true\n').nodes[0].name?.value).toBe('cp-1');
    expect(part('cluster-init: true\n').nodes[0].name).toBeUndefined();
  });

  it('is a server (control plane, and an etcd member when it runs one) or an agent', () => {
    expect(roles(part('cluster-init: true\n'))).toEqual(['control-plane', 'etcd']);
    // A lone k3s server without cluster-init keeps its state in SQLite.
    expect(roles(part('write-kubeconfig-mode: "0644"\nnode-ip: 10.0.0.5\n'))).toEqual(['control-plane']);
    expect(roles(part('server: https://cp-1:6443\ntls-san: [k3s.lan]\n'))).toEqual(['control-plane', 'etcd']);
    expect(roles(part('cluster-cidr: 10.42.0.0/16\ndatastore-endpoint: postgres://db\n'))).toEqual(['control-plane']);
    expect(roles(part('disable: [traefik]\n', rke2))).toEqual(['control-plane', 'etcd']);
    expect(roles(part('cni: canal\ndisable-etcd: true\nserver: https://x:9345\n', rke2))).toEqual(['control-plane']);
    expect(roles(part('cluster-init: true\ndisable-apiserver: true\n'))).toEqual(['etcd']);
    expect(roles(part('server: https://cp-1:6443\ntoken: x\nnode-ip: 10.0.0.21\n'))).toEqual(['worker']);
    expect(roles(part('token: x\nnode-ip: 10.0.0.21\n'))).toEqual(['worker']);
  });

  it('locates the roles at the flags that make them', () => {
    const text = 'node-name: cp-2\nserver: https://cp-1:6443\ntls-san: [k3s.lan]\n';
    expect(part(text).nodes[0].roles.map((r) => [r.value, at(text, r.span)])).toEqual([
      ['control-plane', 'tls-san'],
      ['etcd', 'server'],
    ]);
  });
});

describe('the CNI', () => {
  const cni = (text: string, format = k3s) => {
    const p = part(text, format);
    return [p.pluginAt?.value, p.modeAt?.value];
  };

  it("k3s's flannel-backend: flannel with its backend, or none", () => {
    expect(cni('flannel-backend: host-gw\n')).toEqual(['flannel', 'host-gw']);
    expect(cni('flannel-backend: wireguard-native\n')).toEqual(['flannel', 'wireguard']);
    expect(cni('flannel-backend: "none"\n')).toEqual(['none', undefined]);
    expect(cni('cluster-init: true\n')).toEqual([undefined, undefined]);
  });

  it("RKE2's cni: the first plugin after multus, with its chart's defaults unless disabled", () => {
    expect(cni('cni: [multus, cilium]\n', rke2)).toEqual(['cilium', undefined]);
    expect(cni('cni: multus,canal\n', rke2)).toEqual(['canal', undefined]);
    expect(cni('cni: calico\n', rke2)).toEqual(['calico', 'vxlan']);
    expect(cni('cni: calico\ndisable: [rke2-calico]\n', rke2)).toEqual(['calico', undefined]);
    expect(cni('cni: weave\n', rke2)).toEqual(['none', undefined]);
    expect(part('cni: cilium\n', rke2).defaults?.pods).toEqual(['10.42.0.0/16']);
    expect(part('cni: cilium\ndisable: rke2-cilium\n', rke2).defaults?.pods).toBeUndefined();
  });

  it('gives an agent no pod or service CIDR: the servers set them', () => {
    const text = 'server: https://cp-1:6443\ntoken: x\nnode-ip: 10.42.0.5\n';
    expect(part(text).defaults).toMatchObject({ pods: [], services: [] });
    expect(lint(text, { filePath: 'k3s/agent.yaml' }).diagnostics.map((d) => d.ruleId)).not.toContain('node-address-in-cluster-cidr');
  });
});

describe('the real k3s and RKE2 files of the corpus', () => {
  const dir = resolve(__dirname, '../../shared/corpus/realworld/k3s-rke2');
  const lintCorpus = (name: string) => lint(readFileSync(join(dir, name), 'utf8'), { filePath: join(dir, name), host: fileSystemHost });

  it('are all linted without a crash', () => {
    // Not a skip: the corpus is part of the workspace, and a missing one must fail here.
    if (!existsSync(dir)) throw new Error(`the k3s/RKE2 corpus is missing: ${dir}`);
    const files = readdirSync(dir).filter((f) => f !== 'SOURCES.md');
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const result = lintCorpus(f);
      expect(
        result.diagnostics.filter((d) => d.ruleId === 'rule-crash'),
        f,
      ).toEqual([]);
    }
  });

  it("ictorn's NAS: a NodePort range of 1-32767 covers the cluster's own ports", () => {
    const result = lintCorpus('ictorn-NAS.etc.rancher.k3s.config.yaml');
    expect(result.isPlan).toBe(true);
    const conflict = result.diagnostics.find((d) => d.ruleId === 'nodeport-range-conflict')!;
    expect([conflict.range.start.line, conflict.range.start.column]).toEqual([11, 26]);
    expect(conflict.message).toContain('6443 (kube-apiserver)');
  });

  it('gdm257: an embedded-etcd server without flannel, nothing wrong', () => {
    const result = lintCorpus('gdm257-dev-iac.etc.rancher.k3s.config.yaml');
    expect(result.isPlan).toBe(true);
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it("the Jinja template and k3s-ansible's inventory are not k3s or RKE2 configs", () => {
    const template = 'lablabs-ansible-role-rke2.templates.config.yaml.j2';
    expect(lintCorpus(template).isPlan).toBe(false);
    expect(k3s.looksLike(readFileSync(join(dir, template), 'utf8'))).toBe(false);
    const inventory = readFileSync(join(dir, 'k3s-ansible.inventory-sample.yml'), 'utf8');
    expect(['k3s', 'rke2']).not.toContain(claimant(inventory, join(dir, 'k3s-ansible.inventory-sample.yml')));
    expect(k3s.looksLike(inventory)).toBe(false);
  });
});
