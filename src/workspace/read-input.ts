// Bytes → text, refusing what is not a text plan: binary data, UTF-16, invalid UTF-8. Nothing is read
// past the size limit: a file over it is not held whole, its beginning places the engine's
// resource-limit finding, and a scan of the rest tells whether it is a plan at all, so the CLI reports
// what the language server reports for the same text. A BOM is dropped (editors do not count it as a
// column, nor as part of the size) and remembered, so that --fix writes it back.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Truncated } from '../linter';
import { looksLikeInput } from '../linter';
import { formatSize } from '../core/size';
import { notText, readBounded, startsWithBom, UTF8_BOM } from '../io/bounded-read';

/** The files that may hold plans: YAML and JSON. */
export const PLAN_EXTENSIONS = /\.(ya?ml|json|ini)$/i;

/** Templates of a plan or an inventory (`talconfig.yaml.j2`, `config.yaml.tpl`): what they render is linted, not they. */
export const TEMPLATE_EXTENSIONS = /\.(j2|jinja2?|tpl|tmpl|gotmpl)$/i;

/** What is read of a file over the limit to place the finding: its first lines. */
const HEAD_BYTES = 64 * 1024;
const SCAN_BYTES = 1024 * 1024;
/**
 * A pipe or device has no size: past the limit it is read on (a megabyte at a time, not held) to
 * measure it and find its kind line, but no further than this many times the limit, so that an
 * endless source (`yes | kube-netlint --stdin`) ends with a message instead of running forever.
 */
export const STREAM_SCAN_FACTOR = 10;

export interface FileBytes {
  bytes: Buffer;
  /** Set when only the beginning was read: the text's size in bytes (without a BOM), and whether it is a plan. */
  rest?: { byteLength: number; planKind: boolean };
}

export type Decoded = { ok: true; text: string; bom: boolean; truncated?: Truncated } | { ok: false; reason: string };

/** A source that goes on past STREAM_SCAN_FACTOR times the size limit. */
export class EndlessInput extends Error {}

export function readFileBytes(path: string, maxBytes: number): FileBytes {
  const fd = openSync(path, 'r');
  try {
    return readFdBytes(fd, maxBytes);
  } finally {
    closeSync(fd);
  }
}

/** Reads an open fd (a file, or standard input) from its current position, holding at most the limit. */
export function readFdBytes(fd: number, maxBytes: number): FileBytes {
  const stat = fstatSync(fd);
  if (stat.isFile() && stat.size > maxBytes) {
    // The limit counts the text, as the language server gets it from the editor: without a BOM.
    const first = Buffer.alloc(UTF8_BOM.length);
    const bom = startsWithBom(first.subarray(0, readSync(fd, first, 0, first.length, 0))) ? UTF8_BOM.length : 0;
    if (stat.size - bom > maxBytes) return oversizedFile(fd, bom, stat.size);
  }
  // Everything else is read in order, as a pipe is: a regular file may still grow, and /proc files say size 0.
  // A NUL byte in the first lines makes the text binary, whatever follows: /dev/zero stops here.
  const binary = (chunk: Buffer, before: number) => before < HEAD_BYTES && chunk.subarray(0, HEAD_BYTES - before).includes(0);
  const held = readBounded(fd, maxBytes + UTF8_BOM.length + 1, binary, stat.isFile() && stat.size > 0 ? stat.size : undefined);
  const head = Buffer.concat(held.chunks, Math.min(held.length, HEAD_BYTES));
  const bom = startsWithBom(head) ? UTF8_BOM.length : 0;
  // A file read at its size is one chunk: its bytes as they are (a copy would hold a 2.8 MB plan twice, 2.7 MB more at the peak).
  if (held.ended || held.length - bom <= maxBytes || notText(head, false))
    return { bytes: held.chunks.length === 1 ? held.chunks[0] : Buffer.concat(held.chunks, held.length) };
  return { bytes: head, rest: scanStream(fd, withoutFirstBytes(held.chunks, bom), maxBytes) };
}

const withoutFirstBytes = (chunks: Buffer[], n: number): Buffer[] => (n === 0 ? chunks : [Buffer.concat(chunks).subarray(n)]);

/** A regular file over the limit: its first lines, its size, and a scan for the kind line. */
function oversizedFile(fd: number, bom: number, size: number): FileBytes {
  const head = Buffer.alloc(HEAD_BYTES);
  const scan = new PlanKindScan();
  const chunk = Buffer.alloc(SCAN_BYTES);
  for (let position = bom; position < size && !scan.found;) {
    const read = readSync(fd, chunk, 0, SCAN_BYTES, position);
    if (read === 0) break;
    position += read;
    scan.push(chunk.subarray(0, read));
  }
  return { bytes: head.subarray(0, readSync(fd, head, 0, HEAD_BYTES, 0)), rest: { byteLength: size - bom, planKind: scan.end() } };
}

/** A stream past the limit: what is held, then the rest a chunk at a time (not held), up to the scan factor. */
function scanStream(fd: number, held: Buffer[], maxBytes: number): { byteLength: number; planKind: boolean } {
  const scan = new PlanKindScan();
  let byteLength = 0;
  const take = (chunk: Buffer) => {
    byteLength += chunk.length;
    scan.push(chunk);
  };
  held.forEach(take);
  const chunk = Buffer.alloc(SCAN_BYTES);
  const cap = STREAM_SCAN_FACTOR * maxBytes;
  for (let read; (read = readSync(fd, chunk, 0, SCAN_BYTES, null)) > 0;) {
    if (byteLength + read > cap)
      throw new EndlessInput(`it did not end within ${STREAM_SCAN_FACTOR} times the size limit (${formatSize(cap)}); is it an endless stream?`);
    take(chunk.subarray(0, read));
  }
  return { byteLength, planKind: scan.end() };
}

/**
 * Whether a `kind: ClusterPlan` line is in a text given chunk by chunk. Only whole lines are tested (the
 * end of a chunk is not the end of a line); a line longer than a few KB is never taken as one.
 */
class PlanKindScan {
  found = false;
  private carry = '';

  push(chunk: Buffer): void {
    if (this.found) return;
    // latin1 maps each byte to one character: exact for the ASCII line looked for.
    const text = this.carry + chunk.toString('latin1');
    const end = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1;
    this.found = looksLikeInput(text.slice(0, end));
    this.carry = text.length - end <= 4096 ? text.slice(end) : 'x'; // a character that keeps `^` off a line's middle
  }

  /** The answer, the last line included when the text does not end with a line break. */
  end(): boolean {
    return this.found || looksLikeInput(this.carry);
  }
}

/** The text, and when it is only the file's beginning, what the engine needs to judge the whole file. */
export function decodePlanText({ bytes, rest }: FileBytes): Decoded {
  // A beginning may end inside a character: only a whole file must be valid UTF-8.
  const reason = notText(bytes, rest === undefined);
  if (reason) return { ok: false, reason };
  const text = new TextDecoder('utf-8').decode(bytes);
  const bom = startsWithBom(bytes);
  return rest ? { ok: true, text, bom, truncated: { byteLength: rest.byteLength, isPlan: rest.planKind } } : { ok: true, text, bom };
}
