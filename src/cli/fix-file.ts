// --fix: fix all (src/linter), then write each file that changed once, as it was saved: with its BOM (line
// ends are in the text already). The plan's own file and the files it imports that fixes changed.
import { closeSync, openSync, readSync, writeFileSync } from 'node:fs';
import { fixAll, type LinterOptions, type LintResult } from '../linter';

export interface Fixed {
  /** What is left to report: of the fixed texts, or of the files as they are when the plan's could not be written. */
  result: LintResult;
  /** The files that could not be written, and why. */
  writeErrors: { path: string; error: unknown }[];
}

export function fixFile(path: string, text: string, bom: boolean, result: LintResult, options: LinterOptions, unsafe: boolean): Fixed {
  const fixed = fixAll(text, options, { unsafe, first: result });
  const writeErrors: Fixed['writeErrors'] = [];
  const write = (file: string, content: string, withBom: boolean) => {
    try {
      writeFileSync(file, withBom ? `\ufeff${content}` : content);
    } catch (error) {
      writeErrors.push({ path: file, error });
    }
  };
  if (fixed.text !== text) write(path, fixed.text, bom);
  for (const [file, content] of fixed.imported) write(file, content, startsWithBom(file));
  // When the plan's own file keeps its findings, so does the report.
  return { result: writeErrors.some((e) => e.path === path) ? result : fixed.result, writeErrors };
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Whether a file the host read (which drops a BOM) starts with one on disk. */
function startsWithBom(file: string): boolean {
  const head = Buffer.alloc(3);
  try {
    const fd = openSync(file, 'r');
    try {
      readSync(fd, head, 0, 3, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  return head.equals(BOM);
}
