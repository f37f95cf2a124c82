// Services as keys: protocol × port in one bigint (protocol * 65536 + port), so that what a firewall
// rule matches is one RangeSet and a required flow is one key. Protocols without ports (ICMP, IP-in-IP,
// ESP) have the single key of port 0: a rule's ports do not narrow them.
import { isPorted, PORTED_PROTOCOLS, protocolName } from './protocols';
import { RangeSet } from './range-set';

const PORTS = 65536n;

export const serviceKey = (proto: number, port = 0): bigint => BigInt(proto) * PORTS + BigInt(isPorted(proto) ? port : 0);
export const protocolOf = (key: bigint): number => Number(key / PORTS);
export const portOf = (key: bigint): number => Number(key % PORTS);

/** `tcp 6443`, `udp 8472`, or for a protocol without ports its name: `IP-in-IP (protocol 4)`. */
export function describeKey(key: bigint): string {
  const proto = protocolOf(key);
  return isPorted(proto) ? `${protocolName(proto)} ${portOf(key)}` : protocolName(proto);
}

export type PortRange = readonly [first: number, last: number];

/**
 * What a rule with these protocols and ports matches. `any` with ports means the ported protocols on
 * those ports (as iptables needs a protocol for --dport); without ports, every packet.
 */
export function serviceSet(protocol: number | 'any', ports: readonly PortRange[] | undefined): RangeSet {
  if (protocol === 'any' && !ports) return RangeSet.of(0n, 256n * PORTS - 1n);
  const protocols = protocol === 'any' ? PORTED_PROTOCOLS : [protocol];
  const ranges: [bigint, bigint][] = [];
  for (const proto of protocols) {
    const base = BigInt(proto) * PORTS;
    if (!isPorted(proto)) ranges.push([base, base]);
    else if (!ports) ranges.push([base, base + PORTS - 1n]);
    else for (const [first, last] of ports) ranges.push([base + BigInt(first), base + BigInt(last)]);
  }
  return RangeSet.from(ranges);
}

/** Parses `6443`, `"2379-2380"`; the schema has checked the shape, this checks the numbers. */
export function parsePortRange(value: string | number): { ok: true; value: PortRange } | { ok: false; error: string } {
  const text = String(value).trim();
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) return { ok: false, error: `"${text}" is not a port or a port range such as "2379-2380"` };
  const first = Number(m[1]);
  const last = m[2] === undefined ? first : Number(m[2]);
  const bad = [first, last].find((p) => p < 1 || p > 65535);
  if (bad !== undefined) return { ok: false, error: `port ${bad} is outside 1-65535` };
  if (first > last) return { ok: false, error: `the range "${text}" ends before it starts` };
  return { ok: true, value: [first, last] };
}

export const formatPorts = ([first, last]: PortRange): string => (first === last ? String(first) : `${first}-${last}`);
