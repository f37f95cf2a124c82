// IPv4/IPv6 addresses and CIDRs as (family, bigint) values. ip-num validates and converts IPv6 text (IPv4
// is four checked octets); everything after that is plain bigint arithmetic so sorting and sweeping stay cheap.
import type * as IpNum from 'ip-num';

let ipNum: typeof IpNum | undefined;
/** Loaded on the first IPv6 text: its start-up (~10 ms of a ~125 ms cold start) is not paid by IPv4-only plans. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
const ipv6Parser = (): typeof IpNum => (ipNum ??= require('ip-num') as typeof IpNum);

export type Family = 4 | 6;

export interface IpAddress {
  family: Family;
  value: bigint;
}

/** A network as written: `address` keeps host bits, `first`/`last` are the masked bounds. */
export interface Cidr {
  family: Family;
  address: bigint;
  prefix: number;
  first: bigint;
  last: bigint;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export const bitsOf = (family: Family): number => (family === 4 ? 32 : 128);

/** Whether a host is written as an address (digits and dots, or a colon), not a name: one that does not parse is a wrong address. */
export const writtenAsIp = (host: string): boolean => /^[\d.]+$/.test(host) || host.includes(':');

export function parseIp(text: string): Parsed<IpAddress> {
  if (text.includes('%')) return { ok: false, error: 'a zone index (%…) is not allowed here' };
  if (text.includes(':')) {
    const { IPv6, Validator } = ipv6Parser();
    if (!Validator.isValidIPv6String(text)[0]) return { ok: false, error: 'not a valid IPv6 address' };
    return { ok: true, value: { family: 6, value: IPv6.fromString(text).getValue() } };
  }
  const quick = dottedQuad(text);
  if (quick !== undefined) return { ok: true, value: { family: 4, value: BigInt(quick) } };
  // Not a plain dotted quad: the checks below say what is wrong with it.
  if (!/^\d+(\.\d+){3}$/.test(text)) return { ok: false, error: 'not a valid IPv4 address (expected four dot-separated numbers)' };
  const long = text.split('.').find((octet) => octet.length > 3);
  if (long !== undefined) return { ok: false, error: `the octet "${long}" has more than three digits` };
  if (/(^|\.)0\d/.test(text)) return { ok: false, error: 'an octet has a leading zero, which some tools read as octal' };
  // Four checked octets: plain arithmetic is exact and much cheaper than a general parser (every node has several).
  const octets = text.split('.').map(Number);
  if (octets.some((o) => o > 255)) return { ok: false, error: 'an octet is greater than 255' };
  return { ok: true, value: { family: 4, value: BigInt(((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3]) } };
}

/**
 * A well-formed dotted quad (four octets of 0-255, no leading zeros) as a number, in one pass over its characters;
 * undefined for anything else. Every address of every node is read here.
 */
function dottedQuad(text: string): number | undefined {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 1 && octet === 0) return undefined;
      octet = octet * 10 + c - 48;
      if (++digits > 3 || octet > 255) return undefined;
    } else if (c === 46 && digits > 0 && dots < 3) {
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else return undefined;
  }
  return dots === 3 && digits > 0 ? value * 256 + octet : undefined;
}

export function maskBounds(family: Family, value: bigint, prefix: number): { first: bigint; last: bigint } {
  const hostBits = BigInt(bitsOf(family) - prefix);
  const hostMask = (1n << hostBits) - 1n;
  const first = value & ~hostMask;
  return { first, last: first | hostMask };
}

function parsePrefix(text: string, family: Family): Parsed<number> {
  const bits = bitsOf(family);
  if (text === '') return { ok: false, error: `the prefix length after "/" is missing (expected 0 to ${bits})` };
  const m = /^(-?\d+)(.*)$/s.exec(text);
  if (!m) return { ok: false, error: `the prefix length "${text}" is not a number (expected 0 to ${bits})` };
  const [, digits, rest] = m;
  if (rest !== '') {
    const comment = /^\s*#/.test(rest) ? ' (inside quotes, # does not start a comment)' : '';
    return { ok: false, error: `the prefix /${digits} has trailing text "${rest}"${comment}` };
  }
  if (digits.startsWith('-')) return { ok: false, error: `the prefix length /${digits} is negative (expected 0 to ${bits})` };
  const prefix = Number(digits);
  if (prefix > bits) return { ok: false, error: `the prefix length /${digits} is longer than ${bits} bits` };
  return { ok: true, value: prefix };
}

