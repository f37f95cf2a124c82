// The package's own metadata (version, homepage), found by walking up from this module: it runs from
// src/ in tests and from dist/ when installed.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface PackageJson {
  name?: string;
  version?: string;
  homepage?: string;
}

let cached: { root: string; pkg: PackageJson } | undefined;

function found(): { root: string; pkg: PackageJson } {
  if (cached) return cached;
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
    if (pkg.name === 'kube-netlint') return (cached = { root: dir, pkg });
  }
  return (cached = { root: __dirname, pkg: {} });
}

const packageJson = (): PackageJson => found().pkg;
/** The installed package's folder (docs/, schema/ live there). */
export const packageRoot = (): string => found().root;

export const packageVersion = (): string => packageJson().version ?? '0.0.0';
export const homepage = (): string => packageJson().homepage ?? 'https://github.com/kube-netlint/kube-netlint';
/** The rule's docs page: LSP codeDescription, SARIF helpUri, JSON docsUrl. */
export const ruleDocsUrl = (ruleId: string): string => `${homepage()}/blob/main/docs/rules/${ruleId}.md`;
