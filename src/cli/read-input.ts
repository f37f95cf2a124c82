// Bytes → text, refusing what is not a text plan: binary data, invalid UTF-8, oversized files.
// A BOM is dropped (editors do not count it as a column).

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

export function decodePlanText(bytes: Uint8Array): Decoded {
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, reason: `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` };
  if (bytes.includes(0)) return { ok: false, reason: 'the file is binary (it contains NUL bytes), not a YAML or JSON plan' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: 'the file is not valid UTF-8 text' };
  }
}
