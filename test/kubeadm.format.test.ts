// The kubeadm input format: which documents it claims (alone and beside others in a file), one plan per
// file, both shapes of extraArgs (v1beta3's map, v1beta4's list of {name, value}), imports through a
// ClusterPlan, and the real-world files of the corpus. The golden findings of its fixtures are in
// test/formats.test.ts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/core/types';
import { BUILTIN_FORMATS } from '../src/formats';
import { kubeadm } from '../src/formats/kubeadm';
import { lint } from '../src/linter';
import type { PlanPart } from '../src/model/types';
import { parseDocuments, type ParsedDocument } from '../src/source/parse';
import { fileSystemHost } from '../src/workspace/input-host';
import { FIXTURES } from './support/fixtures';

/** The real-world kubeadm files of input-formats.md section 11.3, with their SOURCES.md. */
const CORPUS = resolve(__dirname, '../../shared/corpus/realworld/kubeadm');

function documentsOf(text: string): ParsedDocument[] {
  const parsed = parseDocuments(text);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return parsed.documents;
}

/** Per document of the text: whether kubeadm claims it, seeing the whole file as the engine does. */
const claimsOf = (text: string) => {
  const docs = documentsOf(text);
  return docs.map((d) => kubeadm.claims(d, docs));
};

/** Each document's part, as the engine reads it. */
const partsOf = (text: string): PlanPart[] =>
  documentsOf(text).map((d) =>
    kubeadm.read(d.doc, () => {
      /* no time budget */
    }),
  );

/** The text a span covers. */
const at = (text: string, span: readonly [number, number] | undefined) => (span ? text.slice(span[0], span[1]) : undefined);

/** What a finding says, apart from where: rule, message id, and the text it points at. */
const said = (text: string, diagnostics: Diagnostic[]) =>
  diagnostics.map((d) => `${d.ruleId}/${d.messageId} ${JSON.stringify(text.slice(d.range.start.offset, d.range.end.offset))}`).sort();

const CLUSTER = (version: string) => `apiVersion: kubeadm.k8s.io/${version}\nkind: ClusterConfiguration\nnetworking:\n  podSubnet: 10.244.0.0/16\n`;
const INIT = (version: string) => `apiVersion: kubeadm.k8s.io/${version}\nkind: InitConfiguration\nnodeRegistration:\n  name: cp-1\n`;
const JOIN = 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: JoinConfiguration\nnodeRegistration:\n  name: worker-1\n';
const KUBELET = 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nmaxPods: 110\n';
const KUBE_PROXY = 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\n';
const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kubeadm-config\n';

describe('kubeadm: detection', () => {
  it('is a built-in format, asked after ClusterPlan and talhelper', () => {
    expect(BUILTIN_FORMATS.map((f) => f.id).indexOf('kubeadm')).toBeGreaterThan(BUILTIN_FORMATS.map((f) => f.id).indexOf('talhelper'));
    expect(kubeadm.fixable).toBe(false);
    expect(kubeadm.validate).toBeUndefined();
  });

  it('claims ClusterConfiguration, InitConfiguration and JoinConfiguration of every kubeadm.k8s.io version', () => {
    for (const version of ['v1beta2', 'v1beta3', 'v1beta4']) {
      expect(claimsOf(CLUSTER(version)), version).toEqual([true]);
      expect(claimsOf(INIT(version)), version).toEqual([true]);
    }
    expect(claimsOf(JOIN)).toEqual([true]);
    expect(claimsOf(`{"apiVersion": "kubeadm.k8s.io/v1beta3", "kind": "ClusterConfiguration"}`)).toEqual([true]);
  });

  it('claims the kubelet, kube-proxy and other kubeadm documents only in a file with a kubeadm configuration', () => {
    expect(claimsOf(KUBELET)).toEqual([false]);
    expect(claimsOf(`${KUBELET}---\n${KUBE_PROXY}`)).toEqual([false, false]);
    expect(claimsOf(`${CLUSTER('v1beta4')}---\n${INIT('v1beta4')}---\n${KUBELET}---\n${KUBE_PROXY}---\n${CONFIG_MAP}`)).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
    expect(claimsOf(`${KUBELET}---\n${JOIN}`)).toEqual([true, true]);
    expect(claimsOf('apiVersion: kubeadm.k8s.io/v1beta4\nkind: ResetConfiguration\n')).toEqual([false]);
    expect(claimsOf(`apiVersion: kubeadm.k8s.io/v1beta4\nkind: ResetConfiguration\n---\n${JOIN}`)).toEqual([true, true]);
    // Without the file, a kubelet document is not kubeadm's.
    const [, kubelet] = documentsOf(`${CLUSTER('v1beta3')}---\n${KUBELET}`);
    expect(kubeadm.claims(kubelet)).toBe(false);
  });

  it('does not claim documents of other tools with the same kinds, nor other formats', () => {
    expect(claimsOf('apiVersion: example.com/v1\nkind: ClusterConfiguration\nnetworking: {podSubnet: 10.0.0.0/16}\n')).toEqual([false]);
    expect(claimsOf('apiVersion: bootstrap.cluster.x-k8s.io/v1beta1\nkind: KubeadmConfig\nspec: {}\n')).toEqual([false]);
    expect(claimsOf('apiVersion: kube-netlint/v1\nkind: ClusterPlan\nspec: {}\n')).toEqual([false]);
    expect(claimsOf('clusterName: home\nnodes:\n  - hostname: cp-1\n')).toEqual([false]);
    expect(claimsOf('kind: ClusterConfiguration\n')).toEqual([false]);
  });

  it('claims a kubeadm document that does not parse by its apiVersion and kind lines', () => {
    expect(claimsOf('apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nnetworking:\n  podSubnet: [10.244.0.0/16\n')).toEqual([true]);
  });

  it('looks like kubeadm by an apiVersion line, for texts too large or broken to parse', () => {
    expect(kubeadm.looksLike(CLUSTER('v1beta4'))).toBe(true);
    expect(kubeadm.looksLike(`# header\n${KUBELET}---\n${INIT('v1beta3')}`)).toBe(true);
    expect(kubeadm.looksLike('{"apiVersion": "kubeadm.k8s.io/v1beta3"}')).toBe(true);
    expect(kubeadm.looksLike(KUBELET)).toBe(false);
    expect(kubeadm.looksLike('# see kubeadm.k8s.io/v1beta3\napiVersion: v1\n')).toBe(false);
  });
});

