// Meta-test (ESLint's checkRuleFiles): every rule has its module, docs page with the required
// headings, README row, fixtures, docs examples that behave as they claim, and every message it
// declares produced by a fixture or an example.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_RULE_METAS, INPUT_FORMAT_IDS, prepareFormats } from '../src/linter';
import { fixturesOf, lintAs, lintFixture } from './support/fixtures';
import { messageKey } from './support/rule-tester';

const ROOT = join(__dirname, '..');
// A fixture may import a file of a format that loads its parser first (Terraform's).
beforeAll(() => prepareFormats(INPUT_FORMAT_IDS));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const HEADINGS = ['## What it checks', '## Why it matters', '## Examples', '## How to fix', '## Options'];
/** Reported by the engine when a rule throws; no plan should trigger it. */
const WITHOUT_FIXTURES = new Set(['rule-crash']);
/** Messages no fixture or docs example can produce or pin, each with why, and what tests it instead. */
const EXEMPT: Record<string, string> = {
  'resource-limit/timeBudget': 'it names the milliseconds spent, which differ from run to run (test/lint.robustness.test.ts)',
  'invalid-import/noFile': 'only a text without a file (standard input) has it, and fixtures and examples are files (test/imports.test.ts)',
  'invalid-import/tooMany': 'it takes more than 1,000 imported files (no test yet)',
};
/** A docs page's examples: ```yaml valid and ```yaml invalid blocks (or json, or ini). */
const EXAMPLE = /```(?:yaml|json|ini) (valid|invalid)\n([\s\S]*?)```/g;
/** A rule's module: a plan rule in rules/, or one the engine reports itself. */
const moduleOf = (id: string) => [join(ROOT, 'rules', `${id}.ts`), join(ROOT, 'src', 'engine', 'own-rules', `${id}.ts`)].find(existsSync) ?? `rules/${id}.ts`;

describe.each(ALL_RULE_METAS.map((m) => [m.id, m] as const))('%s', (id, meta) => {
  const docPath = join(ROOT, 'docs', 'rules', `${id}.md`);
  const doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '';
  const examples = [...doc.matchAll(EXAMPLE)].map(([, kind, text]) => ({ kind, text }));
  // Read as if in the docs page's file: their imports name files beside it (docs/rules/examples/).
  const runExamples = () => examples.map((e) => lintAs(id, e.text, docPath));

  it('has a kebab-case id, description, rationale and its own module', () => {
    expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    expect(meta.description.length).toBeGreaterThan(10);
    expect(meta.rationale.length).toBeGreaterThan(40);
    expect(existsSync(moduleOf(id)), moduleOf(id)).toBe(true);
  });

  it('has a docs page with the required headings and its metadata', () => {
    expect(doc.startsWith(`# ${id}\n`)).toBe(true);
    expect(doc, 'summary line').toContain(`Default severity: **${meta.defaultSeverity}**. Category: ${meta.category}.`);
    for (const h of HEADINGS) expect(doc, h).toContain(`\n${h}\n`);
  });

  it('documents each of its options in the Options section', () => {
    const options = doc.slice(doc.indexOf('\n## Options\n'));
    for (const name of Object.keys(meta.options ?? {})) expect(options, name).toContain(`\`${name}\``);
  });

  it('has a README row', () => {
    expect(README).toContain(`| [\`${id}\`](docs/rules/${id}.md) |`);
  });

  it.skipIf(WITHOUT_FIXTURES.has(id))('has valid and invalid fixtures', () => {
    const kinds = new Set(fixturesOf(id).map((f) => f.kind));
    expect([...kinds].sort()).toEqual(['invalid', 'valid']);
  });

  it.skipIf(WITHOUT_FIXTURES.has(id))('has docs examples that fire (invalid) and stay clean (valid)', () => {
    expect(examples.map((e) => e.kind)).toEqual(expect.arrayContaining(['invalid', 'valid']));
    const runs = runExamples();
    for (const [i, { kind, text }] of examples.entries()) {
      const found = runs[i].diagnostics;
      if (kind === 'valid') expect(found, text).toEqual([]);
      else expect(found.length, text).toBeGreaterThan(0);
    }
  });

  it.skipIf(WITHOUT_FIXTURES.has(id))('produces every message it declares in a fixture or a docs example', () => {
    const produced = new Set([...fixturesOf(id).map(lintFixture), ...runExamples()].flatMap((run) => [...run.messages]));
    const missing = Object.keys(meta.messages)
      .map((m) => messageKey(id, m))
      .filter((key) => !produced.has(key) && !(key in EXEMPT));
    expect(missing).toEqual([]);
  });
});

it('has no docs page without a rule', () => {
  const ids = new Set(ALL_RULE_METAS.map((m) => m.id));
  const pages = readdirSync(join(ROOT, 'docs', 'rules'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.replace(/\.md$/, ''));
  expect(pages.filter((p) => !ids.has(p))).toEqual([]);
});
