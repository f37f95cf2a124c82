// .kube-netlint.yaml: discovery, severities, ignores and noInlineConfig applied to real plans, and bad
// configurations reported with positions (fixtures/config/).
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ignoreMatcher, MAX_PATTERNS, patternProblem } from '../src/config/ignore-patterns';
import { ConfigError, ConfigResolver, loadConfig, MAX_CONFIG_BYTES } from '../src/config/load';
import { lint } from '../src/linter';
import { formatExpected } from './support/expected';
import { ALL_RULE_METAS } from '../src/linter';
import { FIXTURES } from './support/fixtures';
import { WORST_ACCEPTED_PATTERNS } from './support/hostile-inputs';

const DIR = join(FIXTURES, 'config');
const update = (path: string, actual: string) => {
  if (process.env.UPDATE_FIXTURES && (!existsSync(path) || readFileSync(path, 'utf8') !== actual)) writeFileSync(path, actual);
};

describe('configuration', () => {
  it('applies the nearest .kube-netlint.yaml to a plan below it', () => {
    const plan = join(DIR, 'severities', 'plan.yaml');
    const config = new ConfigResolver().forFile(plan);
    expect(config?.path).toBe(join(DIR, 'severities', '.kube-netlint.yaml'));
    const actual = formatExpected(lint(readFileSync(plan, 'utf8'), { config: config!.lint }).diagnostics);
    update(join(DIR, 'severities', 'plan.expected'), actual);
    expect(actual).toBe(readFileSync(join(DIR, 'severities', 'plan.expected'), 'utf8'));
    expect(actual).not.toMatch(/service-cidr-size/);
    expect(actual).toMatch(/^\S+ warning cidr-overlap /m);
    expect(actual).toMatch(/^\S+ error cidr-host-bits /m);
    expect(actual).toMatch(/^\S+ info invalid-hostname /m);
  });

  it('ignores files matching its patterns, relative to its folder', () => {
    const config = loadConfig(join(DIR, 'severities', '.kube-netlint.yaml'));
    expect(config.ignores(join(DIR, 'severities', 'legacy', 'old.yaml'))).toBe(true);
    expect(config.ignores(join(DIR, 'severities', 'plan.yaml'))).toBe(false);
    expect(config.ignores(join(DIR, 'legacy', 'old.yaml'))).toBe(false);
  });

  it('finds no configuration where there is none, and prefers --config', () => {
    const empty = mkdtempSync(join(tmpdir(), 'knl-noconfig-'));
    expect(new ConfigResolver().forFile(join(empty, 'plan.yaml'))).toBeUndefined();
    const explicit = join(DIR, 'severities', '.kube-netlint.yaml');
    expect(new ConfigResolver(explicit).forFile(join(empty, 'plan.yaml'))?.path).toBe(explicit);
  });

  it('reads a broken configuration once, and gives the same error for every file below it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'knl-broken-'));
    writeFileSync(join(dir, '.kube-netlint.yaml'), 'rules: [\n');
    const configs = new ConfigResolver();
    const errorFor = (file: string) => {
      try {
        configs.forFile(join(dir, file));
      } catch (e) {
        return e;
      }
    };
    const first = errorFor('a.yaml');
    expect(first).toBeInstanceOf(ConfigError);
    writeFileSync(join(dir, '.kube-netlint.yaml'), 'rules: {}\n');
    expect(errorFor('b.yaml')).toBe(first);
  });

  it('gives a rule its options: the configured values over the defaults', () => {
    const dir = mkdtempSync(join(tmpdir(), 'knl-options-'));
    const plan = readFileSync(join(FIXTURES, 'kubelet-unrestricted', 'invalid', 'office-network.yaml'), 'utf8');
    const only = ALL_RULE_METAS.filter((m) => m.id !== 'kubelet-unrestricted').map((m) => `  ${m.id}: off`);
    const findings = (options: string) => {
      writeFileSync(join(dir, '.kube-netlint.yaml'), `rules:\n${only.join('\n')}\n  kubelet-unrestricted: [warning${options}]\n`);
      return lint(plan, { config: loadConfig(join(dir, '.kube-netlint.yaml')).lint }).diagnostics.map((d) => d.ruleId);
    };
    expect(findings('')).toEqual(['kubelet-unrestricted']);
    // The office network is allowed by the option: nothing left.
    expect(findings(', {allow: [10.0.0.0/8]}')).toEqual([]);
    expect(findings(', {allow: [10.1.0.0/16]}')).toEqual(['kubelet-unrestricted']);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'rules:\n  kubelet-unrestricted: [warning, {allow: 10.0.0.0/8}]\n');
    expect(() => loadConfig(bad)).toThrow(`${bad}:2:43: option allow of rule kubelet-unrestricted must be a list of strings`);
  });

  for (const name of readdirSync(join(DIR, 'invalid')).filter((f) => f.endsWith('.yaml'))) {
    it(`reports every problem of invalid/${name} with its position`, () => {
      const path = join(DIR, 'invalid', name);
      let message = '';
      try {
        loadConfig(path);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        message = (e as Error).message.split(path).join('<config>') + '\n';
      }
      const expected = path.replace(/\.yaml$/, '.expected');
      update(expected, message);
      expect(message).not.toBe('');
      expect(message).toBe(readFileSync(expected, 'utf8'));
    });
  }

  describe('ignores patterns match in bounded time (audit B7)', () => {
    it('accepts the usual globs and refuses groups, extglobs, repeated classes, many wildcards or alternatives, and long patterns', () => {
      for (const ok of [
        'legacy/**',
        '**/*.tmpl.yaml',
        '*.{yml,yaml}',
        '**/testdata/**',
        'plans/[abc]?.yaml',
        '!keep/**',
        'a\\*b\\*c*d',
        '[*][*]*x*',
        'x'.repeat(256),
      ]) {
        expect(patternProblem(ok), ok).toBeUndefined();
      }
      expect(patternProblem('*a*a*b')).toMatch(/^ignores pattern "\*a\*a\*b" has 3 wildcards \(\* or \*\*\); at most 2 are allowed/);
      expect(patternProblem('**/x/**/*.yaml')).toMatch(/has 3 wildcards/);
      for (const group of ['@(a|b)', '*(a)', '?(a)b', '!(a).yaml', '(a|aa)b', 'a|b']) expect(patternProblem(group), group).toMatch(/uses a group or extglob/);
      expect(patternProblem('[a-z]+')).toMatch(/repeats a character class with "\+"/);
      expect(patternProblem('{a,b}{c,d}{e,f}')).toMatch(/has 8 \{a,b\} alternatives; at most 4/);
      expect(patternProblem('x'.repeat(257))).toMatch(/is 257 characters long; at most 256/);
    });

    it('matches as before for accepted patterns (picomatch, dot files included)', () => {
      const matches = ignoreMatcher(['legacy/**', '**/*.tmpl.yaml', '*.{yml,json}']);
      expect(['legacy', 'legacy/a/b.yaml', 'x/.hidden/y.tmpl.yaml', 'top.yml', 'top.json'].every(matches)).toBe(true);
      expect(['legacyx/a.yaml', 'x/top.yml', 'plan.yaml'].some(matches)).toBe(false);
    });

    it('accepts the worst patterns that cannot backtrack exponentially (test/timing times them)', () => {
      for (const pattern of WORST_ACCEPTED_PATTERNS) expect(patternProblem(pattern), pattern).toBeUndefined();
    });

    it('refuses more than the maximum number of patterns, and a bad pattern behind an alias', () => {
      const dir = mkdtempSync(join(tmpdir(), 'knl-ignores-'));
      const many = join(dir, 'many.yaml');
      writeFileSync(many, `ignores:\n${Array.from({ length: MAX_PATTERNS + 1 }, (_, i) => `  - "f${i}.yaml"`).join('\n')}\n`);
      expect(() => loadConfig(many)).toThrow(`${many}:1:1: ignores has 201 patterns; at most 200 are allowed`);
      const aliased = join(dir, 'aliased.yaml');
      writeFileSync(aliased, 'x: &p "*a*a*b"\nignores: [*p]\n');
      expect(() => loadConfig(aliased)).toThrow(`${aliased}:2:11: ignores pattern "*a*a*b" has 3 wildcards`);
    });
  });

  it('reads a configuration of at most 1 MB of UTF-8 text, and refuses the rest with exit-2 messages', () => {
    const dir = mkdtempSync(join(tmpdir(), 'knl-config-size-'));
    const config = (name: string, bytes: Buffer | string) => {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    };
    const comment = (size: number) => `# ${'x'.repeat(size - 3)}\n`;
    expect(loadConfig(config('fits.yaml', comment(MAX_CONFIG_BYTES))).lint.rules).toEqual({});
    const over = config('over.yaml', comment(MAX_CONFIG_BYTES + 1));
    expect(() => loadConfig(over)).toThrow(new ConfigError(`${over}: the configuration is larger than 1 MB, the limit for a configuration file`));
    const utf16 = config('utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('rules: {}\n', 'utf16le')]));
    expect(() => loadConfig(utf16)).toThrow(new ConfigError(`${utf16}: the file is UTF-16 text; save it as UTF-8`));
    const latin1 = config('latin1.yaml', Buffer.from('# caf\xe9\n', 'latin1'));
    expect(() => loadConfig(latin1)).toThrow(new ConfigError(`${latin1}: the file is not valid UTF-8 text`));
    const bom = config('bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('rules: {cidr-overlap: off}\n')]));
    expect(loadConfig(bom).lint.rules).toEqual({ 'cidr-overlap': 'off' });
  });
});
