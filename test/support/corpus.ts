// The real files of ../shared/corpus/realworld, beside the repository as in CI. Not a skip when they are
// missing: the corpus is part of the workspace, and a test that needs it fails with the path it looked at.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export function corpus(folder: string): string {
  const dir = resolve(__dirname, '../../../shared/corpus/realworld', folder);
  if (!existsSync(dir)) throw new Error(`the ${folder} corpus is missing: ${dir}`);
  return dir;
}
