// Guards against super-linear regressions, by the clock: `npm run test:timing`, not the default suite,
// which judges behaviour only (speed is the bench's to judge). Each bound is at least 10x what was
// measured on the project's 2-core machine; the quadratic code each replaced took far longer.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ignoreMatcher } from '../../src/config/ignore-patterns';
import { ConfigError, loadConfig } from '../../src/config/load';
import { lint } from '../../src/linter';

const elapsed = (step: () => unknown): number => {
  const started = performance.now();
  step();
  return performance.now() - started;
};

describe('linear on hostile shapes', () => {
  it('a long run of carriage returns inside a directive comment (measured 0.1 s; the backtracking trim took 12 s)', () => {
    const text = `apiVersion: kube-netlint/v1\nkind: ClusterPlan\nmetadata: {name: x}\nspec:\n  nodes: [] # kube-netlint-disable-line ${'\r'.repeat(200_000)}x\n`;
    expect(elapsed(() => lint(text))).toBeLessThan(3000);
  });

  it('a mapping of 60,000 keys checked for duplicates (measured 0.5 s; yaml took 18-23 s)', () => {
    const keys = Array.from({ length: 60_000 }, (_, i) => `    k${i}: v${i}\n`).join('');
    const text = `apiVersion: kube-netlint/v1\nkind: ClusterPlan\nmetadata:\n  name: x\n  labels:\n${keys}    k5: again\nspec:\n  nodes: []\n`;
    expect(elapsed(() => lint(text))).toBeLessThan(8000);
  });

  it('a configuration of 40,000 rules checked for duplicate keys (measured 0.5 s; yaml took 13.7 s)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'knl-config-keys-')), '.kube-netlint.yaml');
    writeFileSync(file, `rules:\n${Array.from({ length: 40_000 }, (_, i) => `  x${i}: off\n`).join('')}  x7: warn\n`);
    expect(
      elapsed(() => {
        expect(() => loadConfig(file)).toThrow(ConfigError);
      }),
    ).toBeLessThan(5000);
  });

  it('the worst accepted ignore patterns against 4,096-character paths (measured 54 ms at most)', () => {
    const paths = ['a'.repeat(4096), `${'a'.repeat(255)}/`.repeat(15) + 'a'.repeat(255), `${'a/'.repeat(2047)}ab`, 'ab'.repeat(2048)];
    const worst = ['*a*b', '**a**b', '**/a/**', '**/{a,aa}{a,aa}*ab', '{a,aa}{a,aa}**/*ab', '{a,aa,aaa,aaaa}*a*b', '{a,aa}{a,aa}*a**b', '*[a]*[a]b', '!*a*c', `${'?'.repeat(200)}*a*b`];
    for (const pattern of worst) {
      const matches = ignoreMatcher([pattern]);
      for (const path of paths) expect(elapsed(() => matches(path)), `${pattern} against ${path.slice(0, 12)}…`).toBeLessThan(1000);
    }
  });
});
