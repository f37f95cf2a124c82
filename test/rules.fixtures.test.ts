// Every rule against its fixtures, linted alone (Ruff's for_rule, actionlint's .out): valid plans give
// nothing; invalid plans give exactly their .expected lines, message ids included. UPDATE_FIXTURES=1
// writes missing or changed .expected files for review; CI never sets it.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyFixes, INPUT_FORMAT_IDS, prepareFormats } from '../src/linter';
import { ALL_RULE_METAS } from '../src/linter';
import { FIXTURES, fixturesOf, formatGolden, lintFixture } from './support/fixtures';

const only = process.env.KNL_RULE;

// A fixture may import a file of a format that loads its parser first (Terraform's).
beforeAll(() => prepareFormats(INPUT_FORMAT_IDS));

for (const meta of ALL_RULE_METAS) {
  if (only && meta.id !== only) continue;
  const fixtures = fixturesOf(meta.id);
  if (fixtures.length === 0) continue; // the meta-test fails rules without fixtures
  describe(meta.id, () => {
    for (const f of fixtures) {
      it(`${f.kind}/${f.name}`, () => {
        const result = lintFixture(f);
        expect(result.isPlan).toBe(true);
        const actual = formatGolden(result.diagnostics, f.path);
        if (f.kind === 'valid') {
          expect(actual).toBe('');
          return;
        }
        if (process.env.UPDATE_FIXTURES && (!existsSync(f.expectedPath) || readFileSync(f.expectedPath, 'utf8') !== actual)) {
          writeFileSync(f.expectedPath, actual);
        }
        expect(actual).not.toBe('');
        expect(actual).toBe(readFileSync(f.expectedPath, 'utf8'));
        if (!existsSync(f.fixedPath)) return;
        // The fixes give the golden text, which then lints clean for this rule.
        const fixed = applyFixes(readFileSync(f.path, 'utf8'), result.diagnostics, { unsafe: true }).text;
        expect(fixed).toBe(readFileSync(f.fixedPath, 'utf8'));
        expect(lintFixture({ ...f, path: f.fixedPath }).diagnostics.filter((d) => d.ruleId === f.ruleId && d.fix)).toEqual([]);
      });
    }
  });
}

// A golden beside no invalid plan is never compared: it would pass whatever the rule does.
it('has no golden without its invalid plan', () => {
  const compared = new Set(
    ALL_RULE_METAS.flatMap((m) => fixturesOf(m.id))
      .filter((f) => f.kind === 'invalid')
      .map((f) => f.expectedPath),
  );
  const goldens = ALL_RULE_METAS.flatMap((m) =>
    ['valid', 'invalid'].flatMap((kind) => {
      const dir = join(FIXTURES, m.id, kind);
      return existsSync(dir)
        ? readdirSync(dir)
            .filter((n) => n.endsWith('.expected'))
            .map((n) => join(dir, n))
        : [];
    }),
  );
  expect(goldens.filter((g) => !compared.has(g))).toEqual([]);
});
