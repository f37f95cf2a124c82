// What GitHub code scanning accepts in one SARIF upload ("SARIF support for code scanning", docs.github.com):
// a file over a maximum is rejected whole, so the report is cut to fit and says so instead.
import { gzipSync } from 'node:zlib';
import type { Diagnostic, Severity } from '../core/types';
import { countBySeverity } from './types';

export const GITHUB_SARIF_LIMITS = {
  /** Results per run: more and the upload is rejected. Code scanning stores 5,000 (the most severe, its docs say). */
  resultsPerRun: 25_000,
  resultsShown: 5_000,
  /** Locations per result (the one location and the related ones): more and the upload is rejected; 100 are shown. */
  locationsPerResult: 1_000,
  locationsShown: 100,
  runsPerFile: 20,
  rulesPerRun: 25_000,
  /** Tags per rule: 20 are accepted, 10 shown. */
  tagsShown: 10,
  /** Characters of a rule's name, shortDescription and fullDescription. */
  ruleNameLength: 255,
  ruleDescriptionLength: 1_024,
  /** The gzip-compressed file, in bytes. */
  gzipBytes: 10 * 1024 * 1024,
} as const;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface Ranked {
  d: Diagnostic;
  /** The rule's security severity (0 for a rule that has none). */
  securitySeverity: number;
}

export interface Fitted<T extends Ranked> {
  /** Most severe first: errors, warnings, infos; within each, the highest security severity first; else in order. */
  kept: T[];
  /** The related locations each kept finding may list. */
  relatedPerResult: number;
  /** What was left out, one sentence each; none when everything fits. */
  notes: string[];
}

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, word: string) => `${count(n)} ${word}${n === 1 ? '' : 's'}`;

/** Orders the findings most severe first and keeps as many as one upload takes. */
export function fitGithubLimits<T extends Ranked>(findings: readonly T[]): Fitted<T> {
  const ordered = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.d.severity] - RANK[b.f.d.severity] || b.f.securitySeverity - a.f.securitySeverity || a.i - b.i)
    .map(({ f }) => f);
  const { resultsPerRun, resultsShown, locationsPerResult, locationsShown } = GITHUB_SARIF_LIMITS;
  const kept = ordered.slice(0, resultsPerRun);
  const notes: string[] = [];
  if (ordered.length > kept.length) {
    const left = countBySeverity(ordered.slice(kept.length).map((f) => f.d));
    const leftOut = [plural(left.errors, 'error'), plural(left.warnings, 'warning'), plural(left.infos, 'info')].join(', ');
    notes.push(
      `${count(ordered.length)} findings are more than the ${count(resultsPerRun)} results GitHub code scanning accepts in one run: ` +
        `this report holds the ${count(kept.length)} most severe and leaves out ${count(ordered.length - kept.length)} (${leftOut}); ` +
        `code scanning shows ${count(resultsShown)} of them. Lint with a format that has no limit (--format json) to see all.`,
    );
  }
  const relatedPerResult = locationsPerResult - 1;
  const cut = kept.filter((f) => f.d.related.length > relatedPerResult).length;
  if (cut > 0) {
    notes.push(
      `${plural(cut, 'finding')} ${cut === 1 ? 'has' : 'have'} more related locations than GitHub code scanning accepts ` +
        `(${count(locationsPerResult)} locations per result): each keeps its first ${count(relatedPerResult)}, of which code scanning shows ${locationsShown}.`,
    );
  }
  return { kept, relatedPerResult, notes };
}

/**
 * The report, cut to its most severe findings until it fits the compressed size GitHub accepts: `render(n, note)`
 * writes the first `n` findings (of `total`, most severe first) and the note, if any, about the rest.
 */
export function fitFileSize(total: number, render: (n: number, note?: string) => string): { text: string; note?: string } {
  const { gzipBytes } = GITHUB_SARIF_LIMITS;
  let text = render(total);
  let note: string | undefined;
  // JSON compresses, so a text within the limit is within it compressed too: most reports never pay for gzip.
  for (let n = total; n > 0 && Buffer.byteLength(text) > gzipBytes;) {
    const size = gzipSync(text).length;
    if (size <= gzipBytes) break;
    n = Math.floor((n * gzipBytes * 0.9) / size);
    note =
      `the SARIF report is more than the ${count(gzipBytes)} bytes (gzip-compressed) GitHub code scanning accepts in one file: ` +
      `it holds the ${count(n)} most severe of ${plural(total, 'finding')}.`;
    text = render(n, note);
  }
  return { text, note };
}
