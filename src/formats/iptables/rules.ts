// What an iptables rule matches and does, in the terms of packet-filter.ts, for the packets the model
// checks (new connections from other hosts and pods to a node's own unicast address), as nftables/rules.ts
// does for nft: `--ctstate ESTABLISHED,RELATED` never holds for them, `--ctstate NEW` and `--syn` always do,
// `-i lo` never does. An option or target the model cannot decide (a mark, a rate limit, an ipset) makes
// the rule a problem at its place: it is left out, never guessed.
import type { Located } from '../../source/yaml-nodes';
import type { Span } from '../../core/types';
import { parseCidr, parseIp, type Family } from '../../values/ip';
import {
  ALL,
  cidrsOf,
  complementPorts,
  complementSources,
  interfaceMatch,
  intersect,
  isLocalOrGroup,
  NOTHING,
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
  type Problem,
  type SourceTerm,
  type Verdict,
} from '../nftables/packet-filter';
import type { SaveRule, Word } from './save-file';

export interface RuleContext {
  family: Family;
  /** Whether a chain of that name is declared in the filter table (a jump target). */
  isChain: (name: string) => boolean;
  problems: Problem[];
  /** Rules with a match kube-netlint cannot follow: left out, counted (import-unresolved), never guessed. */
  unresolved: Located<string>[];
}

/** Targets that change nothing about whether a packet passes: the next rule decides. */
const PASSING_TARGETS = new Set([
  'LOG',
  'NFLOG',
  'ULOG',
  'MARK',
  'CONNMARK',
  'CT',
  'NOTRACK',
  'TRACE',
  'CLASSIFY',
  'DSCP',
  'TOS',
  'TCPMSS',
  'SECMARK',
  'CONNSECMARK',
  'AUDIT',
]);

/** Match modules whose options this reader knows. */
const MODULES = new Set(['tcp', 'udp', 'sctp', 'multiport', 'conntrack', 'state', 'comment', 'addrtype', 'icmp', 'icmp6', 'icmpv6', 'iprange', 'pkttype']);

/** The rule as a model rule, or none when it is left out (with a problem) or never holds for checked packets. */
export function interpretRule(rule: SaveRule, ctx: RuleContext): FilterRule[] {
  return readOrLeaveOut(rule, ctx, 'address lists', () => [read(rule, ctx)]);
}

