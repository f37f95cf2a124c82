// A k3s or RKE2 config.yaml → its part of the plan. The file configures one node: its name, its role (a
// server when it sets server flags, else an agent), its addresses (`node-ip`, `node-external-ip`), and,
// on a server, the cluster's settings every server must agree on: pod and service CIDRs, cluster DNS,
// NodePort range, CNI. Comma lists (`cluster-cidr: "10.42.0.0/16,fd42::/56"`) are read item by item, each
// located inside the string; templated values are set aside as unresolved (docs/formats/k3s.md, rke2.md).
import { isScalar, Scalar, type Document, type YAMLMap } from 'yaml';
import type { Span } from '../../core/types';
import { DEFAULT_SERVICE_CIDR } from '../../domain/network-defaults';
import { addressLiteral, endpointLiteral, networkEntry, portItem } from '../../model/literals';
import type { AddressEntry, FormatDefaults, Located, Networks, NodeInterface, PlanNode, PlanPart } from '../../model/types';
import { commaParts, spanOf, spanWithin, type YamlReader } from '../../source/yaml-nodes';
import { Values } from '../located-values';
import type { Flavour } from './detect';

/** The cluster CIDR both distributions use when `cluster-cidr` is not set (their bundled CNIs follow it). */
const DEFAULT_CLUSTER_CIDR = '10.42.0.0/16';

/** Flags only a server takes (k3s docs cli/server, rke2-docs reference/server_config): they make the node a server. */
const SERVER_FLAGS = new Set([
  'cluster-init',
  'cluster-reset',
  'cluster-cidr',
  'service-cidr',
  'cluster-dns',
  'cluster-domain',
  'tls-san',
  'tls-san-security',
  'disable',
  'disable-scheduler',
  'disable-cloud-controller',
  'disable-kube-proxy',
  'disable-network-policy',
  'disable-helm-controller',
  'disable-etcd',
  'disable-apiserver',
  'disable-controller-manager',
  'flannel-backend',
  'flannel-ipv6-masq',
  'flannel-external-ip',
  'cni',
  'service-node-port-range',
  'egress-selector-mode',
  'servicelb-namespace',
  'write-kubeconfig',
  'write-kubeconfig-mode',
  'write-kubeconfig-group',
  'agent-token',
  'agent-token-file',
  'advertise-address',
  'advertise-port',
  'https-listen-port',
  'bind-address',
  'helm-job-image',
  'default-local-storage-path',
  'secrets-encryption',
  'secrets-encryption-provider',
  'embedded-registry',
  'supervisor-metrics',
  'enable-servicelb',
  'ingress-controller',
  'audit-policy-file',
  'pod-security-admission-config-file',
]);
/** Server flag families: `etcd-snapshot-*`, `etcd-s3-*`, `datastore-*`, the control-plane components' args, images and mounts. */
const SERVER_PREFIX =
  /^(?:etcd-|datastore-|kube-apiserver-|kube-controller-manager-|kube-scheduler-|kube-cloud-controller-manager-|cloud-controller-manager-|control-plane-)/;

const isServerFlag = (flag: string): boolean => SERVER_FLAGS.has(flag) || SERVER_PREFIX.test(flag);

/** YAML 1.1 booleans as k3s reads them (`cluster-init: yes`). */
const TRUE = /^(?:true|yes|on|y)$/i;

