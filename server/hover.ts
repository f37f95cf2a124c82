// Hover over a finding: what its rule checks and why it matters, with the rule's docs page.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../src/engine/types';
import { ruleDocsUrl } from '../src/package-info';
import { ALL_RULE_METAS } from '../rules';
import { toLspRange } from './diagnostics';

const META = new Map(ALL_RULE_METAS.map((m) => [m.id, m]));

export function hoverAt(doc: TextDocument, diagnostics: Diagnostic[], position: Position): Hover | null {
  const offset = doc.offsetAt(position);
  // Inclusive end: the cursor just after a value still hovers it.
  const hits = diagnostics.filter((d) => d.range.start.offset <= offset && offset <= d.range.end.offset);
  if (hits.length === 0) return null;
  const value = [...new Set(hits.map((d) => d.ruleId))].map(explain).join('\n\n---\n\n');
  return { contents: { kind: MarkupKind.Markdown, value }, range: toLspRange(doc, hits[0].range) };
}

function explain(ruleId: string): string {
  const meta = META.get(ruleId);
  const body = meta ? `${meta.description}\n\n${meta.rationale}\n\n` : '';
  return `**kube-netlint \`${ruleId}\`**\n\n${body}[Documentation](${ruleDocsUrl(ruleId)})`;
}
