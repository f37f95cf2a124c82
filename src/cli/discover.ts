// Command-line arguments → files. Named files are linted (or skipped with a notice if they are not
// plans); directories are searched for plan files; patterns the shell did not expand are globbed.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { byCodePoints } from '../core/order';
import { globSync } from 'tinyglobby';
import { UsageError } from './args';
import { PLAN_EXTENSIONS } from '../workspace/read-input';

export interface Target {
  path: string;
  /** Named on the command line (or matched by a glob) rather than found in a directory. */
  explicit: boolean;
  /** Why the path cannot be looked at (a symlink loop, a directory without permission): reported, and the run goes on. */
  unreadable?: unknown;
}

const SKIPPED_DIRS = new Set(['node_modules']);
const GLOB_CHARS = /[*?[\]{}]/;

export function discover(patterns: string[], cwd: string): Target[] {
  const seen = new Set<string>();
  const targets: Target[] = [];
  const add = (target: Target) => {
    if (seen.has(target.path)) return;
    seen.add(target.path);
    targets.push(target);
  };
  for (const pattern of patterns) {
    const abs = resolve(cwd, pattern);
    let stat;
    try {
      stat = statSync(abs, { throwIfNoEntry: false });
    } catch (e) {
      add({ path: abs, explicit: true, unreadable: e });
      continue;
    }
    if (stat?.isDirectory()) {
      walk(abs, add);
    } else if (stat) {
      add({ path: abs, explicit: true });
    } else if (GLOB_CHARS.test(pattern)) {
      const matches = globSync(pattern, { cwd, absolute: true, ignore: ['**/node_modules/**'] })
        .filter((p) => PLAN_EXTENSIONS.test(p))
        .sort(byCodePoints);
      if (matches.length === 0) throw new UsageError(`no files match the pattern "${pattern}"`);
      for (const m of matches) add({ path: m, explicit: true });
    } else {
      throw new UsageError(`no such file or directory: ${pattern}`);
    }
  }
  return targets;
}

/**
 * Plan-like files below a directory, skipping node_modules and dot-directories, in code-point order
 * (the same on every machine, whatever the locale). A folder that cannot be listed is reported.
 */
function walk(dir: string, add: (target: Target) => void): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    add({ path: dir, explicit: true, unreadable: e });
    return;
  }
  for (const e of entries.sort((a, b) => byCodePoints(a.name, b.name))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (!e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name)) walk(path, add);
    } else if (e.isFile() && PLAN_EXTENSIONS.test(e.name)) {
      add({ path, explicit: false });
    }
  }
}