export function readRancherConfig(document: Document.Parsed, reader: YamlReader, flavour: Flavour, tick: () => void): PlanPart {
  tick();
  const values = new Values();
  const root = reader.map(document.contents);
  const pairs = root?.items ?? [];
  const flagAt = (p: (typeof pairs)[number]) => ({ flag: bare(String((p.key as Scalar).value)), span: spanOf(p.key) });
  const flags = pairs.filter((p) => isScalar(p.key)).map(flagAt);
  const anchorSpan = flags[0]?.span ?? spanOf(document.contents);
  const flag = (key: string) => new Flag(reader, root, key, values);

  // The role: server flags make a server (the first one written says so); else an agent.
  const serverFlag = flags.find((f) => isServerFlag(f.flag));
  const serverUrl = flag('server');
  const node: PlanNode = {
    index: 0,
    isMapping: true,
    span: spanOf(document.contents),
    name: values.string(reader, root, 'node-name'),
    roles: [],
    interfaces: [],
    routes: [],
    sysctls: [],
  };
  if (serverFlag) {
    if (!truthy(reader, root, 'disable-apiserver')) node.roles.push({ value: 'control-plane', span: serverFlag.span });
    // The etcd member is made by `cluster-init` (k3s) or by joining a server; an RKE2 server always is one.
    const etcdAt = (truthy(reader, root, 'cluster-init') ? reader.keySpan(root, 'cluster-init') : undefined) ?? serverUrl.keySpan ?? serverFlag.span;
    if (runsEtcd(flavour, reader, root, serverUrl.keySpan !== undefined)) node.roles.push({ value: 'etcd', span: etcdAt });
  } else {
    node.roles.push({ value: 'worker', span: serverUrl.keySpan ?? anchorSpan });
  }
  node.interfaces.push(readAddresses(node, flag('node-ip'), flag('node-external-ip'), anchorSpan));

  // k3s's `disable` removes no component a rule depends on; RKE2's may remove the chart of its CNI.
  const cni =
    flavour === 'k3s'
      ? flannelBackend(values.string(reader, root, 'flannel-backend'))
      : rke2Cni(
          flag('cni'),
          new Set(
            flag('disable')
              .parts()
              .map((p) => p.value),
          ),
        );
  const networks = readNetworks(flag);
  return {
    anchorSpan,
    impliedDistribution: flavour,
    pluginAt: cni.pluginAt,
    modeAt: cni.modeAt,
    controlPlaneEndpoint: endpointLiteral(endpointOf(serverUrl.first(), flavour)),
    networks,
    nodes: [node],
    firewalls: [],
    services: [],
    unresolved: values.unresolved,
    defaults: defaultsOf(flavour, serverFlag !== undefined, cni, anchorSpan),
    joins: serverFlag ? undefined : serverUrl.keySpan,
  };
}

const bare = (flag: string) => (flag.endsWith('+') ? flag.slice(0, -1) : flag);

function truthy(r: YamlReader, m: YAMLMap | undefined, key: string): boolean {
  const v = r.get(m, key) ?? r.get(m, `${key}+`);
  return isScalar(v) && (v.value === true || (typeof v.value === 'string' && TRUE.test(v.value)));
}

/**
 * Whether a server runs an etcd member: RKE2's always do; a k3s server does with `cluster-init` or when it
 * joins another (`server`), unless it uses an external datastore; a lone k3s server without either keeps its
 * state in SQLite. `disable-etcd` makes a control-plane-only server.
 */
function runsEtcd(flavour: Flavour, r: YamlReader, m: YAMLMap | undefined, joins: boolean): boolean {
  if (truthy(r, m, 'disable-etcd')) return false;
  if (flavour === 'rke2') return true;
  if (r.pair(m, 'datastore-endpoint')) return false;
  return joins || truthy(r, m, 'cluster-init');
}

/**
 * A flag's written values: a string or a list of strings, under `key` and `key+` (a drop-in's append),
 * each located so that its comma-separated parts can be (`spanWithin`). Templated ones are set aside.
 */
export class Flag {
  readonly items: Located<string>[] = [];
  /** Items written, templated ones included: a templated `node-ip` is an address the node has. */
  listed = 0;
  readonly keySpan: Span | undefined;

