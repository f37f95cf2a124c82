// SARIF for GitHub code scanning (src/formatters/sarif*.ts): the official 2.1.0 schema, the properties and
// upload limits GitHub documents ("SARIF support for code scanning"), which rules are security alerts and
// how severe, a report cut to the limits with a note, and fingerprints that survive edits around a finding.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import Ajv04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { ALL_RULE_METAS } from '../src/linter';
import type { Diagnostic, RuleMeta } from '../src/core/types';
import { formatSarif, securityLevel } from '../src/formatters/sarif';
import { FINGERPRINT_KEY, withoutPlaces } from '../src/formatters/sarif-fingerprint';
import { GITHUB_SARIF_LIMITS as LIMITS } from '../src/formatters/sarif-limits';
import type { FileResult } from '../src/formatters/types';
import { run as runCli } from './support/cli-process';
import type { SarifLog, SarifResult, SarifRun } from './support/sarif';
import { BROKEN, context, diagnostic, inRoot, lintFile, pos, ROOT } from './support/findings';

const CLEAN = join(ROOT, 'fixtures', 'examples', 'ha-cluster.yaml');
// The official SARIF 2.1.0 schema (OASIS, errata01), kept in the repo so a clone anywhere can run the
// test, and pinned by its SHA-256: the project's shared copy (shared/schemas/) had this hash when it
// was copied, so an edited or replaced file fails here rather than quietly validating something else.
const SARIF_SCHEMA = join(__dirname, 'support', 'sarif-schema-2.1.0.json');
const SARIF_SCHEMA_ID = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SARIF_SCHEMA_SHA256 = 'c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e';

/** The rule properties code scanning reads, and the run's notes: what these tests look at beyond test/support/sarif.ts. */
interface Descriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[]; precision: string; 'problem.severity': string; 'security-severity'?: string };
}
type Run = Omit<SarifRun, 'tool'> & {
  tool: { driver: { name: string; version: string; rules: Descriptor[] } };
  invocations?: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[];
};
type Log = Omit<SarifLog, 'runs'> & { $schema: string; runs: Run[] };

const broken = lintFile(BROKEN);

/** The report and what it said to the user on the side (the CLI prints it to stderr). */
function report(results: FileResult[]): { text: string; log: Log; notices: string[] } {
  const notices: string[] = [];
  const text = formatSarif(results, { ...context, notice: (m) => notices.push(m) });
  return { text, log: JSON.parse(text) as Log, notices };
}
const fingerprints = (results: SarifResult[]) => results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);

// A plan past the results limit: 12,600 nodes with a bad name and no address (two errors each), the etcd
// port open to the internet (a critical security error), and an address outside the node network (a warning).
const NAMELESS = 12_600;
const OVER_LIMIT = [
  'apiVersion: kube-netlint/v1',
  'kind: ClusterPlan',
  'spec:',
  '  networks: {nodes: [10.0.0.0/24]}',
  '  nodes:',
  ...Array.from({ length: NAMELESS }, (_, i) => `    - {name: N${i}}`),
  '    - {name: cp-1, roles: [control-plane], interfaces: [{name: eth0, addresses: [192.168.10.11/24]}]}',
  '  firewalls:',
  '    - name: control-plane',
  '      appliesTo: {roles: [control-plane]}',
  '      rules:',
  '        - {action: allow, protocol: tcp, ports: "2379-2380", from: [0.0.0.0/0]}',
  '',
].join('\n');
const overLimit = lintFile(join(ROOT, 'generated.yaml'), OVER_LIMIT);
const overLimitReport = report([overLimit]);

