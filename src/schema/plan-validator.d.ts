// Types of the generated standalone validator (see standalone.ts).
import type { ErrorObject } from 'ajv';

declare const validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
export = validate;
