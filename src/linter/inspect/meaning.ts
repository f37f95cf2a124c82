// What a scalar of a plan stands for, by where it sits: a name in a firewall rule or selector (what it
// resolves to in this plan), or a port (what listens there). The language server's hover shows it.
import { DEFAULT_SENSITIVE_PORTS } from '../../domain/sensitive-ports';
import type { LintConfig } from '../../engine/lint';
import type { Span } from '../../core/types';
import { planAt } from './plan-at';
import { describePorts } from './port-hover';
import { describeAllNodes, describeNode, describeRole, describeSource, referencePlace } from './references';
import { slotAt } from './yaml-path';

/** Markdown, and the span of the scalar it is about; undefined where a scalar means nothing of ours. */
export function meaningAt(text: string, offset: number, config: LintConfig = {}): { markdown: string; span: Span } | undefined {
  const at = planAt(text, offset, config.limits);
  const slot = at && slotAt(at.doc, offset);
  if (!slot) return undefined;
  const value = String(slot.scalar.value);
  const sensitive = (config.ruleOptions?.['service-public']?.sensitivePorts as readonly number[] | undefined) ?? DEFAULT_SENSITIVE_PORTS;
  const markdown = describePorts(slot, at.plan, sensitive) ?? describeReference(referencePlace(slot), at.plan, value);
  return markdown === undefined ? undefined : { markdown, span: [slot.scalar.range![0], slot.scalar.range![1]] };
}

function describeReference(place: ReturnType<typeof referencePlace>, plan: Parameters<typeof describeSource>[0], value: string): string | undefined {
  switch (place) {
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
