// The committed standalone validators must be what ajv generates from the schemas today.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { validatorSource, VALIDATORS } from '../src/schema/standalone';

it.each(Object.keys(VALIDATORS) as (keyof typeof VALIDATORS)[])('src/schema/%s is up to date (run `npm run gen:validator`)', (file) => {
  const committed = readFileSync(join(__dirname, '..', 'src', 'schema', file), 'utf8');
  expect(committed === validatorSource(file)).toBe(true);
});
