// vitest types its asymmetric matchers (expect.stringContaining and the like) as `any`, which the
// type-checked lint rules refuse as a property of an expected object. These are the same matchers,
// typed as what they are to a test: a stand-in for a value, not a value to read.
import { expect } from 'vitest';

export const stringContaining = (expected: string): unknown => expect.stringContaining(expected);
export const stringMatching = (expected: string | RegExp): unknown => expect.stringMatching(expected);
/** expect.any: any value made by `constructor` (a primitive of that type included). */
export const anyOf = (constructor: unknown): unknown => expect.any(constructor);
