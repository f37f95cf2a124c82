// What an nft rule matches and does, in the terms of packet-filter.ts. The packets the model checks are new
// connections from other hosts (and pods) to one of the node's own unicast addresses, so some conditions
// are decided for them outright: `ct state established,related` never holds for them (the rule is left out),
// `ct state new` always does; `iif lo` never holds, `fib daddr type local` always does. A condition the
// model cannot decide (a packet mark, a rate limit, a destination address) makes the rule a problem at its
// place: it is left out, never guessed.
import type { Span } from '../../core/types';
import type { Located } from '../../model/types';
import { parseCidr, parseIp, type Family } from '../../values/ip';
import type { Token } from './lexer';
import {
  ALL,
  BOTH,
  cidrsOf,
  complementPorts,
  complementSources,
  interfaceMatch,
  intersect,
  isLocalOrGroup,
  NOTHING,
  portRange,
  PROTOCOL_NAMES,
  SERVICE_PORTS,
  shortName,
  LeftOut,
  readOrLeaveOut,
  V4,
  V6,
  type FilterRule,
  type Match,
  type PortTerm,
  type ProtocolTerm,
  type Problem,
  type SourceTerm,
  type Verdict,
} from './packet-filter';
import type { NftRule, NftSet } from './ruleset';

export interface RuleContext {
  /** The families the rule's table sees. */
  families: number;
  base: number;
  /** A named set of the rule's table. */
  setNamed: (name: string) => NftSet | undefined;
  problems: Problem[];
  unresolved: Located<string>[];
}

/** The rule as model rules (several for a verdict map), or none when it is left out. */
export function interpretRule(rule: NftRule, ctx: RuleContext): FilterRule[] {
  // A variable nothing defines, or a template's part: already counted as unresolved.
  if (rule.tokens.some((t) => t.kind === 'variable' || t.kind === 'template')) return [];
  return readOrLeaveOut(rule, ctx, 'sets', () => new RuleReader(rule, ctx).read());
}

interface Element {
  text: string;
  span: Span;
}

type Selector =
  | { kind: 'saddr' | 'daddr'; family: Family }
  | { kind: 'proto'; families: number }
  | { kind: 'nfproto' | 'ethertype' }
  | { kind: 'dport'; proto?: ProtocolTerm }
  | { kind: 'iface' | 'ctstate' | 'pkttype' | 'fibtype' }
  | { kind: 'icmp'; proto: ProtocolTerm; families: number };

const PORT_PROTOCOLS: Readonly<Record<string, number>> = { tcp: 6, udp: 17, sctp: 132, udplite: 136, dccp: 33 };

class RuleReader {
  private i = 0;
  private readonly toks: Token[];

  constructor(
    private readonly rule: NftRule,
    private readonly ctx: RuleContext,
  ) {
    this.toks = rule.tokens;
  }

  private at(t: Token): Span {
    return [this.ctx.base + t.start, this.ctx.base + t.end];
  }

  private over(a: Token, b: Token): Span {
    return [this.ctx.base + a.start, this.ctx.base + b.end];
  }

  private peek(k = 0): Token | undefined {
    return this.toks[this.i + k];
  }

  private word(k = 0): string | undefined {
    const t = this.peek(k);
    return t?.kind === 'word' ? t.text : undefined;
  }

  private fail(from: Token, to: Token, message: string): never {
    throw new LeftOut({ span: this.over(from, to), message });
  }

  /** Leaves the rule out for a construct the model does not read. */
  private unread(from: Token, count = 2): never {
    const words = this.toks.slice(this.toks.indexOf(from), this.toks.indexOf(from) + count).filter((t) => t.kind === 'word');
    const shown = words.length ? words.map((t) => t.text).join(' ') : from.text;
    const last = words[words.length - 1] ?? from;
    this.fail(from, last, `kube-netlint does not read "${shown}" in a rule: the rule is left out of the firewall it checks`);
  }

