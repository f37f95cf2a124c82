// A plan split over files (spec.imports) lints exactly like the same plan in one file, with every
// finding in the file it is about, in every output format and in the editor; a file a plan imports,
// linted alone, gives the plan's findings; and every import that cannot be followed is reported.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { BUILTIN_FORMATS } from '../src/formats';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/core/types';
import { lint } from '../src/linter';
import { fileSystemHost } from '../src/workspace/input-host';
import { parseSarif } from './support/sarif';

const ROOT = join(__dirname, '..');
const SINGLE = join(ROOT, 'fixtures', 'examples', 'broken-plan.yaml');
const SPLIT = join(ROOT, 'fixtures', 'imports', 'split');
const PLAN = join(SPLIT, 'plan.yaml');
const WORKERS = join(SPLIT, 'firewalls', 'workers.yaml');
const CLI = join(ROOT, 'bin', 'kube-netlint.js');

const lintFile = (file: string) => lint(readFileSync(file, 'utf8'), { filePath: file, host: fileSystemHost });
const lineOf = (file: string, line: number) => readFileSync(file, 'utf8').split('\n')[line - 1];

/** A finding with its places as the text they point at: equal across the split and the single file. */
function comparable(d: Diagnostic, ownFile: string) {
  const at = (file: string, r: Diagnostic['range']) => `${lineOf(file, r.start.line)} @${r.start.column}-${r.end.column}`;
  const file = d.filePath ?? ownFile;
  return {
    rule: d.ruleId,
    id: d.messageId,
    message: d.message,
    at: at(file, d.range),
    related: d.related.map((r) => `${r.message}: ${at(r.filePath ?? file, r.range)}`),
  };
}

