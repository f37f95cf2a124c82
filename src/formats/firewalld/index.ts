// firewalld: shell scripts of `firewall-cmd` commands (docs/formats/firewalld.md), read into one host
// firewall with firewalld's zone semantics. The nodes it applies to are the importing plan's
// (`imports: [{path: fw.sh, format: firewalld, appliesTo: {roles: [control-plane]}}]`).
import type { PlanPart } from '../../model/types';
import type { InputFormat } from '../input-format';
import { isShellScript, scriptDocument, scriptFile, scriptKeyNames, scriptOf, type ScriptFile } from '../shell/document';
import { FIREWALLD_COMMANDS, readCommands } from './commands';
import { toFirewall } from './translate';

/** A line that runs firewall-cmd (after blanks, `sudo` and the like, or a path). */
const COMMAND_LINE = /^[ \t]*(?:(?:sudo|doas|command|exec)(?:[ \t]+-\S+)*[ \t]+)?(?:\S*\/)?firewall-(?:offline-)?cmd(?:[ \t]|$)/m;

const runsFirewalld = (file: ScriptFile) => file.invocations.some((i) => FIREWALLD_COMMANDS.has(i.name));

function read(file: ScriptFile, tick: () => void): PlanPart {
  const config = readCommands(file.invocations, file.text, file.span[0], tick);
  const anchor = config.anchor ?? file.span;
  const firewall = toFirewall(config, { value: `firewalld (${file.fileName})`, span: anchor }, file.span);
  return {
    anchorSpan: anchor,
    networks: { lists: {}, keySpans: {}, entries: [] },
    nodes: [],
    firewalls: [firewall],
    firewallsKeySpan: anchor,
    services: [],
    unresolved: config.unresolved,
    problems: [...file.script.problems, ...config.problems],
  };
}

export const firewalld: InputFormat = {
  id: 'firewalld',
  keyNames: scriptKeyNames('`firewall-cmd` commands'),
  looksLike: (text) => COMMAND_LINE.test(text) && isShellScript(text),
  parse: (text, { base, filePath, force, tick }) => {
    if (!force && (!/firewall-(offline-)?cmd/.test(text) || !isShellScript(text, filePath))) return undefined;
    const file = scriptFile(text, base, filePath, tick);
    return runsFirewalld(file) ? scriptDocument(text, base, file) : undefined;
  },
  claims: (d) => {
    const file = scriptOf(d.doc);
    return file !== undefined && runsFirewalld(file);
  },
  imports: () => [],
  read: (doc, tick) => read(scriptOf(doc)!, tick),
  fixable: false,
};
