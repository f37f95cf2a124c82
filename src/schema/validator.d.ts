// The shape of a generated standalone validator (see standalone.ts).
import type { ErrorObject } from 'ajv';

export type StandaloneValidator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
