// Each input format against its own fixtures (fixtures/inputs/<format>/*): every rule runs, and the
// findings equal the .expected golden beside the file (UPDATE_FIXTURES=1 writes them for review). A
// file and its ClusterPlan twin (`<name>.plan.yaml`) say the same thing, so they give the same findings:
// the same rules, at the same text in each file.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/core/types';
import { BUILTIN_FORMATS } from '../src/formats';
import { INPUT_FORMAT_IDS, lint, prepareFormats } from '../src/linter';
import { fileSystemHost } from '../src/workspace/input-host';
import { FIXTURES, formatGolden } from './support/fixtures';

const FORMATS = join(FIXTURES, 'inputs');
const INPUT = /\.(ya?ml|ini|cfg)$/;
/**
 * A format's fixtures: its files, and in a subfolder holding a case with its companions (an inventory with its
 * group_vars), the inventory (`inventory.*`, `hosts.*`); other files in subfolders are only imported.
 */
const inputsOf = (format: string) =>
  readdirSync(join(FORMATS, format), { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? readdirSync(join(FORMATS, format, e.name))
            .filter((n) => INPUT.test(n) && /^(inventory|hosts)\./.test(n) && !n.endsWith('.plan.yaml'))
            .map((n) => join(e.name, n))
        : INPUT.test(e.name) && !e.name.endsWith('.plan.yaml')
          ? [e.name]
          : [],
    )
    .sort();

const lintFile = (path: string) => lint(readFileSync(path, 'utf8'), { filePath: path, host: fileSystemHost });

/**
 * The same fact where each format writes it differently: the plan as a whole (ClusterPlan's `spec`; a
 * k3s/RKE2 config.yaml's first key, `node-name` in its fixtures; an inventory's `all`), a control-plane node's etcd role
 * (talhelper's `controlPlane: true`), a default action (Talos's `accept`).
 */
const SAME_PLACE: Record<string, string> = { clusterName: 'spec', 'node-name': 'spec', all: 'spec', k3s_cluster: 'spec', true: 'etcd', accept: 'allow' };

/** The same finding worded for what each format can say: an inventory never says how its nodes are filtered. */
const SAME_MESSAGE: Record<string, string> = { 'no-firewall/unknown': 'no-firewall/none' };

/** What a finding says, apart from where: its rule and message, and the text it points at (in its own file). */
const said = (text: string, diagnostics: Diagnostic[]) =>
  diagnostics
    .map((d) => {
      const at = (d.filePath ? readFileSync(d.filePath, 'utf8') : text).slice(d.range.start.offset, d.range.end.offset);
      const id = `${d.ruleId}/${d.messageId}`;
      return `${SAME_MESSAGE[id] ?? id} ${JSON.stringify(SAME_PLACE[at] ?? at)}`;
    })
    .sort();

describe('input formats', () => {
  // Formats whose parser loads asynchronously (Terraform's WebAssembly grammar), loaded once for the synchronous lint.
  beforeAll(() => prepareFormats(INPUT_FORMAT_IDS));

  it("has fixtures for every built-in format (ClusterPlan: the rules' own)", () => {
    for (const f of BUILTIN_FORMATS) if (f.id !== 'clusterplan' && !f.importedOnly) expect(existsSync(join(FORMATS, f.id)), f.id).toBe(true);
  });

  for (const format of readdirSync(FORMATS).sort()) {
    describe(format, () => {
      for (const name of inputsOf(format)) {
        const path = join(FORMATS, format, name);
        it(`${name} gives its golden findings`, () => {
          const result = lintFile(path);
          expect(result.isPlan).toBe(true);
          const actual = formatGolden(result.diagnostics, path);
          const expectedPath = path.replace(/\.[a-z]+$/, '.expected');
          if (process.env.UPDATE_FIXTURES && (!existsSync(expectedPath) || readFileSync(expectedPath, 'utf8') !== actual)) writeFileSync(expectedPath, actual);
          expect(actual).toBe(readFileSync(expectedPath, 'utf8'));
        });
        const twin = path.replace(/\.[a-z]+$/, '.plan.yaml');
        if (!existsSync(twin)) continue;
        it(`${name} and its ClusterPlan twin give the same findings at the same text`, () => {
          const [mine, plan] = [path, twin].map((p) => said(readFileSync(p, 'utf8'), lintFile(p).diagnostics));
          expect(mine).not.toEqual([]);
          expect(mine).toEqual(plan);
        });
      }
    });
  }
});
