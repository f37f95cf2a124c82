// `ufw` commands → one host firewall, as ufw evaluates its user rules: in order, first match, then the
// default incoming policy (deny unless `ufw default allow incoming`). `ufw allow|deny|reject|limit` in the
// simple syntax (`ufw allow 6443/tcp`, `ufw allow 22`, `ufw allow OpenSSH`) and the full one (`ufw allow
// proto tcp from 10.0.0.0/8 to any port 22`), `insert N`, `prepend`, `delete <rule>`, `default`, `enable`,
// `disable`, `reset`. Rules ufw would refuse are input-syntax problems; rules kube-netlint cannot model
// (a destination address, a source port, a variable, a loop) are unresolved, never guessed. A rule `in on IFACE`
// matches the packets that come in through that interface, as the plan's node interfaces say (arrivesOn).
import type { Span } from '../../core/types';
import { portItem } from '../../model/literals';
import type { Firewall, FirewallRule, Located, PortItem } from '../../model/types';
import { shortText as short, type Invocation } from '../shell/script';
import { spanIn, type ShellWord } from '../shell/tokenize';
import { APP_PROFILES, SERVICE_NAMES } from './profiles';

/** One model rule of a ufw rule (a port without a protocol is two: TCP and UDP). */
interface Draft {
  protocol: number | 'any';
  protocolAt?: Located<string>;
  ports?: PortItem[];
}

interface UfwRule {
  /** The rule without its action: what ufw compares to update or delete a rule. */
  key: string;
  action: Located<'allow' | 'deny'>;
  span: Span;
  name: string;
  from?: Located<string>[];
  arrivesOn?: Located<string>[];
  drafts: Draft[];
}

interface State {
  rules: UfwRule[];
  /** The keys of `rules`. */
  keys: Set<string>;
  defaultAction: 'allow' | 'deny';
  defaultActionAt?: Located<string>;
  /** `ufw disable` (or `reset`) after the last `ufw enable`: the firewall filters nothing. */
  disabledAt?: Located<string>;
  unresolved: Located<string>[];
  problems: { span: Span; message: string }[];
  anchor?: Span;
}

export interface UfwResult {
  firewall: Firewall;
  anchor?: Span;
  unresolved: Located<string>[];
  problems: { span: Span; message: string }[];
}

const PROTOCOLS: Record<string, number> = { tcp: 6, udp: 17, ah: 51, esp: 50, gre: 47, ipv6: 41, igmp: 2 };
const ACTIONS: Record<string, 'allow' | 'deny'> = { allow: 'allow', limit: 'allow', deny: 'deny', reject: 'deny' };
const actionOf = (word: string): 'allow' | 'deny' | undefined => {
  const lower = word.toLowerCase();
  return Object.hasOwn(ACTIONS, lower) ? ACTIONS[lower] : undefined;
};
const NO_EFFECT = new Set(['status', 'show', 'logging', 'version', 'help', '--help', '--version', 'app', 'reload', 'route']);
const KEYWORDS = new Set(['proto', 'from', 'to', 'port', 'app', 'comment', 'on', 'in', 'out', 'log', 'log-all']);

/** The words of ufw's commands that say the script is ufw's: `ufw allow|deny|reject|limit|default`. */
export const RULE_COMMANDS = new Set(['allow', 'deny', 'reject', 'limit', 'default', 'insert', 'prepend']);

/** The subcommand after ufw's global options (`--force`, `--dry-run`). */
export const subcommandOf = (inv: Invocation): string | undefined => inv.args.find((w) => !w.value.startsWith('--'))?.value;

