// firewalld's rich language (firewalld.richlanguage(5)): one rule as written in `--add-rich-rule='…'`, read
// into what decides packets: family, priority, source, the element (service, port, protocol), the action.
// Parts kube-netlint does not model (a negated or MAC or ipset source, a destination, forward-port,
// source-port) are named so that the caller counts the rule as unresolved instead of guessing.
import type { Span } from '../../core/types';
import type { Located } from '../../model/types';

export type Element =
  | { kind: 'service'; name: Located<string> }
  | { kind: 'port'; port: Located<string>; protocol: Located<string> }
  | { kind: 'protocol'; value: Located<string> };

export interface RichRule {
  /** The rule as firewalld compares it (`--remove-rich-rule` removes an equal one): words and `key="value"`, single-spaced. */
  canonical: string;
  family?: { value: 4 | 6; span: Span };
  priority: number;
  source?: Located<string>;
  element?: Element;
  /** `accept` (with or without a limit) allows, `reject` and `drop` deny; none (a log-only rule, `mark`) decides nothing. */
  action?: { value: 'allow' | 'deny'; span: Span };
  /** An element about ICMP, masquerading or MSS clamping: the rule decides nothing about the packets the rules check. */
  icmpOrNat?: true;
}

export type RichRuleResult = { ok: true; rule: RichRule } | { ok: false; why: string; span: Span };

interface Token {
  key: string;
  /** For `key=value`: the value, located. */
  value?: Located<string>;
  span: Span;
}

/** Elements whose options kube-netlint reads, or whose presence it knows to be harmless or unmodelled. */
const NOT_MODELLED: Record<string, string> = {
  destination: 'a destination address (which node has it is not known)',
  'forward-port': 'a forwarded port',
  'source-port': 'a source port',
};
const OTHER_ELEMENTS = new Set(['masquerade', 'icmp-block', 'icmp-type', 'tcp-mss-clamp']);
const NO_DECISION = new Set(['masquerade', 'icmp-block', 'icmp-type', 'tcp-mss-clamp', 'log', 'nflog', 'audit', 'limit', 'mark']);

/** `at(from, to)` locates `text.slice(from, to)`. */
export function parseRichRule(text: string, at: (from: number, to: number) => Span): RichRuleResult {
  const tokens = tokensOf(text, at);
  if (!Array.isArray(tokens)) return tokens;
  if (tokens[0]?.key !== 'rule' || tokens[0].value) return { ok: false, why: 'a rich rule starts with `rule`', span: tokens[0]?.span ?? at(0, text.length) };
  const rule: RichRule = { canonical: tokens.map((t) => (t.value ? `${t.key}="${t.value.value}"` : t.key)).join(' '), priority: 0 };
  let element = 'rule';
  let negated = false;
  let port: Located<string> | undefined;
  let protocol: Located<string> | undefined;
  for (const token of tokens.slice(1)) {
    const { key, value } = token;
    if (!value) {
      if (key === 'not') {
        negated = true;
        continue;
      }
      if (Object.hasOwn(NOT_MODELLED, key)) return { ok: false, why: NOT_MODELLED[key], span: token.span };
      if (key === 'accept') rule.action = { value: 'allow', span: token.span };
      else if (key === 'reject' || key === 'drop') rule.action = { value: 'deny', span: token.span };
      else if (key === 'mark') rule.action = undefined;
      else if (!['source', 'service', 'port', 'protocol'].includes(key) && !NO_DECISION.has(key))
        return { ok: false, why: `"${key}" is no word of the rich language`, span: token.span };
      if (OTHER_ELEMENTS.has(key)) rule.icmpOrNat = true;
      element = key;
      continue;
    }
    switch (`${element} ${key}`) {
      case 'rule family':
        if (value.value !== 'ipv4' && value.value !== 'ipv6') return { ok: false, why: `family "${value.value}" is neither ipv4 nor ipv6`, span: value.span };
        rule.family = { value: value.value === 'ipv4' ? 4 : 6, span: token.span };
        break;
      case 'rule priority':
        if (!/^-?\d+$/.test(value.value)) return { ok: false, why: `priority "${value.value}" is not a number`, span: value.span };
        rule.priority = Number(value.value);
        break;
      case 'source address':
        if (negated) return { ok: false, why: 'a negated source (`source not address=…`)', span: token.span };
        rule.source = value;
        break;
      case 'source mac':
      case 'source ipset':
        return { ok: false, why: `a source by ${key}`, span: token.span };
      case 'service name':
        rule.element = { kind: 'service', name: value };
        break;
      case 'port port':
        port = value;
        break;
      case 'port protocol':
        protocol = value;
        break;
      case 'protocol value':
        rule.element = { kind: 'protocol', value };
        break;
      default:
        // The options of the elements that decide nothing (a log prefix, a limit, a reject type).
        if (!NO_DECISION.has(element) && !['reject', 'accept', 'drop'].includes(element)) {
          return { ok: false, why: `"${key}" is no option of \`${element}\``, span: token.span };
        }
    }
  }
  if (port || protocol) {
    if (!port || !protocol) return { ok: false, why: '`port` needs both port= and protocol=', span: (port ?? protocol)!.span };
    rule.element = { kind: 'port', port, protocol };
  }
  return { ok: true, rule };
}

/** Words and `key=value` pairs (the value quoted with " or ', or bare), each located. */
function tokensOf(text: string, at: (from: number, to: number) => Span): Token[] | RichRuleResult {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i])) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && !/[\s=]/.test(text[i])) i++;
    const key = text.slice(start, i);
    if (text[i] !== '=') {
      tokens.push({ key, span: at(start, i) });
      continue;
    }
    i++;
    const quote = text[i] === '"' || text[i] === "'" ? text[i] : undefined;
    let from = i;
    let to: number;
    if (quote) {
      from = i + 1;
      to = text.indexOf(quote, from);
      if (to < 0) return { ok: false, why: `the value of ${key} is never closed by ${quote}`, span: at(start, text.length) };
      i = to + 1;
    } else {
      while (i < text.length && !/\s/.test(text[i])) i++;
      to = i;
    }
    tokens.push({ key, value: { value: text.slice(from, to), span: at(from, to) }, span: at(start, i) });
  }
  return tokens;
}
