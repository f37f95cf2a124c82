// How reports name files: relative to the working directory when below it (the checkout root in CI,
// which GitHub and SARIF resolve against), else absolute.
import { relative, sep } from 'node:path';

export function displayPath(filePath: string, cwd: string): string {
  const rel = relative(cwd, filePath);
  return rel && !rel.startsWith('..') ? rel : filePath;
}

/** The same, written with `/` on every platform (GitHub annotations, SARIF URIs, JUnit). */
export const portablePath = (filePath: string, cwd: string): string => displayPath(filePath, cwd).split(sep).join('/');
