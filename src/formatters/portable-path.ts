// Paths for the CI formats: relative to the working directory (the checkout root in CI, which GitHub
// and SARIF resolve against) and written with `/` on every platform.
import { sep } from 'node:path';
import { displayPath } from './stylish';

export const portablePath = (filePath: string, cwd: string): string => displayPath(filePath, cwd).split(sep).join('/');
