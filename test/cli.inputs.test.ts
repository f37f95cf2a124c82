// What the CLI is given, through the built binary: every read capped at the size limit whatever the
// source (audit B4), user errors told from internal ones with nothing else lost (rows 62, 73, 81), --fix
// keeping the file's encoding (B9, row 86), UTF-16 named as such (row 26), control characters made
// visible (row 58), and one output order in every locale (row 104).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, BROKEN, CLEAN, ROOT, run, ruleIds, unprivilegedAvailable } from './support/cli-process';
import { parseJsonReport } from './support/json-report';

const STALE = join(ROOT, 'fixtures', 'unused-directive', 'invalid', 'stale.yaml');
const STALE_FIXED = join(ROOT, 'fixtures', 'unused-directive', 'invalid', 'stale.fixed.yaml');
/** A hang on old code is a failed test, not a stuck suite; these runs take well under a second. */
const TIMEOUT = 20_000;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'knl-inputs-'));
});

/** A file of `kind: ConfigMap` with a blob of `size` bytes, then a plan document: a plan whose kind line lies past the blob. */
const latePlan = (size: number) =>
  `apiVersion: v1\nkind: ConfigMap\ndata: {blob: "${'x'.repeat(size)}"}\n---\napiVersion: kube-netlint/v1\nkind: ClusterPlan\nspec: {}\n`;

describe('every read is capped at the size limit (B4)', () => {
  it('refuses /dev/zero and /dev/urandom at once, named or on standard input, as binary', () => {
    for (const device of ['/dev/zero', '/dev/urandom']) {
      expect(run(['--max-file-size', '1', device], { timeout: TIMEOUT })).toEqual({
        code: 2,
        stdout: '',
        stderr: `kube-netlint: ${device}: the file is binary (it contains NUL bytes), not a YAML or JSON plan\n`,
      });
      const fd = openSync(device, 'r');
      try {
        expect(run(['--stdin'], { stdinFd: fd, timeout: TIMEOUT })).toEqual({
          code: 2,
          stdout: '',
          stderr: 'kube-netlint: <stdin>: the file is binary (it contains NUL bytes), not a YAML or JSON plan\n',
        });
      } finally {
        closeSync(fd);
      }
    }
  });

  it('ends an endless text stream once it is ten times over the limit, with a message', () => {
    const r = spawnSync('sh', ['-c', `yes 'x: 1' | "${process.execPath}" "${BIN}" --stdin --max-file-size 1`], { encoding: 'utf8', timeout: TIMEOUT });
    expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: 'kube-netlint: cannot read <stdin>: it did not end within 10 times the size limit (10 MB); is it an endless stream?\n',
    });
  });

  it('gives a pipe or a FIFO over the limit the finding a file of the same text gets, its kind line found past the limit', async () => {
    const text = latePlan(1_500_000);
    const file = join(tmp, 'late.yaml');
    writeFileSync(file, text);
    const finding = (stdout: string) => parseJsonReport(stdout)[0].messages.map((m) => `${m.ruleId}: ${m.message}`);
    const fromFile = run(['-f', 'json', '--max-file-size', '1', file]);
    expect(finding(fromFile.stdout)).toEqual([expect.stringMatching(/^resource-limit: the file is 1\.43 MB, larger than the limit of 1 MB/)]);
    const fromPipe = run(['-f', 'json', '--max-file-size', '1', '--stdin'], { input: Buffer.concat([BOM, Buffer.from(text)]), timeout: TIMEOUT });
    expect(finding(fromPipe.stdout)).toEqual(finding(fromFile.stdout));

    const fifo = join(tmp, 'plan.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const writer = spawn('sh', ['-c', `cat "${file}" > "${fifo}"`]);
    const written = new Promise((done) => writer.on('exit', done));
    const fromFifo = run(['-f', 'json', '--max-file-size', '1', fifo], { timeout: TIMEOUT });
    await written;
    expect(finding(fromFifo.stdout)).toEqual(finding(fromFile.stdout));
  });

  it('refuses a configuration over 1 MB, /dev/zero included, with exit 2', () => {
    const big = join(tmp, 'big-config.yaml');
    writeFileSync(big, `# ${'x'.repeat(1024 * 1024)}\n`);
    expect(run(['-c', big, CLEAN], { timeout: TIMEOUT })).toEqual({
      code: 2,
      stdout: '',
      stderr: `kube-netlint: ${big}: the configuration is larger than 1 MB, the limit for a configuration file\n`,
    });
    expect(run(['-c', '/dev/zero', CLEAN], { timeout: TIMEOUT })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'kube-netlint: /dev/zero: the configuration is larger than 1 MB, the limit for a configuration file\n',
    });
  });
});

