// Which texts and documents are kubespray inventories: an INI inventory with a kubespray group's
// section, or a YAML one whose groups include a kubespray group.
import { isMap, isScalar, type Node } from 'yaml';
import type { ParsedDocument } from '../../source/parse';
import { KUBESPRAY_GROUPS } from './defaults';

const GROUP_NAMES = KUBESPRAY_GROUPS.filter((g) => g.role !== undefined || g.name.startsWith('k8s')).map((g) => g.name);
const INI_SECTION = new RegExp(`^[ \\t]*\\[(${GROUP_NAMES.join('|')})(:children|:vars)?\\][ \\t]*(#.*)?$`, 'm');
const YAML_GROUP = new RegExp(`^[ \\t]+(${GROUP_NAMES.join('|')})[ \\t]*:`, 'm');

/** An INI inventory: a file not named as YAML or JSON, with a kubespray group's section. */
export const isIniInventory = (text: string, filePath?: string): boolean => !/\.(ya?ml|json)$/i.test(filePath ?? '') && INI_SECTION.test(text);

/** Whether a text may be an inventory, INI or YAML (`all:` with a kubespray group below it). */
export const looksLikeInventory = (text: string): boolean => INI_SECTION.test(text) || (/^all[ \t]*:/m.test(text) && YAML_GROUP.test(text));

/** A YAML inventory: `all` (or another top group) whose `children`, at some depth, name a kubespray group. */
export function isYamlInventory({ doc }: ParsedDocument): boolean {
  const root = doc.contents;
  if (!isMap(root) || root.items.length === 0) return false;
  return root.items.some((p) => isScalar(p.key) && hasKubesprayGroup(p.value, 0));
}

function hasKubesprayGroup(group: Node | null, depth: number): boolean {
  if (!isMap(group) || depth > 8) return false;
  const children = group.get('children', true);
  if (!isMap(children)) return false;
  return children.items.some((p) => isScalar(p.key) && (GROUP_NAMES.includes(String(p.key.value)) || hasKubesprayGroup(p.value as Node | null, depth + 1)));
}
