// Bytes → text, refusing what is not a text plan: binary data and invalid UTF-8. A file over the size
// limit is not read whole: its beginning places the engine's resource-limit finding, and a scan of the
// rest tells whether it is a plan at all, so the CLI reports what the language server reports for the
// same text. A BOM is dropped (editors do not count it as a column, nor as part of the size).
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import type { Truncated } from '../engine/lint';
import { looksLikePlan } from '../source/parse';

/** What is read of a file over the limit to place the finding: its first lines. */
const HEAD_BYTES = 64 * 1024;
const SCAN_BYTES = 1024 * 1024;
const BOM = [0xef, 0xbb, 0xbf];

export interface FileBytes {
  bytes: Buffer;
  /** Set when only the beginning was read: the text's size in bytes (without a BOM), and whether it is a plan. */
  rest?: { byteLength: number; planKind: boolean };
}

export type Decoded = { ok: true; text: string; truncated?: Truncated } | { ok: false; reason: string };

export function readFileBytes(path: string, maxBytes: number): FileBytes {
  const fd = openSync(path, 'r');
  try {
    // Pipes and special files (`<(…)`, /dev/stdin) have no size and no positions: read them to the end.
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size <= maxBytes) return { bytes: readFileSync(fd) };
    // The limit counts the text, as the language server gets it from the editor: without a BOM.
    const first = Buffer.alloc(BOM.length);
    const bom = readSync(fd, first, 0, BOM.length, 0) === BOM.length && BOM.every((b, i) => first[i] === b) ? BOM.length : 0;
    const byteLength = stat.size - bom;
    if (byteLength <= maxBytes) return { bytes: readFileSync(fd) };
    const head = Buffer.alloc(HEAD_BYTES);
    return { bytes: head.subarray(0, readSync(fd, head, 0, HEAD_BYTES, 0)), rest: { byteLength, planKind: hasPlanKind(fd, bom, byteLength + bom) } };
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether a `kind: ClusterPlan` line is anywhere in the file, read a megabyte at a time. Only whole
 * lines are tested (the end of a chunk is not the end of a line); a line longer than a few KB is never
 * taken as one.
 */
function hasPlanKind(fd: number, start: number, size: number): boolean {
  const chunk = Buffer.alloc(SCAN_BYTES);
  let carry = '';
  for (let position = start; position < size; ) {
    const read = readSync(fd, chunk, 0, SCAN_BYTES, position);
    if (read === 0) break;
    position += read;
    // latin1 maps each byte to one character: exact for the ASCII line looked for.
    const text = carry + chunk.toString('latin1', 0, read);
    const end = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1;
    if (looksLikePlan(text.slice(0, end))) return true;
    carry = text.length - end <= 4096 ? text.slice(end) : 'x'; // a character that keeps `^` off a line's middle
  }
  return looksLikePlan(carry); // the last line, when the file does not end with a line break
}

/** The text, and when it is only the file's beginning, what the engine needs to judge the whole file. */
export function decodePlanText({ bytes, rest }: FileBytes): Decoded {
  if (bytes.includes(0)) return { ok: false, reason: 'the file is binary (it contains NUL bytes), not a YAML or JSON plan' };
  try {
    // A beginning may end inside a character: only a whole file must be valid UTF-8.
    const text = new TextDecoder('utf-8', { fatal: rest === undefined }).decode(bytes);
    return rest ? { ok: true, text, truncated: { byteLength: rest.byteLength, isPlan: rest.planKind } } : { ok: true, text };
  } catch {
    return { ok: false, reason: 'the file is not valid UTF-8 text' };
  }
}