export function readUfw(invocations: readonly Invocation[], source: string, base: number, name: string, span: Span, tick: () => void): UfwResult {
  const state: State = { rules: [], keys: new Set(), defaultAction: 'deny', unresolved: [], problems: [] };
  const written = (s: Span) => source.slice(s[0] - base, s[1] - base);
  for (const inv of invocations) {
    if (inv.name !== 'ufw') continue;
    tick();
    state.anchor ??= inv.nameWord.span;
    const text = short(written([inv.nameWord.span[0], inv.command.span[1]]));
    if (inv.command.within) {
      const sub = subcommandOf(inv);
      // `if ufw status | grep -q inactive; then ufw --force enable; fi` leaves ufw enabled, as read anyway.
      if (sub === undefined || (!NO_EFFECT.has(sub) && sub !== 'enable')) state.unresolved.push({ value: text, span: inv.command.span });
      continue;
    }
    runUfw(inv, state, text);
  }
  const firewall: Firewall = {
    index: 0,
    span,
    name: { value: name, span: state.anchor ?? span },
    type: 'host',
    defaultAction: state.disabledAt ? 'allow' : state.defaultAction,
    defaultActionAt: state.disabledAt ?? state.defaultActionAt,
    rules: [],
  };
  if (!state.disabledAt) {
    firewall.rules = state.rules
      .flatMap((r) =>
        r.drafts.map((d) => ({
          ...d,
          span: r.span,
          action: r.action,
          from: r.from,
          arrivesOn: r.arrivesOn,
          name: { value: r.name, span: r.span },
          portsKeySpan: d.ports?.[0]?.span,
        })),
      )
      .map((r, index): FirewallRule => ({ ...r, firewall, index }));
  }
  return { firewall, anchor: state.anchor, unresolved: state.unresolved, problems: state.problems };
}

function runUfw(inv: Invocation, state: State, text: string): void {
  const args = [...inv.args];
  const unresolvedAt = args.find((w) => w.unresolved);
  const problem = (at: Span, message: string): void => void state.problems.push({ span: at, message });
  let dryRun = false;
  while (args[0]?.value.startsWith('--')) {
    const option = args.shift()!.value;
    if (option === '--dry-run') dryRun = true;
    else if (option !== '--force') return void state.unresolved.push({ value: text, span: inv.command.span });
  }
  const sub = args.shift();
  if (!sub || dryRun || NO_EFFECT.has(sub.value)) return;
  if (unresolvedAt) return void state.unresolved.push({ value: text, span: inv.command.span });
  switch (sub.value) {
    case 'enable':
      state.disabledAt = undefined;
      return;
    case 'disable':
      state.disabledAt = { value: 'disable', span: inv.command.span };
      return;
    case 'reset':
      state.rules = [];
      state.keys.clear();
      state.defaultAction = 'deny';
      state.defaultActionAt = undefined;
      state.disabledAt = { value: 'reset', span: inv.command.span };
      return;
    case 'default': {
      const [policy, direction] = args;
      const action = policy && actionOf(policy.value);
      if (!action || policy.value.toLowerCase() === 'limit') return problem(policy?.span ?? sub.span, 'ufw default takes allow, deny or reject');
      if (direction && !['incoming', 'outgoing', 'routed'].includes(direction.value))
        return problem(direction.span, `"${direction.value}" is no direction ufw knows (incoming, outgoing, routed)`);
      if (direction && direction.value !== 'incoming') return;
      state.defaultAction = action;
      state.defaultActionAt = { value: policy.value, span: policy.span };
      return;
    }
    case 'delete': {
      if (/^\d+$/.test(args[0]?.value ?? '')) return void state.unresolved.push({ value: text, span: inv.command.span });
      const rule = ruleOf(args, inv, state, text);
      if (rule && state.rules.some((r) => r.key === rule.key && r.action.value === rule.action.value)) {
        state.rules = state.rules.filter((r) => r.key !== rule.key);
        state.keys.delete(rule.key);
      }
      return;
    }
    case 'insert':
    case 'prepend': {
      let position = 1;
      if (sub.value === 'insert') {
        const n = args.shift();
        if (!n || !/^\d+$/.test(n.value) || Number(n.value) < 1) return problem(n?.span ?? sub.span, 'ufw insert takes a rule number from 1');
        position = Number(n.value);
        // Before a rule the script did not add: one the machine had already, or ufw's error.
        if (position > state.rules.length) return void state.unresolved.push({ value: text, span: inv.command.span });
      }
      const rule = ruleOf(args, inv, state, text);
      if (rule) place(state, rule, position - 1);
      return;
    }
    default: {
      if (!actionOf(sub.value)) return void state.unresolved.push({ value: text, span: inv.command.span });
      const rule = ruleOf([sub, ...args], inv, state, text);
      if (rule) place(state, rule, state.rules.length);
    }
  }
}

