// `firewall-cmd` (and `firewall-offline-cmd`) commands → firewalld's configuration as the script leaves it
// (config.ts): zones with their sources, interfaces, ports, services, protocols, rich rules and targets, the
// default zone, and services the script defines. The script starts from firewalld as shipped, or from the
// zone files read with it. Runtime and permanent changes are one configuration (every add
// and remove counts, in order; `--reload` changes nothing here). What cannot be read exactly is set aside
// as unresolved, located at the command or option: a variable, a loop, an option kube-netlint does not know.
import type { Span } from '../../core/types';
import type { Located } from '../../model/types';
import { shortText as short, type Invocation } from '../shell/script';
import { spanIn, type ShellWord } from '../shell/tokenize';
import { add, cidrOfNetmask, newConfig, remove, TARGETS, zoneOf, type FirewalldConfig, type Origin } from './config';
import { parseRichRule } from './rich-rule';
import { SERVICES } from './services';

/** The firewalld command line tools: firewall-offline-cmd takes the same options (and writes the permanent configuration). */
export const FIREWALLD_COMMANDS = new Set(['firewall-cmd', 'firewall-offline-cmd']);

/** Options that take no value. */
const FLAGS =
  /^(permanent|quiet|q|h|help|V|version|state|reload|complete-reload|runtime-to-permanent|check-config|reset-to-defaults|list-.*|get-(default-zone|active-zones|zones|services|icmptypes|policies|ipsets|helpers|target|log-denied|priority|ingress-priority|egress-priority|description|short)|(add|remove|query)-(masquerade|forward|icmp-block-inversion)|lockdown-(on|off)|query-lockdown|panic-(on|off)|query-panic|direct)$/;
/** Options that only ask, or change nothing a host's inbound filtering depends on. */
const NO_EFFECT =
  /^(quiet|q|h|help|V|version|state|reload|complete-reload|runtime-to-permanent|check-config|(list|get|query|info)-.*|(add|remove)-(masquerade|forward|icmp-block|icmp-block-inversion)|set-(log-denied|description|short)|(add|remove)-lockdown-whitelist-.*|lockdown-(on|off)|(new|delete)-(ipset|helper|icmptype)|(add|remove)-entr(y|ies-from-file)|remove-source-port|remove-forward-port)$/;
/** Options that change what follows them: the zone, the configuration, a service or ipset being edited. */
const MODIFIERS = new Set(['permanent', 'zone', 'service', 'ipset', 'helper', 'icmptype', 'policy', 'direct', 'timeout']);

interface Option {
  name: string;
  word: ShellWord;
  /** The value, located: after `=` in the word, or the next word. */
  value?: { word: ShellWord; from: number };
  /** The option as written, its value included. */
  text: string;
  span: Span;
}

const PROTOCOL_WORDS = new Set(['tcp', 'udp', 'sctp', 'dccp']);

/** The script's commands applied to `config` (firewalld as shipped, unless zone files were read into it). */
export function readCommands(invocations: readonly Invocation[], source: string, base: number, tick: () => void, config = newConfig()): FirewalldConfig {
  for (const inv of invocations) {
    if (!FIREWALLD_COMMANDS.has(inv.name)) continue;
    tick();
    config.anchor ??= inv.nameWord.span;
    new Command(inv, config, source, base).run();
  }
  return config;
}

class Command {
  private readonly options: Option[] = [];
  private readonly unknown: Option[] = [];

  constructor(
    private readonly inv: Invocation,
    private readonly config: FirewalldConfig,
    private readonly source: string,
    private readonly base: number,
  ) {}

  /** The text of a span of the script. */
  private written(span: Span): string {
    return this.source.slice(span[0] - this.base, span[1] - this.base);
  }

  private unresolved(text: string, span: Span): void {
    this.config.unresolved.push({ value: short(text), span });
  }

  private problem(span: Span, message: string): void {
    this.config.problems.push({ span, message });
  }

  run(): void {
    const { inv } = this;
    const whole = () => this.written([inv.nameWord.span[0], inv.command.span[1]]);
    if (inv.command.within) {
      // A command in a loop, a condition, a case or a function runs any number of times, or never.
      this.parseOptions();
      if (this.options.some((o) => !NO_EFFECT.test(o.name) && !MODIFIERS.has(o.name)) || this.unknown.length > 0) {
        this.unresolved(whole(), inv.command.span);
      }
      return;
    }
    this.parseOptions();
    const modifier = (name: string) => this.options.find((o) => o.name === name);
    // A rule for a while (--timeout), a policy's or an iptables rule (--direct): not modelled.
    if (['timeout', 'policy', 'direct'].some(modifier) && this.hasEffect()) {
      this.unresolved(whole(), inv.command.span);
      return;
    }
    if (this.unknown.length > 0) {
      this.unresolved(this.unknown[0].text, this.unknown[0].span);
      return;
    }
    if (modifier('ipset') || modifier('helper') || modifier('icmptype')) return;
    const zoneOption = modifier('zone');
    if (zoneOption && (!zoneOption.value || zoneOption.value.word.unresolved)) {
      this.unresolved(whole(), inv.command.span);
      return;
    }
    const serviceOption = modifier('service');
    if (serviceOption) {
      this.editService(serviceOption);
      return;
    }
    const zoneName = zoneOption ? this.valueOf(zoneOption)!.value : this.config.defaultZone;
    const prefix = `${inv.nameWord.value.slice(inv.nameWord.value.lastIndexOf('/') + 1)} --zone=${zoneName}`;
    for (const option of this.options) {
      if (MODIFIERS.has(option.name) || NO_EFFECT.test(option.name)) continue;
      const value = this.valueOf(option);
      const origin: Origin = { span: option.span, name: short(`${prefix} ${option.text}`) };
      if (option.value?.word.unresolved) {
        this.unresolved(option.text, option.span);
        continue;
      }
      this.apply(option, value, zoneName, origin);
    }
  }

