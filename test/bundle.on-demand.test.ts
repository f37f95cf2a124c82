// The CLI bundle requires an import marked `// on demand` (an input format's reader) at its first use
// (bin/bundle.js): a lint that meets no file of the format never runs the reader's modules. Seen through V8's
// coverage, which counts how often each module's function ran (esbuild names it by the module's path).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'bin', 'kube-netlint.js');
const BUNDLE_URL = `file://${join(ROOT, 'dist', 'kube-netlint.js')}`;

/** Each module of ours imported on demand, as the bundle names it (`dist/src/formats/ufw/read.js`). */
function onDemandModules(): string[] {
  const sources = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  return sources.flatMap((file) => {
    const text = readFileSync(join(ROOT, 'src', file), 'utf8');
    return [...text.matchAll(/^import .* from '(\.[^']+)'; \/\/ on demand$/gm)].map((m) =>
      join('dist', 'src', dirname(file), `${m[1]}.js`).replaceAll('\\', '/'),
    );
  });
}

/** How often each bundled module started in a CLI run on `file` (a module that never started: 0). */
function moduleStarts(file: string): (module: string) => number {
  const coverage = mkdtempSync(join(tmpdir(), 'knl-coverage-'));
  const run = spawnSync(process.execPath, [CLI, file], { encoding: 'utf8', env: { ...process.env, NODE_V8_COVERAGE: coverage } });
  expect(run.status, run.stderr).toBeLessThan(2);
  const counts = new Map<string, number>();
  for (const name of readdirSync(coverage)) {
    const { result } = JSON.parse(readFileSync(join(coverage, name), 'utf8')) as {
      result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[];
    };
    for (const script of result.filter((s) => s.url === BUNDLE_URL))
      for (const f of script.functions) counts.set(f.functionName, (counts.get(f.functionName) ?? 0) + f.ranges[0].count);
  }
  expect(counts.size).toBeGreaterThan(0);
  return (module) => counts.get(module) ?? 0;
}

describe('format readers on demand, in the CLI bundle', () => {
  const modules = onDemandModules();

  it('the formats import their readers on demand', () => {
    expect(modules).toEqual(expect.arrayContaining(['dist/src/formats/kubespray/ansible-ini.js', 'dist/src/formats/nftables/read.js']));
  });

  it('a lint of a ClusterPlan runs no reader of another format', () => {
    const starts = moduleStarts(join(ROOT, 'fixtures', 'duplicate-hostname', 'valid', 'distinct-names.yaml'));
    expect(modules.filter((m) => starts(m) > 0)).toEqual([]);
  });

  it('a lint of a plan that imports a ruleset runs the nftables reader, and no other', () => {
    const starts = moduleStarts(join(ROOT, 'fixtures', 'inputs', 'nftables', 'k3s', 'hosts.yaml'));
    expect(modules.filter((m) => starts(m) > 0)).toEqual(['dist/src/formats/nftables/read.js', 'dist/src/formats/nftables/ruleset.js']);
  });
});
