// IP protocols: the names a plan writes (tcp, udp, icmp), those that carry ports, and how findings name
// the others. One table, read by the model, the port keys, the rules and the catalogs.
export const PROTOCOL_NUMBERS = { icmp: 1, tcp: 6, udp: 17 } as const;

export type ProtocolName = keyof typeof PROTOCOL_NUMBERS;

/** The protocols whose packets carry ports: TCP, UDP, SCTP. */
export const PORTED_PROTOCOLS: readonly number[] = [6, 17, 132];

/** Encapsulations and VPN protocols that are IP protocols, not ports: their names, and what else they are called. */
export const PORTLESS_PROTOCOLS: Readonly<Record<number, { name: string; aka?: string }>> = {
  4: { name: 'IP-in-IP' },
  41: { name: 'IPv6-in-IPv4', aka: '6in4' },
  47: { name: 'GRE' },
  50: { name: 'ESP', aka: 'IPsec' },
  51: { name: 'AH', aka: 'IPsec' },
};

export const isPorted = (proto: number): boolean => PORTED_PROTOCOLS.includes(proto);

const WRITTEN: Record<number, string> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 132: 'sctp' };

/** `tcp`, `udp`; `IP-in-IP (protocol 4)`; else `IP protocol 99`. */
export function protocolName(proto: number): string {
  const portless = PORTLESS_PROTOCOLS[proto];
  return WRITTEN[proto] ?? (portless ? `${portless.name} (protocol ${proto})` : `IP protocol ${proto}`);
}

/** The protocol a `protocol:` value names: a number from 0 to 255, a written name, or `any`. */
export function protocolOfValue(value: unknown): number | 'any' | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value <= 255 ? value : undefined;
  if (value === 'any') return 'any';
  return typeof value === 'string' && Object.hasOwn(PROTOCOL_NUMBERS, value) ? PROTOCOL_NUMBERS[value as ProtocolName] : undefined;
}
