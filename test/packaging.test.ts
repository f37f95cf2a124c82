// What a release is made of: the license, the changelog, and the release workflow that turns a version
// tag into the npm package, the GitHub release with the .vsix, and the tags the README's examples name.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const pkg = JSON.parse(read('package.json')) as { version: string; license: string; scripts: Record<string, string> };

describe('LICENSE', () => {
  const license = read('LICENSE');

  it('is the whole Apache License 2.0, with the project as copyright holder', () => {
    expect(pkg.license).toBe('Apache-2.0');
    expect((JSON.parse(read('server/vscode/package.json')) as { license: string }).license).toBe('Apache-2.0');
    expect(license).toMatch(/^ +Apache License\n +Version 2\.0, January 2004\n +http:\/\/www\.apache\.org\/licenses\/\n/);
    const sections = [...license.matchAll(/^ {3}(\d)\. ([A-Z][A-Za-z ]+?)\./gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(sections).toEqual([
      '1 Definitions',
      '2 Grant of Copyright License',
      '3 Grant of Patent License',
      '4 Redistribution',
      '5 Submission of Contributions',
      '6 Trademarks',
      '7 Disclaimer of Warranty',
      '8 Limitation of Liability',
      '9 Accepting Warranty or Additional Liability',
    ]);
    expect(license).toContain('END OF TERMS AND CONDITIONS');
    expect(license).toContain('   Copyright 2026 The kube-netlint Authors\n');
    expect(license).not.toContain('[yyyy]');
    // The canonical text is 11,357 bytes; the appendix's placeholder line is replaced by the copyright line.
    expect(Buffer.byteLength(license) - Buffer.byteLength('   Copyright 2026 The kube-netlint Authors')).toBe(
      11_357 - Buffer.byteLength('   Copyright [yyyy] [name of copyright owner]'),
    );
  });

  it('ships in the npm package', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const [packed] = JSON.parse(r.stdout) as { files: { path: string }[] }[];
    expect(packed.files.map((f) => f.path)).toContain('LICENSE');
  });
});

describe('CHANGELOG.md', () => {
  const changelog = read('CHANGELOG.md');

  it('keeps the Keep a Changelog form: an Unreleased section first, known change types, linked versions', () => {
    expect(changelog.startsWith('# Changelog\n')).toBe(true);
    const versions = [...changelog.matchAll(/^## \[([^\]]+)\](.*)$/gm)].map((m) => ({ name: m[1], rest: m[2] }));
    expect(versions[0]).toEqual({ name: 'Unreleased', rest: '' });
    for (const v of versions.slice(1)) {
      expect(v.name).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
      expect(v.rest).toMatch(/^ - \d{4}-\d{2}-\d{2}$/);
    }
    const types = [...changelog.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(types.length).toBeGreaterThan(0);
    for (const t of types) expect(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security']).toContain(t);
    for (const v of versions) expect(changelog).toMatch(new RegExp(`^\\[${v.name.replace(/\./g, '\\.')}\\]: https://`, 'm'));
  });
});

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: { push: { tags: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[]; env?: Record<string, string> }>;
}

describe('the release workflow', () => {
  // The yaml package reads YAML 1.2, where the key `on` is the string GitHub reads.
  const workflow = parse(read('.github/workflows/release.yml')) as Workflow;
  const [job] = Object.values(workflow.jobs);
  const runs = job.steps.map((s) => s.run ?? '');
  /** The index of the one step whose script matches. */
  const step = (pattern: RegExp) => {
    const found = runs.flatMap((r, i) => (pattern.test(r) ? [i] : []));
    expect(found, String(pattern)).toHaveLength(1);
    return found[0];
  };

  it('runs on version tags, with the permissions provenance and the release need, and no more', () => {
    expect(workflow.on).toEqual({ push: { tags: ['v*'] } });
    expect(workflow.permissions).toEqual({ contents: 'write', 'id-token': 'write' });
    expect(Object.keys(workflow.jobs)).toHaveLength(1);
    expect(job.steps[0].uses).toMatch(/^actions\/checkout@v\d+$/);
    const setupNode = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setupNode?.with?.['registry-url']).toBe('https://registry.npmjs.org');
  });

  it('tests, checks the action bundle and builds the .vsix before it publishes anything', () => {
    const install = step(/^npm ci --no-audit --no-fund$/m);
    const tools = step(/apt-get install -y -qq pre-commit neovim/);
    const test = step(/^npm test$/m);
    const bundle = step(/npm run build:action/);
    const vsix = step(/npm run --silent package:vscode/);
    const publish = step(/^npm publish --provenance --access public$/m);
    const release = step(/^gh release create "\$TAG" server\/vscode\/kube-netlint-\*\.vsix /m);
    expect(Math.max(install, tools)).toBeLessThan(test);
    expect(test).toBeLessThan(bundle);
    expect(bundle).toBeLessThan(vsix);
    expect(vsix).toBeLessThan(publish);
    expect(publish).toBeLessThan(release);
    // A fresh build that differs from the committed bundle fails the step.
    expect(runs[bundle]).toMatch(/git diff --exit-code/);
    expect(job.steps[publish].env).toEqual({ NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' });
    expect(job.steps[release].env).toEqual({ GH_TOKEN: '${{ github.token }}' });
  });

  it('names only scripts that package.json has', () => {
    const named = runs.flatMap((r) => [...r.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]));
    expect(named).toEqual(expect.arrayContaining(['build:action', 'package:vscode']));
    for (const script of named) expect(pkg.scripts, script).toHaveProperty(script);
  });

  /** Runs a step's script as a Linux runner does (`bash --noprofile --norc -eo pipefail`), in a folder with the given CHANGELOG.md. */
  const runStep = (index: number, tag: string, changelog: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'knl-release-'));
    writeFileSync(join(dir, 'CHANGELOG.md'), changelog);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ version: '1.2.3' }));
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', runs[index]], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ...job.env, TAG: tag },
    });
    return { code: r.status, stdout: r.stdout, notes: () => readFileSync(join(dir, 'release-notes.md'), 'utf8') };
  };

  it('refuses a tag that is not the package version', () => {
    const check = step(/require\('\.\/package\.json'\)\.version/);
    expect(runStep(check, 'v1.2.3', '').code).toBe(0);
    const wrong = runStep(check, 'v1.2.4', '');
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('::error::tag v1.2.4 does not match package.json (v1.2.3)');
  });

  it("takes the release notes from the version's changelog section, and refuses a version without one", () => {
    const notes = step(/^awk .* > release-notes\.md$/m);
    const changelog =
      '# Changelog\n\n## [Unreleased]\n\n### Added\n- next\n\n## [1.2.3] - 2026-12-01\n\n### Fixed\n- this one\n\n## [1.2.2] - 2026-11-01\n\n### Added\n- older\n';
    const ok = runStep(notes, 'v1.2.3', changelog);
    expect(ok.code).toBe(0);
    expect(ok.notes()).toBe('\n### Fixed\n- this one\n\n');
    const missing = runStep(notes, 'v1.3.0', changelog);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain("::error::CHANGELOG.md has no section '## [1.3.0]'");
  });

  it("makes the tags the README's pre-commit and GitHub Actions examples name", () => {
    const readme = read('README.md');
    const tags = [...readme.matchAll(/rev: (v\d[\w.-]*)|kube-netlint\/kube-netlint@(v\d[\w.-]*)/g)].map((m) => m[1] ?? m[2]);
    expect(tags.length).toBeGreaterThanOrEqual(2);
    // Those tags are the package's version: the workflow runs on them and refuses any other.
    expect(new Set(tags)).toEqual(new Set([`v${pkg.version}`]));
    expect(tags.every((t) => workflow.on.push.tags.some((p) => new RegExp(`^${p.replace('*', '.*')}$`).test(t)))).toBe(true);
  });
});

describe('README install instructions', () => {
  const readme = read('README.md');

  it('say how to install before the package is published, and mark the published-package commands', () => {
    const install = readme.slice(readme.indexOf('## Install'), readme.indexOf('## Usage'));
    expect(install).toContain('npm install --save-dev github:kube-netlint/kube-netlint');
    expect(install).toContain('npm ci && npm pack');
    expect(install).toContain(`npm install --save-dev ../kube-netlint/kube-netlint-${pkg.version}.tgz`);
    expect(install).toMatch(/# the published package: not available until the first release\nnpm install --save-dev kube-netlint\n/);
  });
});