  read(): FilterRule[] {
    let match: Match = { families: this.ctx.families };
    let verdict: Verdict | undefined;
    let comment: string | undefined;
    let expanded: { match: Match; verdict: Verdict }[] | undefined;
    while (this.i < this.toks.length) {
      const t = this.peek()!;
      const w = this.word();
      if (verdict || expanded) {
        if (w === 'comment' && this.peek(1)?.kind === 'string') {
          comment = this.peek(1)!.text;
          this.i += 2;
          continue;
        }
        this.fail(t, this.toks[this.toks.length - 1], "nothing but a comment may follow a rule's verdict: nft refuses the rule");
      }
      if (w === undefined) this.fail(t, t, `"${t.text}" cannot begin a statement of a rule`);
      if (w === 'counter') {
        this.i++;
        if (this.word() === 'packets' || this.word() === 'bytes') this.i += this.word(2) === 'bytes' ? 4 : 2;
        else if (this.word() === 'name') this.i += 2;
        continue;
      }
      if (w === 'log') {
        this.i++;
        while (['prefix', 'level', 'group', 'snaplen', 'queue-threshold', 'flags'].includes(this.word() ?? '')) this.i += 2;
        continue;
      }
      if (w === 'comment') {
        const s = this.peek(1);
        if (s?.kind !== 'string' && s?.kind !== 'word') this.fail(t, t, 'a comment is a "quoted string"');
        comment = s.text;
        this.i += 2;
        continue;
      }
      if ((w === 'meta' || w === 'ct') && this.word(2) === 'set') {
        // A mark or a trace flag set on the packet: no decision.
        this.i += 3;
        this.value();
        continue;
      }
      const v = this.verdict();
      if (v) {
        verdict = v;
        continue;
      }
      const start = t;
      const selector = this.selector();
      if (!selector) this.unread(start);
      if (this.word() === 'vmap') {
        expanded = this.vmap(selector, start).map((e) => ({ match: intersect(match, e.match), verdict: e.verdict }));
        continue;
      }
      match = intersect(match, this.relation(selector, start));
    }
    // Counters and comments say nothing about what the rule matches: findings name the rule without them.
    const name =
      shortName(this.rule.text.replace(/(^|\s)comment\s+"[^"]*"/g, ' ').replace(/(^|\s)counter(\s+packets\s+\d+\s+bytes\s+\d+)?(?=\s|$)/g, ' ')) ||
      shortName(this.rule.text);
    const base = { span: this.rule.span, name, ...(comment === undefined ? {} : { comment }) };
    if (expanded) return expanded.map((e) => ({ ...base, match: e.match, verdict: e.verdict }));
    return [{ ...base, match, verdict: verdict ?? { kind: 'continue', span: this.rule.span } }];
  }

  /** A verdict at the cursor, consumed; undefined when there is none. */
  private verdict(): Verdict | undefined {
    const t = this.peek()!;
    const w = this.word();
    if (w === 'accept' || w === 'drop' || w === 'return' || w === 'continue') {
      this.i++;
      return { kind: w, span: this.at(t) };
    }
    if (w === 'reject') {
      this.i++;
      if (this.word() === 'with') {
        // `with tcp reset`, `with icmp type port-unreachable`, `with icmpx admin-prohibited`.
        this.i += this.word(2) === 'type' ? 4 : 3;
      }
      return { kind: 'drop', span: this.at(t) };
    }
    if (w === 'jump' || w === 'goto') {
      const target = this.peek(1);
      if (target?.kind !== 'word' && target?.kind !== 'string') this.fail(t, t, `${w} names a chain`);
      this.i += 2;
      return { kind: w, chain: target.text, span: this.over(t, target) };
    }
    if (w === 'queue' || w === 'dnat' || w === 'snat' || w === 'masquerade' || w === 'redirect' || w === 'notrack' || w === 'synproxy') this.unread(t, 1);
    return undefined;
  }

  private selector(): Selector | undefined {
    const [a, b, c] = [this.word(), this.word(1), this.word(2)];
    const take = (n: number, s: Selector): Selector => {
      this.i += n;
      return s;
    };
    const protoAt = (name: string, proto: number): ProtocolTerm => ({ proto, text: name, span: this.at(this.peek()!) });
    if ((a === 'ip' || a === 'ip6') && (b === 'saddr' || b === 'daddr')) return take(2, { kind: b, family: a === 'ip' ? 4 : 6 });
    if ((a === 'ip' && b === 'protocol') || (a === 'ip6' && b === 'nexthdr')) return take(2, { kind: 'proto', families: a === 'ip' ? V4 : V6 });
    if (a === 'meta' && b === 'l4proto') return take(2, { kind: 'proto', families: BOTH });
    if (a === 'meta' && b === 'nfproto') return take(2, { kind: 'nfproto' });
    if (a === 'meta' && b === 'protocol') return take(2, { kind: 'ethertype' });
    if (a !== undefined && b === 'dport' && (a === 'th' || Object.hasOwn(PORT_PROTOCOLS, a))) {
      return take(2, { kind: 'dport', proto: a === 'th' ? undefined : protoAt(a, PORT_PROTOCOLS[a]) });
    }
    if (a === 'iif' || a === 'iifname') return take(1, { kind: 'iface' });
    if (a === 'meta' && (b === 'iif' || b === 'iifname')) return take(2, { kind: 'iface' });
    if (a === 'ct' && b === 'state') return take(2, { kind: 'ctstate' });
    if (a === 'pkttype') return take(1, { kind: 'pkttype' });
    if (a === 'meta' && b === 'pkttype') return take(2, { kind: 'pkttype' });
    if (a === 'fib' && b === 'daddr' && c === 'type') return take(3, { kind: 'fibtype' });
    if ((a === 'icmp' || a === 'icmpv6') && (b === 'type' || b === 'code')) {
      return take(2, { kind: 'icmp', proto: protoAt(a, a === 'icmp' ? 1 : 58), families: a === 'icmp' ? V4 : V6 });
    }
    return undefined;
  }

  /** `[== | != | < | …] value` after a selector, as a match. */
  private relation(selector: Selector, start: Token): Match {
    const opTok = this.peek();
    let op = '==';
    if (
      opTok &&
      ((opTok.kind === 'punct' && ['==', '!=', '<', '>', '<=', '>='].includes(opTok.text)) || ['eq', 'ne', 'lt', 'gt', 'le', 'ge'].includes(this.word() ?? ''))
    ) {
      op = { eq: '==', ne: '!=', lt: '<', gt: '>', le: '<=', ge: '>=' }[opTok.text] ?? opTok.text;
      this.i++;
    }
    const values = this.value();
    const last = this.toks[this.i - 1] ?? start;
    const span = this.over(start, last);
    const negated = op === '!=';
    if (op !== '==' && op !== '!=') {
      if (selector.kind !== 'dport' || values.length !== 1) this.fail(start, last, `kube-netlint reads "${op}" only on a port`);
      const n = this.port(values[0], start, last);
      const bounds: Record<string, [number, number]> = { '<': [0, n.first - 1], '<=': [0, n.first], '>': [n.first + 1, 65535], '>=': [n.first, 65535] };
      const [first, lastPort] = bounds[op];
      return this.portMatch(selector, first <= lastPort ? [portRange(first, lastPort, span)] : []);
    }
    switch (selector.kind) {
      case 'saddr': {
        const terms = values.flatMap((v) => this.address(v, selector.family, start, last));
        const bit = selector.family === 4 ? V4 : V6;
        return { families: bit, sources: negated ? complementSources(terms, bit, span) : terms };
      }
      case 'daddr': {
        const terms = values.flatMap((v) => this.address(v, selector.family, start, last));
        if (!terms.every((t) => isLocalOrGroup(t.family, t.first, t.last))) this.unread(start, 2);
        // No packet to a node's own unicast address has a loopback, multicast or broadcast destination.
        return negated ? { families: selector.family === 4 ? V4 : V6 } : NOTHING;
      }
      case 'proto': {
        const protos = values.map((v) => this.protocol(v, start, last));
        const terms = negated ? everyProtocolBut(protos, span) : protos;
        return { families: selector.families, protocols: terms };
      }
      case 'nfproto':
      case 'ethertype': {
        const names = selector.kind === 'nfproto' ? { ipv4: V4, ipv6: V6 } : { ip: V4, ip6: V6, arp: 0, vlan: 0, '8021q': 0 };
        let bits = 0;
        for (const v of values) {
          const bit = (names as Record<string, number | undefined>)[v.text];
          if (bit === undefined) this.fail(start, last, `"${v.text}" is not a protocol family kube-netlint knows here`);
          bits |= bit;
        }
        return { families: negated ? BOTH & ~bits : bits };
      }
      case 'dport': {
        const terms = values.map((v) => this.port(v, start, last));
        return this.portMatch(selector, negated ? complementPorts(terms, span) : terms);
      }
      case 'iface':
        return interfaceMatch(
          values.map((v) => v.text),
          negated,
          span,
        );
      case 'ctstate':
        return holds(values, ['new'], negated);
      case 'pkttype':
        return holds(values, ['host', 'unicast'], negated);
      case 'fibtype':
        return holds(values, ['local'], negated);
      case 'icmp':
        return { families: selector.families, protocols: [selector.proto] };
    }
  }

  private portMatch(selector: Selector & { kind: 'dport' }, ports: PortTerm[]): Match {
    return selector.proto ? { families: BOTH, protocols: [selector.proto], ports } : { families: BOTH, ports };
  }

  /** `vmap { key : verdict, … }`: one rule per key. */
  private vmap(selector: Selector, start: Token): { match: Match; verdict: Verdict }[] {
    const vmapTok = this.peek()!;
    this.i++;
    const open = this.peek();
    if (open?.kind === 'setref') this.unread(vmapTok, 1);
    if (!open || open.kind !== 'punct' || open.text !== '{') this.fail(start, vmapTok, 'a verdict map is `vmap { key : verdict, … }`');
    this.i++;
    const out: { match: Match; verdict: Verdict }[] = [];
    while (this.i < this.toks.length && !(this.peek()!.kind === 'punct' && this.peek()!.text === '}')) {
      const keyStart = this.i;
      while (this.i < this.toks.length && !(this.peek()!.kind === 'punct' && [':', '}', ','].includes(this.peek()!.text))) this.i++;
      const keyToks = this.toks.slice(keyStart, this.i);
      if (keyToks.length === 0 || this.peek()?.text !== ':') this.fail(start, this.peek() ?? vmapTok, 'each entry of a verdict map is `key : verdict`');
      this.i++;
      const v = this.peek() && this.verdict();
      if (!v) this.fail(start, this.peek() ?? vmapTok, 'each entry of a verdict map is `key : verdict`');
      const key: Element = { text: keyToks.map((t) => t.text).join(''), span: this.over(keyToks[0], keyToks[keyToks.length - 1]) };
      out.push({ match: this.keyMatch(selector, key, start), verdict: v });
      if (this.peek()?.kind === 'punct' && this.peek()!.text === ',') this.i++;
    }
    if (!this.peek()) this.fail(start, this.toks[this.toks.length - 1], "the verdict map's { is never closed");
    this.i++;
    return out;
  }

  private keyMatch(selector: Selector, key: Element, start: Token): Match {
    const last = start;
    switch (selector.kind) {
      case 'saddr':
        return { families: selector.family === 4 ? V4 : V6, sources: this.address(key, selector.family, start, last) };
      case 'proto':
        return { families: selector.families, protocols: [this.protocol(key, start, last)] };
      case 'dport':
        return this.portMatch(selector, [this.port(key, start, last)]);
      case 'nfproto':
        return { families: key.text === 'ipv4' ? V4 : key.text === 'ipv6' ? V6 : 0 };
      case 'ethertype':
        return { families: key.text === 'ip' ? V4 : key.text === 'ip6' ? V6 : 0 };
      case 'iface':
        return interfaceMatch([key.text], false, key.span);
      case 'ctstate':
        return holds([key], ['new'], false);
      case 'pkttype':
        return holds([key], ['host', 'unicast'], false);
      case 'fibtype':
        return holds([key], ['local'], false);
      default:
        return this.unread(start);
    }
  }

  /** A value: one element, a comma list, an anonymous set `{ … }`, or a named set `@name`. */
  private value(): Element[] {
    const t = this.peek();
    if (!t) return this.fail(this.toks[this.toks.length - 1], this.toks[this.toks.length - 1], 'a value is missing');
    if (t.kind === 'setref') {
      this.i++;
      const set = this.ctx.setNamed(t.text);
      if (!set) this.fail(t, t, `there is no set "${t.text}" in this table: the ruleset does not load`);
      if (!set.elements) {
        // Filled at run time, or by another file: not known here.
        this.ctx.unresolved.push({ value: `@${t.text}`, span: this.at(t) });
        throw new LeftOut();
      }
      return set.elements.map((toks) => this.element(toks)).filter((e) => e.text !== '');
    }
    if (t.kind === 'punct' && t.text === '{') {
      this.i++;
      const items: Token[][] = [[]];
      let depth = 1;
      while (this.i < this.toks.length) {
        const x = this.peek()!;
        this.i++;
        if (x.kind === 'punct' && x.text === '{') depth++;
        else if (x.kind === 'punct' && x.text === '}') {
          if (--depth === 0) break;
        } else if (x.kind === 'punct' && x.text === ',') items.push([]);
        else items[items.length - 1].push(x);
      }
      if (depth > 0) this.fail(t, t, 'the { opened here is never closed');
      return items.filter((x) => x.length > 0).map((x) => this.element(x));
    }
    const out: Element[] = [];
    for (;;) {
      const x = this.peek();
      if (!x || (x.kind !== 'word' && x.kind !== 'string')) break;
      out.push({ text: x.text, span: this.at(x) });
      this.i++;
      if (!(this.peek()?.kind === 'punct' && this.peek()!.text === ',')) break;
      this.i++;
    }
    if (out.length === 0) this.fail(t, t, `"${t.text}" is not a value`);
    return out;
  }

  /** An element's text without its attributes (`10.0.0.1 timeout 1h`, `22 comment "ssh"`). */
  private element(toks: Token[]): Element {
    const end = toks.findIndex((t, i) => i > 0 && t.kind === 'word' && ['timeout', 'expires', 'comment', 'counter'].includes(t.text));
    const own = end < 0 ? toks : toks.slice(0, end);
    if (own.length === 0) return { text: '', span: this.at(toks[0]) };
    return { text: own.map((t) => t.text).join(''), span: this.over(own[0], own[own.length - 1]) };
  }

  private address(v: Element, family: Family, start: Token, last: Token): SourceTerm[] {
    const dash = v.text.indexOf('-');
    if (dash > 0 && !v.text.includes('/')) {
      const a = parseIp(v.text.slice(0, dash));
      const b = parseIp(v.text.slice(dash + 1));
      if (a.ok && b.ok && a.value.family === family && b.value.family === family && a.value.value <= b.value.value) {
        return cidrsOf(family, a.value.value, b.value.value, v.span);
      }
    }
    const c = parseCidr(v.text, true);
    if (!c.ok) this.fail(start, last, `"${v.text}" is not an IPv${family} address or network: ${c.error}`);
    if (c.value.family !== family) this.fail(start, last, `"${v.text}" is not an IPv${family} address: nft refuses the rule`);
    return [{ family, first: c.value.first, last: c.value.last, text: v.text, span: v.span }];
  }

  private port(v: Element, start: Token, last: Token): PortTerm {
    const m = /^(\d+)(?:-(\d+))?$/.exec(v.text);
    const named = SERVICE_PORTS[v.text];
    if (!m && named === undefined) this.fail(start, last, `"${v.text}" is not a port or a port range kube-netlint knows`);
    const first = m ? Number(m[1]) : named;
    const lastPort = m?.[2] === undefined ? first : Number(m[2]);
    if (first > 65535 || lastPort > 65535 || first > lastPort) this.fail(start, last, `"${v.text}" is not a port range of 0-65535`);
    return { first, last: lastPort, text: v.text, span: v.span };
  }

  private protocol(v: Element, start: Token, last: Token): ProtocolTerm {
    const n = /^\d+$/.test(v.text) ? Number(v.text) : PROTOCOL_NAMES[v.text];
    if (n === undefined || n > 255) this.fail(start, last, `"${v.text}" is not an IP protocol kube-netlint knows`);
    return { proto: n, text: v.text, span: v.span };
  }
}

/** A condition on a value every checked packet has (`ct state new`): all of them, or none. */
function holds(values: readonly Element[], theirs: readonly string[], negated: boolean): Match {
  const has = values.some((v) => theirs.includes(v.text));
  return has !== negated ? ALL : NOTHING;
}

/** `meta l4proto != tcp`: every other protocol, at the span of the condition. */
function everyProtocolBut(protos: readonly ProtocolTerm[], span: Span): ProtocolTerm[] {
  const out: ProtocolTerm[] = [];
  for (let n = 0; n <= 255; n++) if (!protos.some((p) => p.proto === n)) out.push({ proto: n, text: String(n), span });
  return out;
}