/** A new rule, as ufw adds it: an equal rule is skipped, one differing in its action is updated in place. */
function place(state: State, rule: UfwRule, at: number): void {
  if (state.keys.has(rule.key)) {
    const same = state.rules.findIndex((r) => r.key === rule.key);
    if (state.rules[same].action.value !== rule.action.value) state.rules[same] = rule;
    return;
  }
  state.keys.add(rule.key);
  state.rules.splice(at, 0, rule);
}

/**
 * `allow|deny|reject|limit [in|out [on IFACE]] [log|log-all] (PORT[/PROTO] | NAME | [proto P] [from A [port P]] [to A [port P | app NAME]]) [comment C]`.
 * Undefined for a rule that adds nothing to an inbound host firewall (an outgoing one) or cannot be read.
 */
function ruleOf(words: ShellWord[], inv: Invocation, state: State, text: string): UfwRule | undefined {
  const problem = (at: Span, message: string) => void state.problems.push({ span: at, message });
  const unresolved = () => void state.unresolved.push({ value: text, span: inv.command.span });
  const [actionWord, ...rest] = words;
  const actionValue = actionWord && actionOf(actionWord.value);
  if (!actionValue) return problem(actionWord?.span ?? inv.command.span, 'a ufw rule starts with allow, deny, reject or limit');
  const action: Located<'allow' | 'deny'> = { value: actionValue, span: actionWord.span };
  let k = 0;
  let direction = 'in';
  let iface: ShellWord | undefined;
  const next = () => rest[k++] as ShellWord | undefined;
  if (rest[k]?.value === 'in' || rest[k]?.value === 'out') {
    direction = next()!.value;
    if (rest[k]?.value === 'on') {
      k++;
      iface = next();
    }
  }
  if (rest[k]?.value === 'log' || rest[k]?.value === 'log-all') k++;
  let proto: ShellWord | undefined;
  let from: ShellWord | undefined;
  let fromPort: ShellWord | undefined;
  let to: ShellWord | undefined;
  let toPort: ShellWord | undefined;
  let app: ShellWord | undefined;
  let simple: ShellWord | undefined;
  if (rest[k] && !KEYWORDS.has(rest[k].value)) simple = next();
  let last: 'from' | 'to' | undefined;
  while (k < rest.length) {
    const keyword = next()!;
    const value = next();
    if (!value) return problem(keyword.span, `\`${keyword.value}\` needs a value`);
    switch (keyword.value) {
      case 'proto':
        proto = value;
        break;
      case 'from':
        from = value;
        last = 'from';
        break;
      case 'to':
        to = value;
        last = 'to';
        break;
      case 'port':
        if (last === 'from') fromPort = value;
        else toPort = value;
        break;
      case 'app':
        if (last === 'from') return unresolved();
        app = value;
        break;
      case 'comment':
        break;
      default:
        return problem(keyword.span, `"${keyword.value}" is not part of a ufw rule here`);
    }
  }
  if (simple && (from || to || proto)) return problem(simple.span, `"${simple.value}" is not part of a ufw rule here`);
  const key = [
    direction,
    iface?.value,
    proto?.value,
    from?.value ?? 'any',
    fromPort?.value,
    to?.value ?? 'any',
    toPort?.value ?? simple?.value,
    app?.value,
  ].join('|');
  const rule: UfwRule = { key, action, span: inv.command.span, name: text, drafts: [] };
  if (direction === 'out') return rule;
  // A destination address, a source port: which packets they match depends on what the script does not say.
  // `0.0.0.0/0` and `::/0` stand for every address of one family: such a destination limits the rule to it.
  const family = to && (to.value === '0.0.0.0/0' || to.value === '::/0') ? to : undefined;
  if (fromPort || (to && to.value !== 'any' && !family)) {
    unresolved();
    return undefined;
  }
  if (iface) rule.arrivesOn = [{ value: iface.value, span: iface.span }];
  if (from && from.value !== 'any') rule.from = [{ value: from.value, span: from.span }];
  else if (family) rule.from = [{ value: family.value, span: family.span }];
  const protocol = proto?.value.toLowerCase();
  if (protocol !== undefined && protocol !== 'any' && !Object.hasOwn(PROTOCOLS, protocol))
    return problem(proto!.span, `"${proto!.value}" is no protocol ufw takes (tcp, udp, ah, esp, gre, ipv6, igmp or any)`);
  const named = app ?? (simple && !/^[\d:,]+(\/\w+)?$/.test(simple.value) ? simple : undefined);
  if (named) {
    const entries = Object.hasOwn(APP_PROFILES, named.value)
      ? APP_PROFILES[named.value]
      : !app && Object.hasOwn(SERVICE_NAMES, named.value)
        ? SERVICE_NAMES[named.value]
        : undefined;
    if (!entries) {
      unresolved();
      return undefined;
    }
    rule.drafts = entries.flatMap((e) => {
      const [port, p] = e.split('/');
      return protocolsOf(p, true).map((n) => ({ protocol: n, ports: [portItem({ value: port, span: named.span })!] }));
    });
    return rule;
  }
  const portWord = simple ?? toPort;
  if (!portWord) {
    rule.drafts = [
      { protocol: protocol === undefined || protocol === 'any' ? 'any' : PROTOCOLS[protocol], protocolAt: proto && { value: proto.value, span: proto.span } },
    ];
    return rule;
  }
  // `6443`, `6443/tcp`, `80,443/tcp`, `6000:6007/tcp`: each port located in the word.
  const slash = portWord.value.indexOf('/');
  const list = slash < 0 ? portWord.value : portWord.value.slice(0, slash);
  const written = slash < 0 ? undefined : portWord.value.slice(slash + 1).toLowerCase();
  if (written !== undefined && !Object.hasOwn(PROTOCOLS, written)) return problem(spanIn(portWord, slash + 1), `"${written}" is no protocol ufw takes`);
  const p = written ?? protocol;
  const protocolAt = written !== undefined ? { value: written, span: spanIn(portWord, slash + 1) } : proto && { value: proto.value, span: proto.span };
  const ports: PortItem[] = [];
  let at = 0;
  for (const part of list.split(',')) {
    const item = portItem({ value: part.replace(':', '-'), span: spanIn(portWord, at, at + part.length) })!;
    if (!/^\d+([:]\d+)?$/.test(part)) return problem(spanIn(portWord, at, at + part.length), `"${part}" is not a port or range ufw takes (6443, 6000:6007)`);
    ports.push(item);
    at += part.length + 1;
  }
  if ((p === undefined || p === 'any') && (ports.length > 1 || list.includes(':'))) {
    return problem(portWord.span, 'ufw needs a protocol (tcp or udp) for a port list or range');
  }
  rule.drafts = protocolsOf(p, true).map((n) => ({ protocol: n, protocolAt, ports }));
  return rule;
}

/** A protocol as written, or TCP and UDP for a port without one. */
const protocolsOf = (written: string | undefined, ported: boolean): number[] =>
  written === undefined || written === 'any' ? (ported ? [6, 17] : []) : [PROTOCOLS[written]];
