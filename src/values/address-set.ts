// Sets of IPv4 and IPv6 addresses: one RangeSet per family. Firewall sources, node addresses and the
// public internet are all AddressSets, so "who may reach this port" is one intersection.
import { builtinCidr, formatIp, type Cidr, type Family, type IpAddress } from './ip';
import { RangeSet, RangeSetBuilder } from './range-set';

export class AddressSet {
  static readonly EMPTY = new AddressSet(RangeSet.EMPTY, RangeSet.EMPTY);
  static readonly ALL = new AddressSet(RangeSet.of(0n, (1n << 32n) - 1n), RangeSet.of(0n, (1n << 128n) - 1n));

  constructor(
    readonly v4: RangeSet,
    readonly v6: RangeSet,
  ) {}

  static ofCidr(c: Pick<Cidr, 'family' | 'first' | 'last'>): AddressSet {
    const r = RangeSet.of(c.first, c.last);
    return c.family === 4 ? new AddressSet(r, RangeSet.EMPTY) : new AddressSet(RangeSet.EMPTY, r);
  }

  static ofIp(ip: IpAddress): AddressSet {
    return AddressSet.ofCidr({ family: ip.family, first: ip.value, last: ip.value });
  }

  /** The union of many CIDRs or addresses, built in one merge per family. */
  static ofAll(items: Iterable<{ family: Family; first: bigint; last: bigint }>): AddressSet {
    const v4: [bigint, bigint][] = [];
    const v6: [bigint, bigint][] = [];
    for (const c of items) (c.family === 4 ? v4 : v6).push([c.first, c.last]);
    return new AddressSet(RangeSet.from(v4), RangeSet.from(v6));
  }

  family(f: Family): RangeSet {
    return f === 4 ? this.v4 : this.v6;
  }

  get isEmpty(): boolean {
    return this.v4.isEmpty && this.v6.isEmpty;
  }

  has(ip: IpAddress): boolean {
    return this.family(ip.family).has(ip.value);
  }

  union(o: AddressSet): AddressSet {
    return new AddressSet(this.v4.union(o.v4), this.v6.union(o.v6));
  }

  intersect(o: AddressSet): AddressSet {
    return new AddressSet(this.v4.intersect(o.v4), this.v6.intersect(o.v6));
  }

  subtract(o: AddressSet): AddressSet {
    return new AddressSet(this.v4.subtract(o.v4), this.v6.subtract(o.v6));
  }

  intersects(o: AddressSet): boolean {
    return this.v4.intersects(o.v4) || this.v6.intersects(o.v6);
  }

  covers(o: AddressSet): boolean {
    return this.v4.covers(o.v4) && this.v6.covers(o.v6);
  }

  /** The lowest member, IPv4 first: a concrete source for a witness packet. */
  get witness(): IpAddress | undefined {
    if (!this.v4.isEmpty) return { family: 4, value: this.v4.min! };
    if (!this.v6.isEmpty) return { family: 6, value: this.v6.min! };
    return undefined;
  }
}

/** An AddressSet that grows rule by rule (see RangeSetBuilder): a policy's sources claimed so far. */
export class AddressSetBuilder {
  private readonly v4 = new RangeSetBuilder();
  private readonly v6 = new RangeSetBuilder();

  /** What of `set` is not claimed yet. */
  remainderOf(set: AddressSet): AddressSet {
    return new AddressSet(this.v4.remainderOf(set.v4), this.v6.remainderOf(set.v6));
  }

  add(set: AddressSet): void {
    this.v4.add(set.v4);
    this.v6.add(set.v6);
  }

  get coversAll(): boolean {
    return this.v4.covers(0n, (1n << 32n) - 1n) && this.v6.covers(0n, (1n << 128n) - 1n);
  }

  /** Everything claimed. */
  get set(): AddressSet {
    return new AddressSet(this.v4.set, this.v6.set);
  }

  /** Every address not claimed. */
  get rest(): AddressSet {
    return AddressSet.ALL.subtract(this.set);
  }
}

export const formatAddress = (ip: IpAddress): string => formatIp(ip.family, ip.value);

const setOf = (cidrs: string[]): AddressSet => AddressSet.ofAll(cidrs.map(builtinCidr));

/**
 * The addresses that are not on the public internet (domain.md section 5): private, shared, loopback,
 * link-local, documentation, benchmarking, multicast and reserved IPv4; for IPv6 everything outside
 * global unicast 2000::/3, and the documentation prefix inside it.
 */
const NON_PUBLIC_V4 = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
];

export const PUBLIC: AddressSet = AddressSet.ALL.subtract(setOf(NON_PUBLIC_V4))
  .subtract(setOf(['::/0']))
  .union(setOf(['2000::/3']).subtract(setOf(['2001:db8::/32'])));

export const isPublic = (ip: IpAddress): boolean => PUBLIC.has(ip);

/** Addresses another host can send from: not "this network", loopback, multicast or reserved. */
export const SOURCES: AddressSet = AddressSet.ALL.subtract(setOf(['0.0.0.0/8', '127.0.0.0/8', '224.0.0.0/4', '240.0.0.0/4', '::/127', 'ff00::/8']));