describe('a user error is one line and exit 2, and every other file is still reported', () => {
  const brokenFindings = () => ruleIds(run(['-f', 'json', BROKEN]).stdout)[BROKEN];

  it('a symlink loop named on the command line (row 62)', () => {
    const dir = join(tmp, 'loop');
    mkdirSync(dir);
    symlinkSync('b.yaml', join(dir, 'a.yaml'));
    symlinkSync('a.yaml', join(dir, 'b.yaml'));
    const r = run(['-f', 'json', 'a.yaml', BROKEN], { cwd: dir });
    expect(r.stderr).toBe('kube-netlint: cannot read a.yaml: a loop of symbolic links (ELOOP)\n');
    expect(r.code).toBe(2);
    expect(ruleIds(r.stdout)).toEqual({ [BROKEN]: brokenFindings() });
  });

  it('a directory where a file belongs: on standard input, and as the configuration of some files', () => {
    const fd = openSync(tmp, 'r');
    try {
      expect(run(['--stdin'], { stdinFd: fd })).toEqual({
        code: 2,
        stdout: '',
        stderr: 'kube-netlint: cannot read <stdin>: it is a directory, not a file (EISDIR)\n',
      });
    } finally {
      closeSync(fd);
    }
    const dir = join(tmp, 'config-dir');
    mkdirSync(join(dir, '.kube-netlint.yaml'), { recursive: true });
    writeFileSync(join(dir, 'plan.yaml'), readFileSync(CLEAN));
    const r = run(['-f', 'json', join(dir, 'plan.yaml'), BROKEN]);
    expect(r.stderr).toBe(`kube-netlint: cannot read the configuration ${join(dir, '.kube-netlint.yaml')}: it is a directory, not a file (EISDIR)\n`);
    expect(r.code).toBe(2);
    expect(ruleIds(r.stdout)).toEqual({ [BROKEN]: brokenFindings() });
  });

  it('a configuration with an alias bomb or a merge fan-out, named or found above some of the files (row 73)', () => {
    const dir = join(tmp, 'bomb');
    mkdirSync(dir);
    const levels = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefghi'.split('').map((l, i) => `${l}: &${l} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(', ')}]`),
    ];
    writeFileSync(join(dir, '.kube-netlint.yaml'), `${levels.join('\n')}\n`);
    writeFileSync(join(dir, 'plan.yaml'), readFileSync(BROKEN));
    const message = `kube-netlint: ${join(dir, '.kube-netlint.yaml')}:2:8: aliases expand this configuration too far (more than 100 alias uses: an alias bomb or a merge fan-out?); write the values out\n`;
    const found = run(['-f', 'json', join(dir, 'plan.yaml'), CLEAN, BROKEN], { timeout: TIMEOUT });
    expect(found.stderr).toBe(message);
    expect(found.code).toBe(2);
    expect(ruleIds(found.stdout)).toEqual({ [CLEAN]: [], [BROKEN]: brokenFindings() });
    expect(run(['-c', join(dir, '.kube-netlint.yaml'), CLEAN], { timeout: TIMEOUT })).toEqual({ code: 2, stdout: '', stderr: message });

    const fanOut = join(tmp, 'fan-out.yaml');
    const keys = Array.from({ length: 3000 }, (_, i) => `k${i}: 0`).join(', ');
    writeFileSync(fanOut, `base: &b {${keys}}\nmany:\n${'  - {<<: *b}\n'.repeat(3000)}`);
    expect(run(['-c', fanOut, CLEAN], { timeout: TIMEOUT })).toEqual({
      code: 2,
      stdout: '',
      stderr: message.replace(`${join(dir, '.kube-netlint.yaml')}:2:8`, `${fanOut}:3:10`),
    });
  });

  it.skipIf(!unprivilegedAvailable())('an unreadable file, and --fix on a read-only one, as an unprivileged user (row 81)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'knl-unprivileged-'));
    chmodSync(dir, 0o777);
    const unreadable = join(dir, 'secret.yaml');
    const readOnly = join(dir, 'read-only.yaml');
    const writable = join(dir, 'writable.yaml');
    writeFileSync(unreadable, readFileSync(BROKEN), { mode: 0o600 });
    writeFileSync(readOnly, readFileSync(STALE), { mode: 0o444 });
    writeFileSync(writable, readFileSync(STALE), { mode: 0o666 });
    chmodSync(writable, 0o666); // past the umask
    const r = run(['--fix', '-f', 'json', 'secret.yaml', 'read-only.yaml', 'writable.yaml'], { cwd: dir, unprivileged: true, timeout: TIMEOUT });
    expect(r.stderr).toBe(
      'kube-netlint: cannot read secret.yaml: permission denied (EACCES)\nkube-netlint: cannot write the fixes to read-only.yaml: permission denied (EACCES)\n',
    );
    expect(r.code).toBe(2);
    // The read-only file is reported as it is (its stale directives included), the writable one as fixed.
    const ids = ruleIds(r.stdout);
    expect(Object.keys(ids)).toEqual([readOnly, writable]);
    expect(ids[readOnly]).toContain('unused-directive');
    expect(ids[writable]).not.toContain('unused-directive');
    expect(readFileSync(readOnly, 'utf8')).toBe(readFileSync(STALE, 'utf8'));
    expect(readFileSync(writable, 'utf8')).toBe(readFileSync(STALE_FIXED, 'utf8'));
  });
});