  private hasEffect(): boolean {
    return this.options.some((o) => !MODIFIERS.has(o.name) && !NO_EFFECT.test(o.name));
  }

  private parseOptions(): void {
    const { args } = this.inv;
    for (let k = 0; k < args.length; k++) {
      const word = args[k];
      const m = /^--?([A-Za-z][\w-]*)(=?)/.exec(word.value);
      if (!m) {
        this.unknown.push({ name: word.value, word, text: this.written(word.span), span: word.span });
        continue;
      }
      const name = m[1];
      let value: Option['value'];
      let span = word.span;
      if (m[2] === '=') value = { word, from: m[0].length };
      else if (!FLAGS.test(name) && k + 1 < args.length && !args[k + 1].value.startsWith('-')) {
        k++;
        value = { word: args[k], from: 0 };
        span = [word.span[0], args[k].span[1]];
      }
      const option = { name, word, value, text: this.written(span), span };
      if (known(name)) this.options.push(option);
      else this.unknown.push(option);
    }
  }

  private valueOf(option: Option): Located<string> | undefined {
    if (!option.value) return undefined;
    const { word, from } = option.value;
    return { value: word.value.slice(from), span: spanIn(word, from) };
  }

  /** A located part of an option's value. */
  private part(option: Option, from: number, to: number): Located<string> {
    const { word, from: start } = option.value!;
    return { value: word.value.slice(start + from, start + to), span: spanIn(word, start + from, start + to) };
  }

  private apply(option: Option, value: Located<string> | undefined, zoneName: string, origin: Origin): void {
    const { config } = this;
    const name = option.name;
    // Sources by port, forwarded ports, panic mode, policies: not modelled, never guessed.
    if (NOT_MODELLED.test(name)) return this.unresolved(option.text, option.span);
    if (!value && name !== 'delete-zone') {
      this.problem(option.span, `\`--${name}\` needs a value`);
      return;
    }
    const zone = () => zoneOf(config, zoneName, this.inv.nameWord.span);
    const v = value!;
    switch (name) {
      case 'add-port':
      case 'remove-port': {
        const port = this.portOf(option, v);
        if (!port) return;
        const key = `port:${port.port.value}/${port.protocol.value}`;
        if (name === 'add-port') add(zone().entries, { kind: 'port', key, origin, ...port });
        else remove(zone().entries, key);
        return;
      }
      case 'add-service':
      case 'remove-service': {
        const key = `service:${v.value}`;
        if (name === 'add-service') add(zone().entries, { kind: 'service', key, origin, service: v });
        else remove(zone().entries, key);
        return;
      }
      case 'add-protocol':
      case 'remove-protocol': {
        const key = `protocol:${v.value}`;
        if (name === 'add-protocol') add(zone().entries, { kind: 'protocol', key, origin, protocol: v });
        else remove(zone().entries, key);
        return;
      }
      case 'add-rich-rule':
      case 'remove-rich-rule': {
        const { word, from } = option.value!;
        const parsed = parseRichRule(v.value, (a, b) => spanIn(word, from + a, from + b));
        if (!parsed.ok) {
          if (name === 'add-rich-rule') this.unresolved(option.text, option.span);
          return;
        }
        if (parsed.rule.source) parsed.rule.source = { ...parsed.rule.source, value: cidrOfNetmask(parsed.rule.source.value) };
        const key = `rich:${parsed.rule.canonical}`;
        if (name === 'add-rich-rule') add(zone().entries, { kind: 'rich', key, origin, rule: parsed.rule });
        else remove(zone().entries, key);
        return;
      }
      case 'add-source':
      case 'change-source':
      case 'remove-source': {
        if (/^(ipset:|([0-9a-f]{2}:){5}[0-9a-f]{2}$)/i.test(v.value)) {
          if (name !== 'remove-source') this.unresolved(option.text, option.span);
          return;
        }
        const source = { ...v, value: cidrOfNetmask(v.value) };
        const key = source.value;
        if (name === 'remove-source') return void remove(zone().sources, key);
        const bound = [...config.zones.values()].find((z) => z.sources.some((s) => s.key === key));
        if (bound && bound.name !== zoneName) {
          // firewall-cmd refuses to bind a source twice (ZONE_CONFLICT); --change-source moves it.
          if (name === 'add-source')
            return this.problem(option.span, `${v.value} is already bound to zone ${bound.name}: firewall-cmd refuses it (use --change-source)`);
          remove(bound.sources, key);
        }
        add(zone().sources, { key, value: source, origin });
        return;
      }
      case 'add-interface':
      case 'change-interface':
      case 'change-zone':
      case 'remove-interface': {
        const key = v.value;
        if (name === 'remove-interface') return void remove(zone().interfaces, key);
        for (const z of config.zones.values()) if (z.name !== zoneName) remove(z.interfaces, key);
        add(zone().interfaces, { key, value: v, origin });
        return;
      }
      case 'set-default-zone':
        config.defaultZone = v.value;
        config.defaultZoneAt = v;
        zoneOf(config, v.value, option.span);
        return;
      case 'set-target': {
        const target = Object.hasOwn(TARGETS, v.value) ? TARGETS[v.value] : undefined;
        if (!target) return this.problem(v.span, `"${v.value}" is no zone target (default, ACCEPT, DROP or REJECT): firewall-cmd refuses it`);
        const z = zone();
        z.target = target;
        z.targetAt = v;
        return;
      }
      case 'set-ingress-priority':
        if (!/^-?\d+$/.test(v.value)) return this.unresolved(option.text, option.span);
        zone().priority = Number(v.value);
        return;
      case 'new-zone':
        config.zones.delete(v.value);
        config.zones.set(v.value, { name: v.value, target: 'default', entries: [], sources: [], interfaces: [], priority: 0, anchor: option.span });
        return;
      case 'delete-zone':
        config.zones.delete(value?.value ?? zoneName);
        return;
      case 'new-service':
        config.services.set(v.value, { entries: [], includes: [] });
        return;
      case 'delete-service':
        config.services.delete(v.value);
        return;
      default:
        this.unresolved(option.text, option.span);
    }
  }

