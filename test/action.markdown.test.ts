// The Markdown report (src/formatters/markdown.ts) behind the action's job summary and `--format markdown`:
// its golden for the broken example (in-process and through the built CLI, which must agree), links to lines
// in GitHub Actions, the caps that keep a summary small, and plan text kept literal. UPDATE_FIXTURES=1 rewrites
// the golden for review.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/core/types';
import { annotationNote, githubSource, LISTED_FINDINGS, markdownText, renderMarkdown, type GithubSource } from '../src/formatters/markdown';
import type { FileResult } from '../src/formatters/types';
import { lint } from '../src/linter';

const ROOT = join(__dirname, '..');
const BROKEN = join(ROOT, 'fixtures', 'examples', 'broken-plan.yaml');
const GOLDEN = join(ROOT, 'fixtures', 'formats', 'broken-plan.markdown.md');
const context = { cwd: ROOT, color: false };
const source: GithubSource = { server: 'https://github.example.com', repository: 'acme/clusters', sha: 'abc123', workspace: ROOT };

const broken: FileResult = { filePath: BROKEN, diagnostics: lint(readFileSync(BROKEN, 'utf8'), { filePath: BROKEN }).diagnostics };
const pos = (line: number, column: number) => ({ line, column, offset: 0 });
function diagnostic(over: Partial<Diagnostic> = {}): Diagnostic {
  return { ruleId: 'duplicate-mac', severity: 'error', message: 'm', range: { start: pos(3, 5), end: pos(3, 9) }, related: [], ...over };
}
const inRoot = (name: string, ...diagnostics: Diagnostic[]): FileResult => ({ filePath: join(ROOT, name), diagnostics });
/** The findings table's rows. */
const rows = (markdown: string) => markdown.split('\n').filter((l) => /^\| (error|warning|info) \|/.test(l));

