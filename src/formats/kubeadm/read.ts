// A kubeadm configuration file's documents → their parts of the plan, one document at a time (the engine
// reads every document of the file into the one plan: InputFormat.wholeFile):
// - ClusterConfiguration: the pod and service subnets (a dual-stack pair is one comma string: each CIDR is
//   located inside it), the control-plane endpoint, the node CIDR masks and the NodePort range from the
//   components' extraArgs, and the members of an external etcd (`etcd.external.endpoints`);
// - InitConfiguration: the first control-plane node; JoinConfiguration: a control-plane node (with
//   `controlPlane`) or a worker. Its name, advertise address and kubelet node IPs;
// - KubeletConfiguration: clusterDNS and maxPods.
// kubeadm installs no CNI, so none is read; what kubeadm defaults are the distribution kubeadm's.
//
// etcd: kubeadm runs it stacked on the control-plane nodes unless the ClusterConfiguration names external
// endpoints. The model says the same thing the same way: with no node of the etcd role, the control-plane
// nodes are the members; external endpoints are nodes of the etcd role, and then the only members. So a
// control-plane node has the control-plane role alone, whichever file its InitConfiguration or
// JoinConfiguration is in (`kubeadm join` reads no ClusterConfiguration).
import type { Document, YAMLMap } from 'yaml';
import type { Span } from '../../core/types';
import { addressLiteral, endpointLiteral, networkEntry, portItem } from '../../model/literals';
import type { AddressLiteral, Located, NodeInterface, PlanNode, PlanPart, PortItem } from '../../model/types';
import { commaParts, spanOf, spanWithin, YamlReader } from '../../source/yaml-nodes';
import { Values } from '../located-values';
import { topLevel } from './detect';
import { extraArgs } from './extra-args';

export function readKubeadm(document: Document.Parsed, tick: () => void): PlanPart {
  const reader = new YamlReader(document);
  const root = reader.map(document.contents);
  const values = new Values();
  const kind = topLevel(document, 'kind');
  // Where plan-wide findings point: the document's kind (`kind: ClusterConfiguration`).
  const kindSpan = kind ? spanOf(kind.node) : spanOf(document.contents);
  const part: PlanPart = {
    anchorSpan: kindSpan,
    impliedDistribution: 'kubeadm',
    networks: { lists: {}, keySpans: {}, entries: [] },
    nodes: [],
    firewalls: [],
    services: [],
    unresolved: values.unresolved,
  };
  switch (kind?.value) {
    case 'ClusterConfiguration':
      readCluster(reader, root, values, part, tick);
      // `kubeadm init --config` reads it on the first control-plane node, which it does not list: its only
      // nodes (an external etcd's members) lack no control plane.
      if (part.nodes.length > 0) part.joins = kindSpan;
      break;
    case 'InitConfiguration':
    case 'JoinConfiguration':
      tick();
      part.nodes.push(readNode(reader, root, kind.value === 'JoinConfiguration', kindSpan, values));
      // `kubeadm join` joins a control plane that `discovery` names, not one this file describes.
      if (kind.value === 'JoinConfiguration') part.joins = reader.keySpan(root, 'discovery') ?? kindSpan;
      break;
    case 'KubeletConfiguration':
      readKubelet(reader, root, values, part);
      break;
    // KubeProxyConfiguration (mode, clusterCIDR), ResetConfiguration and UpgradeConfiguration say nothing the model holds.
  }
  return part;
}