  constructor(r: YamlReader, m: YAMLMap | undefined, key: string, values: Values) {
    for (const k of [key, `${key}+`]) {
      if (!r.pair(m, k)) continue;
      this.keySpan ??= r.keySpan(m, k);
      const [n, rn] = r.child(m, k);
      if (isScalar(n)) {
        const text = r.text(m, k);
        if (text) this.listed++;
        if (text && values.resolved(text)) this.items.push(text);
        continue;
      }
      for (const item of rn.items(n)) {
        const lit = rn.textOf(item);
        if (!lit) continue;
        this.listed++;
        if (values.resolved(lit)) this.items.push(lit);
      }
    }
  }

  /** Every comma-separated part of every item, trimmed and located inside its string. */
  parts(): Located<string>[] {
    return this.items.flatMap((item) => commaParts(item));
  }

  first(): Located<string> | undefined {
    return this.items[0];
  }
}

/**
 * `node-ip` and `node-external-ip`: the node's addresses, written without a prefix (their subnet unknown). An
 * external address also written as `node-ip` is one address. Without either, k3s and RKE2 take the address
 * of the interface of the default route: the node has an address the file does not say.
 */
export function readAddresses(node: PlanNode, internal: Flag, external: Flag, anchor: Span): NodeInterface {
  const iface: NodeInterface = {
    node,
    span: internal.keySpan ?? external.keySpan ?? anchor,
    addresses: [],
    listedAddresses: internal.listed + external.listed,
    addressesKeySpan: internal.keySpan ?? external.keySpan,
  };
  if (internal.keySpan === undefined && external.keySpan === undefined) iface.addressUnknown = true;
  const add = (lit: Located<string>): AddressEntry => ({ ...addressLiteral(lit, { prefixKnown: false }), iface });
  iface.addresses = internal.parts().map(add);
  const same = (a: AddressEntry, b: AddressEntry) => a.ip !== undefined && b.ip !== undefined && a.ip.family === b.ip.family && a.ip.value === b.ip.value;
  for (const address of external.parts().map(add)) if (!iface.addresses.some((a) => same(a, address))) iface.addresses.push(address);
  return iface;
}

/** `cluster-cidr`, `service-cidr`, `cluster-dns`, `service-node-port-range`, `kubelet-arg max-pods`, `kube-controller-manager-arg node-cidr-mask-size*`. */
export function readNetworks(flag: (key: string) => Flag): Networks {
  const lists: Networks['lists'] = {};
  const keySpans: Networks['keySpans'] = {};
  for (const [kind, key] of [
    ['pods', 'cluster-cidr'],
    ['services', 'service-cidr'],
  ] as const) {
    const f = flag(key);
    keySpans[kind] = f.keySpan;
    if (f.keySpan) lists[kind] = f.parts().map((lit) => networkEntry(kind, lit));
  }
  const dns = flag('cluster-dns').parts()[0];
  const kubelet = args(flag('kubelet-arg'));
  const controllerManager = args(flag('kube-controller-manager-arg'));
  return {
    lists,
    keySpans,
    entries: [...(lists.pods ?? []), ...(lists.services ?? [])],
    maxPods: numberOf(kubelet.get('max-pods')),
    nodeCidrMaskSize: numberOf(controllerManager.get('node-cidr-mask-size') ?? controllerManager.get('node-cidr-mask-size-ipv4')),
    nodeCidrMaskSizeIPv6: numberOf(controllerManager.get('node-cidr-mask-size-ipv6')),
    clusterDNS: dns && addressLiteral(dns),
    nodePortRange: portItem(flag('service-node-port-range').first()),
  };
}

/** `kubelet-arg: [max-pods=250]` → max-pods → `250`, located after the `=`; the last one written wins, as for the component. */
function args(f: Flag): Map<string, Located<string>> {
  const out = new Map<string, Located<string>>();
  for (const item of f.items) {
    const m = /^(\s*(?:--)?([a-z0-9-]+)\s*=\s*)(.*?)\s*$/.exec(item.value);
    if (m) out.set(m[2], { value: m[3], span: spanWithin(item, m[1].length, m[1].length + m[3].length) });
  }
  return out;
}

