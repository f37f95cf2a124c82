// The committed standalone validator must be what ajv generates from the schema today.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { planValidatorSource } from '../src/schema/standalone';

it('src/schema/plan-validator.js is up to date with the schema (run `npm run gen:validator`)', () => {
  const committed = readFileSync(join(__dirname, '..', 'src', 'schema', 'plan-validator.js'), 'utf8');
  expect(committed === planValidatorSource()).toBe(true);
});
