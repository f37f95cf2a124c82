// Which documents are Talos machine configuration: the v1alpha1 machine config (`version: v1alpha1`
// with `machine:`), and the ingress firewall documents (`apiVersion: v1alpha1`, `kind:
// NetworkDefaultActionConfig` or `NetworkRuleConfig`) beside it or in a file of their own.
import { isMap, isScalar, type YAMLMap } from 'yaml';
import type { ParsedDocument } from '../../source/parse';

export const FIREWALL_KINDS = ['NetworkDefaultActionConfig', 'NetworkRuleConfig'] as const;

const MACHINE = /^machine\s*:/m;
const VERSION = /^version\s*:\s*["']?v1alpha1/m;
const FIREWALL_KIND = /^kind\s*:\s*["']?Network(DefaultAction|Rule)Config/m;

export const looksLikeTalos = (text: string): boolean => (MACHINE.test(text) && VERSION.test(text)) || FIREWALL_KIND.test(text);

const scalarAt = (m: YAMLMap, key: string): unknown => {
  const v = m.get(key, true);
  return isScalar(v) ? v.value : undefined;
};

/** What a document is: a machine config, a firewall document, or none of Talos's. */
export function talosKind(root: unknown): 'machine' | (typeof FIREWALL_KINDS)[number] | undefined {
  if (!isMap(root)) return undefined;
  if (scalarAt(root, 'version') === 'v1alpha1' && isMap(root.get('machine', true))) return 'machine';
  const kind = scalarAt(root, 'kind');
  return scalarAt(root, 'apiVersion') === 'v1alpha1' && FIREWALL_KINDS.includes(kind as (typeof FIREWALL_KINDS)[number])
    ? (kind as (typeof FIREWALL_KINDS)[number])
    : undefined;
}

export const isTalosDocument = ({ doc, source, errors }: ParsedDocument): boolean =>
  talosKind(doc.contents) !== undefined || (errors.length > 0 && looksLikeTalos(source));
