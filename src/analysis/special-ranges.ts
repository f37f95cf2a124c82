// Address ranges that can never be a node's own address (IANA special-purpose registries, RFC 6890).
import { contains, parseCidr, type Cidr, type IpAddress } from './ip';

const RANGES: [string, string][] = [
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
];

const PARSED: [Cidr, string][] = RANGES.map(([text, what]) => {
  const c = parseCidr(text);
  if (!c.ok) throw new Error(`bad built-in range ${text}`);
  return [c.value, what];
});

/** What makes an address unusable on a node interface, or undefined when it is usable. */
export function specialUse(ip: IpAddress): string | undefined {
  for (const [cidr, what] of PARSED) if (contains(cidr, ip)) return what;
  return undefined;
}