/** The built CLI, with no GitHub variable of this process's environment (a CI run's) leaking in. */
function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'kube-netlint.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('markdown golden output of the broken example', () => {
  it('matches the formatter', () => {
    const actual = renderMarkdown([broken], context, undefined);
    if (process.env.UPDATE_FIXTURES && (!existsSync(GOLDEN) || readFileSync(GOLDEN, 'utf8') !== actual)) writeFileSync(GOLDEN, actual);
    expect(actual).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('matches the CLI (built bin/kube-netlint.js, --format markdown), which exits 1', () => {
    const r = cli(['--format', 'markdown', 'fixtures/examples/broken-plan.yaml']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr: '' });
    expect(r.stdout).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('links to lines at the commit in GitHub Actions, from the variables every job has', () => {
    const r = cli(['--format', 'markdown', 'fixtures/examples/broken-plan.yaml'], {
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/clusters',
      GITHUB_SHA: 'abc123',
      GITHUB_WORKSPACE: ROOT,
    });
    const blob = 'https://github.com/acme/clusters/blob/abc123/fixtures/examples/broken-plan.yaml';
    expect(r.stdout).toContain(`| [fixtures/examples/broken-plan.yaml](${blob}) | 17 | 3 | 0 |`);
    expect(r.stdout).toContain(`| error | [fixtures/examples/broken-plan.yaml:35](${blob}#L35) | [duplicate-mac](`);
    expect(r.stdout).toContain(`<br>↳ [fixtures/examples/broken-plan.yaml:29](${blob}#L29) first used here |`);
  });
});

describe('markdown report', () => {
  it('says when there is nothing to report', () => {
    expect(renderMarkdown([inRoot('a.yaml'), inRoot('b.yaml')], context, source)).toBe('### kube-netlint\n\nNo problems in 2 files.\n');
    expect(renderMarkdown([], context, source)).toBe('### kube-netlint\n\nNo cluster plans were linted.\n');
  });

  it('lists errors first, each level in the order of files and lines, and caps the table', () => {
    const many = Array.from({ length: LISTED_FINDINGS + 10 }, (_, i) =>
      diagnostic({ severity: i % 2 ? 'error' : 'info', range: { start: pos(i + 1, 1), end: pos(i + 1, 2) } }),
    );
    const out = renderMarkdown([inRoot('plan.yaml', ...many)], context, undefined);
    const listed = rows(out);
    expect(listed).toHaveLength(LISTED_FINDINGS);
    expect(listed.slice(0, 30).every((r) => r.startsWith('| error |'))).toBe(true);
    expect(listed.slice(0, 2).map((r) => /plan\.yaml:(\d+)/.exec(r)![1])).toEqual(['2', '4']);
    expect(out).toContain('**60 problems (30 errors, 0 warnings, 30 infos)** in 1 of 1 file.');
    expect(out).toContain(`The first ${LISTED_FINDINGS} of 60 problems are listed, errors first.`);
  });

  it('links ranges of lines, encodes paths in links, and leaves files outside the checkout unlinked', () => {
    const multi = diagnostic({ range: { start: pos(3, 5), end: pos(6, 1) } });
    const out = renderMarkdown(
      [inRoot('my plans/#1 (prod).yaml', multi), { filePath: join(ROOT, '..', 'elsewhere.yaml'), diagnostics: [diagnostic()] }],
      context,
      source,
    );
    expect(out).toContain('[my plans/#1 (prod).yaml:3](https://github.example.com/acme/clusters/blob/abc123/my%20plans/%231%20%28prod%29.yaml#L3-L6)');
    expect(out).toContain(`| error | ${markdownText(join(ROOT, '..', 'elsewhere.yaml'))}:3 |`);
  });

  it('keeps plan text literal: no cell break, code span, emphasis, link, HTML or control character', () => {
    const hostile = 'a|b `c` *d* _e_ [f](http://x) ~~g~~ <img src=x onerror=alert(1)> &amp; \\ \x1b[2J\nnext';
    const [row] = rows(renderMarkdown([inRoot('plan.yaml', diagnostic({ message: hostile }))], context, undefined));
    expect(row).toBe(
      '| error | plan.yaml:3 | [duplicate-mac](https://github.com/kube-netlint/kube-netlint/blob/main/docs/rules/duplicate-mac.md) | ' +
        'a\\|b \\`c\\` \\*d\\* \\_e\\_ \\[f\\](http://x) \\~\\~g\\~\\~ &lt;img src=x onerror=alert(1)&gt; &amp;amp; \\\\ \\\\x1b\\[2J\\\\x0anext |',
    );
    // A file name is plan text too.
    expect(renderMarkdown([inRoot('a|b.yaml', diagnostic())], context, undefined)).toContain('| a\\|b.yaml | 1 | 0 | 0 |');
  });

  it('cuts long messages, lists three related locations and counts the rest', () => {
    const related = Array.from({ length: 5 }, (_, i) => ({ range: { start: pos(i + 1, 1), end: pos(i + 1, 2) }, message: `r${i}` }));
    const [row] = rows(renderMarkdown([inRoot('plan.yaml', diagnostic({ message: 'x'.repeat(2000), related }))], context, undefined));
    expect(row).toContain(`| ${'x'.repeat(500)}…<br>↳ plan.yaml:1 r0<br>↳ plan.yaml:2 r1<br>↳ plan.yaml:3 r2<br>↳ …and 2 more locations |`);
  });

  it('stays far below GitHub’s 1 MiB per step summary, however many and however long the findings', () => {
    const long = 'x'.repeat(100_000);
    const related = Array.from({ length: 50 }, () => ({
      range: { start: pos(1, 1), end: pos(1, 2) },
      message: long,
      filePath: join(ROOT, `${'d'.repeat(200)}.yaml`),
    }));
    const files = Array.from({ length: 1_000 }, (_, i) =>
      inRoot(`${'p'.repeat(200)}${i}.yaml`, ...Array.from({ length: 20 }, () => diagnostic({ message: long, related }))),
    );
    expect(renderMarkdown(files, context, source).length).toBeLessThan(256 * 1024);
  });

  it('lists the first 100 files with problems, and counts the rest', () => {
    const files = Array.from({ length: 102 }, (_, i) => inRoot(`p${i}.yaml`, diagnostic()));
    expect(renderMarkdown(files, context, undefined)).toContain('| p99.yaml | 1 | 0 | 0 |\n\n…and 2 more files.\n');
  });
});

describe('GitHub context and the annotation note', () => {
  it('takes the source from the job variables, the workspace defaulting to the working directory', () => {
    expect(githubSource({ GITHUB_SERVER_URL: 's', GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'c' }, '/w')).toEqual({
      server: 's',
      repository: 'o/r',
      sha: 'c',
      workspace: '/w',
    });
    expect(githubSource({ GITHUB_SERVER_URL: 's', GITHUB_REPOSITORY: 'o/r' }, '/w')).toBeUndefined();
  });

  it('notes the annotations GitHub drops beyond 10 per level per step, and nothing when none were dropped', () => {
    expect(annotationNote({ error: 10, warning: 3, info: 10 })).toBe('');
    expect(annotationNote({ error: 17, warning: 3, info: 0 })).toBe(
      "\n> [!NOTE]\n> GitHub annotates at most 10 errors, 10 warnings and 10 notices per step:\n> 7 of 17 errors have no annotation on the files. Every problem is in this step's log.\n",
    );
    expect(annotationNote({ error: 11, warning: 12, info: 13 })).toContain('> 1 of 11 errors, 2 of 12 warnings and 3 of 13 notices have no annotation');
  });
});