  /** `--service=<name> --add-port=…`: a change to a service's definition, which every zone using it sees. */
  private editService(serviceOption: Option): void {
    const name = this.valueOf(serviceOption);
    if (!name || serviceOption.value!.word.unresolved) return this.unresolved(serviceOption.text, serviceOption.span);
    let service = this.config.services.get(name.value);
    if (!service) {
      const shipped = Object.hasOwn(SERVICES, name.value) ? SERVICES[name.value] : undefined;
      service = { entries: (shipped?.p ?? []).map((p) => ({ key: p, value: { value: p, span: name.span } })), includes: [...(shipped?.include ?? [])] };
      this.config.services.set(name.value, service);
    }
    for (const option of this.options) {
      if (MODIFIERS.has(option.name) || NO_EFFECT.test(option.name)) continue;
      const value = this.valueOf(option);
      if (!value || option.value!.word.unresolved) {
        this.unresolved(option.text, option.span);
        continue;
      }
      if (option.name === 'add-port' || option.name === 'add-protocol') add(service.entries, { key: value.value, value });
      else if (option.name === 'remove-port' || option.name === 'remove-protocol') remove(service.entries, value.value);
      else if (option.name === 'add-include') service.includes.push(value.value);
      else if (option.name === 'remove-include') service.includes = service.includes.filter((s) => s !== value.value);
      else this.unresolved(option.text, option.span);
    }
  }

  /** `2379-2380/tcp`, each part located; a malformed one is firewall-cmd's error (INVALID_PORT). */
  private portOf(option: Option, v: Located<string>): { port: Located<string>; protocol: Located<string> } | undefined {
    const slash = v.value.lastIndexOf('/');
    const port = v.value.slice(0, slash);
    const protocol = v.value.slice(slash + 1);
    if (slash < 0 || !/^\d+(-\d+)?$/.test(port) || !PROTOCOL_WORDS.has(protocol)) {
      this.problem(v.span, `"${v.value}" is not a port firewall-cmd takes: write the port or range and the protocol, as 6443/tcp or 2379-2380/tcp`);
      return undefined;
    }
    return { port: this.part(option, 0, slash), protocol: this.part(option, slash + 1, v.value.length) };
  }
}

/** Options with an effect that kube-netlint reads; the others it knows are FLAGS, NO_EFFECT and MODIFIERS. */
const READ =
  /^(add|remove)-(port|service|protocol|rich-rule|source|interface)$|^change-(source|interface|zone)$|^set-(default-zone|target|ingress-priority)$|^(new|delete)-(zone|service)$|^add-include$|^remove-include$/;
/** Options firewall-cmd has whose effect kube-netlint does not model: set aside when used. */
const NOT_MODELLED =
  /^(add-source-port|add-forward-port|panic-on|panic-off|new-policy|delete-policy|set-priority|set-egress-priority|passthrough|add-rule|add-chain|set-destination|add-ingress-zone|add-egress-zone)$/;

const known = (name: string) => MODIFIERS.has(name) || FLAGS.test(name) || NO_EFFECT.test(name) || READ.test(name) || NOT_MODELLED.test(name);
