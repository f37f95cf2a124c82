// Fix all: apply the fixes of a lint, lint the result again, and go on while fixes apply (one may unlock
// another), as ESLint's verifyAndFix does; the CLI's --fix and the editor's "fix all" both use it. A plan
// is fixed as a whole: findings in the files it imports are fixed in those files, which later passes read
// as fixed.
import type { Diagnostic } from '../core/types';
import { applyFixes } from '../engine/fix';
import type { InputHost } from '../engine/input-host';
import { DEFAULT_LIMITS, type LintResult } from '../engine/lint';
import { lint, type LinterOptions } from './lint';
import { clock } from '../core/clock';

/** Passes at most: fixes that keep unlocking others are a loop, not progress. */
const MAX_PASSES = 10;

export interface FixedText {
  text: string;
  /** The lint of the fixed text (or of the text itself when nothing applied). */
  result: LintResult;
  /** The files the plan imports that fixes changed, with their new texts (no BOM, as the host read them). */
  imported: ReadonlyMap<string, string>;
}

/** Unsafe fixes only when asked. All passes together stay within one time budget. */
export function fixAll(text: string, options: LinterOptions, { unsafe = false, first }: { unsafe?: boolean; first?: LintResult } = {}): FixedText {
  const until = clock.now() + (options.config?.limits?.timeBudgetMs ?? DEFAULT_LIMITS.timeBudgetMs);
  const maxBytes = (options.config?.limits?.maxFileSizeMB ?? DEFAULT_LIMITS.maxFileSizeMB) * 1024 * 1024;
  const imported = new Map<string, string>();
  const host = options.host && withTexts(options.host, imported);
  let result = first ?? lint(text, options);
  let fixed = text;
  for (let pass = 0; pass < MAX_PASSES && clock.now() < until; pass++) {
    let applied = 0;
    for (const [path, diagnostics] of byFile(result.diagnostics)) {
      const source = path === undefined ? fixed : textOf(host?.read(path, maxBytes));
      if (source === undefined) continue;
      const next = applyFixes(source, diagnostics, { unsafe });
      if (next.applied === 0) continue;
      applied += next.applied;
      if (path === undefined) fixed = next.text;
      else imported.set(path, next.text);
    }
    if (applied === 0) break;
    result = lint(fixed, { ...options, host });
  }
  return { text: fixed, result, imported };
}

/** Findings by the file they are in (undefined: the linted text), those with a fix only. */
function byFile(diagnostics: readonly Diagnostic[]): Map<string | undefined, Diagnostic[]> {
  const out = new Map<string | undefined, Diagnostic[]>();
  for (const d of diagnostics) {
    if (!d.fix) continue;
    const list = out.get(d.filePath);
    if (list) list.push(d);
    else out.set(d.filePath, [d]);
  }
  return out;
}

const textOf = (read: ReturnType<InputHost['read']> | undefined): string | undefined => (read && 'text' in read ? read.text : undefined);

/** The host, with the texts fixes gave some of its files. */
function withTexts(host: InputHost, texts: ReadonlyMap<string, string>): InputHost {
  return { expand: host.expand, read: (path, maxBytes) => (texts.has(path) ? { text: texts.get(path)! } : host.read(path, maxBytes)) };
}
