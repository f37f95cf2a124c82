// The CLI as users run it: the built binary in a child process, checked by exit code and output.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';
import { ALL_RULE_METAS } from '../src/linter';
import { BIN, BROKEN, CLEAN, ROOT, run } from './support/cli-process';
import { parseJsonReport } from './support/json-report';
import { stringContaining, stringMatching } from './support/matchers';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'knl-cli-'));
});

describe('kube-netlint (process)', () => {
  it('prints nothing and exits 0 for the clean example', () => {
    expect(run([CLEAN])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('reports the broken example with rule ids and exact lines, exit 1', () => {
    const r = run(['fixtures/examples/broken-plan.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('fixtures/examples/broken-plan.yaml');
    expect(r.stdout).toMatch(/^ {2}10:13 {2}error {4}the default pod CIDR of calico \(192\.168\.0\.0\/16\).*cidr-overlap$/m);
    expect(r.stdout).toMatch(/^ {2}35:16 {2}error {4}MAC "52:54:00:AA:CC:01" .*duplicate-mac$/m);
    expect(r.stdout).toMatch(/↳ 29:16 {2}first used here/);
    expect(r.stdout).toMatch(/✖ \d+ problems \(\d+ errors, \d+ warnings\)/);
  });

  it('prints ESLint-shaped JSON with exact ranges and related locations', () => {
    const r = run(['--format', 'json', BROKEN]);
    expect(r.code).toBe(1);
    const [result] = parseJsonReport(r.stdout);
    expect(result.filePath).toBe(BROKEN);
    expect(result.errorCount).toBe(result.messages.filter((m) => m.severity === 2).length);
    const mac = result.messages.find((m) => m.ruleId === 'duplicate-mac');
    expect(mac).toMatchObject({ severity: 2, level: 'error', line: 35, column: 16, endLine: 35, endColumn: 35 });
    expect(mac!.related).toEqual([{ message: 'first used here', line: 29, column: 16, endLine: 29, endColumn: 35 }]);
    const hostBits = result.messages.find((m) => m.ruleId === 'cidr-host-bits');
    expect(hostBits).toMatchObject({ severity: 1, level: 'warning', fix: { text: '10.20.0.0/16' } });
  });

  it('searches directories for plans and skips everything else silently', () => {
    const dir = join(tmp, 'repo');
    mkdirSync(join(dir, 'plans'), { recursive: true });
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    mkdirSync(join(dir, '.git'), { recursive: true });
    const broken = readFileSync(BROKEN, 'utf8');
    writeFileSync(join(dir, 'plans', 'a.yaml'), broken);
    writeFileSync(join(dir, 'plans', 'b.yml'), readFileSync(CLEAN, 'utf8'));
    writeFileSync(join(dir, 'plans', 'deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\n');
    writeFileSync(join(dir, 'plans', 'notes.txt'), broken);
    writeFileSync(join(dir, 'node_modules', 'x', 'plan.yaml'), broken);
    writeFileSync(join(dir, '.git', 'plan.yaml'), broken);
    const r = run(['--format', 'json', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(parseJsonReport(r.stdout).map((x) => x.filePath)).toEqual([join(dir, 'plans', 'a.yaml'), join(dir, 'plans', 'b.yml')]);
  });

  it('expands globs the shell left alone', () => {
    const r = run(['--format', 'json', 'fixtures/examples/*.yaml']);
    expect(parseJsonReport(r.stdout).map((x) => x.filePath)).toEqual([BROKEN, CLEAN]);
    expect(run(['nothing/*.yaml'])).toMatchObject({ code: 2, stderr: 'kube-netlint: no files matching the pattern "nothing/*.yaml" were found\n' });
  });

  it('skips a named file that is not a plan with a one-line notice', () => {
    const r = run(['package.json']);
    expect(r).toEqual({
      code: 0,
      stdout: '',
      stderr: 'kube-netlint: skipping package.json: not a cluster plan (no ClusterPlan or inventory kube-netlint reads; see --input-format)\n',
    });
    expect(run(['--quiet', 'package.json'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('reads an inventory by its content, a file of any content as --input-format says, and skips templates', () => {
    const talconfig = join(tmp, 'talconfig.yaml');
    writeFileSync(
      talconfig,
      'clusterName: lab\nclusterPodNets: [10.42.0.0/16]\nnodes:\n  - hostname: cp-1\n    ipAddress: 10.42.0.5\n    controlPlane: true\n',
    );
    expect(run([talconfig])).toMatchObject({ code: 1, stdout: stringMatching(/^ {2}5:16 {2}error .*node-address-in-cluster-cidr$/m) });
    // Without a hostname, detection passes the file by; the flag reads it anyway.
    const bare = join(tmp, 'bare-talconfig.yaml');
    writeFileSync(bare, 'clusterName: lab\nclusterPodNets: [10.42.0.0/16]\nnodes:\n  - ipAddress: 10.42.0.5\n');
    expect(run([bare])).toMatchObject({ code: 0, stdout: '', stderr: stringContaining('not a cluster plan') });
    expect(run(['--input-format', 'talhelper', bare])).toMatchObject({ code: 1, stdout: stringContaining('node-address-in-cluster-cidr') });
    expect(run(['--input-format', 'netbox', bare])).toMatchObject({
      code: 2,
      stderr: stringContaining('unknown input format "netbox" (expected one of: clusterplan, talhelper, '),
    });
    // A firewall script under a name detection passes by: the flag reads it, here for a plan that imports it.
    writeFileSync(join(tmp, 'fw.txt'), 'firewall-cmd --permanent --add-port=2379-2380/tcp\n');
    expect(run(['--input-format', 'firewalld', join(tmp, 'fw.txt')])).toMatchObject({ code: 0, stderr: '' });
    expect(run([join(tmp, 'fw.txt')])).toMatchObject({ code: 0, stderr: stringContaining('not a cluster plan') });
    const template = join(tmp, 'talconfig.yaml.j2');
    writeFileSync(template, 'clusterName: #{ name }#\nnodes:\n  #% for n in nodes %#\n  - hostname: #{ n }#\n  #% endfor %#\n');
    expect(run([template])).toEqual({ code: 0, stdout: '', stderr: `kube-netlint: skipping ${template}: a template; lint the file it renders\n` });
  });

  it('lints standard input under --stdin-filename', () => {
    const r = run(['--stdin', '--stdin-filename', 'plans/prod.yaml', '--format', 'json'], { input: readFileSync(BROKEN) });
    expect(r.code).toBe(1);
    expect(parseJsonReport(r.stdout)[0].filePath).toBe(join(ROOT, 'plans', 'prod.yaml'));
  });

  it('applies --rule severities', () => {
    const r = run(['--format', 'json', '--rule', 'cidr-overlap=off', '--rule', 'service-cidr-size=warning', BROKEN]);
    const ids = parseJsonReport(r.stdout)[0].messages.map((m) => `${m.ruleId}:${m.level}`);
    expect(ids).not.toContain('cidr-overlap:error');
    expect(ids).toContain('service-cidr-size:warning');
  });

  it('shows errors only with --quiet, and fails on too many warnings with --max-warnings', () => {
    const quiet = run(['-q', '-f', 'json', BROKEN]);
    expect(quiet.code).toBe(1);
    expect(parseJsonReport(quiet.stdout)[0].messages.every((m) => m.level === 'error')).toBe(true);
    const plan = join(tmp, 'warnings.yaml');
    writeFileSync(plan, readFileSync(CLEAN, 'utf8').replace('trusted: [10.20.0.0/16]', 'trusted: [10.20.1.0/16, 10.30.1.0/16]'));
    expect(run([plan]).code).toBe(0);
    expect(run(['--max-warnings', '2', plan]).code).toBe(0);
    expect(run(['--max-warnings', '1', plan])).toMatchObject({ code: 1, stderr: 'kube-netlint: 2 warnings found, more than --max-warnings 1\n' });
  });

  it('honours suppression comments unless --no-inline-config', () => {
    const plan = join(tmp, 'suppressed.yaml');
    const text = readFileSync(CLEAN, 'utf8').replace(
      'trusted: [10.20.0.0/16]',
      'trusted: [10.20.1.0/16]  # kube-netlint-disable-line cidr-host-bits -- as the firewall team wrote it',
    );
    writeFileSync(plan, text);
    expect(run([plan])).toEqual({ code: 0, stdout: '', stderr: '' });
    const strict = run(['--no-inline-config', '-f', 'json', plan]);
    expect(parseJsonReport(strict.stdout)[0].messages.map((m) => m.ruleId)).toEqual(['cidr-host-bits']);
  });

  it("prints a rule's docs page with --explain", () => {
    const r = run(['--explain', 'duplicate-mac']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'docs', 'rules', 'duplicate-mac.md'), 'utf8'));
  });

  it('explains every rule (in process, one page each)', async () => {
    for (const { id } of ALL_RULE_METAS) {
      let out = '';
      const stdout = Object.assign(new PassThrough(), { isTTY: false });
      stdout.on('data', (c: Buffer) => (out += c.toString()));
      const code = await main(['--explain', id], { cwd: ROOT, stdout, stderr: new PassThrough(), readStdin: () => ({ bytes: Buffer.alloc(0) }), env: {} });
      expect(code, id).toBe(0);
      expect(out, id).toBe(readFileSync(join(ROOT, 'docs', 'rules', `${id}.md`), 'utf8'));
    }
  });

  it('stops quietly when the reader closes the pipe early', () => {
    const big = join(tmp, 'big.yaml');
    writeFileSync(
      big,
      `apiVersion: kube-netlint/v1\nkind: ClusterPlan\nspec:\n  nodes:\n${Array.from({ length: 20000 }, (_, i) => `    - name: W_${i}\n`).join('')}`,
    );
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" -f json "${big}" | head -c 10`], { encoding: 'utf8' });
    expect(r.stdout).toBe('[{"filePat');
    expect(r.stderr).toBe('');
  });

  it('reads the nearest .kube-netlint.yaml, or the one given with --config, and exits 2 on a bad one', () => {
    const dir = join(ROOT, 'fixtures', 'config', 'severities');
    const r = run(['-f', 'json', '.'], { cwd: dir });
    const [result] = parseJsonReport(r.stdout);
    expect(result.filePath).toBe(join(dir, 'plan.yaml'));
    expect(result.messages.map((m) => `${m.ruleId}:${m.level}`)).toEqual([
      'no-firewall:info',
      'cidr-overlap:warning',
      'cidr-host-bits:error',
      'invalid-hostname:info',
    ]);
    expect(run(['legacy/old.yaml'], { cwd: dir })).toEqual({
      code: 0,
      stdout: '',
      stderr: 'kube-netlint: skipping legacy/old.yaml: ignored by .kube-netlint.yaml\n',
    });
    expect(run(['--rule', 'cidr-host-bits=off', '-f', 'json', 'plan.yaml'], { cwd: dir }).code).toBe(0);
    const bad = join(ROOT, 'fixtures', 'config', 'invalid', 'typos.yaml');
    const b = run(['--config', bad, CLEAN]);
    expect(b.code).toBe(2);
    expect(b.stdout).toBe('');
    expect(b.stderr.split('\n')[0]).toBe(`kube-netlint: ${bad}:3:3: unknown rule "cidr-overlapp"; did you mean "cidr-overlap"?`);
  });

  it('applies safe fixes with --fix, unsafe ones only with --unsafe-fixes, keeping comments', () => {
    const plan = join(tmp, 'fixme.yaml');
    const original = readFileSync(join(ROOT, 'fixtures', 'cidr-host-bits', 'invalid', 'host-bits.yaml'), 'utf8');
    writeFileSync(plan, original);
    expect(run(['--fix', plan]).code).toBe(0);
    expect(readFileSync(plan, 'utf8')).toBe(original);
    const fixedRun = run(['--fix', '--unsafe-fixes', plan]);
    expect(fixedRun.code).toBe(0);
    expect(fixedRun.stdout).not.toContain('cidr-host-bits');
    expect(readFileSync(plan, 'utf8')).toBe(readFileSync(join(ROOT, 'fixtures', 'cidr-host-bits', 'invalid', 'host-bits.fixed.yaml'), 'utf8'));

    const stale = join(tmp, 'stale.yaml');
    writeFileSync(stale, readFileSync(join(ROOT, 'fixtures', 'unused-directive', 'invalid', 'stale.yaml'), 'utf8'));
    const r = run(['--fix', '-f', 'json', stale]);
    expect(parseJsonReport(r.stdout)[0].messages.map((m) => m.ruleId)).not.toContain('unused-directive');
    expect(readFileSync(stale, 'utf8')).toBe(readFileSync(join(ROOT, 'fixtures', 'unused-directive', 'invalid', 'stale.fixed.yaml'), 'utf8'));
    expect(run(['--unsafe-fixes', plan])).toMatchObject({ code: 2, stderr: 'kube-netlint: --unsafe-fixes needs --fix\n' });
  });

  it('writes the report to --output-file', () => {
    const out = join(tmp, 'report.json');
    expect(run(['-f', 'json', '-o', out, BROKEN])).toMatchObject({ code: 1, stdout: '' });
    expect(parseJsonReport(readFileSync(out, 'utf8'))[0].filePath).toBe(BROKEN);
  });

  it.each([
    [['missing.yaml'], 'kube-netlint: no such file or directory: missing.yaml\n'],
    [['--bogus', CLEAN], "kube-netlint: Unknown option '--bogus'\n"],
    [['--format', 'xml', CLEAN], 'kube-netlint: unknown format "xml" (expected one of: stylish, json, github, sarif, junit, markdown)\n'],
    [['--rule', 'no-such-rule=off', CLEAN], 'kube-netlint: unknown rule "no-such-rule" in --rule (see --list-rules)\n'],
    [[], 'kube-netlint: no files given (see --help)\n'],
    [['--explain', 'nope'], 'kube-netlint: unknown rule "nope" in --explain (see --list-rules)\n'],
    [['--max-warnings', 'x', CLEAN], 'kube-netlint: --max-warnings expects a whole number, or -1 for no limit, got "x"\n'],
    [['--max-file-size', '0', CLEAN], 'kube-netlint: --max-file-size expects a size in MB above 0, got "0"\n'],
    [['--time-budget', '1.5', CLEAN], 'kube-netlint: --time-budget expects whole milliseconds of at least 1, got "1.5"\n'],
    [['-o', 'package.json/dir/x.json', CLEAN], 'kube-netlint: cannot write package.json/dir/x.json: ENOTDIR\n'],
  ])('exits 2 with one line for usage errors: %j', (args, message) => {
    expect(run(args)).toEqual({ code: 2, stdout: '', stderr: message });
  });

  it('gives binary junk a clean exit-2 message, and broken or hostile plans a diagnostic', () => {
    const junk = join(tmp, 'junk.yaml');
    writeFileSync(junk, Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x00, 0xff, 0xfe, 0x01, 0x02]));
    expect(run([junk])).toEqual({
      code: 2,
      stdout: '',
      stderr: `kube-netlint: ${junk}: the file is binary (it contains NUL bytes), not a YAML or JSON plan\n`,
    });

    const truncated = join(tmp, 'truncated.yaml');
    const clean = readFileSync(CLEAN, 'utf8');
    writeFileSync(truncated, clean.slice(0, clean.indexOf('[192.168.10.0/24]') + 10));
    const t = run(['-f', 'json', truncated]);
    expect(t.code).toBe(1);
    expect(parseJsonReport(t.stdout)[0].messages[0]).toMatchObject({ ruleId: 'yaml-syntax', fatal: true });

    const bomb = run(['-f', 'json', 'fixtures/yaml-syntax/invalid/alias-bomb.yaml']);
    expect(bomb.code).toBe(1);
    // At the heaviest alias, as fixtures/yaml-syntax/invalid/alias-bomb.expected says.
    expect(parseJsonReport(bomb.stdout)[0].messages[0]).toMatchObject({ ruleId: 'yaml-syntax', line: 9, column: 8 });

    const empty = join(tmp, 'empty.yaml');
    writeFileSync(empty, '');
    expect(run([empty])).toMatchObject({ code: 0, stdout: '', stderr: stringContaining('not a cluster plan') });
    // A BOM is not a column: the findings of a file saved with one are where they are without it.
    const withBom = join(tmp, 'bom.yaml');
    writeFileSync(withBom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(BROKEN)]));
    const positions = (file: string) => parseJsonReport(run(['-f', 'json', file]).stdout)[0].messages.map((m) => `${m.line}:${m.column}`);
    expect(positions(withBom)).toEqual(positions(BROKEN));
    const latin1 = join(tmp, 'latin1.yaml');
    writeFileSync(latin1, Buffer.from('kind: ClusterPlan # caf\xe9\n', 'latin1'));
    expect(run([latin1])).toMatchObject({ code: 2, stderr: stringContaining('not valid UTF-8') });
  });

  it('reports a plan over the size limit from its beginning alone, and stops past the time budget', () => {
    // 23 MB with a NUL byte past the first 64 KB: only the beginning is read (a whole read would find
    // the file binary, as it does below under a larger limit).
    const huge = join(tmp, 'huge.yaml');
    const description = 'é'.repeat(6_000_000);
    writeFileSync(huge, `apiVersion: kube-netlint/v1\nkind: ClusterPlan\nmetadata: {description: "${description}\u0000${description}"}\n`);
    const r = run(['-f', 'json', huge]);
    expect(r.code).toBe(1);
    expect(parseJsonReport(r.stdout)[0].messages).toEqual([
      expect.objectContaining({
        ruleId: 'resource-limit',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 28,
        message: stringMatching(/^the file is 22\.89 MB, larger than the limit of 20 MB/),
      }),
    ]);
    // The limit is configurable, from the command line or the configuration (fixtures/resource-limit has 0.001 MB).
    expect(run(['--max-file-size', '30', huge])).toMatchObject({ code: 2, stderr: stringContaining('the file is binary') });
    expect(parseJsonReport(run(['-f', 'json', '--max-file-size', '0.001', CLEAN]).stdout)[0].messages.map((m) => m.ruleId)).toEqual(['resource-limit']);
    const configured = run(['-f', 'json', 'fixtures/resource-limit/invalid/large-plan.yaml']);
    expect(parseJsonReport(configured.stdout)[0].messages[0].message).toMatch(/^the file is 1\.4 KB, larger than the limit of 1\.0 KB/);

    const budget = run(['-f', 'json', '--time-budget', '1', CLEAN]);
    expect(budget.code).toBe(1);
    expect(parseJsonReport(budget.stdout)[0].messages).toEqual([
      expect.objectContaining({ ruleId: 'resource-limit', message: stringMatching(/past the time budget of 1 ms/) }),
    ]);
  });

  it('judges an oversized file as the whole text would be judged: a plan after its beginning, a BOM, the exact bytes', () => {
    // The plan is the second document, past the first 64 KB: still a plan over the limit, found from a
    // directory too, never skipped as "not a plan".
    const dir = join(tmp, 'late-plan');
    mkdirSync(dir);
    const late = join(dir, 'late.yaml');
    writeFileSync(
      late,
      `apiVersion: v1\nkind: ConfigMap\ndata: {blob: "${'x'.repeat(80_000)}"}\n---\napiVersion: kube-netlint/v1\nkind: ClusterPlan\nspec: {}\n`,
    );
    for (const target of [late, dir]) {
      const r = run(['-f', 'json', '--max-file-size', '0.01', target]);
      expect(r.code, r.stderr).toBe(1);
      expect(parseJsonReport(r.stdout)[0].messages.map((m) => m.ruleId)).toEqual(['resource-limit']);
    }
    // The limit counts the text, as the language server sees it: a BOM is not part of it.
    const limit = 0.001 * 1024 * 1024; // 1,048.576 bytes
    const plan = `apiVersion: kube-netlint/v1\nkind: ClusterPlan\nmetadata: {description: "${'x'.repeat(1000)}"}\nspec: {}\n`;
    const fitting = plan.replace('x'.repeat(1000), 'x'.repeat(1000 - (plan.length - Math.floor(limit))));
    expect(Buffer.byteLength(fitting)).toBe(1048);
    const withBom = join(tmp, 'fits-with-bom.yaml');
    writeFileSync(withBom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(fitting)]));
    expect(parseJsonReport(run(['-f', 'json', '--max-file-size', '0.001', withBom]).stdout)[0].messages).toEqual([]);
    // A BOM does not push a text that fits over the limit, nor hide a kind line on the first line.
    const fits = join(tmp, 'fits-100k.yaml');
    const big = `${plan.slice(0, plan.indexOf('x'))}${'x'.repeat(Math.floor(0.1 * 1024 * 1024) - (plan.length - 1000))}${plan.slice(plan.indexOf('x') + 1000)}`;
    expect(Buffer.byteLength(big)).toBe(Math.floor(0.1 * 1024 * 1024));
    writeFileSync(fits, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(big)]));
    expect(parseJsonReport(run(['-f', 'json', '--max-file-size', '0.1', fits]).stdout)[0].messages).toEqual([]);
    const bomFirst = join(tmp, 'bom-first.yaml');
    writeFileSync(
      bomFirst,
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(`kind: ClusterPlan\napiVersion: kube-netlint/v1\nmetadata: {description: "${'x'.repeat(200_000)}"}\n`),
      ]),
    );
    expect(parseJsonReport(run(['-f', 'json', '--max-file-size', '0.1', bomFirst]).stdout)[0].messages.map((m) => m.ruleId)).toEqual(['resource-limit']);
    // Lines ended by a lone CR are lines too; a kind line cut by the scan's chunk boundary is not a plan's.
    const cr = join(tmp, 'cr.yaml');
    writeFileSync(
      cr,
      `apiVersion: v1\rkind: ConfigMap\rdata: {blob: "${'x'.repeat(1_200_000)}"}\r---\rapiVersion: kube-netlint/v1\rkind: ClusterPlan\rspec: {}\r`,
    );
    expect(parseJsonReport(run(['-f', 'json', '--max-file-size', '1', cr]).stdout)[0].messages.map((m) => m.ruleId)).toEqual(['resource-limit']);
    const template = join(tmp, 'template.yaml');
    const before = `apiVersion: v1\nkind: ConfigMap\ndata: {blob: "${'x'.repeat(1024 * 1024 - 100)}"}\n---\napiVersion: example/v1\n`;
    const padded = before.replace('"}', `${'x'.repeat(1024 * 1024 - before.length - 'kind: ClusterPlan'.length)}"}`);
    writeFileSync(template, `${padded}kind: ClusterPlanTemplate\nspec: {blob: "${'y'.repeat(200_000)}"}\n`);
    expect(Buffer.byteLength(padded) + 'kind: ClusterPlan'.length).toBe(1024 * 1024);
    expect(run(['--max-file-size', '1', template])).toMatchObject({ code: 0, stderr: stringContaining('not a cluster plan') });

    // One byte over: the sizes round alike in KB, so the message gives bytes.
    const over = join(tmp, 'one-over.yaml');
    writeFileSync(over, fitting.replace('xx', 'xxx'));
    expect(parseJsonReport(run(['-f', 'json', '--max-file-size', '0.001', over]).stdout)[0].messages[0].message).toMatch(
      /^the file is 1,049 bytes, larger than the limit of 1,048 bytes/,
    );
  });

  it('cannot reach the network or run code from a plan: the bundle loads no such module and compiles no code', () => {
    const bundle = readFileSync(join(ROOT, 'dist', 'kube-netlint.js'), 'utf8');
    const required = new Set([...bundle.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1].replace(/^node:/, '')));
    // ajv's runtime `equal` appears only as the text of its own code snippet, not as a call.
    required.delete('ajv/dist/runtime/equal');
    // zlib: the SARIF formatter measures its report as GitHub's upload does (gzip).
    expect([...required].sort()).toEqual(['buffer', 'crypto', 'fs', 'path', 'process', 'url', 'util', 'zlib']);
    expect(bundle).not.toMatch(/\bnew Function\b|\beval\(/);
  });

  it('prints --version, --help and --list-rules', () => {
    expect(run(['--version']).stdout.trim()).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    expect(run(['--help']).stdout).toContain('Usage: kube-netlint');
    const list = run(['--list-rules']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^duplicate-mac\s+error\s+One MAC address/m);
  });

  it('has the habits of ESLint: warn, - for standard input, --max-warnings -1, -o makes its folders, JSON rule lists, did you mean', () => {
    // `warn` is `warning`, on the command line and in a configuration.
    const warned = run(['--format', 'json', '--rule', 'cidr-overlap=warn', BROKEN]);
    const messages = parseJsonReport(warned.stdout)[0].messages.filter((m) => m.ruleId === 'cidr-overlap');
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((m) => m.severity === 1)).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'knl-warn-'));
    writeFileSync(join(dir, '.kube-netlint.yaml'), 'rules:\n  cidr-overlap: warn\n');
    writeFileSync(join(dir, 'plan.yaml'), readFileSync(BROKEN, 'utf8'));
    expect(
      parseJsonReport(run(['--format', 'json', join(dir, 'plan.yaml')]).stdout)[0].messages.some((m) => m.ruleId === 'cidr-overlap' && m.severity === 1),
    ).toBe(true);
    // `-` reads standard input.
    expect(run(['-'], { input: readFileSync(BROKEN) })).toMatchObject({ code: 1, stdout: stringContaining('cidr-overlap') });
    expect(run(['-', CLEAN])).toMatchObject({ code: 2, stderr: stringContaining('- (standard input) cannot be combined with file arguments') });
    // --max-warnings -1 is no limit.
    expect(run(['--max-warnings', '-1', CLEAN]).code).toBe(0);
    // -o creates the folders of its path.
    const out = join(dir, 'reports', 'nested', 'report.sarif');
    expect(run(['-o', out, '--format', 'sarif', BROKEN]).code).toBe(1);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ version: '2.1.0' });
    // --list-rules --format json prints JSON.
    const rules = JSON.parse(run(['--list-rules', '--format', 'json']).stdout) as { id: string; defaultSeverity: string; fixable: boolean }[];
    expect(rules.find((r) => r.id === 'duplicate-mac')).toMatchObject({ defaultSeverity: 'error' });
    expect(rules.length).toBe(ALL_RULE_METAS.length);
    // --explain with a typo suggests the closest rule.
    expect(run(['--explain', 'duplicate-macs'])).toMatchObject({ code: 2, stderr: stringContaining('did you mean "duplicate-mac"?') });
  });
});
