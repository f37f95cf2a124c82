// Engine diagnostics → LSP diagnostics. Positions go through the document's offsets, so they follow the
// client's own line model; for the usual \n and \r\n texts that is the engine's (line-1, column-1).
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic as LspDiagnostic, type Range as LspRange } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Range } from '../src/core/types';
import { ruleDocsUrl } from '../src/package-info';
import { unusedDirective } from '../src/linter';
import type { DocumentResult } from './lint-document';

export const SOURCE = 'kube-netlint';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

export const toLspRange = (doc: TextDocument, r: Range): LspRange => ({ start: doc.positionAt(r.start.offset), end: doc.positionAt(r.end.offset) });

/** A range in a file that is not the document (one the plan imports): from the engine's lines and columns. */
const lineRange = (r: Range): LspRange => ({
  start: { line: r.start.line - 1, character: r.start.column - 1 },
  end: { line: r.end.line - 1, character: r.end.column - 1 },
});

/** Clients that cannot show related locations still get them, in the message. */
export function toLspDiagnostic(d: Diagnostic, doc: TextDocument, relatedInformation: boolean): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toLspRange(doc, d.range),
    severity: SEVERITY[d.severity],
    code: d.ruleId,
    codeDescription: { href: ruleDocsUrl(d.ruleId) },
    source: SOURCE,
    message: d.message,
  };
  if (d.ruleId === unusedDirective.id) out.tags = [DiagnosticTag.Unnecessary];
  if (d.related.length === 0) return out;
  if (relatedInformation) {
    out.relatedInformation = d.related.map((r) => ({
      location: r.filePath ? { uri: pathToFileURL(r.filePath).href, range: lineRange(r.range) } : { uri: doc.uri, range: toLspRange(doc, r.range) },
      message: r.message,
    }));
  } else {
    out.message += ` (related: ${d.related.map((r) => `${r.filePath ? `${basename(r.filePath)}:` : ''}${r.range.start.line}:${r.range.start.column} ${r.message}`).join('; ')})`;
  }
  return out;
}

export function toLspDiagnostics(result: DocumentResult, doc: TextDocument, relatedInformation: boolean): LspDiagnostic[] {
  if (result.configError !== undefined) {
    const start = { line: 0, character: 0 };
    return [
      {
        range: { start, end: start },
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        message: `the kube-netlint configuration is invalid:\n${result.configError}`,
      },
    ];
  }
  return result.diagnostics.map((d) => toLspDiagnostic(d, doc, relatedInformation));
}
