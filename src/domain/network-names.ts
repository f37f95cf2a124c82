// The networks of a plan that a firewall rule's `from` may name by their list: `nodes`, `pods`,
// `services`, `trusted` (a reserved network is named by its own name).
export const NETWORK_LISTS = ['nodes', 'pods', 'services', 'trusted'] as const;

export type NetworkList = (typeof NETWORK_LISTS)[number];

/** Source words that mean the same in every plan. */
export const UNIVERSAL_SOURCES = ['any', 'internet'] as const;
