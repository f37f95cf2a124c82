// A firewalld zone file (`/etc/firewalld/zones/<zone>.xml`, firewalld.zone(5)) → the zone it defines, in the
// model the scripts are read into (config.ts): each entry located at its element, its values at their
// attribute values. A `<rule>` is a rich rule in XML form, read into the same RichRule as `--add-rich-rule`.
// firewalld refuses a zone file with an attribute it does not take, a missing attribute, an element out of
// place or a bad value: such an element is reported (input-syntax) and left out. An element firewalld does
// not have, or one kube-netlint does not model (forward-port, source-port, a negated, MAC or ipset source, a
// destination), is set aside as unresolved, never guessed.
import type { Span } from '../../core/types';
import type { Located } from '../../model/types';
import { shortText } from '../shell/script';
import { add, cidrOfNetmask, TARGETS, type Origin, type Zone } from './config';
import type { RichRule } from './rich-rule';
import { attribute, type XmlElement } from './xml';

export interface ZoneFile {
  zone: Zone;
  unresolved: Located<string>[];
  problems: { span: Span; message: string }[];
}

/** The attributes firewalld takes on each element of a zone file (firewalld's io/zone.py and io/policy.py). */
const ATTRIBUTES: Record<string, { required?: readonly string[]; optional?: readonly string[] }> = {
  zone: { optional: ['name', 'immutable', 'target', 'version', 'ingress-priority', 'egress-priority'] },
  short: {},
  description: {},
  service: { required: ['name'] },
  port: { required: ['port', 'protocol'] },
  protocol: { required: ['value'] },
  source: { optional: ['address', 'mac', 'invert', 'family', 'ipset'] },
  destination: { optional: ['address', 'invert', 'ipset'] },
  interface: { required: ['name'] },
  rule: { optional: ['family', 'priority'] },
  'forward-port': { required: ['port', 'protocol'], optional: ['to-port', 'to-addr'] },
  'source-port': { required: ['port', 'protocol'] },
  masquerade: { optional: ['enabled'] },
  forward: {},
  'icmp-block': { required: ['name'] },
  'icmp-type': { required: ['name'] },
  'icmp-block-inversion': {},
  'tcp-mss-clamp': { optional: ['value'] },
  log: { optional: ['prefix', 'level'] },
  nflog: { optional: ['group', 'prefix', 'queue-size'] },
  audit: {},
  accept: {},
  reject: { optional: ['type'] },
  drop: {},
  mark: { required: ['set'] },
  limit: { required: ['value'], optional: ['burst'] },
};

/** The elements each element holds (a rule's are its source, element, logs and action; an action's, its limit). */
const PLACES: Record<string, readonly string[]> = {
  zone: [
    'short',
    'description',
    'service',
    'port',
    'protocol',
    'source',
    'interface',
    'rule',
    'forward-port',
    'source-port',
    'masquerade',
    'forward',
    'icmp-block',
    'icmp-block-inversion',
  ],
  rule: [
    'source',
    'destination',
    'service',
    'port',
    'protocol',
    'icmp-block',
    'icmp-type',
    'masquerade',
    'forward-port',
    'source-port',
    'tcp-mss-clamp',
    'log',
    'nflog',
    'audit',
    'accept',
    'reject',
    'drop',
    'mark',
  ],
  ...Object.fromEntries(['accept', 'reject', 'drop', 'mark', 'log', 'nflog', 'audit'].map((a) => [a, ['limit']])),
};

/** Zone targets as zone files write them (`%%REJECT%%`, never `REJECT`); empty is the default. */
const FILE_TARGETS = new Set(['', 'default', 'ACCEPT', 'DROP', '%%REJECT%%']);
const PORT_PROTOCOLS = new Set(['tcp', 'udp', 'sctp', 'dccp']);
/** Rule elements that decide nothing about the packets the rules check (ICMP, NAT, MSS clamping). */
const NO_PACKET_DECISION = new Set(['icmp-block', 'icmp-type', 'masquerade', 'tcp-mss-clamp']);
const ACTIONS: Record<string, 'allow' | 'deny' | undefined> = { accept: 'allow', reject: 'deny', drop: 'deny', mark: undefined };
/** Rule elements kube-netlint does not model: which node has a destination address is the plan's; forwarded and source ports. */
const NOT_MODELLED = new Set(['destination', 'forward-port', 'source-port']);
const LOGS = new Set(['log', 'nflog', 'audit']);
const REFUSED = 'firewalld refuses the zone file';

/** `root` is the file's `<zone>` element, `text` the file (at `base`); `name` the zone's, from the file's name. */
export function readZoneFile(root: XmlElement, name: string, text: string, base: number): ZoneFile {
  return new ZoneReader(root, name, text, base).read();
}

