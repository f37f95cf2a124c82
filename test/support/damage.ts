// Plans as editing, truncation and hostile hands leave them: fixture plans with lines dropped, repeated,
// swapped or re-indented, cut short, characters inserted or flipped, values of another type, and YAML
// constructs a plan never has. For tests that must hold on any text a user can type.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { FIXTURES, planFiles } from './fixtures';

export const SEEDS = planFiles(FIXTURES).map((p) => readFileSync(p, 'utf8'));

/** Values of every YAML type, and ones that are almost numbers, addresses or ports. */
const VALUES = [
  '[1, {a: b}]',
  '{}',
  '[]',
  'null',
  '~',
  '-1',
  '0',
  '99999999999999999999',
  '0x1F',
  '.nan',
  '-.inf',
  'true',
  '"str"',
  "''",
  '10.0.0.1/33',
  '::1/129',
  '300.1.1.1',
  'fe80::1%eth0',
  '65536',
  '1-0',
  '"80-"',
  '*nope',
  '&a x',
  '!!binary aGk=',
  '!custom v',
  '|\n  block',
  '>-\n  folded',
  '"\\u0000"',
  '"\\uD800"',
];
/** Constructs plans do not use, inserted as whole lines. */
const SNIPPETS = [
  '<<: *a',
  '? [complex, key]',
  ': value',
  '---',
  '...',
  '%YAML 1.1',
  '\t- tabbed',
  '\r',
  '\uFEFF',
  '# kube-netlint-disable',
  '- &x {a: *x}',
  'key: [unclosed',
  '"unterminated',
];

export type Op = [a: number, b: number, op: number];

/** The text with each edit applied in turn; `op` picks the kind of edit, `a` and `b` where. */
export function damage(seed: string, ops: Op[]): string {
  let lines = seed.split('\n');
  for (const [a, b, op] of ops) {
    if (lines.length === 0) break; // a one-line seed can lose every line
    const i = a % lines.length;
    const j = b % lines.length;
    const at = b % (lines[i].length + 1);
    switch (op) {
      case 0:
        lines.splice(i, 1);
        break;
      case 1:
        lines.splice(i, 0, lines[j]);
        break;
      case 2:
        [lines[i], lines[j]] = [lines[j], lines[i]];
        break;
      case 3:
        lines = lines.slice(0, i).concat(lines[i].slice(0, at));
        break;
      case 4:
        lines[i] = lines[i].replace(/: .*/, `: ${VALUES[b % VALUES.length]}`);
        break;
      case 5:
        lines[i] = lines[i].slice(0, at) + String.fromCharCode(32 + (a % 95)) + lines[i].slice(at);
        break;
      case 6:
        lines[i] = lines[i].slice(0, at) + String.fromCharCode(a % 0x3000) + lines[i].slice(at + 1);
        break;
      case 7:
        lines[i] = a % 2 ? `  ${lines[i]}` : lines[i].replace(/^ {1,2}/, '');
        break;
      default:
        lines.splice(i, 0, SNIPPETS[b % SNIPPETS.length]);
    }
  }
  return lines.join('\n');
}

export const damagedPlans = fc
  .tuple(fc.constantFrom(...SEEDS), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 8 })), { minLength: 1, maxLength: 6 }))
  .map(([seed, ops]) => damage(seed, ops));

/** Files of the formats with a syntax of their own (scripts, rulesets, zone XML, Terraform, INI inventories), by name. */
export const FORMAT_SEEDS = inputFiles(join(FIXTURES, 'inputs')).map((path) => ({ name: basename(path), text: readFileSync(path, 'utf8') }));

/** Such a file, damaged as plans are, under its own name: its format is chosen by name and content. */
export const damagedInputs = fc
  .tuple(fc.constantFrom(...FORMAT_SEEDS), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 8 })), { minLength: 1, maxLength: 6 }))
  .map(([seed, ops]) => ({ name: seed.name, text: damage(seed.text, ops) }));

function inputFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? inputFiles(join(dir, e.name)) : /\.(sh|nft|rules|v[46]|xml|conf|tf|ini)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}
