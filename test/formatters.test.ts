// The CI formats (github, sarif, junit): each contract's edge cases (SARIF's in test/sarif.test.ts), exact golden
// output for the broken example, and the built CLI printing the same bytes. UPDATE_FIXTURES=1 rewrites
// the golden files under fixtures/formats/ for review.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatGithub } from '../src/formatters/github';
import { formatJunit } from '../src/formatters/junit';
import { formatSarif } from '../src/formatters/sarif';
import { formatStylish } from '../src/formatters/stylish';
import type { Formatter } from '../src/formatters/types';
import { packageVersion, ruleDocsUrl } from '../src/package-info';
import { BROKEN, context, diagnostic, inRoot, lintFile, pos, ROOT } from './support/findings';

const CLEAN = join(ROOT, 'fixtures', 'examples', 'ha-cluster.yaml');

const broken = lintFile(BROKEN);

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
