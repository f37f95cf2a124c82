// A text read by an input format as the engine reads a file of its own syntax (parsed, claimed, then read), and its
// firewalls' rules written out to compare.
import type { InputFormat } from '../../src/formats/input-format';
import type { Firewall, PlanPart } from '../../src/model/types';

/** The part the format reads from the text's first document, or undefined when the format does not take the text. */
export function partOf(format: InputFormat, text: string, filePath: string, base = 0): PlanPart | undefined {
  const parsed = format.parse!(text, { base, filePath });
  if (typeof parsed !== 'object' || !parsed.ok) return undefined;
  const doc = parsed.documents[0];
  if (!format.claims(doc, parsed.documents, filePath)) return undefined;
  return format.read(doc.doc, () => {});
}

/** A firewall's rules as `allow tcp 6443 from 10.0.0.0/8`, in order, then its default. */
export function rulesOf(firewall: Firewall): string[] {
  const rules = firewall.rules.map((r) => {
    const proto = r.protocol === 'any' ? 'any' : (({ 6: 'tcp', 17: 'udp' } as Record<number, string>)[r.protocol] ?? `proto-${r.protocol}`);
    const ports = r.ports ? ` ${r.ports.map((p) => p.value).join(',')}` : '';
    const from = r.from ? ` from ${r.from.map((f) => f.value).join(',')}` : '';
    const on = r.arrivesOn ? ` on ${r.arrivesOn.map((i) => i.value).join(',')}` : '';
    return `${r.action.value} ${proto}${ports}${from}${on}`;
  });
  return [...rules, `default ${firewall.defaultAction}`];
}
