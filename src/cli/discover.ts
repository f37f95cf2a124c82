// Command-line arguments → files. Named files are linted (or skipped with a notice if they are not
// plans); directories are searched for plan files; patterns the shell did not expand are globbed. Each
// directory and glob is a search: main.ts tells the user when one finds no plan.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { byCodePoints } from '../core/order';
import { globSync } from 'tinyglobby'; // on demand
import { UsageError } from './args';
import { PLAN_EXTENSIONS } from '../workspace/read-input';
import { CONFIG_NAMES } from '../config/load';

export interface Target {
  path: string;
  /** Named on the command line rather than found in a directory or by a glob. */
  explicit: boolean;
  /** Why the path cannot be looked at (a symlink loop, a directory without permission): reported, and the run goes on. */
  unreadable?: unknown;
}

/** A directory or glob of the command line, with every file it found (a file two searches find is linted once). */
export interface Search {
  pattern: string;
  paths: string[];
}

export interface DiscoverOptions {
  /** --no-error-on-unmatched-pattern: a path that does not exist is passed by. */
  allowUnmatched: boolean;
  /** --input-format: the user chose the format, so a glob's matches are not sorted out by their extension. */
  anyExtension: boolean;
}

const SKIPPED_DIRS = new Set(['node_modules']);
const GLOB_CHARS = /[*?[\]{}]/;

export function discover(patterns: string[], cwd: string, options: DiscoverOptions): { targets: Target[]; searches: Search[] } {
  const seen = new Set<string>();
  const targets: Target[] = [];
  const searches: Search[] = [];
  const add = (target: Target) => {
    if (seen.has(target.path)) return;
    seen.add(target.path);
    targets.push(target);
  };
  const search = (pattern: string, find: (found: (target: Target) => void) => void) => {
    const paths: string[] = [];
    find((target) => {
      paths.push(target.path);
      add(target);
    });
    searches.push({ pattern, paths });
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
      search(pattern, (found) => walk(abs, found));
    } else if (stat) {
      add({ path: abs, explicit: true });
    } else if (GLOB_CHARS.test(pattern)) {
      search(pattern, (found) => {
        for (const path of globSync(pattern, { cwd, absolute: true, ignore: ['**/node_modules/**'] }).sort(byCodePoints))
          if (options.anyExtension || PLAN_EXTENSIONS.test(path)) found({ path, explicit: false });
      });
    } else if (!options.allowUnmatched) {
      throw new UsageError(`no such file or directory: ${pattern}`);
    }
  }
  return { targets, searches };
}

/**
 * Plan-like files below a directory, skipping node_modules, dot-directories and kube-netlint's own
 * configuration, in code-point order (the same on every machine, whatever the locale). A folder that
 * cannot be listed is reported.
 */
function walk(dir: string, found: (target: Target) => void): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    found({ path: dir, explicit: true, unreadable: e });
    return;
  }
  for (const e of entries.sort((a, b) => byCodePoints(a.name, b.name))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (!e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name)) walk(path, found);
    } else if (e.isFile() && PLAN_EXTENSIONS.test(e.name) && !CONFIG_NAMES.includes(e.name)) {
      found({ path, explicit: false });
    }
  }
}
