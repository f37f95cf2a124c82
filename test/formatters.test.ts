// The CI formats (github, sarif, junit): each contract's edge cases, SARIF schema validity, exact golden
// output for the broken example, and the built CLI printing the same bytes. UPDATE_FIXTURES=1 rewrites
// the golden files under fixtures/formats/ for review.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { ALL_RULE_METAS } from '../src/linter';
import { lint } from '../src/linter';
import type { Diagnostic } from '../src/core/types';
import { formatGithub } from '../src/formatters/github';
import { formatJunit } from '../src/formatters/junit';
import { formatSarif } from '../src/formatters/sarif';
import { formatStylish } from '../src/formatters/stylish';
import type { FileResult, Formatter } from '../src/formatters/types';
import { packageVersion, ruleDocsUrl } from '../src/package-info';
import { parseSarif, type SarifResult } from './support/sarif';

const ROOT = join(__dirname, '..');
const BROKEN = join(ROOT, 'fixtures', 'examples', 'broken-plan.yaml');
const CLEAN = join(ROOT, 'fixtures', 'examples', 'ha-cluster.yaml');
// The official SARIF 2.1.0 schema (OASIS, errata01), kept in the repo so a clone anywhere can run the
// test, and pinned by its SHA-256: the project's shared copy (shared/schemas/) had this hash when it
// was copied, so an edited or replaced file fails here rather than quietly validating something else.
const SARIF_SCHEMA = join(__dirname, 'support', 'sarif-schema-2.1.0.json');
const SARIF_SCHEMA_ID = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SARIF_SCHEMA_SHA256 = 'c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e';
const context = { cwd: ROOT, color: false };

const lintFile = (filePath: string, text = readFileSync(filePath, 'utf8')): FileResult => ({ filePath, diagnostics: lint(text, { filePath }).diagnostics });
const broken = lintFile(BROKEN);

const pos = (line: number, column: number) => ({ line, column, offset: 0 });
/** A diagnostic for unit tests: duplicate-mac at 3:5-3:9 unless overridden. */
function diagnostic(over: Partial<Diagnostic> = {}): Diagnostic {
  return { ruleId: 'duplicate-mac', severity: 'error', message: 'm', range: { start: pos(3, 5), end: pos(3, 9) }, related: [], ...over };
}
const inRoot = (name: string, ...diagnostics: Diagnostic[]): FileResult => ({ filePath: join(ROOT, name), diagnostics });

describe('github', () => {
  const docs = ruleDocsUrl('duplicate-mac');

  it('prints one command per diagnostic, errors before warnings, then the summary', () => {
    const lines = formatGithub([broken], context).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.pop()).toBe('20 problems (17 errors, 3 warnings)');
    expect(lines).toHaveLength(broken.diagnostics.length);
    const commands = lines.map((l) => /^::(error|warning|notice) file=[^,]*,line=(\d+),/.exec(l)!.slice(1).join(' '));
    // Errors first, each level keeping the engine's order (the plan's warning on line 14 comes after every error).
    const bySeverity = (s: string) => broken.diagnostics.filter((d) => d.severity === s).map((d) => `${s} ${d.range.start.line}`);
    expect(commands).toEqual([...bySeverity('error'), ...bySeverity('warning')]);
    expect(broken.diagnostics.map((d) => d.severity)).not.toEqual(commands.map((c) => c.split(' ')[0]));
  });

  it('escapes data and properties as actions/toolkit does', () => {
    const d = diagnostic({ message: '100% sure,\nreally\r' });
    expect(formatGithub([inRoot('odd,dir:x/plan.yaml', d)], context)).toBe(
      `::error file=odd%2Cdir%3Ax/plan.yaml,line=3,col=5,endLine=3,endColumn=9,title=kube-netlint (duplicate-mac)` +
        `::odd,dir:x/plan.yaml:3:5: 100%25 sure,%0Areally%0D%0A  docs: ${docs}\n` +
        '1 problem (1 error, 0 warnings)\n',
    );
  });

  it('drops col and endColumn for multi-line ranges, maps info to notice and lists related locations', () => {
    const d = diagnostic({
      severity: 'info',
      range: { start: pos(3, 5), end: pos(5, 2) },
      related: [{ range: { start: pos(1, 7), end: pos(1, 9) }, message: 'first used here' }],
    });
    expect(formatGithub([inRoot('plan.yaml', d)], context).split('\n')[0]).toBe(
      `::notice file=plan.yaml,line=3,endLine=5,title=kube-netlint (duplicate-mac)::plan.yaml:3:5: m%0A  plan.yaml:1:7: first used here%0A  docs: ${docs}`,
    );
  });

  it('prints nothing for clean plans', () => {
    expect(formatGithub([lintFile(CLEAN)], context)).toBe('');
  });
});