class ZoneReader {
  private readonly out: ZoneFile;

  constructor(
    private readonly root: XmlElement,
    private readonly name: string,
    private readonly text: string,
    private readonly base: number,
  ) {
    const zone: Zone = { name, target: 'default', entries: [], sources: [], interfaces: [], priority: 0, anchor: root.startTag };
    this.out = { zone, unresolved: [], problems: [] };
  }

  read(): ZoneFile {
    const { root, out } = this;
    // A bad attribute of the zone is reported; its elements are still read.
    this.attributesTaken(root);
    const target = attribute(root, 'target');
    // The default zone's default action is located at its target, or at its `<zone>` tag when it has none.
    out.zone.targetAt = { value: target?.value || 'default', span: target ? target.valueSpan : root.startTag };
    if (target && FILE_TARGETS.has(target.value)) out.zone.target = TARGETS[target.value || 'default'];
    else if (target) this.problem(target.valueSpan, `"${target.value}" is no zone target (default, ACCEPT, DROP or %%REJECT%%): ${REFUSED}`);
    const priority = attribute(root, 'ingress-priority');
    if (priority && /^-?\d+$/.test(priority.value)) out.zone.priority = Number(priority.value);
    else if (priority) this.problem(priority.valueSpan, `ingress-priority "${priority.value}" is not a whole number: ${REFUSED}`);
    for (const child of root.children) if (this.placed(child, root)) this.zoneChild(child);
    return out;
  }

  private zoneChild(el: XmlElement): void {
    const { zone } = this.out;
    const origin = this.originOf(el);
    const value = (name: string) => located(el, name);
    switch (el.name) {
      case 'service':
        return add(zone.entries, { kind: 'service', key: `service:${value('name').value}`, origin, service: value('name') });
      case 'port': {
        const [port, protocol] = [value('port'), value('protocol')];
        if (this.portChecked(port, protocol, origin)) add(zone.entries, { kind: 'port', key: `port:${port.value}/${protocol.value}`, origin, port, protocol });
        return;
      }
      case 'protocol':
        return add(zone.entries, { kind: 'protocol', key: `protocol:${value('value').value}`, origin, protocol: value('value') });
      case 'rule': {
        const rule = this.ruleOf(el, origin);
        if (rule) add(zone.entries, { kind: 'rich', key: `rich:${rule.canonical}`, origin, rule });
        return;
      }
      case 'source':
        return this.source(el, origin);
      case 'interface':
        return add(zone.interfaces, { key: value('name').value, value: value('name'), origin });
      case 'forward-port':
      case 'source-port':
        // A port forwarded elsewhere, or packets let in by their source port: not modelled, never guessed.
        return this.unresolved(origin);
      default:
      // short, description, masquerade, forward, icmp-block, icmp-block-inversion: nothing a node's inbound filtering depends on.
    }
  }

  /** A zone's `<source>`: the addresses whose packets are this zone's. */
  private source(el: XmlElement, origin: Origin): void {
    const [address, ipset, invert] = ['address', 'ipset', 'invert'].map((n) => attribute(el, n));
    if (invert) return this.problem(invert.span, `a zone's source cannot be inverted: ${REFUSED}`);
    if (!address === !ipset) return this.problem(el.startTag, `a zone's \`<source>\` has an address or an ipset, one of them: ${REFUSED}`);
    // An ipset's members are not in the zone file, nor is which machine a MAC address is.
    if (ipset || attribute(el, 'mac') || MAC.test(address!.value)) return this.unresolved(origin);
    const value = { value: cidrOfNetmask(address!.value), span: address!.valueSpan };
    add(this.out.zone.sources, { key: value.value, value, origin });
  }

