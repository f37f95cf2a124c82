// The composite action's lint step, run as GitHub would run it: inputs as environment variables,
// `${{ github.action_path }}` as this checkout, in a workspace holding plans.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseSarif } from './support/sarif';

const ROOT = join(__dirname, '..');
interface Step {
  id?: string;
  run?: string;
  env?: Record<string, string>;
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default: string }>; runs: { using: string; steps: Step[] } };

function runLintStep(inputs: Record<string, string>, workspace: string) {
  const step = action.runs.steps.find((s) => s.id === 'lint')!;
  const values: Record<string, string> = { ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default])), ...inputs };
  const expand = (v: string) =>
    v.replace(/\$\{\{ github\.action_path \}\}/g, ROOT).replace(/\$\{\{ inputs\.([\w-]+) \}\}/g, (_, name: string) => values[name] ?? '');
  const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v)]));
  const output = join(workspace, 'github-output');
  writeFileSync(output, '');
  const r = spawnSync('bash', ['-e', '-c', step.run!], { cwd: workspace, encoding: 'utf8', env: { ...process.env, ...env, GITHUB_OUTPUT: output } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, outputs: readFileSync(output, 'utf8') };
}

describe('action.yml', () => {
  it('is a composite action whose inputs all reach the lint step', () => {
    expect(action.runs.using).toBe('composite');
    const lint = action.runs.steps.find((s) => s.id === 'lint')!;
    for (const name of Object.keys(action.inputs)) expect(Object.values(lint.env ?? {})).toContain(`\${{ inputs.${name} }}`);
  });

  it('annotates findings with workflow commands and writes SARIF when asked', () => {
    const ws = mkdtempSync(join(tmpdir(), 'knl-action-'));
    mkdirSync(join(ws, 'plans'));
    copyFileSync(join(ROOT, 'fixtures', 'examples', 'broken-plan.yaml'), join(ws, 'plans', 'prod.yaml'));
    copyFileSync(join(ROOT, 'fixtures', 'examples', 'ha-cluster.yaml'), join(ws, 'plans', 'ha.yaml'));
    const r = runLintStep({ paths: 'plans', sarif: 'true', 'sarif-file': 'out/../kube-netlint.sarif' }, ws);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=plans\/prod\.yaml,line=35,col=16,endLine=35,endColumn=35,title=kube-netlint \(duplicate-mac\)::/m);
    expect(r.outputs).toBe('sarif-file=out/../kube-netlint.sarif\n');
    const sarif = parseSarif(readFileSync(join(ws, 'kube-netlint.sarif'), 'utf8'));
    expect(sarif.runs[0].results.length).toBeGreaterThan(5);
  });

  it('passes clean plans, and stops on a broken configuration', () => {
    const ws = mkdtempSync(join(tmpdir(), 'knl-action-'));
    copyFileSync(join(ROOT, 'fixtures', 'examples', 'ha-cluster.yaml'), join(ws, 'ha.yaml'));
    expect(runLintStep({}, ws)).toMatchObject({ code: 0, stdout: '' });
    writeFileSync(join(ws, 'bad.yaml'), 'rules: {nope: off}\n');
    const r = runLintStep({ config: 'bad.yaml', sarif: 'true' }, ws);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown rule "nope"');
  });
});
