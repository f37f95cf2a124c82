// firewalld (docs/formats/firewalld.md): shell scripts of `firewall-cmd` commands, zone files
// (`/etc/firewalld/zones/*.xml`) and firewalld.conf, read into one host firewall with firewalld's zone
// semantics. The nodes it applies to are the importing plan's
// (`imports: [{path: fw.sh, format: firewalld, appliesTo: {roles: [control-plane]}}]`). The files one import
// entry brings in (`firewalld/zones/*.xml`) are one machine's configuration: they are read together.
import type { Document } from 'yaml';
import type { PlanPart } from '../../model/types';
import type { InputFormat } from '../input-format';
import { isShellScript, scriptDocument, scriptFile, scriptKeyNames, scriptOf, type ScriptFile } from '../shell/document';
import { FIREWALLD_COMMANDS, readCommands } from './commands'; // on demand
import { newConfig, type Binding, type FirewalldConfig, type Zone } from './config'; // on demand
import { firewalldFileOf, looksLikeZoneFile, parseConf, parseZoneFile, type FirewalldFile } from './files';
import { toFirewall } from './translate'; // on demand
import { readZoneFile } from './zone-xml'; // on demand

/** A line that runs firewall-cmd (after blanks, `sudo` and the like, or a path). */
const COMMAND_LINE = /^[ \t]*(?:(?:sudo|doas|command|exec)(?:[ \t]+-\S+)*[ \t]+)?(?:\S*\/)?firewall-(?:offline-)?cmd(?:[ \t]|$)/m;

const runsFirewalld = (file: ScriptFile) => file.invocations.some((i) => FIREWALLD_COMMANDS.has(i.name));

type Input = { kind: 'script'; file: ScriptFile } | FirewalldFile;

const inputOf = (doc: Document.Parsed): Input | undefined => {
  const script = scriptOf(doc);
  return script ? (runsFirewalld(script) ? { kind: 'script', file: script } : undefined) : firewalldFileOf(doc);
};

/**
 * One configuration from its files, as firewalld has them: firewalld.conf (the default zone), then the zone
 * files (each replaces the shipped zone of its name; the zones no file defines are firewalld's shipped
 * ones), then the scripts' commands, in order, on top of them.
 */
function readTogether(docs: readonly Document.Parsed[], tick: () => void): PlanPart {
  const inputs = docs.flatMap((d) => inputOf(d) ?? []);
  const config = newConfig();
  for (const input of inputs) {
    if (input.kind !== 'conf' || !input.defaultZone) continue;
    config.defaultZone = input.defaultZone.value;
    config.defaultZoneAt = input.defaultZone;
    config.anchor ??= input.defaultZone.span;
  }
  const zones = new ZoneFiles(config);
  for (const input of inputs) if (input.kind === 'zone') zones.read(input, tick);
  for (const input of inputs) if (input.kind === 'script') readCommands(input.file.invocations, input.file.text, input.file.span[0], tick, config);
  const whole = inputs.length === 0 ? undefined : inputs[0].kind === 'script' ? inputs[0].file.span : inputs[0].span;
  const anchor = config.anchor ?? whole ?? [0, 0];
  const names = inputs.map((i) => (i.kind === 'script' ? i.file.fileName : i.fileName || 'zone file'));
  const shown = names.length > 3 ? `${names.slice(0, 2).join(', ')} and ${names.length - 2} more` : names.join(', ');
  const firewall = toFirewall(config, { value: `firewalld (${shown})`, span: anchor }, whole ?? anchor);
  return {
    anchorSpan: anchor,
    networks: { lists: {}, keySpans: {}, entries: [] },
    nodes: [],
    firewalls: [firewall],
    firewallsKeySpan: anchor,
    services: [],
    unresolved: config.unresolved,
    problems: [...inputs.flatMap((i) => (i.kind === 'script' ? i.file.script.problems : [])), ...config.problems],
  };
}

/**
 * The zone files' zones in the configuration, each replacing the one of its name (a later file of a zone wins,
 * as /etc/firewalld's does over /usr/lib/firewalld's). firewalld binds a source or an interface to one zone
 * only: a second binding is its error, reported, and the first holds.
 */
class ZoneFiles {
  /** Each bound source and interface, and its zone. */
  private readonly boundTo = new Map<string, string>();

  constructor(private readonly config: FirewalldConfig) {}

  read(input: Extract<FirewalldFile, { kind: 'zone' }>, tick: () => void): void {
    tick();
    const { config } = this;
    const { xml } = input;
    // firewalld loads no zone from a file that is not well-formed XML (the zone is then as shipped, if it is one).
    if (xml.error)
      config.problems.push({ span: xml.error.span, message: `the zone file is not well-formed XML (firewalld does not load it): ${xml.error.message}` });
    if (xml.error || xml.root?.name !== 'zone') return;
    config.anchor ??= xml.root.startTag;
    const named = input.fileName.replace(/\.xml$/i, '');
    // Without a file name (standard input), the zone is taken for the default zone, and that is said.
    if (!named) config.unresolved.push({ value: 'a zone file without a name (its name is the zone): read as the default zone', span: xml.root.startTag });
    const read = readZoneFile(xml.root, named || config.defaultZone, input.text, input.span[0]);
    this.bind(read.zone);
    config.unresolved.push(...read.unresolved);
    config.problems.push(...read.problems);
  }

  private bind(zone: Zone): void {
    const { config, boundTo } = this;
    const replaced = config.zones.get(zone.name);
    for (const b of replaced ? [...replaced.sources, ...replaced.interfaces] : []) boundTo.delete(b.key);
    const unbound = (list: Binding[]) =>
      list.filter((b) => {
        const other = boundTo.get(b.key);
        if (other === undefined) boundTo.set(b.key, zone.name);
        else config.problems.push({ span: b.value.span, message: `${b.value.value} is already bound to zone ${other}: firewalld binds it to one zone only` });
        return other === undefined;
      });
    zone.sources = unbound(zone.sources);
    zone.interfaces = unbound(zone.interfaces);
    config.zones.set(zone.name, zone);
  }
}

export const firewalld: InputFormat = {
  id: 'firewalld',
  keyNames: scriptKeyNames('`firewall-cmd` commands'),
  looksLike: (text) => looksLikeZoneFile(text) || (COMMAND_LINE.test(text) && isShellScript(text)),
  parse: (text, { base, filePath, force = false, tick }) => {
    const own = parseZoneFile(text, base, filePath, force, tick) ?? parseConf(text, base, filePath, force);
    if (own) return own;
    if (!force && (!/firewall-(offline-)?cmd/.test(text) || !isShellScript(text, filePath))) return undefined;
    const file = scriptFile(text, base, filePath, tick);
    return runsFirewalld(file) ? scriptDocument(text, base, file) : undefined;
  },
  claims: (d) => inputOf(d.doc) !== undefined,
  imports: () => [],
  read: (doc, tick) => readTogether([doc], tick),
  readTogether,
  fixable: false,
};