/** `networking`, `controlPlaneEndpoint`, the extraArgs of the controller manager and the API server, and external etcd. */
function readCluster(r: YamlReader, root: YAMLMap | undefined, values: Values, part: PlanPart, tick: () => void): void {
  const { networks } = part;
  const [net, rn] = r.child(root, 'networking');
  const nm = rn.map(net);
  networks.keySpan = r.keySpan(root, 'networking');
  for (const [kind, key] of [
    ['pods', 'podSubnet'],
    ['services', 'serviceSubnet'],
  ] as const) {
    const written = rn.text(nm, key);
    // kubeadm takes an empty subnet as unset: no pod CIDR, the default service CIDR.
    if (!written || written.value === '') continue;
    networks.keySpans[kind] = written.keySpan;
    const lit = values.resolved(written);
    // kubeadm and kube-controller-manager split at commas and trim nothing: a space makes a CIDR invalid.
    networks.lists[kind] = lit ? commaParts(lit, { trim: false }).map((item) => networkEntry(kind, item)) : [];
  }
  networks.entries = [...(networks.lists.pods ?? []), ...(networks.lists.services ?? [])];
  const endpoint = values.text(r, root, 'controlPlaneEndpoint');
  if (endpoint && endpoint.value !== '') part.controlPlaneEndpoint = endpointLiteral(endpoint);

  const [cm, rc] = r.child(root, 'controllerManager');
  const controllerManager = extraArgs(rc, rc.map(cm), 'extraArgs');
  // `node-cidr-mask-size` is the single-stack flag, `-ipv4` and `-ipv6` the dual-stack ones.
  networks.nodeCidrMaskSize = maskSize(controllerManager('node-cidr-mask-size') ?? controllerManager('node-cidr-mask-size-ipv4'), values);
  networks.nodeCidrMaskSizeIPv6 = maskSize(controllerManager('node-cidr-mask-size-ipv6'), values);
  const [api, ra] = r.child(root, 'apiServer');
  const range = values.resolved(extraArgs(ra, ra.map(api), 'extraArgs')('service-node-port-range'));
  if (range) networks.nodePortRange = nodePortRange(range);

  const [etcd, re] = r.child(root, 'etcd');
  const [external, rx] = re.child(re.map(etcd), 'external');
  const [endpoints, rl] = rx.child(rx.map(external), 'endpoints');
  for (const item of rl.items(endpoints)) {
    tick();
    const member = externalEtcdMember(rl, item, values);
    if (member) part.nodes.push(member);
  }
}

/**
 * An external etcd endpoint (`https://10.0.0.50:2379`): a machine of the etcd role, outside the Kubernetes
 * nodes, at the URL's host (a DNS name: an address the file does not say).
 */
function externalEtcdMember(list: YamlReader, item: unknown, values: Values): PlanNode | undefined {
  const written = list.textOf(item);
  if (!written || written.value === '') return undefined;
  const { span } = written;
  const url = values.resolved(written);
  const node: PlanNode = { index: 0, isMapping: true, span, roles: [{ value: 'etcd', span }], interfaces: [], routes: [], sysctls: [] };
  const iface: NodeInterface = { node, span, addresses: [], listedAddresses: 1 };
  node.interfaces.push(iface);
  const host = url && hostOf(url);
  const address = host && addressLiteral(host, { prefixKnown: false });
  if (address?.ip) iface.addresses.push({ ...address, iface });
  return node;
}

/** The host of a URL (`https://[fd00::50]:2379/` → `fd00::50`), located inside it. */
function hostOf(url: Located<string>): Located<string> | undefined {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url.value);
  let start = scheme ? scheme[0].length : 0;
  let end = url.value.slice(start).search(/[/?#]/);
  end = end < 0 ? url.value.length : start + end;
  const authority = url.value.slice(start, end);
  const userinfo = authority.lastIndexOf('@');
  if (userinfo >= 0) start += userinfo + 1;
  const bracketed = /^\[([^\]]*)\]/.exec(url.value.slice(start, end));
  if (bracketed) return located(url, start + 1, start + 1 + bracketed[1].length);
  const colon = url.value.lastIndexOf(':', end - 1);
  return located(url, start, colon >= start ? colon : end);
}

const located = (lit: Located<string>, from: number, to: number): Located<string> | undefined =>
  to > from ? { value: lit.value.slice(from, to), span: spanWithin(lit, from, to) } : undefined;

/** A flag's mask size ("24"); a value that is no number is left to kube-controller-manager to refuse. */
function maskSize(lit: Located<string> | undefined, values: Values): Located<number> | undefined {
  const written = values.resolved(lit);
  if (!written || !/^\d+$/.test(written.value)) return undefined;
  return { value: Number(written.value), span: written.span, keySpan: written.keySpan };
}

/** kube-apiserver takes `30000-32767`, a single port, or `base+offset` (`30000+2767`). */
function nodePortRange(lit: Located<string>): PortItem | undefined {
  const plus = /^(\d+)\+(\d+)$/.exec(lit.value);
  if (plus) {
    const first = Number(plus[1]);
    const last = first + Number(plus[2]);
    if (first >= 1 && last <= 65535) return { ...lit, range: [first, last] };
  }
  return portItem(lit);
}

