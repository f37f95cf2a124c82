// service-public's sensitive ports are an option of the rule, like any rule's: set under `rules`, checked
// when the configuration is loaded; the top-level `sensitivePorts` of earlier versions is its alias.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/load';

function config(text: string) {
  const path = join(mkdtempSync(join(tmpdir(), 'knl-options-')), '.kube-netlint.yaml');
  writeFileSync(path, text);
  return () => loadConfig(path);
}

describe('sensitivePorts', () => {
  it('is an option of service-public', () => {
    expect(config('rules:\n  service-public: [error, {sensitivePorts: [22, 6379]}]\n')().lint.ruleOptions).toEqual({
      'service-public': { sensitivePorts: [22, 6379] },
    });
  });

  it('is read from the top-level key when the option is not set, and the option wins over it', () => {
    expect(config('sensitivePorts: [3389]\n')().lint.ruleOptions).toEqual({ 'service-public': { sensitivePorts: [3389] } });
    expect(config('sensitivePorts: [3389]\nrules:\n  service-public: [error, {sensitivePorts: []}]\n')().lint.ruleOptions).toEqual({
      'service-public': { sensitivePorts: [] },
    });
  });

  it('must be a list of ports', () => {
    expect(config('rules:\n  service-public: [error, {sensitivePorts: [22, 70000]}]\n')).toThrow(ConfigError);
    expect(config('rules:\n  service-public: [error, {sensitivePorts: [22, 70000]}]\n')).toThrow(
      /option sensitivePorts of rule service-public must be a list of ports \(1 to 65535\)/,
    );
  });
});