describe('the official SARIF 2.1.0 schema', () => {
  const ajv = new Ajv04({ allErrors: true });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => /^[\w\-.~:/?#[\]@!$&'()*+,;=%]*$/.test(s) && URL.canParse(s, 'file:///'));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  const schemaBytes = readFileSync(SARIF_SCHEMA);
  const schema = JSON.parse(schemaBytes.toString('utf8')) as { id: string; $schema: string };
  const validate = ajv.compile(schema);

  it('is the pinned file', () => {
    expect([schema.id, schema.$schema]).toEqual([SARIF_SCHEMA_ID, 'http://json-schema.org/draft-04/schema#']);
    expect(createHash('sha256').update(schemaBytes).digest('hex')).toBe(SARIF_SCHEMA_SHA256);
  });

  it.each([
    ['the broken example', [broken]],
    ['a clean plan', [lintFile(CLEAN)]],
    ['no files', []],
    ['awkward paths', [inRoot('my plans/#1 100%.yaml', diagnostic()), { filePath: join(ROOT, '..', 'elsewhere.yaml'), diagnostics: [diagnostic()] }]],
    ['a plan past the results limit', [overLimit]],
    ['a finding past the locations limit', [inRoot('plan.yaml', diagnostic({ related: manyRelated(1_200) }))]],
  ])('validates %s', (_, results) => {
    const valid = validate(results[0] === overLimit ? overLimitReport.log : report(results).log);
    expect(validate.errors?.slice(0, 5) ?? []).toEqual([]);
    expect(valid).toBe(true);
  });
});

function manyRelated(n: number): Diagnostic['related'] {
  return Array.from({ length: n }, (_, i) => ({ range: { start: pos(i + 10, 1), end: pos(i + 10, 4) }, message: `copy [${i + 1}]` }));
}

/**
 * What a log breaks of what "SARIF support for code scanning" documents as required, enumerated or limited:
 * one line per problem (collected rather than asserted one by one: a log holds 25,000 results).
 */
function githubProblems({ text, log }: { text: string; log: Log }): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => void (ok || problems.push(what));
  check(log.$schema === 'https://json.schemastore.org/sarif-2.1.0.json' && log.version === '2.1.0', 'log: $schema or version');
  check(log.runs.length >= 1 && log.runs.length <= LIMITS.runsPerFile, 'log: runs');
  check(gzipSync(text).length <= LIMITS.gzipBytes, 'log: gzip size');
  for (const run of log.runs) {
    const { name, rules } = run.tool.driver;
    check(name === 'kube-netlint' && rules.length <= LIMITS.rulesPerRun, 'run: driver');
    for (const rule of rules) {
      const p = rule.properties;
      const severity = p['security-severity'];
      const bad = [
        rule.name.length > LIMITS.ruleNameLength && 'name',
        [rule.shortDescription.text, rule.fullDescription.text].some((d) => !d || d.length > LIMITS.ruleDescriptionLength) && 'description',
        !rule.help.text && 'help',
        !['note', 'warning', 'error'].includes(rule.defaultConfiguration.level) && 'level',
        p.tags.length > LIMITS.tagsShown && 'tags',
        !['very-high', 'high', 'medium', 'low'].includes(p.precision) && 'precision',
        !['error', 'warning', 'recommendation'].includes(p['problem.severity']) && 'problem.severity',
        // Read as a string "greater than 0.0 up to 10.0", for rules tagged security.
        p.tags.includes('security') !== (severity !== undefined) && 'security tag',
        severity !== undefined && !(/^\d+\.\d$/.test(severity) && Number(severity) > 0 && Number(severity) <= 10) && 'security-severity',
      ].filter(Boolean);
      check(bad.length === 0, `rule ${rule.id}: ${bad.join(', ')}`);
    }
    check(run.results.length <= LIMITS.resultsPerRun, 'run: results');
    for (const [i, r] of run.results.entries()) {
      const related = r.relatedLocations ?? [];
      const ids = new Set(related.map((l) => l.id));
      const regions = [...r.locations, ...related].map((l) => l.physicalLocation);
      const bad = [
        rules[r.ruleIndex]?.id !== r.ruleId && 'ruleIndex',
        !['note', 'warning', 'error'].includes(r.level) && 'level',
        !r.message.text && 'message',
        r.locations.length !== 1 && 'locations',
        1 + related.length > LIMITS.locationsPerResult && 'location count',
        regions.some(
          ({ artifactLocation, region: g }) => !artifactLocation.uri || ![g.startLine, g.startColumn, g.endLine, g.endColumn].every((n) => n >= 1),
        ) && 'region',
        // Every link in the message names a related location of the result.
        [...r.message.text.matchAll(/\]\((\d+)\)/g)].some(([, id]) => !ids.has(Number(id))) && 'links',
        !/^[0-9a-f]{32}$/.test(r.partialFingerprints[FINGERPRINT_KEY]) && 'fingerprint',
      ].filter(Boolean);
      check(bad.length === 0, `result ${i} (${r.ruleId}): ${bad.join(', ')}`);
    }
  }
  return problems;
}

