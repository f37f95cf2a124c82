// The package's own metadata (version, homepage), found by walking up from this module: it runs from
// src/ in tests and from dist/ when installed.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface PackageJson {
  name?: string;
  version?: string;
  homepage?: string;
}

let cached: PackageJson | undefined;

function packageJson(): PackageJson {
  if (cached) return cached;
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
    if (pkg.name === 'kube-netlint') return (cached = pkg);
  }
  return (cached = {});
}

export const packageVersion = (): string => packageJson().version ?? '0.0.0';
export const homepage = (): string => packageJson().homepage ?? 'https://github.com/kube-netlint/kube-netlint';
/** The rule's docs page: LSP codeDescription, SARIF helpUri, JSON docsUrl. */
export const ruleDocsUrl = (ruleId: string): string => `${homepage()}/blob/main/docs/rules/${ruleId}.md`;