/** `address/prefix`; with `allowBare`, a plain address means a single host (/32 or /128). */
export function parseCidr(text: string, allowBare = false): Parsed<Cidr> {
  const slash = text.indexOf('/');
  if (slash < 0 && !allowBare) return { ok: false, error: 'missing the /prefix length' };
  const ip = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!ip.ok) return ip;
  const { family, value } = ip.value;
  let prefix = bitsOf(family);
  if (slash >= 0) {
    const p = parsePrefix(text.slice(slash + 1), family);
    if (!p.ok) return p;
    prefix = p.value;
  }
  return { ok: true, value: { family, address: value, prefix, ...maskBounds(family, value, prefix) } };
}

/**
 * A CIDR from kube-netlint's own tables (special ranges, the public internet). They are written in plain
 * hex groups with at most one `::`, and read here without ip-num, so that building the tables at start-up
 * does not load it; a property test checks that this agrees with parseCidr.
 */
export function builtinCidr(text: string): Cidr {
  const [address, prefix, ...rest] = text.split('/');
  if (!address.includes(':')) {
    const c = parseCidr(text);
    if (!c.ok) throw new Error(`bad built-in range ${text}: ${c.error}`);
    return c.value;
  }
  const parts = address.split('::').map((part) => (part === '' ? [] : part.split(':')));
  const [head, tail] = parts;
  // `::` stands for one or more zero groups (RFC 4291 2.2).
  const zeros = tail === undefined ? 0 : 8 - head.length - tail.length;
  const groups = tail === undefined ? head : [...head, ...Array<string>(Math.max(0, zeros)).fill('0'), ...tail];
  const wellFormed = parts.length <= 2 && (tail === undefined || zeros >= 1) && groups.length === 8 && groups.every((g) => /^[0-9a-f]{1,4}$/.test(g));
  if (!wellFormed || rest.length > 0 || !/^\d+$/.test(prefix) || Number(prefix) > 128) throw new Error(`bad built-in range ${text}`);
  const value = groups.reduce((v, g) => (v << 16n) | BigInt(`0x${g}`), 0n);
  return { family: 6, address: value, prefix: Number(prefix), ...maskBounds(6, value, Number(prefix)) };
}

/** The shortest prefix at which the written address has no host bits, the network it starts: `10.244.1.0` → 24. */
export function naturalPrefix(c: Cidr): number {
  let zeros = 0;
  while (zeros < bitsOf(c.family) && ((c.address >> BigInt(zeros)) & 1n) === 0n) zeros++;
  return bitsOf(c.family) - zeros;
}

/** The network of one address: /32 or /128. */
export const hostCidr = (ip: IpAddress): Cidr => ({ family: ip.family, address: ip.value, prefix: bitsOf(ip.family), first: ip.value, last: ip.value });
export const hasHostBits = (c: Cidr): boolean => c.address !== c.first;
export const sizeOf = (c: Cidr): bigint => c.last - c.first + 1n;
export const contains = (c: Cidr, ip: IpAddress): boolean => c.family === ip.family && ip.value >= c.first && ip.value <= c.last;
export const overlaps = (a: Cidr, b: Cidr): boolean => a.family === b.family && a.first <= b.last && b.first <= a.last;

export function formatIp(family: Family, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
  const groups: number[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(Number((value >> s) & 0xffffn));
  // RFC 5952: compress the longest run (first if tied) of two or more zero groups.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

export const formatCidr = (family: Family, value: bigint, prefix: number): string => `${formatIp(family, value)}/${prefix}`;
/** The network a CIDR denotes, host bits cleared: `10.244.1.0/16` → `10.244.0.0/16`. */
export const networkOf = (c: Cidr): string => formatCidr(c.family, c.first, c.prefix);
/** The IPv4 address an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`, RFC 4291 2.5.5.2) stands for; undefined for any other. */
export const unmapIpv4 = (ip: IpAddress): IpAddress | undefined =>
  ip.family === 6 && ip.value >> 32n === 0xffffn ? { family: 4, value: ip.value & 0xffffffffn } : undefined;
/** The canonical key of an address: equal for every spelling of one address. */
export const ipKey = (ip: IpAddress): string => `${ip.family}:${ip.value.toString(16)}`;
