// Hover: over a finding, what its rule checks and why it matters, with the rule's docs page; over a name
// in a firewall rule or selector, what it resolves to in this plan; over a port, what listens there.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintConfig } from '../src/linter';
import { DEFAULT_SENSITIVE_PORTS } from '../src/domain/sensitive-ports';
import type { Diagnostic } from '../src/core/types';
import type { Plan } from '../src/model/types';
import { ruleDocsUrl } from '../src/package-info';
import { ALL_RULE_METAS } from '../src/linter';
import { toLspRange } from './diagnostics';
import { planAt } from './plan-at';
import { describePorts } from './port-hover';
import { describeAllNodes, describeNode, describeRole, describeSource, referencePlace } from './references';
import { slotAt, type Slot } from './yaml-path';

const META = new Map(ALL_RULE_METAS.map((m) => [m.id, m]));

/** `config` is the document's configuration: its limits bound the parse, its sensitive ports are named. */
export function hoverAt(doc: TextDocument, diagnostics: Diagnostic[], position: Position, config: LintConfig = {}): Hover | null {
  const offset = doc.offsetAt(position);
  // Inclusive end: the cursor just after a value still hovers it.
  const hits = diagnostics.filter((d) => d.range.start.offset <= offset && offset <= d.range.end.offset);
  const at = planAt(doc.getText(), offset, config.limits);
  const slot = at && slotAt(at.doc, offset);
  const meaning = slot && describeValue(slot, at.plan, config.sensitivePorts ?? DEFAULT_SENSITIVE_PORTS);
  const parts = [...[...new Set(hits.map((d) => d.ruleId))].map(explain), ...(meaning ? [meaning] : [])];
  if (parts.length === 0) return null;
  const range = hits.length > 0 ? toLspRange(doc, hits[0].range) : { start: doc.positionAt(slot!.scalar.range![0]), end: doc.positionAt(slot!.scalar.range![1]) };
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range };
}

function explain(ruleId: string): string {
  const meta = META.get(ruleId);
  const body = meta ? `${meta.description}\n\n${meta.rationale}\n\n` : '';
  return `**kube-netlint \`${ruleId}\`**\n\n${body}[Documentation](${ruleDocsUrl(ruleId)})`;
}

/** What a scalar of the plan stands for, by where it sits: a reference, or a port of the catalog. */
function describeValue(slot: Slot, plan: Plan, sensitivePorts: readonly number[]): string | undefined {
  const value = String(slot.scalar.value);
  const ports = describePorts(slot, plan, sensitivePorts);
  if (ports) return ports;
  switch (referencePlace(slot)) {
    case 'source':
      return describeSource(plan, value);
    case 'all':
      return value === 'all' ? describeAllNodes(plan) : undefined;
    case 'role':
      return describeRole(plan, value);
    case 'node':
      return describeNode(plan, value);
  }
  return undefined;
}
