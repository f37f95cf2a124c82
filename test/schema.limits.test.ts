// Schema problems stay linear and bounded: the generated validator appends errors in place, and a
// document reports its first 100 problems, then one finding that counts the rest.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/linter';
import { appendErrorsInPlace, VALIDATORS } from '../src/schema/standalone';
import { onlyRule } from './support/fixtures';

const schemaOnly = (text: string) => lint(text, { config: { rules: onlyRule('plan-schema') } }).diagnostics;
const plan = (spec: string) => `apiVersion: kube-netlint/v1\nkind: ClusterPlan\nmetadata: {name: x}\nspec:\n${spec}\n`;

describe('schema validation', () => {
  it.each(Object.keys(VALIDATORS))('%s never copies the error list (vErrors.concat is quadratic over failing items)', (file) => {
    expect(readFileSync(join(__dirname, '..', 'src', 'schema', file), 'utf8')).not.toContain('.concat(');
  });

  it("rewrites ajv's concatenation into appends, and refuses a form it does not know", () => {
    const generated = 'vErrors = vErrors === null ? validate13.errors : vErrors.concat(validate13.errors);';
    expect(appendErrorsInPlace(generated)).toBe(
      'if(vErrors === null){vErrors = validate13.errors;} else {for(const e of validate13.errors){vErrors.push(e);}}',
    );
    expect(() => appendErrorsInPlace('vErrors = vErrors.concat(other);')).toThrow(/CONCAT/);
  });

  it('reports the first 100 problems of a document, then one finding that counts the rest, at the first one left out', () => {
    const found = schemaOnly(plan(`  nodes: [${Array(2000).fill('a').join(', ')}]`));
    expect(found).toHaveLength(101);
    expect(found.slice(0, 100).every((d) => /^spec\.nodes\[\d+\] is string "a", expected object$/.test(d.message))).toBe(true);
    const last = found[100];
    expect(last.message).toBe('… and 1,900 more schema problems, the first of them here: only the first 100 of a document are reported one by one');
    // `  nodes: [` is 10 characters, each item 3 more: item 100 starts at column 311.
    expect([last.range.start.line, last.range.start.column]).toEqual([5, 311]);
  });

  it('reports exactly 100 problems without a count', () => {
    const found = schemaOnly(plan(`  nodes: [${Array(100).fill('a').join(', ')}]`));
    expect(found).toHaveLength(100);
    expect(found.some((d) => d.message.includes('more schema problems'))).toBe(false);
  });

  it('says once per selector what it expected, also with thousands of bad selectors', () => {
    const firewalls = Array.from({ length: 3000 }, (_, i) => `    - {name: f${i}, appliesTo: 5}`).join('\n');
    const found = schemaOnly(plan(`  firewalls:\n${firewalls}`));
    expect(found).toHaveLength(101);
    expect(found[0].message).toMatch(/^spec\.firewalls\[0\]\.appliesTo is number 5: /);
    expect(found[100].message).toMatch(/^… and 2,900 more schema problems/);
  });
});
