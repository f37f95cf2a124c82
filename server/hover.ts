// Hover: over a finding, what its rule checks and why it matters, with the rule's docs page; over a name
// in a firewall rule or selector, what it resolves to in this plan; over a port, what listens there (the
// façade's meaningAt).
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ALL_RULE_METAS, meaningAt, type Diagnostic, type LintConfig } from '../src/linter';
import { ruleDocsUrl } from '../src/package-info';
import { toLspRange } from './diagnostics';

const META = new Map(ALL_RULE_METAS.map((m) => [m.id, m]));

/** `config` is the document's configuration: its limits bound the parse, its sensitive ports are named. */
export function hoverAt(doc: TextDocument, diagnostics: Diagnostic[], position: Position, config: LintConfig = {}): Hover | null {
  const offset = doc.offsetAt(position);
  // Inclusive end: the cursor just after a value still hovers it.
  const hits = diagnostics.filter((d) => d.filePath === undefined && d.range.start.offset <= offset && offset <= d.range.end.offset);
  const meaning = meaningAt(doc.getText(), offset, config);
  const parts = [...[...new Set(hits.map((d) => d.ruleId))].map(explain), ...(meaning ? [meaning.markdown] : [])];
  if (parts.length === 0) return null;
  const range = hits.length > 0 ? toLspRange(doc, hits[0].range) : { start: doc.positionAt(meaning!.span[0]), end: doc.positionAt(meaning!.span[1]) };
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range };
}

function explain(ruleId: string): string {
  const meta = META.get(ruleId);
  const body = meta ? `${meta.description}\n\n${meta.rationale}\n\n` : '';
  return `**kube-netlint \`${ruleId}\`**\n\n${body}[Documentation](${ruleDocsUrl(ruleId)})`;
}