describe("GitHub's documented properties and limits", () => {
  it.each([
    ['the broken example', [broken]],
    ['a plan past the results limit', [overLimit]],
    ['a finding past the locations limit', [inRoot('plan.yaml', diagnostic({ related: manyRelated(1_200) }))]],
  ])('hold for %s', (_, results) => expect(githubProblems(results[0] === overLimit ? overLimitReport : report(results))).toEqual([]));

  it('lists every rule and points each result at its rule', () => {
    const run = report([broken]).log.runs[0];
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(ALL_RULE_METAS.map((m) => m.id));
    expect(run.results).toHaveLength(broken.diagnostics.length);
  });

  it('puts the most severe first: errors, the highest security severity first among them, then warnings', () => {
    const { results, tool } = report([broken]).log.runs[0];
    const rank = (r: SarifResult) =>
      ['error', 'warning', 'note'].indexOf(r.level) * 100 - Number(tool.driver.rules[r.ruleIndex].properties['security-severity'] ?? 0);
    const ranks = results.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(results[0].ruleId).toBe('etcd-public');
  });

  it('says nothing about limits when everything fits', () => {
    const { log, notices } = report([broken]);
    expect(log.runs[0].invocations).toBeUndefined();
    expect(notices).toEqual([]);
  });

  it('keeps the 25,000 most severe results of a larger plan, and says what it left out, in the file and to the user', () => {
    const ids = overLimit.diagnostics.map((d) => d.ruleId);
    expect(ids.filter((id) => id === 'etcd-public' || id === 'address-outside-node-network')).toHaveLength(2);
    expect(ids).toHaveLength(2 * NAMELESS + 2);
    const { log, notices } = overLimitReport;
    const run = log.runs[0];
    expect(run.results).toHaveLength(LIMITS.resultsPerRun);
    expect(run.results[0].ruleId).toBe('etcd-public');
    // What is left out ranks below everything kept: the warning, and the last errors in plan order.
    expect(run.results.some((r) => r.level !== 'error')).toBe(false);
    const left = ids.length - LIMITS.resultsPerRun;
    const expected =
      `25,202 findings are more than the 25,000 results GitHub code scanning accepts in one run: this report holds the 25,000 most severe ` +
      `and leaves out ${left} (${left - 1} errors, 1 warning, 0 infos); code scanning shows 5,000 of them. Lint with a format that has no limit (--format json) to see all.`;
    expect(notices).toEqual([expected]);
    expect(run.invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [{ level: 'warning', message: { text: expected } }] }]);
  });

  it('leaves out the least severe findings when the file would be over the 10 MB GitHub accepts compressed', () => {
    // 20,000 messages of 704 characters that do not compress (base64 of hashes): about 14 MB gzip-compressed.
    const noise = (i: number) => Array.from({ length: 8 }, (_, k) => createHash('sha512').update(`${i}/${k}`).digest('base64')).join('');
    const many = Array.from({ length: 20_000 }, (_, i) => diagnostic({ message: noise(i), severity: i % 2 ? 'warning' : 'error' }));
    const big = report([inRoot('plan.yaml', ...many)]);
    const run = big.log.runs[0];
    expect(gzipSync(big.text).length).toBeLessThanOrEqual(LIMITS.gzipBytes);
    expect(run.results.length).toBeGreaterThan(5_000);
    expect(run.results.length).toBeLessThan(many.length);
    // The errors first, then as many warnings as fit.
    const errors = Math.min(run.results.length, 10_000);
    expect(run.results.map((r) => r.level)).toEqual([...Array<string>(errors).fill('error'), ...Array<string>(run.results.length - errors).fill('warning')]);
    const note = `the SARIF report is more than the 10,485,760 bytes (gzip-compressed) GitHub code scanning accepts in one file: it holds the ${run.results.length.toLocaleString('en-US')} most severe of 20,000 findings.`;
    expect(big.notices).toEqual([note]);
    expect(run.invocations![0].toolExecutionNotifications).toEqual([{ level: 'warning', message: { text: note } }]);
  });

  it('keeps the first 999 related locations of a finding that has more, with their links', () => {
    const { log, notices } = report([inRoot('plan.yaml', diagnostic({ related: manyRelated(1_200) }), diagnostic({ related: manyRelated(2) }))]);
    const [capped, small] = log.runs[0].results;
    expect(capped.relatedLocations).toHaveLength(LIMITS.locationsPerResult - 1);
    expect(capped.message.text).toMatch(/\[copy \\\[999\\\]\]\(999\)\)$/);
    expect(small.relatedLocations).toHaveLength(2);
    expect(notices).toEqual([
      '1 finding has more related locations than GitHub code scanning accepts (1,000 locations per result): each keeps its first 999, of which code scanning shows 100.',
    ]);
  });
});

