// Over stdio, messages are framed by a `Content-Length` header. vscode-jsonrpc's reader meets a broken
// header (not a number, negative, missing) by logging nothing and waiting forever, out of step with the
// client, and an absurd length keeps it waiting for a body that never comes. Nothing after such a header
// can be trusted, so the server says why on stderr and exits: the editor then restarts it.
import type { Readable } from 'node:stream';

/** More than any message the server could hold as a string: a length beyond it is a broken header. */
export const MAX_CONTENT_LENGTH = 2 ** 30;

const CR = 0x0d;
const LF = 0x0a;

/**
 * Follows the framing of `input` alongside the real reader (it reads the same chunks and copies no
 * body) and calls `broken` with the reason at the first header the reader cannot be trusted to handle.
 */
export function watchFraming(input: Readable, broken: (reason: string) => void): void {
  /** Bytes of the body still to come; -1 while reading headers. */
  let bodyLeft = -1;
  let header: Buffer[] = [];
  /** The reader's end-of-headers matcher: CR LF CR LF, states 0–3. */
  let state = 0;
  input.on('data', (chunk: Buffer) => {
    let i = 0;
    while (i < chunk.length) {
      if (bodyLeft >= 0) {
        const taken = Math.min(bodyLeft, chunk.length - i);
        bodyLeft -= taken;
        i += taken;
        if (bodyLeft === 0) bodyLeft = -1;
        continue;
      }
      const start = i;
      for (; i < chunk.length && state < 4; i++) state = next(state, chunk[i]);
      header.push(chunk.subarray(start, i));
      if (state < 4) continue;
      const problem = checkHeaders(Buffer.concat(header).toString('ascii'));
      if (typeof problem === 'string') return broken(problem);
      bodyLeft = problem;
      if (bodyLeft === 0) bodyLeft = -1;
      header = [];
      state = 0;
    }
  });
}

function next(state: number, byte: number): number {
  if (byte === CR) return state === 0 ? 1 : state === 2 ? 3 : 0;
  if (byte === LF) return state === 1 ? 2 : state === 3 ? 4 : 0;
  return 0;
}

/** The body's length, or what is wrong with the headers (which end with the blank line). */
function checkHeaders(text: string): number | string {
  let length: string | undefined;
  for (const line of text.split('\r\n').slice(0, -2)) {
    const colon = line.indexOf(':');
    if (colon === -1) return `a message header line has no colon: ${JSON.stringify(line.slice(0, 80))}`;
    if (line.slice(0, colon).trim().toLowerCase() === 'content-length') length = line.slice(colon + 1).trim();
  }
  if (length === undefined) return 'a message has no Content-Length header';
  if (!/^\d+$/.test(length) || Number(length) > MAX_CONTENT_LENGTH) return `Content-Length ${JSON.stringify(length.slice(0, 40))} is not a message length`;
  return Number(length);
}
