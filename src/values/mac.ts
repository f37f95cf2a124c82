// MAC addresses: the three common spellings, normalised so that duplicates compare equal.
import type { Parsed } from './ip';

const COLON_OR_DASH = /^[0-9a-f]{2}([:-])[0-9a-f]{2}(\1[0-9a-f]{2}){4}$/i;
const CISCO_DOTS = /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i;

/** `52:54:00:AA:bb:01`, `52-54-00-aa-bb-01` and `5254.00aa.bb01` all give `52:54:00:aa:bb:01`. */
export function parseMac(text: string): Parsed<string> {
  let hex: string;
  if (COLON_OR_DASH.test(text)) hex = text.replace(/[:-]/g, '');
  else if (CISCO_DOTS.test(text)) hex = text.replace(/\./g, '');
  else return { ok: false, error: 'expected six hex octets such as "52:54:00:aa:bb:01"' };
  return { ok: true, value: hex.toLowerCase().match(/../g)!.join(':') };
}

/** Why a well-formed MAC cannot be a NIC's own address, or undefined when it can. */
export function macProblem(normalized: string): string | undefined {
  if (normalized === '00:00:00:00:00:00') return 'the all-zero MAC';
  if (normalized === 'ff:ff:ff:ff:ff:ff') return 'the broadcast MAC';
  if (parseInt(normalized.slice(0, 2), 16) & 1) return 'a multicast (group) MAC: the lowest bit of the first octet is set';
  return undefined;
}
