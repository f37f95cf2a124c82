// Fuzzing the engine: damaged fixture plans and arbitrary text must keep lint()'s invariants
// (test/support/invariants.ts). The suite runs a short form; `npm run fuzz` runs FUZZ_RUNS cases
// (100,000 by default there) and prints how many ran. A failure prints fast-check's seed and path,
// and FUZZ_SEED replays it.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { damagedPlans } from './support/damage';
import { checkFixes, checkInvariants } from './support/invariants';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const long = process.env.FUZZ_RUNS !== undefined;

/** Long runs report progress and the count, so a run of minutes is visibly alive and countable. */
function counted<T>(name: string, arb: fc.Arbitrary<T>, check: (value: T) => void, runs: number) {
  let ran = 0;
  const started = Date.now();
  fc.assert(
    fc.property(arb, (value) => {
      check(value);
      if (++ran % 10_000 === 0 && long) console.log(`${name}: ${ran.toLocaleString('en-US')} cases…`);
    }),
    { numRuns: runs, seed: SEED },
  );
  if (long) console.log(`${name}: ${ran.toLocaleString('en-US')} cases passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

describe('fuzzing lint()', () => {
  it('keeps its invariants on damaged plans, and their fixes apply', { timeout: long ? 0 : 60_000 }, () => {
    counted('damaged plans', damagedPlans, (text) => checkFixes(text, checkInvariants(text)), RUNS);
  });

  it('keeps its invariants on arbitrary text', { timeout: long ? 0 : 60_000 }, () => {
    // Half of it after a plan header, so that the rules, not only the parser, see it.
    const text = fc.string({ unit: 'binary', maxLength: 300 });
    const arb = fc.oneof(text, text.map((t) => `apiVersion: kube-netlint/v1\nkind: ClusterPlan\n${t}`));
    counted('arbitrary text', arb, (t) => void checkInvariants(t), Math.ceil(RUNS / 5));
  });
});
