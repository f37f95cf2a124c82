// A finding's identity across runs (SARIF partialFingerprints), so that code scanning and other SARIF
// consumers keep one alert while the plan is edited around it.
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../core/types';

export const FINGERPRINT_KEY = 'kubeNetlint/v1';

// A line or column a message names moves with every line inserted above it; the place is the finding's
// location, not its identity.
const PLACE = /\b(lines?|columns?) \d+(?:\s*(?:-|–|to|and)\s*\d+)?/gi;

/** The message without the line and column numbers it names. */
export const withoutPlaces = (message: string): string => message.replace(PLACE, '$1');

/**
 * The rule, the message id, the file and the message without places, plus which of several such findings
 * it is in the file: the same after lines are inserted or removed anywhere, different for two findings.
 */
export function fingerprinter(): (d: Diagnostic, path: string) => string {
  const seen = new Map<string, number>();
  return (d, path) => {
    const key = [d.ruleId, d.messageId ?? '', path, withoutPlaces(d.message)].join('\0');
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return createHash('sha256').update(`${key}\0${occurrence}`).digest('hex').slice(0, 32);
  };
}
