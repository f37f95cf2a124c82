// Which plan a file belongs to. A file that a plan imports (`spec.imports`) is linted through that plan,
// so that pre-commit, which passes only the changed files, reports what a run on the whole plan does.
// The importing plans are looked for in the file's folder and the folders above it, up to the
// repository's root (the folder holding .git), never below: a plan imports from beside or under itself.
import { closeSync, existsSync, openSync, readdirSync, readSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { byCodePoints } from '../core/order';
import { importsOf, looksLikeInput, mayImport, type InputHost } from '../linter';
import { decodePlanText, PLAN_EXTENSIONS, readFileBytes } from './read-input';

/**
 * A neighbour is read whole only when its beginning is a plan's (`kind: ClusterPlan` within it): a folder
 * of many other manifests costs one small read each.
 */
const HEAD_BYTES = 16 * 1024;
/** Files larger than this are not read to learn what they import (plans are far smaller). */
const CANDIDATE_BYTES = 4 * 1024 * 1024;

export class ImporterIndex {
  private readonly importsByFile = new Map<string, readonly string[]>();
  private readonly filesByDir = new Map<string, readonly string[]>();

  /** The search stops at a repository's root, or at `stopAt` (the CLI's working directory) when it meets it first. */
  constructor(
    private readonly host: InputHost,
    private readonly stopAt?: string,
  ) {}

  /** The plans to lint for a file: the topmost plans that import it, directly or not; else the file itself. */
  plansOf(file: string): string[] {
    const tops = new Set<string>();
    const seen = new Set<string>([file]);
    const queue = [file];
    while (queue.length > 0) {
      const current = queue.shift()!;
      const importers = this.importersOf(current).filter((f) => !seen.has(f));
      if (importers.length === 0) tops.add(current);
      for (const f of importers) {
        seen.add(f);
        queue.push(f);
      }
    }
    return [...tops].sort(byCodePoints);
  }

  private importersOf(file: string): string[] {
    const out: string[] = [];
    for (const dir of this.foldersUp(file)) {
      for (const candidate of this.planFiles(dir)) if (candidate !== file && this.imports(candidate).includes(file)) out.push(candidate);
    }
    return out;
  }

  /** The file's folder and those above it, up to the repository root (or `stopAt`). */
  private foldersUp(file: string): string[] {
    const dirs: string[] = [];
    for (let dir = dirname(file); ; dir = dirname(dir)) {
      dirs.push(dir);
      if (existsSync(join(dir, '.git')) || dir === this.stopAt || dirname(dir) === dir) return dirs;
    }
  }

  private planFiles(dir: string): readonly string[] {
    let files = this.filesByDir.get(dir);
    if (!files) {
      try {
        files = readdirSync(dir, { withFileTypes: true })
          .filter((e) => e.isFile() && PLAN_EXTENSIONS.test(e.name))
          .map((e) => resolve(dir, e.name));
      } catch {
        files = [];
      }
      this.filesByDir.set(dir, files);
    }
    return files;
  }

  private imports(file: string): readonly string[] {
    let found = this.importsByFile.get(file);
    if (!found) {
      found = [];
      try {
        const head = readHead(file).toString('latin1');
        if (looksLikeInput(head)) {
          const decoded = decodePlanText(readFileBytes(file, CANDIDATE_BYTES));
          if (decoded.ok && !decoded.truncated && mayImport(decoded.text)) found = importsOf(decoded.text, file, this.host);
        }
      } catch {
        // An unreadable neighbour imports nothing we can know of; the file itself is still linted.
      }
      this.importsByFile.set(file, found);
    }
    return found;
  }
}

/** The first HEAD_BYTES of a file. */
function readHead(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    return head.subarray(0, readSync(fd, head, 0, HEAD_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}