describe('sarif', () => {
  const sarif = (results: FileResult[]) => parseSarif(formatSarif(results, context)).runs[0];
  const fingerprints = (results: SarifResult[]) => results.map((r) => r.partialFingerprints['kubeNetlint/v1']);

  const ajv = new Ajv04({ allErrors: true });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => /^[\w\-.~:/?#[\]@!$&'()*+,;=%]*$/.test(s) && URL.canParse(s, 'file:///'));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  const schemaBytes = readFileSync(SARIF_SCHEMA);
  const schema = JSON.parse(schemaBytes.toString('utf8')) as { id: string; $schema: string };
  const validate = ajv.compile(schema);

  it('validates against the official SARIF 2.1.0 schema, byte for byte', () => {
    expect([schema.id, schema.$schema]).toEqual([SARIF_SCHEMA_ID, 'http://json-schema.org/draft-04/schema#']);
    expect(createHash('sha256').update(schemaBytes).digest('hex')).toBe(SARIF_SCHEMA_SHA256);
  });

  it.each([
    ['the broken example', [broken]],
    ['a clean plan', [lintFile(CLEAN)]],
    ['no files', []],
    ['awkward paths', [inRoot('my plans/#1 100%.yaml', diagnostic()), { filePath: join(ROOT, '..', 'elsewhere.yaml'), diagnostics: [diagnostic()] }]],
  ])('validates against the SARIF 2.1.0 schema: %s', (_, results) => {
    const valid = validate(JSON.parse(formatSarif(results, context)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('lists every rule and points each result at its rule', () => {
    const run = sarif([broken]);
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(ALL_RULE_METAS.map((m) => m.id));
    expect(run.results).toHaveLength(broken.diagnostics.length);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('embeds related locations in the message as links to their ids', () => {
    const mac = sarif([broken]).results.find((r) => r.ruleId === 'duplicate-mac')!;
    expect(mac.message.text).toMatch(/\(a cloned VM\?\) \(related: \[first used here\]\(1\)\)$/);
    expect(mac.relatedLocations).toMatchObject([{ id: 1, physicalLocation: { region: { startLine: 29 } } }]);
  });

  it('encodes paths as URIs relative to %SRCROOT%, or absolute file URLs outside the working directory', () => {
    const outside = join(ROOT, '..', 'elsewhere.yaml');
    const uris = sarif([inRoot('my plans/#1 100%.yaml', diagnostic()), { filePath: outside, diagnostics: [diagnostic()] }]).results.map(
      (r) => r.locations[0].physicalLocation.artifactLocation,
    );
    expect(uris).toEqual([{ uri: 'my%20plans/%231%20100%25.yaml', uriBaseId: '%SRCROOT%' }, { uri: pathToFileURL(outside).href }]);
  });

  it('gives unique fingerprints that survive lines inserted above, and tells identical findings apart', () => {
    const before = sarif([broken]).results;
    const after = sarif([lintFile(BROKEN, '\n\n\n' + readFileSync(BROKEN, 'utf8'))]).results;
    expect(new Set(fingerprints(before)).size).toBe(before.length);
    expect(fingerprints(after)).toEqual(fingerprints(before));
    expect(after.map((r) => r.locations[0].physicalLocation.region.startLine)).toEqual(before.map((r) => r.locations[0].physicalLocation.region.startLine + 3));

    const twins = fingerprints(sarif([inRoot('plan.yaml', diagnostic(), diagnostic({ range: { start: pos(8, 5), end: pos(8, 9) } }))]).results);
    expect(twins[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(twins[1]).not.toBe(twins[0]);
  });
});

describe('junit', () => {
  const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  const decodeAttr = (s: string) => s.replace(/&(\w+|#\d+);/g, (_, e: string) => (e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e]));
  const decodeCdata = (s: string) => s.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');

  /**
   * A minimal well-formedness check: only XML characters, one root element, balanced tags, quoted
   * attributes, known entities, no stray `<` or `&`, CDATA sections closed.
   */
  function expectWellFormed(xml: string): void {
    expect(xml).not.toMatch(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
    const body = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
    const TOKEN = /<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|[^<]+/y;
    const BAD_AMP = /&(?!(?:amp|lt|gt|quot|apos|#\d+);)/;
    const stack: string[] = [];
    let roots = 0;
    for (let m: RegExpExecArray | null; TOKEN.lastIndex < body.length;) {
      const at = TOKEN.lastIndex;
      m = TOKEN.exec(body);
      if (!m) throw new Error(`not well-formed at offset ${at}: ${body.slice(at, at + 40)}`);
      const [token, close, name, attrs, selfClosing] = m;
      if (!name) {
        expect(token.startsWith('<![CDATA[') || !BAD_AMP.test(token), token).toBe(true);
        if (stack.length === 0) expect(token.trim(), 'text outside the root').toBe('');
        continue;
      }
      expect(BAD_AMP.test(attrs), attrs).toBe(false);
      if (close) {
        expect(stack.pop(), `</${name}>`).toBe(name);
        continue;
      }
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(name);
    }
    expect(stack).toEqual([]);
    expect(roots).toBe(1);
  }

  it('is well-formed, with one failing testcase per diagnostic', () => {
    const xml = formatJunit([broken, lintFile(CLEAN)], context);
    expectWellFormed(xml);
    expect(xml.match(/<failure /g)).toHaveLength(broken.diagnostics.length);
    expect(xml).toContain(`<testsuites name="kube-netlint" tests="${broken.diagnostics.length + 1}" failures="${broken.diagnostics.length}" errors="0">`);
  });

  it('gives a clean file one passing testcase, and no files an empty but well-formed report', () => {
    const xml = formatJunit([lintFile(CLEAN)], context);
    expectWellFormed(xml);
    expect(xml).toContain(
      '  <testsuite name="fixtures/examples/ha-cluster.yaml" tests="1" failures="0" errors="0" skipped="0">\n' +
        '    <testcase name="kube-netlint" classname="fixtures/examples/ha-cluster.yaml"/>\n' +
        '  </testsuite>',
    );
    expectWellFormed(formatJunit([], context));
  });

  it('splits every ]]> in CDATA, escapes attributes and drops XML-illegal control characters', () => {
    const message = 'a]]>b]]]>c <&> "q" \'s\'\u0000\u0007\u001b\ud800 end\tok';
    const xml = formatJunit([inRoot('plan.yaml', diagnostic({ message }))], context);
    expectWellFormed(xml);
    const clean = 'a]]>b]]]>c <&> "q" \'s\' end\tok';
    const [, attr, cdata] = /<failure message="([^"]*)" type="error">(.*)<\/failure>/.exec(xml)!;
    expect(decodeAttr(attr)).toBe(clean);
    expect(cdata.match(/<!\[CDATA\[/g)).toHaveLength(3);
    expect(decodeCdata(cdata)).toBe(`plan.yaml:3:5 ${clean} [duplicate-mac]`);
  });
});

// The SARIF driver names the version and the %SRCROOT% file URL, which differ between releases and
// checkouts: the golden files hold placeholders instead.
const portable = (text: string) =>
  text.replaceAll(JSON.stringify(pathToFileURL(ROOT).href + '/'), '"{{ROOT_URL}}"').replaceAll(JSON.stringify(packageVersion()), '"{{VERSION}}"');

const GOLDEN: [format: string, formatter: Formatter, file: string][] = [
  ['github', formatGithub, 'broken-plan.github.txt'],
  ['sarif', formatSarif, 'broken-plan.sarif.json'],
  ['junit', formatJunit, 'broken-plan.junit.xml'],
];
const goldenPath = (file: string) => join(ROOT, 'fixtures', 'formats', file);

describe.each(GOLDEN)('%s golden output of the broken example', (format, formatter, file) => {
  it('matches the formatter', () => {
    const actual = portable(formatter([broken], context));
    if (process.env.UPDATE_FIXTURES && (!existsSync(goldenPath(file)) || readFileSync(goldenPath(file), 'utf8') !== actual))
      writeFileSync(goldenPath(file), actual);
    expect(actual).toBe(readFileSync(goldenPath(file), 'utf8'));
  });

  it('matches the CLI (built bin/kube-netlint.js), which exits 1', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'kube-netlint.js'), '--format', format, 'fixtures/examples/broken-plan.yaml'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect({ code: r.status, stderr: r.stderr }).toEqual({ code: 1, stderr: '' });
    expect(portable(r.stdout)).toBe(readFileSync(goldenPath(file), 'utf8'));
  });
});

describe('control characters from plans and file names (audit row 58)', () => {
  // ESC ] 0 ; … BEL sets a terminal's title; ESC [ 2 J clears the screen; U+009B is the C1 form of ESC [.
  const hostile = diagnostic({
    message: 'node "a\x1b]0;owned\x07b\x9b2J"\tnext',
    related: [{ range: { start: pos(1, 1), end: pos(1, 2) }, message: 'see\x1b[2J' }],
  });
  const escaped = 'node "a\\x1b]0;owned\\x07b\\x9b2J"\tnext';

  it('are written as \\xHH in stylish output, tabs kept, a line break in a name too', () => {
    const out = formatStylish([inRoot('e\x1bvil\nname.yaml', hostile)], context);
    // eslint-disable-next-line no-control-regex -- it looks for the control characters the output must not carry
    expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(out).toContain(escaped);
    expect(out).toContain('see\\x1b[2J');
    expect(out).toContain('e\\x1bvil\\x0aname.yaml');
  });

  it('are written as \\xHH in github workflow commands, whose own line breaks stay %0A', () => {
    const out = formatGithub([inRoot('e\x1bvil.yaml', hostile)], context);
    // eslint-disable-next-line no-control-regex -- it looks for the control characters the output must not carry
    expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(out).toContain(`e\\x1bvil.yaml:3:5: ${escaped}%0A  e\\x1bvil.yaml:1:1: see\\x1b[2J%0A`);
    expect(out).toMatch(/^::error file=e\\x1bvil.yaml,line=3,/);
  });
});
