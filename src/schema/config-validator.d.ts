// Types of the generated validator (see standalone.ts).
import type { StandaloneValidator } from './validator';

declare const validate: StandaloneValidator;
export = validate;
