// Command-line arguments → files. Named files are linted (or skipped with a notice if they are not
// plans); directories are searched for plan files; patterns the shell did not expand are globbed.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import { UsageError } from './args';

export interface Target {
  path: string;
  /** Named on the command line (or matched by a glob) rather than found in a directory. */
  explicit: boolean;
}

export const PLAN_EXTENSIONS = /\.(ya?ml|json)$/i;
const SKIPPED_DIRS = new Set(['node_modules']);
const GLOB_CHARS = /[*?[\]{}]/;

export function discover(patterns: string[], cwd: string): Target[] {
  const seen = new Set<string>();
  const targets: Target[] = [];
  const add = (path: string, explicit: boolean) => {
    if (seen.has(path)) return;
    seen.add(path);
    targets.push({ path, explicit });
  };
  for (const pattern of patterns) {
    const abs = resolve(cwd, pattern);
    const stat = statSync(abs, { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      for (const file of walk(abs)) add(file, false);
    } else if (stat) {
      add(abs, true);
    } else if (GLOB_CHARS.test(pattern)) {
      const matches = globSync(pattern, { cwd, absolute: true, ignore: ['**/node_modules/**'] }).filter((p) => PLAN_EXTENSIONS.test(p)).sort();
      if (matches.length === 0) throw new UsageError(`no files match the pattern "${pattern}"`);
      for (const m of matches) add(m, true);
    } else {
      throw new UsageError(`no such file or directory: ${pattern}`);
    }
  }
  return targets;
}

/** Plan-like files below a directory, sorted, skipping node_modules and dot-directories. */
function walk(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (!e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name)) out.push(...walk(path));
    } else if (e.isFile() && PLAN_EXTENSIONS.test(e.name)) {
      out.push(path);
    }
  }
  return out;
}
