// Talos's network interfaces (`machine.network.interfaces` of a machine config, and talhelper's
// `networkInterfaces`, which are the same): addresses, DHCP, routes, MAC selectors (globs are patterns),
// bond members and VLANs.
import type { YAMLMap } from 'yaml';
import { addressLiteral, macEntry, routeDestination } from '../../model/literals';
import type { NodeInterface, PlanNode, Route } from '../../model/types';
import { spanWithin, type Located, type YamlReader } from '../../source/yaml-nodes';
import type { Values } from '../located-values';

/** An interface, its bond members (each a NIC with its MAC) and its VLANs; routes go to the node. */
export function readInterface(list: YamlReader, item: unknown, node: PlanNode, values: Values): void {
  const [n, r] = list.enter(item);
  const m = r.map(n);
  const name = values.string(r, m, 'interface');
  const iface = interfaceOf(r, m, node, values, r.spanOf(n), name);
  const [selector, rs] = r.child(m, 'deviceSelector');
  const mac = values.string(rs, rs.map(selector), 'hardwareAddr');
  if (mac) iface.mac = macEntry(mac, { globs: true });
  node.interfaces.push(iface);
  const [bond, rb] = r.child(m, 'bond');
  const [members, rm] = rb.child(rb.map(bond), 'deviceSelectors');
  for (const member of rm.items(members)) {
    const [sn, rsn] = rm.enter(member);
    const memberMac = values.string(rsn, rsn.map(sn), 'hardwareAddr');
    if (memberMac) node.interfaces.push({ node, span: rsn.spanOf(sn), mac: macEntry(memberMac, { globs: true }), addresses: [], listedAddresses: 0 });
  }
  const [vlans, rv] = r.child(m, 'vlans');
  for (const v of rv.items(vlans)) {
    const [vn, rvn] = rv.enter(v);
    const vm = rvn.map(vn);
    const id = rvn.scalar<number>(vm, 'vlanId', 'number');
    const vlanName = name && id ? { value: `${name.value}.${id.value}`, span: id.span } : undefined;
    node.interfaces.push(interfaceOf(rvn, vm, node, values, rvn.spanOf(vn), vlanName));
  }
}

/** What an interface and a VLAN both have: addresses, DHCP and routes. */
function interfaceOf(
  r: YamlReader,
  m: YAMLMap | undefined,
  node: PlanNode,
  values: Values,
  span: NodeInterface['span'],
  name?: Located<string>,
): NodeInterface {
  // A templated address is listed (the node has one) but not judged.
  const listed = r.strings(m, 'addresses') ?? [];
  const written = listed.flatMap((lit) => values.resolved(lit) ?? []);
  const iface: NodeInterface = {
    node,
    span,
    name,
    dhcp: r.scalar<boolean>(m, 'dhcp', 'boolean'),
    addresses: [],
    listedAddresses: listed.length,
    addressesKeySpan: r.keySpan(m, 'addresses'),
  };
  iface.addresses = written.map((lit) => ({ ...addressLiteral(lit), iface }));
  const [routes, rr] = r.child(m, 'routes');
  for (const item of rr.items(routes)) node.routes.push(readRoute(rr, item, node, values));
  return iface;
}

/** A Talos route without `network` is a default route. */
function readRoute(list: YamlReader, item: unknown, node: PlanNode, values: Values): Route {
  const [n, r] = list.enter(item);
  const m = r.map(n);
  const viaAt = values.string(r, m, 'gateway');
  const via = viaAt && addressLiteral(viaAt);
  const toAt = values.string(r, m, 'network') ?? (via ? { value: 'default', span: viaAt.span } : undefined);
  return { node, span: r.spanOf(n), to: toAt && routeDestination(toAt, via?.ip), via, metric: r.scalar<number>(m, 'metric', 'number') };
}

/** `https://10.0.3.3:6443` → `10.0.3.3:6443`, located inside the URL. */
export function endpointOf(url: Located<string> | undefined): Located<string> | undefined {
  if (!url) return undefined;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url.value);
  const start = scheme ? scheme[0].length : 0;
  const slash = url.value.indexOf('/', start);
  const end = slash < 0 ? url.value.length : slash;
  return { value: url.value.slice(start, end), span: spanWithin(url, start, end), keySpan: url.keySpan };
}
