// firewalld's zones → one host firewall, first match wins, as firewalld dispatches a packet to the node:
// 1. a packet whose source is bound to a zone (`--add-source`) is that zone's; else a packet that comes in
//    through an interface bound to a zone other than the default one (`--add-interface`) is that zone's,
//    which the model says with the rule's `arrivesOn` (the plan's node interfaces say which sources come in
//    through it: src/analysis/arrival.ts). Bound zones are taken by ingress priority, sources before
//    interfaces, then by name; for each, its rules restricted to its sources or interfaces, then a rule for
//    them with the zone's target (firewalld ≥ 1.0 has no zone drifting);
// 2. any other packet is the default zone's: its rules, then its target as the default action.
// Within a zone, firewalld's chains: rich rules with a negative priority (lowest first), then rich rules
// that reject or drop, then what the zone allows (services, ports, protocols, accepting rich rules), then
// rich rules with a positive priority; a zone's target decides the rest (`default` and REJECT reject,
// DROP drops, ACCEPT accepts; `trusted` ships with ACCEPT).
import type { Span } from '../../core/types';
import { byCodePoints } from '../../core/order';
import { portItem } from '../../model/literals';
import type { Firewall, FirewallRule, Located, PortItem } from '../../model/types';
import { PROTOCOL_NUMBERS } from '../../values/protocols';
import { parseCidr } from '../../values/ip';
import { zoneOf, type FirewalldConfig, type Origin, type Zone, type ZoneEntry } from './config';
import { SERVICES } from './services';

/** A rule before it is numbered: what it matches and decides, and where it comes from. */
interface Draft {
  origin: Origin;
  action: Located<'allow' | 'deny'>;
  protocol: number | 'any';
  protocolAt?: Located<string>;
  ports?: PortItem[];
  from?: Located<string>[];
  arrivesOn?: Located<string>[];
}

/** IP protocol names firewalld takes (from /etc/protocols) for the protocols that matter to a cluster. */
const PROTOCOLS: Record<string, number> = { ...PROTOCOL_NUMBERS, sctp: 132, dccp: 33, igmp: 2, ipip: 4, ipencap: 4, gre: 47, esp: 50, ah: 51, vrrp: 112 };

const protocolNumber = (name: string): number | undefined =>
  /^\d+$/.test(name) && Number(name) <= 255 ? Number(name) : Object.hasOwn(PROTOCOLS, name) ? PROTOCOLS[name] : undefined;

export function toFirewall(config: FirewalldConfig, name: Located<string>, span: Span): Firewall {
  const defaultZone = zoneOf(config, config.defaultZone);
  const drafts: Draft[] = [];
  for (const { zone, by } of dispatched(config)) {
    const action = targetAction(zone);
    if (by === 'source') {
      const sources = zone.sources.map((s) => s.value);
      for (const d of zoneRules(zone, config, name.span)) {
        const from = restrict(d.from, sources);
        if (from.length > 0) drafts.push({ ...d, from });
      }
      for (const s of zone.sources) drafts.push({ origin: s.origin, action: { value: action, span: s.origin.span }, protocol: 'any', from: [s.value] });
    } else {
      const arrivesOn = zone.interfaces.map((b) => b.value);
      for (const d of zoneRules(zone, config, name.span)) drafts.push({ ...d, arrivesOn });
      // One rule for all of the zone's interfaces: several CNI interfaces (cni0, flannel.1) stand for one source, the pods.
      const [first] = zone.interfaces;
      drafts.push({ origin: first.origin, action: { value: action, span: first.origin.span }, protocol: 'any', arrivesOn });
    }
  }
  drafts.push(...zoneRules(defaultZone, config, name.span));
  const firewall: Firewall = {
    index: 0,
    span,
    name,
    type: 'host',
    defaultAction: targetAction(defaultZone),
    defaultActionAt: defaultZone.targetAt ?? config.defaultZoneAt,
    rules: [],
  };
  firewall.rules = drafts.map((d, index): FirewallRule => ({
    firewall,
    index,
    span: d.origin.span,
    action: d.action,
    protocol: d.protocol,
    protocolAt: d.protocolAt,
    ports: d.ports,
    portsKeySpan: d.ports?.[0]?.span,
    from: d.from,
    arrivesOn: d.arrivesOn,
    name: { value: d.origin.name, span: d.origin.span },
  }));
  return firewall;
}

/**
 * The zones packets are dispatched to before the default zone, in firewalld's order: by ingress priority,
 * a zone's sources before any zone's interfaces, then by name. The default zone's own interfaces change nothing.
 */
function dispatched(config: FirewalldConfig): { zone: Zone; by: 'source' | 'interface' }[] {
  const zones = [...config.zones.values()];
  const bindings = [
    ...zones.filter((z) => z.sources.length > 0).map((zone) => ({ zone, by: 'source' as const })),
    ...zones.filter((z) => z.interfaces.length > 0 && z.name !== config.defaultZone).map((zone) => ({ zone, by: 'interface' as const })),
  ];
  const rank = (b: { by: string }) => (b.by === 'source' ? 0 : 1);
  return bindings.sort((a, b) => a.zone.priority - b.zone.priority || rank(a) - rank(b) || byCodePoints(a.zone.name, b.zone.name));
}

const targetAction = (zone: Zone): 'allow' | 'deny' => (zone.target === 'ACCEPT' ? 'allow' : 'deny');

