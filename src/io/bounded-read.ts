// Reading with a cap, whatever the source: a regular file, a pipe, a FIFO, a character device such as
// /dev/zero, standard input. Nothing is read to its end unasked: a source that goes on past the cap is
// known to be over it, and no more of it is held.
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const CHUNK = 1024 * 1024;
const FIRST_CHUNK = 64 * 1024;

export interface Bounded {
  /** What was read, in the order read: at most `capacity` bytes. */
  chunks: Buffer[];
  length: number;
  /** True when the source ended within the capacity. */
  ended: boolean;
}

/**
 * Reads from the fd's current position, a chunk at a time, until the source ends or `capacity` bytes
 * are held. `stop` may end the read early (it sees every chunk as it comes). Chunks start at the
 * expected size (a file's, else 64 KB) and grow with what comes, so a small file costs small buffers.
 */
export function readBounded(fd: number, capacity: number, stop?: (chunk: Buffer, before: number) => boolean, expected = FIRST_CHUNK): Bounded {
  const chunks: Buffer[] = [];
  let length = 0;
  let next = expected + 1; // one more byte than expected: a file that grew is seen at once
  while (length < capacity) {
    const chunk = Buffer.allocUnsafe(Math.min(next, capacity - length));
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) return { chunks, length, ended: true };
    chunks.push(chunk.subarray(0, read));
    length += read;
    if (stop?.(chunks[chunks.length - 1], length - read)) break;
    next = Math.min(CHUNK, Math.max(FIRST_CHUNK, length));
  }
  return { chunks, length, ended: false };
}

/** The whole of a file of at most `maxBytes` bytes, or undefined when it has more. */
export function readFileUpTo(path: string, maxBytes: number): Buffer | undefined {
  const fd = openSync(path, 'r');
  try {
    const { chunks, length, ended } = readBounded(fd, maxBytes + 1, undefined, fstatSync(fd).size);
    return ended ? Buffer.concat(chunks, length) : undefined;
  } finally {
    closeSync(fd);
  }
}

export const startsWithBom = (bytes: Buffer): boolean => bytes.subarray(0, UTF8_BOM.length).equals(UTF8_BOM);

/**
 * Why bytes are not text we can read, or undefined: a UTF-16 or UTF-32 byte order mark (the editor
 * saved the file in another encoding), NUL bytes (binary data), invalid UTF-8 (when `whole`: a file's
 * beginning may end inside a character).
 */
export function notText(bytes: Buffer, whole: boolean, what = 'a YAML or JSON plan'): string | undefined {
  const utf32 = bytes.length >= 4 && (bytes.readUInt32LE(0) === 0xfeff || bytes.readUInt32BE(0) === 0xfeff);
  if (utf32) return 'the file is UTF-32 text; save it as UTF-8';
  if (bytes.length >= 2 && (bytes.readUInt16LE(0) === 0xfeff || bytes.readUInt16BE(0) === 0xfeff)) return 'the file is UTF-16 text; save it as UTF-8';
  if (bytes.includes(0)) return `the file is binary (it contains NUL bytes), not ${what}`;
  if (whole && !isUtf8(bytes)) return 'the file is not valid UTF-8 text';
  return undefined;
}