/**
 * The node an InitConfiguration or JoinConfiguration sets up: an InitConfiguration, or a JoinConfiguration
 * with `controlPlane`, is a control-plane node (and so, with stacked etcd, an etcd member: see above), any
 * other JoinConfiguration a worker. Node and roles are located at the document's `kind` (or `controlPlane`).
 */
function readNode(r: YamlReader, root: YAMLMap | undefined, join: boolean, kindSpan: Span, values: Values): PlanNode {
  const [reg, rr] = r.child(root, 'nodeRegistration');
  const registration = rr.map(reg);
  let controlPlane = !join;
  let roleSpan = kindSpan;
  // The API server's address: InitConfiguration.localAPIEndpoint, or JoinConfiguration.controlPlane.localAPIEndpoint.
  let endpointOf: [YAMLMap | undefined, YamlReader] | undefined = [root, r];
  if (join) {
    const [cp, rcp] = r.child(root, 'controlPlane');
    const cpm = rcp.map(cp);
    controlPlane = cpm !== undefined;
    if (cpm) roleSpan = r.keySpan(root, 'controlPlane') ?? kindSpan;
    endpointOf = cpm && [cpm, rcp];
  }
  const name = values.string(rr, registration, 'name');
  const node: PlanNode = {
    index: 0,
    isMapping: true,
    span: kindSpan,
    // kubeadm names an unnamed node after its hostname.
    name: name?.value === '' ? undefined : name,
    roles: [{ value: controlPlane ? 'control-plane' : 'worker', span: roleSpan }],
    interfaces: [],
    routes: [],
    sysctls: [],
  };
  const iface: NodeInterface = { node, span: kindSpan, addresses: [], listedAddresses: 0 };
  if (endpointOf) {
    const [m, re] = endpointOf;
    const [endpoint, rl] = re.child(m, 'localAPIEndpoint');
    addAddresses(iface, rl.text(rl.map(endpoint), 'advertiseAddress'), values, { list: false, loopbackDetected: true });
  }
  addAddresses(iface, extraArgs(rr, registration, 'kubeletExtraArgs')('node-ip'), values, { list: true, loopbackDetected: false });
  // Without an address kubeadm and the kubelet take the one of the default route's interface: the node has
  // one, which the file does not say (as a templated one).
  if (iface.listedAddresses === 0) iface.listedAddresses = 1;
  node.interfaces.push(iface);
  return node;
}

/**
 * The advertise address, or the kubelet's `node-ip` (a comma list, one per family): written without a
 * prefix, so the node's subnet is unknown. An unspecified address (`0.0.0.0`, `::`) asks kubeadm and the
 * kubelet to pick the address themselves, as a loopback advertise address asks kubeadm to take the global
 * address on `lo`: neither is the node's address as written.
 */
function addAddresses(iface: NodeInterface, written: Located<string> | undefined, values: Values, how: { list: boolean; loopbackDetected: boolean }): void {
  if (!written || written.value.trim() === '') return;
  if (!values.resolved(written)) {
    iface.listedAddresses++;
    return;
  }
  const items = how.list ? commaParts(written) : [written];
  for (const item of items) {
    const address = addressLiteral(item, { prefixKnown: false });
    if (address.ip && (address.ip.value === 0n || (how.loopbackDetected && isLoopback(address)))) continue;
    const same = (a: AddressLiteral) => a.ip && address.ip && a.ip.family === address.ip.family && a.ip.value === address.ip.value;
    if (iface.addresses.some(same)) continue;
    iface.addresses.push({ ...address, iface });
    iface.listedAddresses++;
  }
}

const isLoopback = ({ ip }: AddressLiteral): boolean => ip !== undefined && (ip.family === 4 ? ip.value >> 24n === 127n : ip.value === 1n);

/** `clusterDNS` (the first address: the one pods resolve with) and `maxPods`. */
function readKubelet(r: YamlReader, root: YAMLMap | undefined, values: Values, part: PlanPart): void {
  const dns = values.resolved(r.strings(root, 'clusterDNS')?.[0]);
  if (dns) part.networks.clusterDNS = addressLiteral(dns, { prefixKnown: false });
  part.networks.maxPods = r.scalar<number>(root, 'maxPods', 'number');
  // A templated maxPods is listed as unresolved.
  if (!part.networks.maxPods) values.string(r, root, 'maxPods');
}