describe('kubeadm: reading', () => {
  const V1BETA3 = `apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
networking:
  podSubnet: 10.244.0.0/16,fd00:10:244::/64
  serviceSubnet: 10.96.0.0/12,fd00:10:96::/112
apiServer:
  extraArgs:
    service-node-port-range: 30000-32000
controllerManager:
  extraArgs:
    node-cidr-mask-size-ipv4: "26"
    node-cidr-mask-size-ipv6: "60"
---
apiVersion: kubeadm.k8s.io/v1beta3
kind: InitConfiguration
nodeRegistration:
  kubeletExtraArgs:
    node-ip: 192.168.1.11,fd00:1::11
`;
  const V1BETA4 = `apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
networking:
  podSubnet: 10.244.0.0/16,fd00:10:244::/64
  serviceSubnet: 10.96.0.0/12,fd00:10:96::/112
apiServer:
  extraArgs:
    - name: service-node-port-range
      value: 30000-32000
controllerManager:
  extraArgs:
    - name: node-cidr-mask-size-ipv4
      value: "26"
    - name: node-cidr-mask-size-ipv6
      value: "60"
---
apiVersion: kubeadm.k8s.io/v1beta4
kind: InitConfiguration
nodeRegistration:
  kubeletExtraArgs:
    - name: node-ip
      value: 192.168.1.11,fd00:1::11
`;

  it('reads extraArgs as a map (v1beta3) and as a list of {name, value} (v1beta4) alike, located at the values', () => {
    for (const text of [V1BETA3, V1BETA4]) {
      const [cluster, init] = partsOf(text);
      expect(cluster.networks.nodeCidrMaskSize?.value).toBe(26);
      expect(at(text, cluster.networks.nodeCidrMaskSize?.span)).toBe('"26"');
      expect(cluster.networks.nodeCidrMaskSizeIPv6?.value).toBe(60);
      expect(cluster.networks.nodePortRange?.range).toEqual([30000, 32000]);
      expect(at(text, cluster.networks.nodePortRange?.span)).toBe('30000-32000');
      const addresses = init.nodes[0].interfaces.flatMap((i) => i.addresses);
      expect(addresses.map((a) => at(text, a.span))).toEqual(['192.168.1.11', 'fd00:1::11']);
      expect(addresses.every((a) => a.subnetUnknown)).toBe(true);
    }
  });

  it('gives the same findings for both shapes, at the flags', () => {
    const findings = [V1BETA3, V1BETA4].map((text) => said(text, lint(text).diagnostics));
    // /26 holds 62 pods, fewer than 110; /60 is shorter than the /64 it is cut from.
    expect(findings[0]).toEqual([
      'no-firewall/unknown "ClusterConfiguration"',
      'pod-block-too-small/tooSmall "\\"26\\""',
      'pod-cidr-size/maskShorter "\\"60\\""',
    ]);
    expect(findings[1]).toEqual(findings[0]);
  });

  it('takes the last of a repeated v1beta4 flag, as the command line does', () => {
    const text = `apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
controllerManager:
  extraArgs:
    - {name: node-cidr-mask-size, value: "24"}
    - {name: node-cidr-mask-size, value: "26"}
`;
    expect(partsOf(text)[0].networks.nodeCidrMaskSize?.value).toBe(26);
  });

  it('locates each CIDR of a dual-stack subnet inside its comma-separated string', () => {
    const text = `apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nnetworking:\n  podSubnet: "10.244.0.0/16,fd00:10:244::/56"\n  serviceSubnet: 10.96.0.0/12,fd00:10:96::/112\n`;
    const { lists } = partsOf(text)[0].networks;
    expect(lists.pods?.map((e) => at(text, e.span))).toEqual(['10.244.0.0/16', 'fd00:10:244::/56']);
    expect(lists.services?.map((e) => at(text, e.span))).toEqual(['10.96.0.0/12', 'fd00:10:96::/112']);
    expect([...(lists.pods ?? []), ...(lists.services ?? [])].every((e) => e.cidr)).toBe(true);
  });

  it('gives an InitConfiguration and a control-plane JoinConfiguration the control-plane role, any other JoinConfiguration the worker role', () => {
    const text = `${INIT('v1beta4')}---
apiVersion: kubeadm.k8s.io/v1beta4
kind: JoinConfiguration
controlPlane:
  localAPIEndpoint: {advertiseAddress: 10.0.0.12}
nodeRegistration: {name: cp-2}
---
${JOIN}`;
    const nodes = partsOf(text).flatMap((p) => p.nodes);
    expect(nodes.map((n) => [n.name?.value, n.roles.map((r) => r.value)])).toEqual([
      ['cp-1', ['control-plane']],
      ['cp-2', ['control-plane']],
      ['worker-1', ['worker']],
    ]);
    expect(nodes.map((n) => at(text, n.roles[0].span))).toEqual(['InitConfiguration', 'controlPlane', 'JoinConfiguration']);
    expect(at(text, nodes[1].interfaces[0].addresses[0].span)).toBe('10.0.0.12');
  });

  it('reads external etcd endpoints as members of the etcd role, at the host inside the URL', () => {
    const text = `apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
etcd:
  external:
    endpoints: [https://10.0.0.51:2379, "https://[fd00::52]:2379", https://etcd-3.internal:2379]
`;
    const nodes = partsOf(text)[0].nodes;
    expect(nodes.map((n) => n.roles.map((r) => r.value))).toEqual([['etcd'], ['etcd'], ['etcd']]);
    expect(nodes.map((n) => n.interfaces[0].addresses.map((a) => at(text, a.span)))).toEqual([['10.0.0.51'], ['fd00::52'], []]);
    // A DNS name: the member has an address, which the file does not say.
    expect(nodes[2].interfaces[0].listedAddresses).toBe(1);
  });

  it('leaves out addresses kubeadm and the kubelet pick themselves, and counts the node as having one', () => {
    const text = `apiVersion: kubeadm.k8s.io/v1beta3
kind: InitConfiguration
localAPIEndpoint: {advertiseAddress: 0.0.0.0}
nodeRegistration:
  kubeletExtraArgs: {node-ip: "::"}
`;
    const [iface] = partsOf(text)[0].nodes[0].interfaces;
    expect(iface.addresses).toEqual([]);
    expect(iface.listedAddresses).toBe(1);
    expect(lint(text).diagnostics.map((d) => d.ruleId)).not.toContain('node-without-address');
  });

  it('reads clusterDNS and maxPods from the KubeletConfiguration', () => {
    const text = `${CLUSTER('v1beta3')}---\napiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nclusterDNS: [10.96.0.10, 10.96.0.11]\nmaxPods: 250\n`;
    const kubelet = partsOf(text)[1];
    expect(at(text, kubelet.networks.clusterDNS?.span)).toBe('10.96.0.10');
    expect(kubelet.networks.maxPods?.value).toBe(250);
  });

  it('sets templated values aside, and a templated subnet still counts as set', () => {
    const text = `apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nnetworking:\n  serviceSubnet: "{{ service_cidr }}"\n`;
    const [part] = partsOf(text);
    expect(part.unresolved?.map((u) => u.value)).toEqual(['{{ service_cidr }}']);
    expect(part.networks.lists.services).toEqual([]);
    // No default service CIDR is put in its place.
    expect(lint(`${text}---\n${INIT('v1beta3')}`).diagnostics.map((d) => d.ruleId)).toEqual(['no-firewall', 'import-unresolved']);
  });
});

