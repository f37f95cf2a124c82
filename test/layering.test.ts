// The layers are enforced, not described: dependency-cruiser checks every import of src/, rules/ and
// server/ against .dependency-cruiser.cjs, and the same configuration refuses a deliberately wrong one.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

function cruise(cwd: string, paths: string[]) {
  const run = spawnSync(process.execPath, [DEPCRUISE, '--config', CONFIG, '--output-type', 'err', ...paths], { cwd, encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe('layering', () => {
  it('holds for every module of the project', () => {
    const { status, output } = cruise(ROOT, ['src', 'rules', 'server']);
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });

  it('refuses an import that runs up a layer, the engine importing a rule, a surface reaching past the façade, and a cycle', () => {
    const dir = mkdtempSync(join(tmpdir(), 'knl-layers-'));
    const files: Record<string, string> = {
      'tsconfig.json': '{"compilerOptions": {"module": "commonjs", "strict": true}}',
      'src/model/types.ts': 'export interface PlanNode { name: string }\n',
      'src/values/mac.ts': "import type { PlanNode } from '../model/types';\nexport type Named = PlanNode;\n",
      'rules/some-rule.ts': 'export const someRule = 1;\n',
      'src/engine/lint.ts': "import { someRule } from '../../rules/some-rule';\nexport const rules = [someRule];\n",
      'src/analysis/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'src/analysis/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
      'server/hover.ts': "import type { PlanNode } from '../src/model/types';\nexport type Hovered = PlanNode;\n",
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const { status, output } = cruise(dir, ['src', 'rules', 'server']);
    expect(status).not.toBe(0);
    expect(output).toMatch(/layer-values: src\/values\/mac\.ts → src\/model\/types\.ts/);
    expect(output).toMatch(/engine-without-rules: src\/engine\/lint\.ts → rules\/some-rule\.ts/);
    expect(output).toMatch(/no-circular: src\/analysis\/a\.ts →\s+src\/analysis\/b\.ts/);
    expect(output).toMatch(/surfaces-through-the-facade: server\/hover\.ts → src\/model\/types\.ts/);
  });
});
