// The networks of a plan that a firewall rule's `from` may name by their list: `nodes`, `pods`,
// `services`, `trusted` (a reserved network is named by its own name).
export const NETWORK_LISTS = ['nodes', 'pods', 'services', 'trusted'] as const;

export type NetworkList = (typeof NETWORK_LISTS)[number];

/** Source words that mean the same in every plan. */
export const UNIVERSAL_SOURCES = ['any', 'internet'] as const;

/**
 * What a `from` entry is, by its form (ClusterPlan's source grammar): a universal word, `role:<role>`,
 * `node:<name>`, an address or CIDR, or else a name (a network list or a reserved network's name).
 */
export type SourceReference =
  | { kind: 'universal'; word: (typeof UNIVERSAL_SOURCES)[number] }
  | { kind: 'role'; role: string }
  | { kind: 'node'; name: string }
  | { kind: 'address'; text: string }
  | { kind: 'name'; name: string };

export function parseSource(text: string): SourceReference {
  if ((UNIVERSAL_SOURCES as readonly string[]).includes(text)) return { kind: 'universal', word: text as (typeof UNIVERSAL_SOURCES)[number] };
  if (text.startsWith('role:')) return { kind: 'role', role: text.slice(5) };
  if (text.startsWith('node:')) return { kind: 'node', name: text.slice(5) };
  if (/^[0-9a-f:.]+(\/.*)?$/i.test(text) && /[.:]/.test(text)) return { kind: 'address', text };
  return { kind: 'name', name: text };
}