function numberOf(lit: Located<string> | undefined): Located<number> | undefined {
  return lit && /^\d+$/.test(lit.value) ? { value: Number(lit.value), span: lit.span } : undefined;
}

export interface Cni {
  pluginAt?: Located<string>;
  modeAt?: Located<string>;
  /** The bundled chart is cilium's, whose IPAM follows the cluster CIDR (RKE2's rke2-cilium sets `ipam.mode: kubernetes`). */
  chartIpam?: boolean;
}

/** k3s's `flannel-backend`: flannel with that backend (`wireguard-native` is flannel's WireGuard), or `none`. */
export function flannelBackend(backend: Located<string> | undefined): Cni {
  if (!backend) return {};
  if (backend.value === 'none') return { pluginAt: { ...backend, value: 'none' } };
  const mode = backend.value === 'wireguard-native' ? 'wireguard' : backend.value;
  return { pluginAt: { ...backend, value: 'flannel' }, modeAt: { ...backend, value: mode } };
}

const RKE2_CNIS = new Set(['canal', 'calico', 'cilium', 'flannel', 'none']);

/**
 * RKE2's `cni`: the first plugin listed (`multus` comes first when it is used, beside the primary plugin).
 * Its bundled chart's defaults apply unless `disable` removes the chart (`rke2-calico`): rke2-calico runs
 * VXLAN (BGP disabled), rke2-cilium takes its pod CIDRs from `cluster-cidr`. An unknown plugin is `none`:
 * RKE2 does not start with it, so no CNI port is checked.
 */
function rke2Cni(f: Flag, disabled: Set<string>): Cni {
  const primary = f.parts().find((p) => p.value !== 'multus');
  if (!primary) return {};
  const plugin = RKE2_CNIS.has(primary.value) ? primary.value : 'none';
  const bundled = plugin !== 'none' && !disabled.has(`rke2-${plugin}`);
  return {
    pluginAt: { ...primary, value: plugin },
    modeAt: bundled && plugin === 'calico' ? { ...primary, value: 'vxlan' } : undefined,
    chartIpam: bundled && plugin === 'cilium',
  };
}

/**
 * What the part says about the CIDRs it leaves unset. A server: the distribution's cluster and service CIDRs
 * (10.42.0.0/16, 10.43.0.0/16), which RKE2's bundled cilium follows too (a cilium installed apart keeps its own
 * default pool). An agent cannot set them (the servers do), so a plan of agents alone has no pod or service CIDR in
 * force: none is guessed. In a plan that imports both, the first file with defaults gives them: import servers first.
 */
export function defaultsOf(flavour: Flavour, server: boolean, cni: Cni, span: Span): FormatDefaults {
  if (!server) return { by: `the ${flavour} servers`, pods: [], services: [], span };
  const ownCilium = cni.pluginAt?.value === 'cilium' && !cni.chartIpam;
  return { by: flavour, pods: ownCilium ? undefined : [DEFAULT_CLUSTER_CIDR], services: [DEFAULT_SERVICE_CIDR[flavour]], span };
}

/**
 * `server: https://10.0.0.1:6443` → the endpoint, located inside the URL: k3s's supervisor and API server share
 * the port, so `host:port`; RKE2's agents register on the supervisor's 9345, its API server is on 6443 of the
 * same host, so the host alone. A value that is not an https URL is not read.
 */
function endpointOf(url: Located<string> | undefined, flavour: Flavour): Located<string> | undefined {
  if (!url) return undefined;
  const m = /^https:\/\/([^/?#]+)/i.exec(url.value);
  if (!m) return undefined;
  const start = 'https://'.length;
  let authority = m[1];
  if (flavour === 'rke2') authority = /^(\[[^\]]*\]|[^:]*)/.exec(authority)![1];
  return { value: authority, span: spanWithin(url, start, start + authority.length), keySpan: url.keySpan };
}
