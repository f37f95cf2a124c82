// SARIF 2.1.0 for code scanning: one run whose driver lists every rule, one result per diagnostic.
// Where GitHub needs more than the schema (help text, embedded related links), the field says why.
import { createHash } from 'node:crypto';
import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_RULE_METAS } from '../linter';
import type { Diagnostic, Range, RuleMeta, Severity } from '../core/types';
import { homepage, packageVersion, ruleDocsUrl } from '../package-info';
import { portablePath } from './paths';
import { displayPath } from './paths';
import type { Formatter } from './types';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };
const SRCROOT = '%SRCROOT%';
const FINGERPRINT_KEY = 'kubeNetlint/v1';

const pascalCase = (id: string) => id.replace(/(?:^|-)(.)/g, (_, c: string) => c.toUpperCase());

function reportingDescriptor(meta: RuleMeta) {
  const url = ruleDocsUrl(meta.id);
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.rationale },
    // GitHub does not show helpUri, so the help carries the link as well.
    help: { text: `${meta.rationale}\n\nDocumentation: ${url}`, markdown: `${meta.rationale}\n\n[Documentation](${url})` },
    helpUri: url,
    defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
    properties: { tags: ['network', meta.category] },
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
function messageText(d: Diagnostic): string {
  if (d.related.length === 0) return d.message;
  const links = d.related.map((r, i) => `[${r.message.replace(/[\\[\]]/g, '\\$&')}](${i + 1})`);
  return `${d.message} (related: ${links.join(', ')})`;
}

/**
 * Identifies a finding across runs without its line numbers, so edits elsewhere in the file keep it:
 * the rule, the file, the message, and which of several identical findings it is.
 */
function fingerprinter() {
  const seen = new Map<string, number>();
  return (d: Diagnostic, path: string) => {
    const key = [d.ruleId, path, d.message].join('\0');
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return createHash('sha256').update(`${key}\0${occurrence}`).digest('hex').slice(0, 32);
  };
}

export const formatSarif: Formatter = (results, { cwd }) => {
  const ruleIds = ALL_RULE_METAS.map((m) => m.id);
  const fingerprint = fingerprinter();
  const sarifResults = results.flatMap((r) => {
    const artifact = artifactLocation(r.filePath, cwd);
    const path = portablePath(r.filePath, cwd);
    return r.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      ruleIndex: ruleIds.indexOf(d.ruleId),
      level: LEVEL[d.severity],
      message: { text: messageText(d) },
      locations: [{ physicalLocation: physicalLocation(artifact, d.range) }],
      ...(d.related.length
        ? {
            relatedLocations: d.related.map((rel, i) => ({
              id: i + 1,
              // A location in another file of the plan (one it imports) has that file's artifact.
              physicalLocation: physicalLocation(rel.filePath ? artifactLocation(rel.filePath, cwd) : artifact, rel.range),
              message: { text: rel.message },
            })),
          }
        : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(d, path) },
    }));
  });
  const srcroot = pathToFileURL(cwd).href;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kube-netlint',
            semanticVersion: packageVersion(),
            version: packageVersion(),
            informationUri: homepage(),
            rules: ALL_RULE_METAS.map(reportingDescriptor),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: srcroot.endsWith('/') ? srcroot : `${srcroot}/` } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};
