// The real files of ../shared/corpus/realworld, beside the repository as in CI. Not a skip when they are
// missing: the corpus is part of the workspace, and a test that needs it fails with the path it looked at.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { lint, type LintResult } from '../../src/linter';
import { fileSystemHost } from '../../src/workspace/input-host';

export function corpus(folder: string): string {
  const dir = resolve(__dirname, '../../../shared/corpus/realworld', folder);
  if (!existsSync(dir)) throw new Error(`the ${folder} corpus is missing: ${dir}`);
  return dir;
}

/** What a temporary ClusterPlan says that imports `path` (by its absolute path), with its nodes on 192.168.10.0/24. */
export interface ImportingPlan {
  distribution: string;
  format: string;
  /** The import's `appliesTo`, as YAML flow (`all`, `{roles: [control-plane]}`). */
  appliesTo: string;
  /** The `nodes` items, as YAML flow mappings. */
  nodes: string[];
}

/** Lints a temporary plan that imports a file: how the corpus's firewall files are checked. */
export function lintImportedBy(path: string, plan: ImportingPlan): LintResult {
  const file = join(mkdtempSync(join(tmpdir(), 'knl-importing-')), 'plan.yaml');
  const text = [
    'apiVersion: kube-netlint/v1',
    'kind: ClusterPlan',
    'spec:',
    `  distribution: ${plan.distribution}`,
    '  imports:',
    `    - {path: ${JSON.stringify(path)}, format: ${plan.format}, appliesTo: ${plan.appliesTo}}`,
    '  networks: {nodes: [192.168.10.0/24]}',
    '  nodes:',
    ...plan.nodes.map((n) => `    - ${n}`),
    '',
  ].join('\n');
  writeFileSync(file, text);
  return lint(readFileSync(file, 'utf8'), { filePath: file, host: fileSystemHost });
}
