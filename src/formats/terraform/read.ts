// A Terraform file's resources → its firewalls (draft.ts), once per file; then, per import, the part of the
// plan the import selects: each security group as a firewall of type security-group, the GCP rules as one
// host firewall in priority order. A rule allowing another group's members (or its own: `self`) allows the
// nodes that group applies to, as the plan's imports say; when no import says it, the source is unresolved.
import type { Span } from '../../core/types';
import type { Firewall, FirewallRule, Located, PlanPart, Selector } from '../../model/types';
import type { ImportContext } from '../input-format';
import { readRuleResource, readSecurityGroup } from './aws';
import { FileDraft, type Resource, type RuleDraft, type SourceDraft } from './draft';
import { readGcpFirewall, tagPart } from './gcp';
import type { HclFile } from './hcl';
import { readHcloudFirewall } from './hcloud';
import { readOpenstackGroup, readOpenstackRule } from './openstack';
import type { ResourceType } from './detect';

type ResourceReader = (resource: Resource, file: FileDraft) => void;

/** The resources read, by type. */
export const RESOURCE_READERS: Readonly<Record<string, ResourceReader>> = {
  aws_security_group: readSecurityGroup,
  aws_security_group_rule: readRuleResource,
  aws_vpc_security_group_ingress_rule: readRuleResource,
  hcloud_firewall: readHcloudFirewall,
  google_compute_firewall: readGcpFirewall,
  openstack_networking_secgroup_v2: readOpenstackGroup,
  openstack_networking_secgroup_rule_v2: readOpenstackRule,
} satisfies Record<ResourceType, ResourceReader>;

export function draftFile(hcl: HclFile, fileName: string, tick: () => void): FileDraft {
  const file = new FileDraft(fileName);
  file.problems.push(...hcl.problems);
  for (const block of hcl.blocks) {
    tick();
    const [type, name] = block.labels;
    const reader = block.type === 'resource' && block.labels.length === 2 ? RESOURCE_READERS[type.value] : undefined;
    reader?.({ type: type.value, address: `${type.value}.${name.value}`, block }, file);
  }
  return file;
}

/** What an import may name in `select`: the security groups, then `tag:<name>` for each GCP network tag. */
export const selectableParts = (file: FileDraft): string[] => [...file.groups.keys(), ...[...file.gcp.tags].map(tagPart)];

/** The part of the plan an import of the file reads: every firewall, or the one it selects. */
export function partOf(file: FileDraft, imported: ImportContext | undefined, anchor: Span): PlanPart {
  const select = imported?.select;
  const unresolved = [...file.unresolved];
  const nodesOf = imported?.appliesToOf ?? (() => undefined);
  const fromOf = (sources: SourceDraft[] | undefined) => sources && sources.flatMap((s) => fromSource(s, nodesOf, unresolved));
  const groups = select === undefined ? [...file.groups.values()] : [file.groups.get(select)].filter((g) => g !== undefined);
  const firewalls: Firewall[] = [];
  let unread = false;
  for (const g of groups) {
    unresolved.push(...g.unresolved);
    if (known(g.computed, g.rules)) firewalls.push(firewallOf(g.name, g.span, 'security-group', g.rules, fromOf));
    else unread = true;
  }
  const tag = select?.startsWith('tag:') ? select.slice(4) : undefined;
  const { first } = file.gcp;
  const gcpSelected = select === undefined || tag !== undefined;
  if (gcpSelected) unresolved.push(...file.gcp.unresolved);
  if (first && gcpSelected && !known(file.gcp.computed, file.gcp.rules)) unread = true;
  else if (first && gcpSelected) {
    // Targets are honoured per selected tag; a whole-file import applies every rule to its nodes. The sort is
    // stable: rules of one priority and action stay in file order.
    const rules = file.gcp.rules
      .filter((r) => tag === undefined || r.targets === undefined || r.targets?.includes(tag))
      .sort((a, b) => a.priority - b.priority || rank(a) - rank(b));
    const name = { value: `google_compute_firewall${select ? ` ${select}` : ''} (${file.fileName})`, span: first.block.header };
    firewalls.push(firewallOf(name, first.block.span, 'host', rules, fromOf));
  }
  return {
    anchorSpan: anchor,
    networks: { lists: {}, keySpans: {}, entries: [] },
    nodes: [],
    firewalls,
    ...(firewalls.length > 0 ? { firewallsKeySpan: firewalls[0].name!.span } : {}),
    services: [],
    unresolved,
    problems: file.problems,
    ...(unread ? { firewallsUnread: true as const } : {}),
  };
}

/**
 * Whether a firewall says enough to be checked: one all of whose rules Terraform computes (the GKE module's, an
 * EKS node group's) would deny every flow its unread rules may allow, so it is counted (import-unresolved) but
 * not modelled. One with some rules read is, as other formats model a script with commands they cannot follow.
 */
const known = (computed: boolean | undefined, rules: readonly RuleDraft[]) => !computed || rules.some((r) => !r.implicit);

/** At one priority, GCP's deny rules come before its allows. */
const rank = (r: RuleDraft) => (r.action === 'deny' ? 0 : 1);

function firewallOf(
  name: Located<string>,
  span: Span,
  type: Firewall['type'],
  drafts: readonly RuleDraft[],
  fromOf: (sources: SourceDraft[] | undefined) => Located<string>[] | undefined,
): Firewall {
  const firewall: Firewall = { index: 0, span, name, type, defaultAction: 'deny', rules: [] };
  firewall.rules = drafts.map((r, index): FirewallRule => ({
    firewall,
    index,
    span: r.span,
    action: { value: r.action, span: r.span },
    protocol: r.protocol,
    ...(r.protocolAt ? { protocolAt: r.protocolAt } : {}),
    ...(r.ports ? { ports: r.ports, portsKeySpan: r.ports[0]?.span } : {}),
    ...(r.sources ? { from: fromOf(r.sources) } : {}),
    name: { value: r.name, span: r.span },
  }));
  return firewall;
}

/** A source as `from` entries: a CIDR as written; a part's members as the roles and nodes its import names. */
function fromSource(source: SourceDraft, nodesOf: (part: string) => Selector | undefined, unresolved: Located<string>[]): Located<string>[] {
  if (source.kind === 'cidr') return [source.at];
  const nodes = nodesOf(source.part);
  if (!nodes) {
    unresolved.push(source.at);
    return [];
  }
  const span = source.at.span;
  if (nodes.all) return [{ value: 'nodes', span }];
  return [...nodes.roles.map((r) => ({ value: `role:${r.value}`, span })), ...nodes.nodes.map((n) => ({ value: `node:${n.value}`, span }))];
}