describe('kubeadm: one plan per file', () => {
  it('lints a multi-document file as one plan, anchored at its first kubeadm document', () => {
    const text = `${CLUSTER('v1beta4')}---\n${INIT('v1beta4')}---\n${KUBELET}---\n${KUBE_PROXY}`;
    const result = lint(text);
    expect(result.isPlan).toBe(true);
    expect(said(text, result.diagnostics)).toEqual(['no-firewall/unknown "ClusterConfiguration"']);
  });

  it('is no plan for a KubeletConfiguration alone', () => {
    expect(lint(KUBELET).isPlan).toBe(false);
  });

  it('honours directives in the documents beside the kubeadm configuration', () => {
    const text = `${CLUSTER('v1beta3')}---
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
# kube-netlint-disable-next-line pod-block-too-small -- dense nodes, calico IPAM on the way
maxPods: 500
`;
    const ids = lint(text).diagnostics.map((d) => d.ruleId);
    expect(ids).not.toContain('pod-block-too-small');
    expect(ids).not.toContain('unused-directive');
    expect(lint(text.replace(/# kube-netlint.*\n/, '')).diagnostics.map((d) => d.ruleId)).toContain('pod-block-too-small');
  });

  it('builds the plan from the documents that parse, and reports the others', () => {
    const text = `apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nnetworking:\n  podSubnet: [10.244.0.0/16\n---\n${INIT('v1beta3')}`;
    const ids = lint(text).diagnostics.map((d) => d.ruleId);
    expect(ids).toContain('yaml-syntax');
    expect(ids).toContain('no-firewall');
  });

  it('offers no fixes in kubeadm files', () => {
    const text = `apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nnetworking:\n  podSubnet: 10.244.1.0/16\n`;
    const [finding] = lint(text).diagnostics.filter((d) => d.ruleId === 'cidr-host-bits');
    expect(finding).toBeDefined();
    expect(finding.fix).toBeUndefined();
    expect(finding.suggestions ?? []).toEqual([]);
  });
});

describe('kubeadm: imported by a ClusterPlan', () => {
  it('adds each file of a cluster, and the findings land in the kubeadm files', () => {
    const dir = join(FIXTURES, 'inputs', 'kubeadm', 'cluster');
    const path = join(dir, 'plan.yaml');
    const result = lint(readFileSync(path, 'utf8'), { filePath: path, host: fileSystemHost });
    expect(result.imported?.map((f) => f.slice(dir.length + 1)).sort()).toEqual([
      'join-cp-2.yaml',
      'join-cp-3.yaml',
      'join-worker-1.yaml',
      'kubeadm-config.yaml',
    ]);
    const found = result.diagnostics.map(
      (d) => `${d.ruleId} ${d.filePath?.slice(dir.length + 1) ?? 'plan.yaml'}:${d.range.start.line}:${d.range.start.column}`,
    );
    // Three stacked control-plane nodes (no etcd finding) and a worker: four nodes for one /24 block.
    expect(found).toEqual(['no-firewall plan.yaml:6:1', 'pod-cidr-size kubeadm-config.yaml:6:14']);
    expect(result.diagnostics[1].message).toContain('the plan has 4 nodes');
  });
});

describe('kubeadm: the real-world files', () => {
  const files = () => {
    if (!existsSync(CORPUS)) {
      throw new Error(`the kubeadm corpus is missing: ${CORPUS} should hold the files of input-formats.md section 11.3 (with SOURCES.md)`);
    }
    const names = readdirSync(CORPUS)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort();
    if (names.length === 0) throw new Error(`the kubeadm corpus ${CORPUS} holds no YAML file`);
    return names.map((name) => ({ name, path: join(CORPUS, name), text: readFileSync(join(CORPUS, name), 'utf8') }));
  };

  it('lints every file as a kubeadm plan, without a crash', () => {
    for (const { name, path, text } of files()) {
      const result = lint(text, { filePath: path, host: fileSystemHost });
      expect(result.isPlan, name).toBe(true);
      expect(
        result.diagnostics.filter((d) => d.ruleId === 'rule-crash' || d.ruleId === 'yaml-syntax'),
        name,
      ).toEqual([]);
    }
  });

  it('gives the findings section 11.3 expects', () => {
    const byName = Object.fromEntries(files().map(({ name, text, path }) => [name.split('-')[0], said(text, lint(text, { filePath: path }).diagnostics)]));
    // podSubnet 172.16.0.0/12 swallows Docker's 172.17.0.0/16, but nothing in the file lies there.
    expect(byName.AlexMitev91).toEqual([]);
    // A /24 pod subnet with the default /24 node mask: one node block, and the file has one node.
    expect(byName.davydehaas98).toEqual(['no-firewall/unknown "ClusterConfiguration"']);
    // The IPv6 pod /80 cannot be cut into /64 node blocks (the default IPv6 node mask).
    expect(byName.einfachnuralex).toEqual(['pod-cidr-size/maskShorter "fd02::/80"']);
  });
});
