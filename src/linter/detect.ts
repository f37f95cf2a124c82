// Whether a text may be a plan's input, by the built-in formats' cheap look: for files too large to read
// whole (the CLI scans them) and for neighbours a changed file's plan may be in.
import { BUILTIN_FORMATS } from '../formats';

export const looksLikeInput = (text: string): boolean => BUILTIN_FORMATS.some((f) => f.looksLike(text));
