// The package's own metadata, found by walking up from this module (it runs from src/ in tests and
// from dist/ when installed).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function packageVersion(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'kube-netlint') return pkg.version ?? '0.0.0';
  }
  return '0.0.0';
}
