// What a v1alpha1 machine config says about the network, each fact only where it is written: a whole machine
// config (the talos format) and a strategic-merge patch of one (talhelper's `patches`) are read alike. The
// interfaces and routes are read onto the node given, the rest is returned.
import type { YAMLMap } from 'yaml';
import type { Span } from '../../core/types';
import { addressLiteral, networkEntry, portItem } from '../../model/literals';
import type { Networks, PlanNode, Sysctl } from '../../model/types';
import type { Located, YamlReader } from '../../source/yaml-nodes';
import type { Values } from '../located-values';
import { endpointOf, readInterface } from './network';

export interface MachineFacts {
  /** `machine.type`. */
  type?: Located<string>;
  /** `machine.network.hostname`. */
  hostname?: Located<string>;
  /** The `machine.network.interfaces` key, when written (its items are read onto the node). */
  interfacesKeySpan?: Span;
  /** `machine.sysctls`, with slash-separated names read as dotted ones. */
  sysctls: Sysctl[];
  /** The pod and service lists (only the written ones), the node masks, maxPods, cluster DNS and NodePort range. */
  networks: Networks;
  /** `cluster.network.cni.name`. */
  plugin?: Located<string>;
  /** The `host:port` of `cluster.controlPlane.endpoint`, located inside the URL. */
  endpoint?: Located<string>;
  /** The `cluster.controlPlane.endpoint` key. */
  endpointKeySpan?: Span;
}

/** The facts of a machine config's (or patch's) root mapping; its interfaces and routes go onto `node`. */
export function readMachine(reader: YamlReader, root: YAMLMap | undefined, node: PlanNode, values: Values): MachineFacts {
  const [machine, rm] = reader.child(root, 'machine');
  const mm = rm.map(machine);
  const [network, rn] = rm.child(mm, 'network');
  const nm = rn.map(network);
  const [ifaces, ri] = rn.child(nm, 'interfaces');
  for (const item of ri.items(ifaces)) readInterface(ri, item, node, values);

  const [kubelet, rk] = rm.child(mm, 'kubelet');
  const km = rk.map(kubelet);
  const [extra, re] = rk.child(km, 'extraConfig');
  const dns = values.strings(rk, km, 'clusterDNS')?.[0];

  const [cluster, rc] = reader.child(root, 'cluster');
  const cm = rc.map(cluster);
  const [clusterNetwork, rcn] = rc.child(cm, 'network');
  const cnm = rcn.map(clusterNetwork);
  const networks = readNetworks(rcn, cnm, values);
  networks.maxPods = re.scalar<number>(re.map(extra), 'maxPods', 'number');
  if (dns) networks.clusterDNS = addressLiteral(dns);
  const masks = extraArgs(rc, cm, 'controllerManager', values);
  networks.nodeCidrMaskSize = number(masks('node-cidr-mask-size-ipv4') ?? masks('node-cidr-mask-size'));
  networks.nodeCidrMaskSizeIPv6 = number(masks('node-cidr-mask-size-ipv6'));
  networks.nodePortRange = portItem(extraArgs(rc, cm, 'apiServer', values)('service-node-port-range'));
  const [cni, rcni] = rcn.child(cnm, 'cni');
  const [cp, rcp] = rc.child(cm, 'controlPlane');
  const cpm = rcp.map(cp);
  return {
    type: values.string(rm, mm, 'type'),
    hostname: values.string(rn, nm, 'hostname'),
    interfacesKeySpan: rn.keySpan(nm, 'interfaces'),
    sysctls: readSysctls(rm, mm),
    networks,
    plugin: values.string(rcni, rcni.map(cni), 'name'),
    endpoint: endpointOf(values.text(rcp, cpm, 'endpoint')),
    endpointKeySpan: rcp.keySpan(cpm, 'endpoint'),
  };
}

function readNetworks(r: YamlReader, m: YAMLMap | undefined, values: Values): Networks {
  const networks: Networks = { lists: {}, keySpans: {}, entries: [] };
  for (const [kind, key] of [
    ['pods', 'podSubnets'],
    ['services', 'serviceSubnets'],
  ] as const) {
    networks.keySpans[kind] = r.keySpan(m, key);
    const written = values.strings(r, m, key);
    if (!written) continue;
    networks.lists[kind] = written.map((lit) => networkEntry(kind, lit));
    networks.entries.push(...networks.lists[kind]);
  }
  return networks;
}

/** A component's `extraArgs` value, by flag name. */
function extraArgs(r: YamlReader, cluster: YAMLMap | undefined, component: string, values: Values): (flag: string) => Located<string> | undefined {
  const [c, rc] = r.child(cluster, component);
  const [args, ra] = rc.child(rc.map(c), 'extraArgs');
  const am = ra.map(args);
  return (flag) => values.string(ra, am, flag);
}

const number = (lit: Located<string> | undefined): Located<number> | undefined =>
  lit && /^\d+$/.test(lit.value) ? { ...lit, value: Number(lit.value) } : undefined;

function readSysctls(r: YamlReader, machine: YAMLMap | undefined): Sysctl[] {
  const [sysctls, rs] = r.child(machine, 'sysctls');
  const out: Sysctl[] = [];
  for (const pair of rs.map(sysctls)?.items ?? []) {
    const [v, rv] = rs.enter(pair.value);
    const value = (v as { value?: unknown } | undefined)?.value;
    if (!['string', 'number', 'boolean'].includes(typeof value)) continue;
    out.push({
      name: String((pair.key as { value?: unknown }).value).replaceAll('/', '.'),
      value: value as Sysctl['value'],
      span: rv.spanOf(v),
      keySpan: rs.spanOf(pair.key),
    });
  }
  return out;
}
