// Fuzzing the engine: damaged fixture plans, arbitrary text and large inputs (100 KB to 3 MB, of the shapes
// in test/support/large-inputs.ts) must keep lint()'s invariants (test/support/invariants.ts). The suite
// runs a short form; `npm run fuzz` runs FUZZ_RUNS cases (100,000 by default there), one large input per
// thousand, and prints how many ran. A failure prints fast-check's seed and path, and FUZZ_SEED replays it;
// a large input's counterexample (shape, seed, kb) also rebuilds it alone: largeInput({ shape, seed, kb }).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { damagedInputs, damagedPlans } from './support/damage';
import { INPUT_FORMAT_IDS, prepareFormats } from '../src/linter';
import { checkFixes, checkInvariants, checkLarge } from './support/invariants';
import { largeInput, SHAPES, type LargeCase } from './support/large-inputs';
import { measurePeak } from './support/peak-memory';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const long = process.env.FUZZ_RUNS !== undefined;

/**
 * The suite's large inputs, one per defect the audit found by size (B1-B3, B5, B6), each failed by the code it
 * audited, many documents, and the wide mapping this fuzzer found (yaml's quadratic duplicate-key check:
 * 18 s before the document index took it over): about 2 s each.
 */
const LARGE_EXAMPLES: LargeCase[] = [
  { shape: 'anchored-plan', seed: 1, kb: 400 },
  { shape: 'alias-fan-out', seed: 1, kb: 300 },
  { shape: 'merge-fan-out', seed: 6, kb: 300 },
  { shape: 'firewalls', seed: 2, kb: 800 },
  { shape: 'long-line', seed: 1, kb: 1000 },
  { shape: 'many-documents', seed: 4, kb: 300 },
  { shape: 'wide-mapping', seed: 2, kb: 1000 },
];
/** Long runs: one large input per thousand cases, at most this many (each takes up to the time budget). */
const LARGE_CAP = 200;
/** Resident memory one large input may add: docs/performance.md measures about 80 MB per MB of plan. */
const MAX_GROWTH_MB = 1024;

/** Long runs report progress and the count, so a run of minutes is visibly alive and countable. */
function counted<T>(name: string, arb: fc.Arbitrary<T>, check: (value: T) => void, runs: number, more: Partial<fc.Parameters<[T]>> & { every?: number } = {}) {
  const { every = 10_000, ...parameters } = more;
  let ran = 0;
  const started = Date.now();
  fc.assert(
    fc.property(arb, (value) => {
      check(value);
      if (++ran % every === 0 && long) console.log(`${name}: ${ran.toLocaleString('en-US')} cases…`);
    }),
    { numRuns: runs, seed: SEED, ...parameters },
  );
  if (long) console.log(`${name}: ${ran.toLocaleString('en-US')} cases passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

describe('fuzzing lint()', () => {
  it('keeps its invariants on damaged plans, and their fixes apply', { timeout: long ? 0 : 60_000 }, () => {
    counted('damaged plans', damagedPlans, (text) => checkFixes(text, checkInvariants(text)), RUNS);
  });

  it('keeps its invariants on damaged scripts, rulesets, zone XML, Terraform and INI inventories', { timeout: long ? 0 : 60_000 }, async () => {
    await prepareFormats(INPUT_FORMAT_IDS);
    const dir = '/fuzz';
    counted('damaged inputs', damagedInputs, ({ name, text }) => void checkInvariants(text, `${dir}/${name}`), Math.ceil(RUNS / 3));
  });

  it('keeps its invariants on arbitrary text', { timeout: long ? 0 : 60_000 }, () => {
    // Half of it after a plan header, so that the rules, not only the parser, see it.
    const text = fc.string({ unit: 'binary', maxLength: 300 });
    const arb = fc.oneof(
      text,
      text.map((t) => `apiVersion: kube-netlint/v1\nkind: ClusterPlan\n${t}`),
    );
    counted('arbitrary text', arb, (t) => void checkInvariants(t), Math.ceil(RUNS / 5));
  });

  it('keeps its invariants, the time budget and bounded memory on large inputs', { timeout: long ? 0 : 120_000 }, () => {
    // Rebuilt from three numbers; not shrunk, since each try can take the whole budget.
    const cases = fc.record({ shape: fc.constantFrom(...SHAPES), seed: fc.integer(), kb: fc.integer({ min: 100, max: 3000 }) });
    let slowest = { ms: 0, at: '' };
    let peakMB = 0;
    const check = (c: LargeCase) => {
      const { text, expects } = largeInput(c);
      const { value, peakMB: peak, grewMB } = measurePeak(() => checkLarge(text, expects));
      const at = `${c.shape} seed ${c.seed}, ${(text.length / 1e6).toFixed(2)} MB`;
      expect(grewMB, `memory grew by ${grewMB.toFixed(0)} MB on ${at}`).toBeLessThan(MAX_GROWTH_MB);
      if (value.ms > slowest.ms) slowest = { ms: value.ms, at };
      peakMB = Math.max(peakMB, peak);
      if (long) console.log(`large inputs: ${at}: ${(value.ms / 1000).toFixed(1)} s, peak ${peak.toFixed(0)} MB (+${grewMB.toFixed(0)})`);
    };
    const runs = long ? Math.min(LARGE_CAP, Math.ceil(RUNS / 1000)) : 0;
    counted('large inputs', cases, check, LARGE_EXAMPLES.length + runs, { examples: LARGE_EXAMPLES.map((c) => [c]), endOnFailure: true, every: 10 });
    if (long) console.log(`large inputs: slowest ${(slowest.ms / 1000).toFixed(1)} s (${slowest.at}), peak memory ${peakMB.toFixed(0)} MB`);
  });
});
