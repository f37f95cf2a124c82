// SARIF 2.1.0 for code scanning: one run whose driver lists every rule, one result per diagnostic, within
// GitHub's upload limits. Where GitHub needs more than the schema (help text, embedded related links), the field says why.
import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_RULE_METAS } from '../linter';
import type { Diagnostic, Range, RuleMeta, Severity } from '../core/types';
import { homepage, packageVersion, ruleDocsUrl } from '../package-info';
import { displayPath, portablePath } from './paths';
import { FINGERPRINT_KEY, fingerprinter } from './sarif-fingerprint';
import { fitFileSize, fitGithubLimits } from './sarif-limits';
import type { Formatter } from './types';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };
const PROBLEM_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'recommendation' };
const SRCROOT = '%SRCROOT%';

const pascalCase = (id: string) => id.replace(/(?:^|-)(.)/g, (_, c: string) => c.toUpperCase());

/** How code scanning names a security-severity score. */
export function securityLevel(score: number): string {
  return score >= 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
}

function reportingDescriptor(meta: RuleMeta) {
  const url = ruleDocsUrl(meta.id);
  const { security } = meta;
  const rating = security ? `Security severity ${security.severity.toFixed(1)} (${securityLevel(security.severity)}): ${security.reason}\n\n` : '';
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.rationale },
    // GitHub does not show helpUri, so the help carries the link as well.
    help: { text: `${meta.rationale}\n\n${rating}Documentation: ${url}`, markdown: `${meta.rationale}\n\n${rating}[Documentation](${url})` },
    helpUri: url,
    defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
    // Code scanning files a rule's results as security alerts when it has a security-severity, and ranks by it and precision.
    properties: {
      tags: [...(security ? ['security'] : []), 'network', meta.category],
      precision: meta.precision ?? 'high',
      'problem.severity': PROBLEM_SEVERITY[meta.defaultSeverity],
      ...(security ? { 'security-severity': security.severity.toFixed(1) } : {}),
    },
  };
}

/** Relative to %SRCROOT% when below the working directory, else an absolute file URL. */
function artifactLocation(filePath: string, cwd: string) {
  const shown = displayPath(filePath, cwd);
  if (isAbsolute(shown)) return { uri: pathToFileURL(filePath).href };
  return { uri: shown.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

const physicalLocation = (artifact: ReturnType<typeof artifactLocation>, r: Range) => ({
  artifactLocation: artifact,
  region: { startLine: r.start.line, startColumn: r.start.column, endLine: r.end.line, endColumn: r.end.column },
});

// GitHub links related locations only when the message embeds them as `[text](id)`; link text must
// escape `\`, `[` and `]` (SARIF §3.11.6).
function messageText(d: Diagnostic, related: Diagnostic['related']): string {
  if (related.length === 0) return d.message;
  const links = related.map((r, i) => `[${r.message.replace(/[\\[\]]/g, '\\$&')}](${i + 1})`);
  return `${d.message} (related: ${links.join(', ')})`;
}

export const formatSarif: Formatter = (results, { cwd, notice }) => {
  const ruleIds = ALL_RULE_METAS.map((m) => m.id);
  const securityOf = new Map(ALL_RULE_METAS.map((m) => [m.id, m.security?.severity ?? 0]));
  // Fingerprints first, in the engine's order: which findings fit must not change who a finding is.
  const fingerprint = fingerprinter();
  const findings = results.flatMap((r) => {
    const artifact = artifactLocation(r.filePath, cwd);
    const path = portablePath(r.filePath, cwd);
    return r.diagnostics.map((d) => ({ d, artifact, fingerprint: fingerprint(d, path), securitySeverity: securityOf.get(d.ruleId) ?? 0 }));
  });
  const { kept, relatedPerResult, notes } = fitGithubLimits(findings);
  const sarifResults = kept.map(({ d, artifact, fingerprint }) => {
    const related = d.related.slice(0, relatedPerResult);
    return {
      ruleId: d.ruleId,
      ruleIndex: ruleIds.indexOf(d.ruleId),
      level: LEVEL[d.severity],
      message: { text: messageText(d, related) },
      locations: [{ physicalLocation: physicalLocation(artifact, d.range) }],
      ...(related.length
        ? {
            relatedLocations: related.map((rel, i) => ({
              id: i + 1,
              // A location in another file of the plan (one it imports) has that file's artifact.
              physicalLocation: physicalLocation(rel.filePath ? artifactLocation(rel.filePath, cwd) : artifact, rel.range),
              message: { text: rel.message },
            })),
          }
        : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    };
  });
  const rules = ALL_RULE_METAS.map(reportingDescriptor);
  const srcroot = pathToFileURL(cwd).href;
  const render = (count: number, sizeNote?: string) => {
    const said = sizeNote ? [...notes, sizeNote] : notes;
    const log = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'kube-netlint', semanticVersion: packageVersion(), version: packageVersion(), informationUri: homepage(), rules } },
          // What did not fit is said in the file too, where whoever reads the upload looks for it.
          ...(said.length
            ? { invocations: [{ executionSuccessful: true, toolExecutionNotifications: said.map((text) => ({ level: 'warning', message: { text } })) }] }
            : {}),
          originalUriBaseIds: { [SRCROOT]: { uri: srcroot.endsWith('/') ? srcroot : `${srcroot}/` } },
          columnKind: 'utf16CodeUnits',
          results: sarifResults.slice(0, count),
        },
      ],
    };
    return JSON.stringify(log, null, 2) + '\n';
  };
  const { text, note } = fitFileSize(sarifResults.length, render);
  for (const said of note ? [...notes, note] : notes) notice?.(said);
  return text;
};