describe('security alerts', () => {
  const rated = ALL_RULE_METAS.filter((m) => m.security);
  const rule = (id: string) => ALL_RULE_METAS.find((m) => m.id === id)!;
  const docsLine = (m: RuleMeta) =>
    `Code scanning: security severity **${m.security!.severity.toFixed(1)}** (${securityLevel(m.security!.severity)}): ${m.security!.reason}`;

  it('are the exposure rules: reachability that must not be, never a blocked flow or a hygiene rule', () => {
    expect(rated.map((m) => m.id).sort()).toEqual(
      ALL_RULE_METAS.filter((m) => m.category === 'exposure')
        .map((m) => m.id)
        .sort(),
    );
    for (const id of ['etcd-unreachable', 'apiserver-unreachable', 'kubelet-unreachable', 'cni-traffic-blocked', 'cidr-overlap', 'duplicate-hostname'])
      expect(rule(id).security, id).toBeUndefined();
  });

  it('rate etcd and the kubelet open to the internet critical, the API server high', () => {
    expect(securityLevel(rule('etcd-public').security!.severity)).toBe('critical');
    expect(securityLevel(rule('kubelet-public').security!.severity)).toBe('critical');
    expect(securityLevel(rule('apiserver-public').security!.severity)).toBe('high');
    expect(rule('etcd-public').security!.severity).toBeGreaterThan(rule('apiserver-public').security!.severity);
  });

  it("map to code scanning's levels at 9.0, 7.0 and 4.0", () => {
    expect([10, 9, 8.9, 7, 6.9, 4, 3.9, 0.1].map(securityLevel)).toEqual(['critical', 'critical', 'high', 'high', 'medium', 'medium', 'low', 'low']);
  });

  it('carry their score, level and reason in the rule docs, the code scanning page and the SARIF help', () => {
    const page = readFileSync(join(ROOT, 'docs', 'code-scanning.md'), 'utf8');
    const rules = report([]).log.runs[0].tool.driver.rules;
    for (const m of ALL_RULE_METAS) {
      const docs = join(ROOT, 'docs', 'rules', `${m.id}.md`);
      const text = existsSync(docs) ? readFileSync(docs, 'utf8') : '';
      const help = rules.find((r) => r.id === m.id)!.help.text;
      if (!m.security) {
        expect(text, m.id).not.toContain('Code scanning: security severity');
        expect(page, m.id).not.toContain(`| [\`${m.id}\`]`);
        expect(help, m.id).not.toContain('Security severity');
        continue;
      }
      expect(m.security.reason, m.id).toMatch(/^[a-z].*\.$/);
      expect(text, m.id).toContain(`\n${docsLine(m)}\n`);
      const score = m.security.severity.toFixed(1);
      expect(page, m.id).toContain(`| [\`${m.id}\`](rules/${m.id}.md) | ${score} | ${securityLevel(m.security.severity)} |`);
      expect(help, m.id).toContain(`Security severity ${score} (${securityLevel(m.security.severity)}): ${m.security.reason}`);
    }
  });
});