function run(args: string[], cwd = ROOT, input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'knl-imports-'));
  mkdirSync(join(dir, '.git'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const HEADER = 'apiVersion: kube-netlint/v1\nkind: ClusterPlan\n';

describe('a plan split over three files', () => {
  const single = lintFile(SINGLE).diagnostics;
  const split = lintFile(PLAN).diagnostics;

  it('gives the findings of the same plan in one file, each at the same text', () => {
    expect(split.length).toBe(single.length);
    const key = (c: ReturnType<typeof comparable>) => JSON.stringify(c);
    expect(
      split
        .map((d) => comparable(d, PLAN))
        .map(key)
        .sort(),
    ).toEqual(
      single
        .map((d) => comparable(d, SINGLE))
        .map(key)
        .sort(),
    );
  });

  it('reports each finding in the file of its primary location, related ones in theirs', () => {
    const files = new Set(split.map((d) => d.filePath && relative(SPLIT, d.filePath)));
    expect(files).toEqual(new Set([undefined, join('firewalls', 'control-plane.yaml'), join('firewalls', 'workers.yaml')]));
    const etcd = split.find((d) => d.ruleId === 'etcd-public')!;
    expect(etcd.filePath).toBe(join(SPLIT, 'firewalls', 'control-plane.yaml'));
    // The destination node is in the plan file; the selector in the firewall's own file.
    expect(etcd.related.find((r) => r.message === 'destination node')?.filePath).toBe(PLAN);
    expect(etcd.related.find((r) => r.message === 'the nodes this firewall applies to')?.filePath).toBeUndefined();
  });

  it('shows related locations in other files in every output format', () => {
    const stylish = run([PLAN]).stdout;
    expect(stylish).toContain('fixtures/imports/split/firewalls/control-plane.yaml\n');
    expect(stylish).toMatch(/↳ fixtures\/imports\/split\/plan\.yaml:\d+:\d+ {2}destination node/);
    const json = JSON.parse(run([PLAN, '--format', 'json']).stdout) as {
      filePath: string;
      messages: { ruleId: string; related?: { filePath?: string }[] }[];
    }[];
    expect(json.map((r) => relative(SPLIT, r.filePath)).sort()).toEqual(['firewalls/control-plane.yaml', 'firewalls/workers.yaml', 'plan.yaml']);
    const cp = json.find((r) => r.filePath.endsWith('control-plane.yaml'))!;
    expect(cp.messages.find((m) => m.ruleId === 'etcd-public')!.related!.map((r) => r.filePath)).toEqual([PLAN, undefined]);
    const sarif = parseSarif(run([PLAN, '--format', 'sarif']).stdout);
    const etcd = sarif.runs[0].results.find((r) => r.ruleId === 'etcd-public')!;
    expect(etcd.locations[0].physicalLocation.artifactLocation.uri).toBe('fixtures/imports/split/firewalls/control-plane.yaml');
    expect(etcd.relatedLocations!.map((r) => r.physicalLocation.artifactLocation.uri)).toEqual([
      'fixtures/imports/split/plan.yaml',
      'fixtures/imports/split/firewalls/control-plane.yaml',
    ]);
    const github = run([PLAN, '--format', 'github']).stdout;
    expect(github).toMatch(
      /::error file=fixtures\/imports\/split\/firewalls\/control-plane\.yaml,line=\d+.*%0A {2}fixtures\/imports\/split\/plan\.yaml:\d+:\d+: destination node/,
    );
    const junit = run([PLAN, '--format', 'junit']).stdout;
    expect(junit).toMatch(
      /fixtures\/imports\/split\/firewalls\/control-plane\.yaml:\d+:\d+ tcp 1\.0\.0\.0.*\[etcd-public\]\n {2}fixtures\/imports\/split\/plan\.yaml:\d+:\d+ destination node/,
    );
  });

  it('gives the same findings when the CLI is given an imported file alone (as pre-commit does)', () => {
    const whole = run([PLAN, '--format', 'json']);
    const alone = run([WORKERS, '--format', 'json']);
    expect(alone.code).toBe(1);
    expect(JSON.parse(alone.stdout)).toEqual(JSON.parse(whole.stdout));
  });

  it('lints the plan once when the plan and the files it imports are all named', () => {
    const out = run([WORKERS, PLAN, join(SPLIT, 'firewalls', 'control-plane.yaml'), '--format', 'json']);
    const results = JSON.parse(out.stdout) as { messages: unknown[] }[];
    expect(results.reduce((n, r) => n + r.messages.length, 0)).toBe(single.length);
  });
});

describe('imports that cannot be followed', () => {
  it('reports a conflict with both places, and a missing import, a cycle, an unreadable file and a file with no plan at their entries', () => {
    const dir = tree({
      'plan.yaml': `${HEADER}spec:\n  imports: [a.yaml, missing/*.yaml, notes.yaml, locked.yaml]\n  distribution: k3s\n`,
      'a.yaml': `${HEADER}spec:\n  imports: [plan.yaml]\n  distribution: rke2\n`,
      'notes.yaml': 'apiVersion: v1\nkind: ConfigMap\n',
    });
    mkdirSync(join(dir, 'locked.yaml')); // a folder where a file belongs: cannot be read, whoever runs the test
    const found = lintFile(join(dir, 'plan.yaml')).diagnostics.map(
      (d) =>
        `${d.filePath ? relative(dir, d.filePath) : 'plan.yaml'}:${d.range.start.line}:${d.range.start.column} ${d.ruleId}/${d.messageId} ${d.related.map((r) => `(${r.filePath ? relative(dir, r.filePath) : 'same file'}:${r.range.start.line})`).join(',')}`,
    );
    expect(found.sort()).toEqual(
      [
        'plan.yaml:4:21 invalid-import/noMatch ',
        'plan.yaml:4:37 invalid-import/notPlan ',
        'plan.yaml:4:49 invalid-import/unreadable ',
        'a.yaml:4:13 invalid-import/cycle ',
        'a.yaml:5:17 import-conflict/conflict (plan.yaml:5)',
      ].sort(),
    );
  });

  it('reports an import in a text without a file, and an input format that does not exist', () => {
    const found = lint(`${HEADER}spec:\n  imports: [x.yaml, {path: inventory/hosts.yaml, format: netbox}]\n`, { host: fileSystemHost }).diagnostics;
    expect(found.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.messageId} ${d.message}`)).toEqual([
      "4:13 noFile imports are read relative to the plan's file, and this text has none (give standard input a --stdin-filename)",
      `4:58 unknownFormat there is no input format "netbox" (known: ${BUILTIN_FORMATS.map((f) => f.id).join(', ')})`,
    ]);
  });

  it('reports a syntax error of an imported file in that file', () => {
    const dir = tree({ 'plan.yaml': `${HEADER}spec:\n  imports: [broken.yaml]\n`, 'broken.yaml': `${HEADER}spec:\n  nodes: [\n` });
    const found = lintFile(join(dir, 'plan.yaml')).diagnostics;
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((d) => d.ruleId === 'yaml-syntax' && d.filePath === join(dir, 'broken.yaml'))).toBe(true);
  });

  it('applies directives in the file they are written in', () => {
    const dir = tree({
      'plan.yaml': `${HEADER}spec:\n  imports: [pods.yaml]\n  networks:\n    pods: [10.42.0.0/16]\n`,
      'pods.yaml': `${HEADER}spec:\n  networks:\n    # kube-netlint-disable-next-line import-conflict -- moving to one file\n    pods: [10.244.0.0/16]\n`,
    });
    expect(lintFile(join(dir, 'plan.yaml')).diagnostics).toEqual([]);
  });
});

describe('in the editor', () => {
  it('shows an imported file the findings in it (with its unsaved text), with related locations in other files by URI', async () => {
    const { DocumentConfigs } = await import('../server/lint-document');
    const { toLspDiagnostic } = await import('../server/diagnostics');
    const { TextDocument } = await import('vscode-languageserver-textdocument');
    const { pathToFileURL } = await import('node:url');
    const text = readFileSync(WORKERS, 'utf8');
    const shown = (await new DocumentConfigs(undefined).lint(text, WORKERS)).diagnostics;
    const expected = lintFile(PLAN).diagnostics.filter((d) => d.filePath === WORKERS);
    expect(shown).toEqual(expected.map(({ filePath: _, ...d }) => d));
    // An unsaved edit of the imported file is what the plan is linted with.
    const edited = (await new DocumentConfigs(undefined).lint(text.replace('ports: 4,', 'ports: 5,'), WORKERS)).diagnostics;
    expect(edited.some((d) => d.ruleId === 'cni-protocol-confusion')).toBe(false);
    const doc = TextDocument.create(pathToFileURL(WORKERS).href, 'yaml', 1, text);
    const withPlanNode = shown.find((d) => d.related.some((r) => r.filePath === PLAN))!;
    const lsp = toLspDiagnostic(withPlanNode, doc, true);
    expect(lsp.relatedInformation!.map((r) => r.location.uri)).toContain(pathToFileURL(PLAN).href);
  });
});

describe('bounds on a plan in many files', () => {
  const files = (n: number) =>
    Object.fromEntries(
      Array.from({ length: n }, (_, i) => [`parts/p${i}.yaml`, `${HEADER}spec:\n  nodes:\n    - {name: n${i}, roles: [worker]}\n${'# padding\n'.repeat(30)}`]),
    );

  it('holds the size limit for the files together: a file past it is a finding on its import, not read', () => {
    const dir = tree({ 'plan.yaml': `${HEADER}spec:\n  imports: ["parts/*.yaml"]\n`, ...files(4) });
    // About 360 characters a part: the first two fit in 1 KB with the plan, the others do not.
    const found = lint(readFileSync(join(dir, 'plan.yaml'), 'utf8'), {
      filePath: join(dir, 'plan.yaml'),
      host: fileSystemHost,
      config: { limits: { maxFileSizeMB: 1 / 1024 } },
    });
    const tooLarge = found.diagnostics.filter((d) => d.messageId === 'tooLarge');
    expect(tooLarge.map((d) => d.message)).toEqual([
      "parts/p2.yaml is not read: with the files read before it, this plan is larger than the size limit of 1.0 KB (limits.maxFileSizeMB counts a plan's files together)",
      "parts/p3.yaml is not read: with the files read before it, this plan is larger than the size limit of 1.0 KB (limits.maxFileSizeMB counts a plan's files together)",
    ]);
    expect(found.imported).toEqual([join(dir, 'parts/p0.yaml'), join(dir, 'parts/p1.yaml')]);
  });

  it('holds the time budget while reading: past it, no further file is read and the lint says it stopped', () => {
    const dir = tree({ 'plan.yaml': `${HEADER}spec:\n  imports: ["parts/*.yaml"]\n`, ...files(6) });
    let reads = 0;
    // Each read takes 40 ms of the 100 ms budget.
    const slow = {
      expand: fileSystemHost.expand,
      read: (path: string, max: number) => {
        reads++;
        const until = performance.now() + 40;
        while (performance.now() < until);
        return fileSystemHost.read(path, max);
      },
    };
    const found = lint(readFileSync(join(dir, 'plan.yaml'), 'utf8'), {
      filePath: join(dir, 'plan.yaml'),
      host: slow,
      config: { limits: { timeBudgetMs: 100 } },
    });
    expect(found.diagnostics.map((d) => `${d.ruleId}/${d.messageId}`)).toEqual(['resource-limit/timeBudget']);
    expect(reads).toBeLessThan(6);
  });
});