/** A zone's rules in firewalld's order; the zone's shipped services are located at its first command. */
function zoneRules(zone: Zone, config: FirewalldConfig, fallback: Span): Draft[] {
  const anchor = zone.anchor ?? config.anchor ?? fallback;
  const rich = (pick: (priority: number, action: 'allow' | 'deny') => boolean) =>
    zone.entries
      .filter((e): e is Extract<ZoneEntry, { kind: 'rich' }> => e.kind === 'rich' && e.rule.action !== undefined && pick(e.rule.priority, e.rule.action.value))
      .sort((a, b) => a.rule.priority - b.rule.priority);
  const pre = rich((p) => p < 0);
  const deny = rich((p, a) => p === 0 && a === 'deny');
  const allow = zone.entries.filter((e) => e.kind !== 'rich' || (e.rule.priority === 0 && e.rule.action?.value === 'allow'));
  const post = rich((p) => p > 0);
  return [...pre, ...deny, ...allow, ...post].flatMap((e) => draftsOf(e, zone, config, anchor));
}

function draftsOf(entry: ZoneEntry, zone: Zone, config: FirewalldConfig, anchor: Span): Draft[] {
  const origin = entry.origin ?? {
    span: anchor,
    name: `service ${entry.kind === 'service' && typeof entry.service === 'string' ? entry.service : ''} of firewalld's ${zone.name} zone as shipped`,
  };
  const allow = (span: Span): Located<'allow'> => ({ value: 'allow', span });
  switch (entry.kind) {
    case 'port': {
      const protocol = protocolNumber(entry.protocol.value)!;
      return [{ origin, action: allow(origin.span), protocol, protocolAt: entry.protocol, ports: [portItem(entry.port)!] }];
    }
    case 'protocol': {
      const protocol = protocolNumber(entry.protocol.value);
      if (protocol === undefined) {
        config.unresolved.push({ value: origin.name, span: entry.protocol.span });
        return [];
      }
      return [{ origin, action: allow(origin.span), protocol, protocolAt: entry.protocol }];
    }
    case 'service': {
      const at = typeof entry.service === 'string' ? { value: entry.service, span: anchor } : entry.service;
      return serviceDrafts(at, config, (d) => ({ ...d, origin, action: allow(origin.span) }));
    }
    case 'rich': {
      const { rule } = entry;
      if (rule.icmpOrNat || !rule.action) return [];
      const action = { value: rule.action.value, span: rule.action.span };
      const from = rule.source ? [rule.source] : rule.family ? [{ value: rule.family.value === 4 ? '0.0.0.0/0' : '::/0', span: rule.family.span }] : undefined;
      const base = { origin, action, from };
      const element = rule.element;
      if (!element) return [{ ...base, protocol: 'any' }];
      if (element.kind === 'port') {
        const protocol = protocolNumber(element.protocol.value);
        if (protocol === undefined || !/^\d+(-\d+)?$/.test(element.port.value)) {
          config.unresolved.push({ value: origin.name, span: origin.span });
          return [];
        }
        return [{ ...base, protocol, protocolAt: element.protocol, ports: [portItem(element.port)!] }];
      }
      if (element.kind === 'protocol') {
        const protocol = protocolNumber(element.value.value);
        if (protocol === undefined) {
          config.unresolved.push({ value: origin.name, span: origin.span });
          return [];
        }
        return [{ ...base, protocol, protocolAt: element.value }];
      }
      return serviceDrafts(element.name, config, (d) => ({ ...d, ...base }));
    }
  }
}

/**
 * What a service opens, one draft per protocol: firewalld's definition, or the script's own
 * (`--new-service`, `--service=<name> --add-port`); a service it knows neither of is unresolved.
 */
function serviceDrafts(name: Located<string>, config: FirewalldConfig, finish: (d: Omit<Draft, 'origin' | 'action'>) => Draft): Draft[] {
  const byProtocol = new Map<number, PortItem[] | undefined>();
  const seen = new Set<string>();
  let known = true;
  const visit = (service: string) => {
    if (seen.has(service)) return;
    seen.add(service);
    const own = config.services.get(service);
    const shipped = Object.hasOwn(SERVICES, service) ? SERVICES[service] : undefined;
    if (!own && !shipped) {
      known = false;
      return;
    }
    if (!own && shipped?.multicast) return;
    const entries = own ? own.entries.map((e) => e.value.value) : shipped!.p;
    for (const entry of entries) {
      const [port, proto] = entry.includes('/') ? entry.split('/') : [undefined, entry];
      const protocol = protocolNumber(proto);
      if (protocol === undefined) continue;
      if (port === undefined || port === '') byProtocol.set(protocol, undefined);
      else if (!byProtocol.has(protocol) || byProtocol.get(protocol)) {
        byProtocol.set(protocol, [...(byProtocol.get(protocol) ?? []), portItem({ value: port, span: name.span })!]);
      }
    }
    for (const included of own ? own.includes : (shipped!.include ?? [])) visit(included);
  };
  visit(name.value);
  if (!known) {
    config.unresolved.push({ value: `service ${name.value}`, span: name.span });
    return [];
  }
  return [...byProtocol].map(([protocol, ports]) => finish({ protocol, ports }));
}

/** A rule's sources within a zone's: each CIDR of one inside one of the other (CIDRs nest or are disjoint). */
function restrict(from: Located<string>[] | undefined, sources: Located<string>[]): Located<string>[] {
  if (!from) return sources;
  const out: Located<string>[] = [];
  for (const f of from) {
    const a = parseCidr(f.value, true);
    for (const s of sources) {
      const b = parseCidr(s.value, true);
      if (!a.ok || !b.ok) {
        if (!out.includes(f)) out.push(f);
        continue;
      }
      const [x, y] = [a.value, b.value];
      if (x.family !== y.family) continue;
      if (x.prefix >= y.prefix && x.first >= y.first && x.last <= y.last) out.push(f);
      else if (y.prefix >= x.prefix && y.first >= x.first && y.last <= x.last) out.push(s);
    }
  }
  return out;
}