function read(rule: SaveRule, ctx: RuleContext): FilterRule {
  const bit = ctx.family === 4 ? V4 : V6;
  let match: Match = { families: bit };
  let verdict: Verdict = { kind: 'continue', span: rule.span };
  let comment: string | undefined;
  /** `-p` with a protocol that has ports: `--dport` needs one. */
  let ported = false;
  const args = rule.args;
  const fail = (w: Word, message: string): never => {
    throw new LeftOut({ span: w.span, message });
  };
  const unread = (w: Word, what = w.text, to: Word = w): never => {
    throw new LeftOut({
      span: [w.span[0], to.span[1]],
      message: `kube-netlint does not read "${what}" in a rule: the rule is left out of the firewall it checks`,
    });
  };
  let i = 0;
  /** The value after an option, and whether `!` negates it (`! -s x`, or the old `-s ! x`). */
  const valueOf = (option: Word, negatedBefore: boolean): { value: Word; negated: boolean } => {
    let negated = negatedBefore;
    if (args[i]?.text === '!') {
      negated = !negated;
      i++;
    }
    const value = args[i++];
    if (!value) fail(option, `${option.text} needs a value`);
    return { value, negated };
  };
  while (i < args.length) {
    let negated = false;
    if (args[i].text === '!') {
      negated = true;
      i++;
    }
    const opt = args[i++];
    if (!opt) break;
    const o = opt.text;
    const over = (v: Word): Span => [opt.span[0], v.span[1]];
    if (o === '-s' || o === '--source' || o === '--src') {
      const { value, negated: neg } = valueOf(opt, negated);
      const terms = value.text.split(',').flatMap((part) => addressTerms(part, value, ctx.family, fail));
      match = intersect(match, { families: bit, sources: neg ? complementSources(terms, bit, over(value)) : terms });
    } else if (o === '-d' || o === '--destination' || o === '--dst') {
      const { value, negated: neg } = valueOf(opt, negated);
      const terms = value.text.split(',').flatMap((part) => addressTerms(part, value, ctx.family, fail));
      if (!terms.every((t) => isLocalOrGroup(t.family, t.first, t.last))) unread(opt, `${o} ${value.text}`, value);
      match = intersect(match, neg ? ALL : NOTHING);
    } else if (o === '-p' || o === '--protocol') {
      const { value, negated: neg } = valueOf(opt, negated);
      const name = value.text.toLowerCase();
      if (name === 'all' || name === '0') {
        if (neg) match = NOTHING;
        continue;
      }
      const proto = /^\d+$/.test(name) ? Number(name) : PROTOCOL_NAMES[name];
      if (proto === undefined || proto > 255) fail(value, `"${value.text}" is not an IP protocol kube-netlint knows`);
      const protocols = neg
        ? Array.from({ length: 256 }, (_, n) => n)
            .filter((n) => n !== proto)
            .map((n) => ({ proto: n, text: String(n), span: over(value) }))
        : [{ proto, text: value.text, span: value.span }];
      match = intersect(match, { families: bit, protocols });
      ported = !neg && [6, 17, 132, 33, 136].includes(proto);
    } else if (o === '-i' || o === '--in-interface') {
      const { value, negated: neg } = valueOf(opt, negated);
      match = intersect(match, interfaceMatch([value.text.replace(/\+$/, '*')], neg, over(value)));
    } else if (o === '-m' || o === '--match') {
      const { value } = valueOf(opt, false);
      if (!MODULES.has(value.text)) unread(opt, `-m ${value.text}`, value);
    } else if (o === '--dport' || o === '--destination-port' || o === '--dports' || o === '--destination-ports') {
      const { value, negated: neg } = valueOf(opt, negated);
      if (!ported) fail(opt, `${o} needs a protocol with ports first (-p tcp, -p udp)`);
      const terms = value.text.split(',').map((part) => portTerm(part, value, fail));
      match = intersect(match, { families: bit, ports: neg ? complementPorts(terms, over(value)) : terms });
    } else if (o === '--syn') {
      if (negated) match = NOTHING;
    } else if (o === '--ctstate' || o === '--state') {
      const { value, negated: neg } = valueOf(opt, negated);
      match = intersect(match, value.text.split(',').includes('NEW') !== neg ? ALL : NOTHING);
    } else if (o === '--comment') {
      comment = valueOf(opt, false).value.text;
    } else if (o === '--dst-type') {
      const { value, negated: neg } = valueOf(opt, negated);
      match = intersect(match, value.text.split(',').includes('LOCAL') !== neg ? ALL : NOTHING);
    } else if (o === '--pkt-type') {
      const { value, negated: neg } = valueOf(opt, negated);
      match = intersect(match, (value.text === 'unicast' || value.text === 'host') !== neg ? ALL : NOTHING);
    } else if (o === '--icmp-type' || o === '--icmpv6-type') {
      // ICMP types are not in the model: the rule is read as one about the ICMP protocol.
      valueOf(opt, negated);
    } else if (o === '--src-range' || o === '--dst-range') {
      const { value, negated: neg } = valueOf(opt, negated);
      const terms = rangeTerms(value, ctx.family, fail);
      if (o === '--src-range') match = intersect(match, { families: bit, sources: neg ? complementSources(terms, bit, over(value)) : terms });
      else {
        if (!terms.every((t) => isLocalOrGroup(t.family, t.first, t.last))) unread(opt, `${o} ${value.text}`, value);
        match = intersect(match, neg ? ALL : NOTHING);
      }
    } else if (o === '-4' || o === '--ipv4' || o === '-6' || o === '--ipv6') {
      // A rule for one family only, in a file restored for both.
      if ((o === '-4' || o === '--ipv4') !== (ctx.family === 4)) match = NOTHING;
    } else if (o === '-c' || o === '--set-counters') {
      i += 2;
    } else if (o === '-j' || o === '--jump' || o === '-g' || o === '--goto') {
      const { value } = valueOf(opt, false);
      const target = value.text;
      const span = over(value);
      if (o === '-g' || o === '--goto') {
        if (!ctx.isChain(target)) fail(value, `there is no chain "${target}" to go to: iptables-restore refuses the line`);
        verdict = { kind: 'goto', chain: target, span };
      } else if (target === 'ACCEPT') verdict = { kind: 'accept', span };
      else if (target === 'DROP' || target === 'REJECT') verdict = { kind: 'drop', span };
      else if (target === 'RETURN') verdict = { kind: 'return', span };
      else if (ctx.isChain(target)) verdict = { kind: 'jump', chain: target, span };
      else if (PASSING_TARGETS.has(target)) verdict = { kind: 'continue', span };
      else if (/^[A-Z0-9_]+$/.test(target)) unread(opt, `-j ${target}`, value);
      else fail(value, `there is no chain "${target}" to jump to: iptables-restore refuses the line`);
      // The target's own options (--reject-with, --log-prefix, --set-xmark) follow it: they decide nothing here.
      break;
    } else {
      unread(opt);
    }
  }
  // A comment says nothing about what the rule matches: findings name the rule without it.
  const name = shortName(rule.text.replace(/(^|\s)-m\s+comment\s+--comment\s+("(\\.|[^"\\])*"|'[^']*'|\S+)/g, ' '));
  return { span: rule.span, name, ...(comment === undefined ? {} : { comment }), match, verdict };
}

type Fail = (w: Word, message: string) => never;

/** `10.0.0.0/8`, `10.0.0.1`, `10.0.0.0/255.0.0.0`. */
function addressTerms(text: string, w: Word, family: Family, fail: Fail): SourceTerm[] {
  const mask = /^([^/]+)\/(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  let written = text;
  if (mask) {
    const m = parseIp(mask[2]);
    const bits = m.ok ? m.value.value.toString(2).padStart(32, '0') : '';
    if (!m.ok || !/^1*0*$/.test(bits)) fail(w, `"${text}" has a mask that is not a prefix`);
    written = `${mask[1]}/${bits.indexOf('0') < 0 ? 32 : bits.indexOf('0')}`;
  }
  const c = parseCidr(written, true);
  if (!c.ok) fail(w, `"${text}" is not an IPv${family} address or network: ${c.error}`);
  if (c.value.family !== family)
    fail(w, `"${text}" is an IPv${c.value.family} address in an ${family === 4 ? 'iptables' : 'ip6tables'} file: the restore refuses the line`);
  return [{ family, first: c.value.first, last: c.value.last, text, span: w.span }];
}

/** `10.0.0.1-10.0.0.9` (the iprange module). */
function rangeTerms(w: Word, family: Family, fail: Fail): SourceTerm[] {
  const [a, b] = w.text.split('-').map(parseIp);
  if (!a?.ok || !b?.ok || a.value.family !== family || b.value.family !== family || a.value.value > b.value.value)
    fail(w, `"${w.text}" is not a range of IPv${family} addresses`);
  return cidrsOf(family, a.value.value, b.value.value, w.span);
}

/** `22`, `2379:2380`, `:1024`, `1024:`, `ssh`. */
function portTerm(text: string, w: Word, fail: Fail): PortTerm {
  const m = /^(\d*):(\d*)$/.exec(text);
  const one = (t: string, fallback: number) => (t === '' ? fallback : /^\d+$/.test(t) ? Number(t) : (SERVICE_PORTS[t] ?? NaN));
  const first = m ? one(m[1], 0) : one(text, NaN);
  const last = m ? one(m[2], 65535) : first;
  if (!Number.isInteger(first) || !Number.isInteger(last) || first > 65535 || last > 65535 || first > last)
    fail(w, `"${text}" is not a port or a port range (first:last) of 0-65535`);
  return { first, last, text, span: w.span };
}
