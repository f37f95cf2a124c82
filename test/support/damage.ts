// Plans as editing and truncation leave them: fixture plans with lines dropped, repeated, swapped, cut
// short, given odd values or stray characters. For tests that must hold on any text a user can type.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { FIXTURES } from './fixtures';

function planFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? planFiles(join(dir, e.name)) : /\.(ya?ml|json)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}
const SEEDS = planFiles(FIXTURES).map((p) => readFileSync(p, 'utf8'));

/** Line-level and character-level damage of the kind editing and truncation cause. */
export const damagedPlans = fc.tuple(fc.constantFrom(...SEEDS), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 4 })).map(([seed, ops]) => {
  let lines = seed.split('\n');
  for (const [a, b, op] of ops) {
    if (lines.length === 0) break; // a one-line seed can lose every line
    const i = a % lines.length;
    const j = b % lines.length;
    if (op === 0) lines.splice(i, 1);
    else if (op === 1) lines.splice(i, 0, lines[j]);
    else if (op === 2) [lines[i], lines[j]] = [lines[j], lines[i]];
    else if (op === 3) lines = lines.slice(0, i + 1).concat(lines[i].slice(0, b % (lines[i].length + 1)));
    else if (op === 4) lines[i] = lines[i].replace(/: .*/, ': [1, {a: b}]');
    else lines[i] = lines[i].slice(0, b % (lines[i].length + 1)) + String.fromCharCode(32 + (a % 95)) + lines[i].slice(b % (lines[i].length + 1));
  }
  return lines.join('\n');
});
