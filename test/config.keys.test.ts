// Duplicate keys in a configuration are found in one pass, as in plans (yaml's own check is quadratic:
// a 270 KB rules list took 3.5 s).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/load';

describe('configuration keys', () => {
  // How long it takes is test/timing's to judge.
  it('reports a repeated key with its position, however many keys there are', () => {
    const dir = mkdtempSync(join(tmpdir(), 'knl-config-keys-'));
    const file = join(dir, '.kube-netlint.yaml');
    const entries = Array.from({ length: 40_000 }, (_, i) => `  x${i}: off\n`).join('');
    writeFileSync(file, `rules:\n${entries}  x7: warn\n`);
    let error: unknown;
    try {
      loadConfig(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message.split('\n')[0]).toBe(`${file}:40002:3: Map keys must be unique`);
  });
});
