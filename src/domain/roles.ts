// The roles a node can have. The plan schema's role enums list the same words (a test holds them equal).
export const ROLES = ['control-plane', 'etcd', 'worker'] as const;

export type Role = (typeof ROLES)[number];

export const isRole = (word: string): word is Role => (ROLES as readonly string[]).includes(word);