  /** A `<rule>`: the rich rule it is, or undefined when it is reported or set aside. */
  private ruleOf(el: XmlElement, origin: Origin): RichRule | undefined {
    const rule: RichRule = { canonical: this.written(el), priority: 0 };
    const family = attribute(el, 'family');
    if (family && family.value !== 'ipv4' && family.value !== 'ipv6')
      return this.problem(family.valueSpan, `family "${family.value}" is neither ipv4 nor ipv6: ${REFUSED}`);
    if (family) rule.family = { value: family.value === 'ipv4' ? 4 : 6, span: family.span };
    const priority = attribute(el, 'priority');
    if (priority && !/^-?\d+$/.test(priority.value)) return this.problem(priority.valueSpan, `priority "${priority.value}" is not a whole number: ${REFUSED}`);
    if (priority) rule.priority = Number(priority.value);
    const parts: Partial<Record<'source' | 'element' | 'action', XmlElement>> = {};
    for (const child of el.children) {
      if (!this.placed(child, el)) return undefined;
      if (NOT_MODELLED.has(child.name)) return this.unresolved(origin);
      if (LOGS.has(child.name)) continue;
      const part = child.name === 'source' ? 'source' : Object.hasOwn(ACTIONS, child.name) ? 'action' : 'element';
      if (parts[part]) return this.problem(child.startTag, `a rule has one ${part} at most: ${REFUSED}`);
      parts[part] = child;
    }
    const { source, element, action } = parts;
    if (source) {
      const address = attribute(source, 'address');
      const invert = attribute(source, 'invert');
      // A negated, MAC or ipset source: which packets it matches is not known here.
      if (!address || MAC.test(address.value) || (invert && /^(yes|true)$/i.test(invert.value))) return this.unresolved(origin);
      rule.source = { value: cidrOfNetmask(address.value), span: address.valueSpan };
    }
    if (element && NO_PACKET_DECISION.has(element.name)) rule.icmpOrNat = true;
    else if (element) {
      const value = (name: string) => located(element, name);
      if (element.name === 'service') rule.element = { kind: 'service', name: value('name') };
      else if (element.name === 'protocol') rule.element = { kind: 'protocol', value: value('value') };
      else rule.element = { kind: 'port', port: value('port'), protocol: value('protocol') };
    }
    if (action) {
      const decision = ACTIONS[action.name];
      rule.action = decision && { value: decision, span: action.span };
    }
    return rule;
  }

  /** Whether a zone's `<port>` is one firewalld takes: a port or range of tcp, udp, sctp or dccp (a port named by service is unresolved). */
  private portChecked(port: Located<string>, protocol: Located<string>, origin: Origin): boolean {
    if (!PORT_PROTOCOLS.has(protocol.value)) {
      this.problem(protocol.span, `"${protocol.value}" is not a port protocol (tcp, udp, sctp or dccp): ${REFUSED}`);
      return false;
    }
    if (/^\d+(-\d+)?$/.test(port.value)) return true;
    if (/^[A-Za-z][\w.+-]*$/.test(port.value)) this.unresolved(origin);
    else this.problem(port.span, `"${port.value}" is not a port or range (6443, 2379-2380): ${REFUSED}`);
    return false;
  }

  /** Whether an element is one firewalld takes there, with the attributes it takes; an unknown one is set aside. */
  private placed(el: XmlElement, parent: XmlElement): boolean {
    const spec = Object.hasOwn(ATTRIBUTES, el.name) ? ATTRIBUTES[el.name] : undefined;
    if (!spec) {
      this.unresolved(this.originOf(el));
      return false;
    }
    if (!PLACES[parent.name]?.includes(el.name)) {
      this.problem(el.startTag, `\`<${el.name}>\` is not an element of \`<${parent.name}>\`: ${REFUSED}`);
      return false;
    }
    // A rule's children are read by ruleOf; any other element's (an action's limit) are only checked.
    return this.attributesTaken(el) && (el.name === 'rule' || el.children.every((c) => this.placed(c, el)));
  }

  /** Whether an element has the attributes firewalld requires and no other. */
  private attributesTaken(el: XmlElement): boolean {
    const { required = [], optional = [] } = ATTRIBUTES[el.name];
    const extra = el.attributes.find((a) => !required.includes(a.name) && !optional.includes(a.name));
    if (extra) {
      this.problem(extra.span, `\`${extra.name}\` is not an attribute of \`<${el.name}>\`: ${REFUSED}`);
      return false;
    }
    const missing = required.find((n) => !attribute(el, n));
    if (missing) {
      this.problem(el.startTag, `\`<${el.name}>\` needs \`${missing}\`: ${REFUSED}`);
      return false;
    }
    return true;
  }

  /** What findings call an element's rule: the element as written, on one line, with its zone. */
  private originOf(el: XmlElement): Origin {
    return { span: el.span, name: `${shortText(this.written(el))} in zone ${this.name}` };
  }

  /** An element as written, on one line: white space between tags dropped, other runs one blank. */
  private written(el: XmlElement): string {
    return this.text
      .slice(el.span[0] - this.base, el.span[1] - this.base)
      .replace(/>\s+</g, '><')
      .replace(/\s+/g, ' ');
  }

  private unresolved(origin: Origin): undefined {
    this.out.unresolved.push({ value: origin.name, span: origin.span });
    return undefined;
  }

  private problem(span: Span, message: string): undefined {
    this.out.problems.push({ span, message });
    return undefined;
  }
}

/** A MAC address, which firewalld takes as a source. */
const MAC = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i;

/** An attribute's value, located (the element has it: attributesTaken checked). */
function located(el: XmlElement, name: string): Located<string> {
  const a = attribute(el, name)!;
  return { value: a.value, span: a.valueSpan };
}
