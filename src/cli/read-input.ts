// Bytes → text, refusing what is not a text plan: binary data and invalid UTF-8. A file over the size
// limit is not read whole: its beginning is enough to tell whether it is a plan and to place the
// engine's resource-limit finding, the same one the language server reports for the same text.
// A BOM is dropped (editors do not count it as a column).
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';

/** What is read of a file over the limit: enough for the `kind: ClusterPlan` line of any real plan. */
const HEAD_BYTES = 64 * 1024;

export interface FileBytes {
  bytes: Buffer;
  /** Set when only the beginning was read: the whole file's size. */
  fullSize?: number;
}

export type Decoded = { ok: true; text: string; byteLength?: number } | { ok: false; reason: string };

export function readFileBytes(path: string, maxBytes: number): FileBytes {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    // Pipes and special files report size 0: read them to the end.
    if (size <= maxBytes) return { bytes: readFileSync(fd) };
    const head = Buffer.alloc(HEAD_BYTES);
    return { bytes: head.subarray(0, readSync(fd, head, 0, HEAD_BYTES, 0)), fullSize: size };
  } finally {
    closeSync(fd);
  }
}

/** The text, and when it is only the file's beginning, the whole file's size for the engine's limit. */
export function decodePlanText({ bytes, fullSize }: FileBytes): Decoded {
  if (bytes.includes(0)) return { ok: false, reason: 'the file is binary (it contains NUL bytes), not a YAML or JSON plan' };
  const whole = fullSize === undefined;
  try {
    // A beginning may end inside a character: only a whole file must be valid UTF-8.
    const text = new TextDecoder('utf-8', { fatal: whole }).decode(bytes);
    return whole ? { ok: true, text } : { ok: true, text, byteLength: fullSize };
  } catch {
    return { ok: false, reason: 'the file is not valid UTF-8 text' };
  }
}
