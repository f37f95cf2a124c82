// The variable files Ansible reads beside an inventory: `group_vars/<group>` and `host_vars/<host>`, each a
// file (`.yml`, `.yaml`) or a folder of them, loaded in that order so that a later file wins. group_vars files
// are layers of the plan's variables (see index.ts); a host's host_vars files are read by the inventory itself,
// because a node's address is chosen among several of its variables (`ip`, else `access_ip`, ...) only once
// all its files are known. Precedence (Ansible's, lowest first): the inventory's group variables, group_vars
// of `all`, group_vars of the other groups, the inventory's host variables, host_vars.
import { basename, dirname } from 'node:path';
import { YamlReader, type Located } from '../../source/yaml-nodes';
import type { ImportedDocument } from '../input-format';
import type { Values } from '../located-values';
import { readVars, type Vars, type VarValue } from './inventory';

/** The paths Ansible loads for a group's variables, in its order: the flat files, then the folder's. */
export const groupVarsPaths = (group: string): string[] => [
  `group_vars/${group}.yml`,
  `group_vars/${group}.yaml`,
  `group_vars/${group}/*.yml`,
  `group_vars/${group}/*.yaml`,
];

/**
 * The host_vars files, in the same order, for every host at once (a glob each, not four per host of a large
 * inventory): a file's host is its name (`host_vars/node1.yml`) or its folder's (`host_vars/node1/network.yml`).
 */
export const HOST_VARS_PATHS = ['host_vars/*.yml', 'host_vars/*.yaml', 'host_vars/*/*.yml', 'host_vars/*/*.yaml'];

/** The host a host_vars file is about. */
function hostOf(file: string): string | undefined {
  const folder = dirname(file);
  if (basename(folder) === 'host_vars') return basename(file).replace(/\.ya?ml$/, '');
  return basename(dirname(folder)) === 'host_vars' ? basename(folder) : undefined;
}

/** The variables each host's host_vars files set, the later file winning: from the documents the inventory's imports brought. */
export function hostVarsOf(imported: readonly ImportedDocument[]): Map<string, Vars> {
  const out = new Map<string, Vars>();
  for (const { doc, format, file } of imported) {
    const host = format === HOST_VARS_FORMAT ? hostOf(file) : undefined;
    if (host === undefined) continue;
    const vars: Vars = out.get(host) ?? new Map<string, Located<VarValue>>();
    out.set(host, vars);
    readVars(new YamlReader(doc), doc.contents, vars);
  }
  return out;
}

export const HOST_VARS_FORMAT = 'kubespray-host-vars';

/** The variables of a host that make its node address (read.ts), which a host_vars file may set. */
export const ADDRESS_VARIABLES = ['ip', 'access_ip', 'ip6', 'access_ip6', 'ansible_host'] as const;

/** A host_vars file's templated address variables: counted as its own, whichever file's value is in force. */
export function unresolvedAddresses(vars: Vars, values: Values): void {
  for (const key of ADDRESS_VARIABLES) {
    const v = vars.get(key);
    if (v) values.resolved({ ...v, value: String(v.value) });
  }
}
