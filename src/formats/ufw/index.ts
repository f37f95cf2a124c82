// ufw: shell scripts of `ufw` commands (docs/formats/ufw.md), read into one host firewall: ufw's rules in
// order, first match, then its default incoming policy. The nodes it applies to are the importing plan's
// (`imports: [{path: fw.sh, format: ufw, appliesTo: all}]`).
import type { PlanPart } from '../../model/types';
import type { InputFormat } from '../input-format';
import { isShellScript, scriptDocument, scriptFile, scriptKeyNames, scriptOf, type ScriptFile } from '../shell/document';
import { readUfw, RULE_COMMANDS, subcommandOf } from './read'; // on demand

/** A line that runs `ufw allow|deny|reject|limit|default` (after blanks, `sudo` and the like, or a path). */
const COMMAND_LINE =
  /^[ \t]*(?:(?:sudo|doas|command|exec)(?:[ \t]+-\S+)*[ \t]+)?(?:\S*\/)?ufw[ \t]+(?:--\S+[ \t]+)*(?:allow|deny|reject|limit|default|insert|prepend)\b/m;

const runsUfw = (file: ScriptFile) => file.invocations.some((i) => i.name === 'ufw' && RULE_COMMANDS.has(subcommandOf(i) ?? ''));

function read(file: ScriptFile, tick: () => void): PlanPart {
  const { firewall, anchor, unresolved, problems } = readUfw(file.invocations, file.text, file.span[0], `ufw (${file.fileName})`, file.span, tick);
  const at = anchor ?? file.span;
  return {
    anchorSpan: at,
    networks: { lists: {}, keySpans: {}, entries: [] },
    nodes: [],
    firewalls: [firewall],
    firewallsKeySpan: at,
    services: [],
    unresolved,
    problems: [...file.script.problems, ...problems],
  };
}

export const ufw: InputFormat = {
  id: 'ufw',
  keyNames: scriptKeyNames('`ufw` commands'),
  looksLike: (text) => COMMAND_LINE.test(text) && isShellScript(text),
  parse: (text, { base, filePath, force, tick }) => {
    if (!force && (!/\bufw\b/.test(text) || !isShellScript(text, filePath))) return undefined;
    const file = scriptFile(text, base, filePath, tick);
    return runsUfw(file) ? scriptDocument(text, base, file) : undefined;
  },
  claims: (d) => {
    const file = scriptOf(d.doc);
    return file !== undefined && runsUfw(file);
  },
  imports: () => [],
  read: (doc, tick) => read(scriptOf(doc)!, tick),
  fixable: false,
};
