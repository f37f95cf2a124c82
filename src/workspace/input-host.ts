// The file system as the engine's input host: what a plan's `spec.imports` names is read as the CLI
// reads the files it is given (the size limit, no binary or UTF-16 text, the BOM dropped).
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { globSync } from 'tinyglobby'; // on demand
import { byCodePoints } from '../core/order';
import { formatSize } from '../core/size';
import { describeFsError } from '../io/fs-errors';
import type { InputHost } from '../linter';
import { decodePlanText, readFileBytes } from './read-input';

const GLOB_CHARS = /[*?[\]{}]/;

export const fileSystemHost: InputHost = {
  expand(pattern, fromDir) {
    if (!GLOB_CHARS.test(pattern)) {
      const path = resolve(fromDir, pattern);
      // A literal path is read even when it is not a regular file: reading it says what is wrong.
      try {
        return statSync(path, { throwIfNoEntry: false }) ? [path] : [];
      } catch {
        return [path];
      }
    }
    return globSync([pattern], { cwd: fromDir, absolute: true, onlyFiles: true, dot: true, followSymbolicLinks: false }).sort(byCodePoints);
  },
  read(path, maxBytes) {
    try {
      const decoded = decodePlanText(readFileBytes(path, maxBytes));
      if (!decoded.ok) return { error: decoded.reason };
      if (decoded.truncated) return { error: `it is larger than ${formatSize(maxBytes)}`, tooLarge: true };
      return { text: decoded.text };
    } catch (e) {
      return { error: describeFsError(e) };
    }
  },
};
