// A node's place in the network as the topology rules see it: the addresses other nodes reach it at,
// and the subnets it is directly connected to (the kernel's `proto kernel scope link` routes).
import type { AddressEntry, PlanNode } from '../model/types';
import { hostCidr, type Cidr, type IpAddress } from '../values/ip';

/** The node's addresses that parse and can be a host's own (special-use ones are invalid-address's findings). */
export function usableAddresses(node: PlanNode): AddressEntry[] {
  return node.interfaces.flatMap((i) => i.addresses.filter((a) => a.ip && !a.special));
}

/** The subnet an address connects its node to: the written /prefix, or the address alone (a bare `10.0.0.5`). */
export const connectedSubnet = (a: AddressEntry): Cidr => a.subnet ?? hostCidr(a.ip!);

/** A network as one key, host bits ignored: `4:a000000/24`. */
export const cidrKey = (c: Cidr): string => `${c.family}:${c.first.toString(16)}/${c.prefix}`;

/**
 * A node that takes an address from DHCP also takes whatever subnet and routes the lease brings
 * (usually a default route), so the routing rules give it the benefit of the doubt.
 */
const usesDhcp = (node: PlanNode): boolean => node.interfaces.some((i) => i.dhcp?.value === true);

/**
 * Whether the node's subnets may be other than its addresses say: a DHCP lease brings its own, and an
 * address written without a prefix by a format that never writes one (an inventory) names none.
 */
export const subnetsUnknown = (node: PlanNode): boolean => usesDhcp(node) || node.interfaces.some((i) => i.addresses.some((a) => a.subnetUnknown));

/** fe80::/10: an IPv6 router is usually named by its link-local address, which every IPv6 link has. */
export const isIpv6LinkLocal = (ip: IpAddress): boolean => ip.family === 6 && ip.value >> 118n === 0x3fan;
