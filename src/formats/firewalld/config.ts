// firewalld's configuration as kube-netlint models it, whichever files it is read from (scripts of
// firewall-cmd commands, zone XML files, firewalld.conf): zones with their sources, interfaces, ports,
// services, protocols, rich rules and targets, the default zone, and services defined beside firewalld's
// own. Every part is located where it is written; what cannot be read exactly is set aside as unresolved.
import type { Span } from '../../core/types';
import type { Located } from '../../model/types';
import type { RichRule } from './rich-rule';
import { DEFAULT_ZONE, SHIPPED_ZONES, type ZoneDefinition } from './services';

/** Where a rule comes from, and what findings call it: the command or element as written, short, with its zone. */
export interface Origin {
  span: Span;
  name: string;
}

export type ZoneEntry =
  | { kind: 'port'; key: string; origin: Origin; port: Located<string>; protocol: Located<string> }
  | { kind: 'protocol'; key: string; origin: Origin; protocol: Located<string> }
  | { kind: 'service'; key: string; origin?: Origin; service: Located<string> | string }
  | { kind: 'rich'; key: string; origin: Origin; rule: RichRule };

export interface Binding {
  key: string;
  value: Located<string>;
  origin: Origin;
}

export type Target = ZoneDefinition['target'];

export interface Zone {
  name: string;
  target: Target;
  /** Where `--set-target` or a zone file sets it; unset for a shipped zone's own target. */
  targetAt?: Located<string>;
  entries: ZoneEntry[];
  sources: Binding[];
  interfaces: Binding[];
  /** `--set-ingress-priority`, `ingress-priority=`: zones with a lower value are dispatched first (default 0). */
  priority: number;
  /** Where the zone is first written (its first command, its file's `<zone>` tag): where its shipped services are located. */
  anchor?: Span;
}

/** A service defined or changed beside firewalld's own (`--new-service`, `--service=<name> --add-port=…`). */
export interface ScriptService {
  entries: { key: string; value: Located<string> }[];
  includes: string[];
}

export interface FirewalldConfig {
  zones: Map<string, Zone>;
  defaultZone: string;
  /** `--set-default-zone`, or firewalld.conf's `DefaultZone=`, where it is set. */
  defaultZoneAt?: Located<string>;
  services: Map<string, ScriptService>;
  unresolved: Located<string>[];
  problems: { span: Span; message: string }[];
  /** The first command or zone file: where the firewall as a whole is located. */
  anchor?: Span;
}

/** firewalld as shipped: the default zone `public`, no zone changed yet (each is made from its shipped definition when first used). */
export const newConfig = (): FirewalldConfig => ({ zones: new Map(), defaultZone: DEFAULT_ZONE, services: new Map(), unresolved: [], problems: [] });

/** The zone targets firewall-cmd takes, as the model has them (`%%REJECT%%` is how zone files write REJECT). */
export const TARGETS: Record<string, Target> = { default: 'default', ACCEPT: 'ACCEPT', DROP: 'DROP', REJECT: 'REJECT', '%%REJECT%%': 'REJECT' };

export function zoneOf(config: FirewalldConfig, name: string, anchor?: Span): Zone {
  let zone = config.zones.get(name);
  if (!zone) {
    const shipped = Object.hasOwn(SHIPPED_ZONES, name) ? SHIPPED_ZONES[name] : undefined;
    zone = {
      name,
      target: shipped?.target ?? 'default',
      entries: (shipped?.services ?? []).map((s) => ({ kind: 'service', key: `service:${s}`, service: s })),
      sources: [],
      interfaces: [],
      priority: 0,
    };
    config.zones.set(name, zone);
  }
  zone.anchor ??= anchor;
  return zone;
}

/** The keys of each list `add` and `remove` keep, so that a zone of thousands of entries is built in linear time. */
const listKeys = new WeakMap<readonly { key: string }[], Set<string>>();

function keysOf(list: readonly { key: string }[]): Set<string> {
  let keys = listKeys.get(list);
  if (!keys) listKeys.set(list, (keys = new Set(list.map((e) => e.key))));
  return keys;
}

export function add<T extends { key: string }>(list: T[], item: T): void {
  // Adding what is there already is firewall-cmd's ALREADY_ENABLED warning (a zone file's duplicate is ignored): the first one stays.
  const keys = keysOf(list);
  if (keys.has(item.key)) return;
  keys.add(item.key);
  list.push(item);
}

export function remove<T extends { key: string }>(list: T[], key: string): void {
  if (!keysOf(list).delete(key)) return;
  list.splice(
    list.findIndex((e) => e.key === key),
    1,
  );
}

/** `192.168.0.0/255.255.0.0` (a netmask, which firewalld takes) → `192.168.0.0/16`; other text as it is. */
export function cidrOfNetmask(text: string): string {
  const m = /^([0-9.]+)\/(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (!m) return text;
  const mask = m.slice(2).reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const bits = mask.toString(2).padStart(32, '0');
  const prefix = bits.indexOf('0') < 0 ? 32 : bits.indexOf('0');
  return bits.slice(prefix).includes('1') ? text : `${m[1]}/${prefix}`;
}