describe('fingerprints', () => {
  it('are unique, survive lines inserted above, and tell identical findings apart', () => {
    const before = report([broken]).log.runs[0].results;
    const after = report([lintFile(BROKEN, '\n\n\n' + readFileSync(BROKEN, 'utf8'))]).log.runs[0].results;
    expect(new Set(fingerprints(before)).size).toBe(before.length);
    expect(fingerprints(after)).toEqual(fingerprints(before));
    expect(after.map((r) => r.locations[0].physicalLocation.region.startLine)).toEqual(before.map((r) => r.locations[0].physicalLocation.region.startLine + 3));

    const twins = fingerprints(report([inRoot('plan.yaml', diagnostic(), diagnostic({ range: { start: pos(8, 5), end: pos(8, 9) } }))]).log.runs[0].results);
    expect(twins[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(twins[1]).not.toBe(twins[0]);
  });

  it('of unused directives survive blank lines inserted above them, and differ from one another', () => {
    const plan = (above: string) =>
      [
        'apiVersion: kube-netlint/v1',
        'kind: ClusterPlan',
        'spec:',
        above + '  nodes:',
        '    # kube-netlint-disable-next-line duplicate-mac',
        '    - {name: cp-1, roles: [control-plane], interfaces: [{name: eth0, addresses: [192.168.10.11/24]}]}',
        '    - {name: worker-1, interfaces: [{name: eth0, addresses: [192.168.10.21/24]}]} # kube-netlint-disable-line duplicate-mac',
        '    # kube-netlint-disable-next-line duplicate-mac',
        '    - {name: worker-2, interfaces: [{name: eth0, addresses: [192.168.10.22/24]}]}',
        '',
      ].join('\n');
    const unused = (above: string) =>
      report([lintFile(join(ROOT, 'plan.yaml'), plan(above))]).log.runs[0].results.filter((r) => r.ruleId === 'unused-directive');
    const before = unused('');
    const after = unused('\n'.repeat(5));
    expect(before).toHaveLength(3);
    expect(after.map((r) => r.locations[0].physicalLocation.region.startLine)).toEqual(before.map((r) => r.locations[0].physicalLocation.region.startLine + 5));
    expect(fingerprints(after)).toEqual(fingerprints(before));
    expect(new Set(fingerprints(before)).size).toBe(3);
  });

  it('hash no line or column a rule message names, whatever its wording', () => {
    const places = ALL_RULE_METAS.flatMap((m) =>
      Object.entries(m.messages).flatMap(([id, template]) =>
        [...template.matchAll(/\{(\w*(?:line|column)\w*)\}/gi)].length ? [{ rule: m.id, id, template }] : [],
      ),
    );
    for (const { rule, id, template } of places) {
      const fill = (n: number) => template.replace(/\{(\w+)\}/g, (_, key: string) => (/line|column/i.test(key) ? String(n) : key));
      expect(withoutPlaces(fill(12)), `${rule}/${id}`).toBe(withoutPlaces(fill(3456)));
    }
    expect(withoutPlaces('no duplicate-mac is reported on line 12; see lines 3-5, column 7')).toBe('no duplicate-mac is reported on line; see lines, column');
    // The wording unused-directive had: the line it covered, in the message.
    const directive = (line: number) =>
      fingerprints(
        report([
          inRoot(
            'plan.yaml',
            diagnostic({
              ruleId: 'unused-directive',
              messageId: 'unusedLine',
              message: `unused kube-netlint-disable-next-line directive: no duplicate-mac is reported on line ${line}`,
              range: { start: pos(line - 1, 5), end: pos(line - 1, 50) },
            }),
          ),
        ]).log.runs[0].results,
      );
    expect(directive(17)).toEqual(directive(12));
  });

  it('of a finding are the same whether or not the report had to be cut', () => {
    const all = overLimitReport.log.runs[0].results;
    const etcd = overLimit.diagnostics.filter((d) => d.ruleId === 'etcd-public');
    const alone = report([{ filePath: overLimit.filePath, diagnostics: etcd }]).log.runs[0].results;
    expect(fingerprints(alone)).toEqual(fingerprints(all.filter((r) => r.ruleId === 'etcd-public')));
  });
});

it('encodes paths as URIs relative to %SRCROOT%, or absolute file URLs outside the working directory', () => {
  const outside = join(ROOT, '..', 'elsewhere.yaml');
  const uris = report([inRoot('my plans/#1 100%.yaml', diagnostic()), { filePath: outside, diagnostics: [diagnostic()] }]).log.runs[0].results.map(
    (r) => r.locations[0].physicalLocation.artifactLocation,
  );
  expect(uris).toEqual([{ uri: 'my%20plans/%231%20100%25.yaml', uriBaseId: '%SRCROOT%' }, { uri: pathToFileURL(outside).href }]);
});

it('embeds related locations in the message as links to their ids', () => {
  const mac = report([broken]).log.runs[0].results.find((r) => r.ruleId === 'duplicate-mac')!;
  expect(mac.message.text).toMatch(/\(a cloned VM\?\) \(related: \[first used here\]\(1\)\)$/);
  expect(mac.relatedLocations).toMatchObject([{ id: 1, physicalLocation: { region: { startLine: 29 } } }]);
});

it('the CLI (built bin/kube-netlint.js) prints the note about what the report left out on stderr', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kube-netlint-sarif-'));
  writeFileSync(join(dir, 'plan.yaml'), OVER_LIMIT);
  const r = runCli(['--format', 'sarif', '-o', 'plan.sarif', 'plan.yaml'], { cwd: dir });
  const log = JSON.parse(readFileSync(join(dir, 'plan.sarif'), 'utf8')) as Log;
  rmSync(dir, { recursive: true });
  const [note] = log.runs[0].invocations![0].toolExecutionNotifications;
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr: `kube-netlint: ${note.message.text}\n` });
  expect(note.message.text).toMatch(/^25,202 findings are more than the 25,000 results/);
  expect(log.runs[0].results).toHaveLength(LIMITS.resultsPerRun);
  expect(log.runs[0].results[0].ruleId).toBe('etcd-public');
});
