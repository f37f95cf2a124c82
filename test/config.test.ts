// .kube-netlint.yaml: discovery, severities, ignores and noInlineConfig applied to real plans, and bad
// configurations reported with positions (fixtures/config/).
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigResolver, loadConfig } from '../src/config/load';
import { lint } from '../src/engine/lint';
import { formatExpected } from './support/expected';
import { ALL_RULE_METAS } from '../rules';
import { FIXTURES } from './support/fixtures';

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
});
