// The engine with the built-in rules and input formats. A caller may pass other rules (one rule under
// test, or a rule set of its own) or other formats.
import { RULES } from '../../rules';
import { lint as lintWith, type LintOptions, type LintResult } from '../engine/lint';
import { ruleRegistry, type RuleRegistry } from '../engine/registry';
import { BUILTIN_FORMATS } from '../formats';
import type { InputFormat } from '../formats/input-format';
import type { ParsedDocument } from '../source/parse';
import { isMap } from 'yaml';

export const BUILTIN_RULES: RuleRegistry = ruleRegistry(RULES);

/** Every rule id, the engine's own included, in the order of --list-rules, SARIF and the docs. */
export const ALL_RULE_METAS = BUILTIN_RULES.metas;

/** The ids `--input-format` and `imports` entries may name. */
export const INPUT_FORMAT_IDS: readonly string[] = BUILTIN_FORMATS.map((f) => f.id);

export type LinterOptions = Omit<LintOptions, 'registry' | 'formats'> & {
  registry?: RuleRegistry;
  formats?: readonly InputFormat[];
  /** Read the text as this format (an id of INPUT_FORMAT_IDS), whatever detection says: `--input-format`. */
  inputFormat?: string;
};

export function lint(text: string, options: LinterOptions = {}): LintResult {
  const formats = options.inputFormat === undefined ? (options.formats ?? BUILTIN_FORMATS) : [forced(options.inputFormat)];
  return lintWith(text, { ...options, registry: options.registry ?? BUILTIN_RULES, formats });
}

/** A format that claims every mapping document: the user said what the file is. */
function forced(id: string): InputFormat {
  const format = BUILTIN_FORMATS.find((f) => f.id === id);
  if (!format) throw new Error(`unknown input format "${id}"`);
  const parse = format.parse;
  return {
    ...format,
    claims: (doc: ParsedDocument) => isMap(doc.doc.contents) || format.claims(doc),
    ...(parse ? { parse: (text: string, o: { base: number; filePath?: string }) => parse(text, { ...o, force: true }) } : {}),
  };
}