describe('--fix writes the file as it was saved', () => {
  it('keeps a UTF-8 BOM and CRLF line ends (B9)', () => {
    const crlf = (path: string) => Buffer.from(readFileSync(path, 'utf8').replace(/\n/g, '\r\n'));
    const plan = join(tmp, 'bom-crlf.yaml');
    writeFileSync(plan, Buffer.concat([BOM, crlf(STALE)]));
    expect(run(['--fix', plan]).code).toBe(0);
    expect(readFileSync(plan)).toEqual(Buffer.concat([BOM, crlf(STALE_FIXED)]));
  });

  it('keeps directive comments in the documents that are not plans (row 86)', () => {
    const configMap = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  cidr: 10.0.0.1/8   # kube-netlint-disable-line cidr-host-bits -- not ours to judge\n';
    const plan = join(tmp, 'multi.yaml');
    writeFileSync(plan, `${configMap}---\n${readFileSync(STALE, 'utf8')}`);
    expect(run(['--fix', plan]).code).toBe(0);
    expect(readFileSync(plan, 'utf8')).toBe(`${configMap}---\n${readFileSync(STALE_FIXED, 'utf8')}`);
  });
});

describe('what is printed', () => {
  it('names UTF-16 and UTF-32 files as such, not as binary (row 26)', () => {
    const text = readFileSync(CLEAN, 'utf8');
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const utf16be = Buffer.from(utf16le).swap16();
    const utf32le = Buffer.alloc(4 + 4 * text.length);
    utf32le.writeUInt32LE(0xfeff, 0);
    [...text].forEach((c, i) => utf32le.writeUInt32LE(c.codePointAt(0)!, 4 + 4 * i));
    for (const [name, bytes, encoding] of [
      ['le.yaml', utf16le, 'UTF-16'],
      ['be.yaml', utf16be, 'UTF-16'],
      ['32.yaml', utf32le, 'UTF-32'],
    ] as const) {
      const path = join(tmp, name);
      writeFileSync(path, bytes);
      expect(run([path])).toEqual({ code: 2, stdout: '', stderr: `kube-netlint: ${path}: the file is ${encoding} text; save it as UTF-8\n` });
    }
  });

  it('escapes control characters from plans and file names in stylish and github output, and in notices (row 58)', () => {
    const dir = join(tmp, 'control');
    mkdirSync(dir);
    const name = 'evil\x1b]0;owned\x07.yaml';
    writeFileSync(join(dir, name), readFileSync(CLEAN, 'utf8').replace('name: master-01', 'name: "master-01\\e[2J\\a"'));
    writeFileSync(join(dir, 'not\x1b[31m-a-plan.yaml'), 'kind: ConfigMap\n');
    for (const format of ['stylish', 'github']) {
      const r = run(['-f', format, name, 'not\x1b[31m-a-plan.yaml'], { cwd: dir });
      expect(r.code, format).toBe(1);
      // eslint-disable-next-line no-control-regex -- it looks for the control characters the output must not carry
      expect(r.stdout + r.stderr, format).not.toMatch(/[\x07\x1b]/);
      expect(r.stdout, format).toContain('evil\\x1b]0;owned\\x07.yaml');
      expect(r.stdout, format).toContain('master-01\\x1b[2J\\x07');
      expect(r.stderr, format).toBe(
        'kube-netlint: skipping not\\x1b[31m-a-plan.yaml: not a cluster plan (no ClusterPlan or inventory kube-netlint reads; see --input-format)\n',
      );
    }
  });

  it('walks directories in code-point order, the same in every locale (row 104)', () => {
    const dir = join(tmp, 'order');
    mkdirSync(dir);
    const names = ['B.yaml', 'a.yaml', 'z.yaml', 'ä.yaml', '～.yaml', '😀.yaml'];
    for (const name of [...names].reverse()) writeFileSync(join(dir, name), readFileSync(CLEAN));
    for (const locale of ['C.UTF-8', 'en_US.UTF-8', 'sv_SE.UTF-8']) {
      const r = run(['-f', 'json', '.'], { cwd: dir, env: { LANG: locale, LC_ALL: locale } });
      expect(
        Object.keys(ruleIds(r.stdout)).map((p) => basename(p)),
        locale,
      ).toEqual(names);
    }
  });
});
