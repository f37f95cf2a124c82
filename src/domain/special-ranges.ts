// Address ranges with a special purpose (IANA special-purpose registries, RFC 6890): those that can
// never be a node's own address, and those reserved for documentation.
import { builtinCidr, contains, networkOf, type Cidr, type Family, type IpAddress } from '../values/ip';

const table = (rows: [string, string][]): [Cidr, string][] => rows.map(([text, what]) => [builtinCidr(text), what]);

const UNUSABLE = table([
  ['0.0.0.0/32', 'the unspecified address'],
  ['0.0.0.0/8', 'in "this network" 0.0.0.0/8'],
  ['127.0.0.0/8', 'a loopback address'],
  ['169.254.0.0/16', 'a link-local address'],
  ['224.0.0.0/4', 'a multicast address'],
  ['255.255.255.255/32', 'the limited broadcast address'],
  ['::/128', 'the unspecified address'],
  ['::1/128', 'the loopback address'],
  ['fe80::/10', 'a link-local address'],
  ['ff00::/8', 'a multicast address'],
]);

/** What makes an address unusable on a node interface, or undefined when it is usable. */
export function specialUse(ip: IpAddress): string | undefined {
  for (const [cidr, what] of UNUSABLE) if (contains(cidr, ip)) return what;
  return undefined;
}

/**
 * Documentation ranges (RFC 5737, RFC 3849) are valid unicast syntax, so a node could use them, but no
 * real network does: in a plan they are an example that was never replaced (placeholder-address).
 */
const DOCUMENTATION = table([
  ['192.0.2.0/24', 'TEST-NET-1, RFC 5737'],
  ['198.51.100.0/24', 'TEST-NET-2, RFC 5737'],
  ['203.0.113.0/24', 'TEST-NET-3, RFC 5737'],
  ['2001:db8::/32', 'RFC 3849'],
]);

/** The documentation range that holds the whole of a range, as `192.0.2.0/24 (TEST-NET-1, RFC 5737)`. */
export function documentationRange(r: { family: Family; first: bigint; last: bigint }): string | undefined {
  for (const [cidr, source] of DOCUMENTATION) {
    if (cidr.family === r.family && r.first >= cidr.first && r.last <= cidr.last) return `${networkOf(cidr)} (${source})`;
  }
  return undefined;
}
