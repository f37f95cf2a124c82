// Plan parts → Plan: the parts of the plan's documents (the linted one, then those it imports, in
// import order), merged, with the networks in force filled in. Format-neutral: the input formats
// (src/formats) read their documents into parts.
import type { Span } from '../core/types';
import { parseCidr } from '../values/ip';
import { CNI_MODES, DEFAULT_CNI, DEFAULT_SERVICE_CIDR, DISTRIBUTIONS, defaultPodCidr, type CniPlugin, type Distribution } from '../domain/network-defaults';
import type { SourceFile } from '../source/source-file';
import { Merger } from './merge';
import type { EffectiveNetwork, Firewall, FormatDefaults, KeyNames, Located, Plan, PlanDocument, PlanPart } from './types';

/** `documents` are the parts' documents as the schema validates them (plan-schema). */
export function buildPlan(parts: readonly PlanPart[], documents: readonly PlanDocument[], keyNames: KeyNames, source: SourceFile, deadline = Infinity): Plan {
  const merge = new Merger(parts.map((p) => p.layer));
  const installer = parts.find((p) => p.defaults)?.defaults;
  const spanOf = (lit: Located<unknown>) => lit.span;
  const distributionAt = merge.one(
    'distribution',
    parts.map((p) => p.distributionAt),
    spanOf,
  );
  const distribution = DISTRIBUTIONS.includes(distributionAt?.value as Distribution)
    ? (distributionAt!.value as Distribution)
    : (parts.find((p) => p.impliedDistribution)?.impliedDistribution ?? 'kubeadm');
  const pluginAt = merge.one(
    'cniPlugin',
    parts.map((p) => p.pluginAt),
    spanOf,
  );
  const plugin = pluginAt && pluginAt.value in CNI_MODES ? (pluginAt.value as CniPlugin) : (installer?.plugin ?? DEFAULT_CNI[distribution]);
  const modeAt = merge.one(
    'cniMode',
    parts.map((p) => p.modeAt),
    spanOf,
  );
  // The installer's mode for its plugin applies whether the plugin is its default or written (kubespray's calico runs VXLAN).
  const installerMode = installer?.plugin === plugin ? installer.mode : undefined;
  const mode = modeAt?.value ?? installerMode ?? CNI_MODES[plugin][0];
  // Lists are numbered across documents: a node's or firewall's index is its place in the whole plan.
  const nodes = parts.flatMap((p) => p.nodes);
  nodes.forEach((n, i) => (n.index = i));
  const firewalls = parts.flatMap((p) => p.firewalls);
  firewalls.forEach((f, i) => (f.index = i));
  const plan: Plan = {
    source,
    documents,
    conflicts: merge.conflicts,
    keyNames,
    anchorSpan: parts[0].anchorSpan,
    deadline,
    distribution,
    distributionAt,
    cni: { plugin, pluginAt, mode, modeAt },
    controlPlaneEndpoint: merge.one(
      'controlPlaneEndpoint',
      parts.map((p) => p.controlPlaneEndpoint),
      spanOf,
    ),
    nodesKeySpan: parts.find((p) => p.nodesKeySpan)?.nodesKeySpan,
    networks: merge.networks(parts.map((p) => p.networks)),
    pods: [],
    services: [],
    nodes,
    firewalls,
    firewallsKeySpan: parts.find((p) => p.firewallsKeySpan)?.firewallsKeySpan,
    declaredServices: parts.flatMap((p) => p.services),
    unresolved: parts.flatMap((p) => (p.unresolved?.length ? [p.unresolved] : [])),
    problems: parts.flatMap((p) => p.problems ?? []),
    substitutions: parts.flatMap((p) => p.substitutions ?? []),
    joins: parts.find((p) => p.joins)?.joins,
    firewallsUnknown: firewallsUnknown(parts, firewalls),
  };
  // Per kind, the first part whose format has a default of its own for it (a k3s server's, before an agent's none).
  const installerOf = (kind: 'pods' | 'services') => parts.find((p) => p.defaults?.[kind]?.length)?.defaults ?? parts.find((p) => p.defaults?.[kind])?.defaults;
  plan.pods = effectiveNetworks(plan, 'pods', installerOf('pods'));
  plan.services = effectiveNetworks(plan, 'services', installerOf('services'));
  return plan;
}

/**
 * Declared pod/service networks, or the default in force with the node that implies it: an installer's
 * own (kubespray's), else the distribution's or the CNI's.
 */
function effectiveNetworks(plan: Plan, kind: 'pods' | 'services', installer: FormatDefaults | undefined): EffectiveNetwork[] {
  const declared = plan.networks.lists[kind];
  if (declared) {
    return declared.flatMap((e) => (e.cidr ? [{ kind, cidr: e.cidr, text: e.value, span: e.span, declared: e }] : []));
  }
  const own = installer?.[kind];
  if (own) {
    const what = kind === 'pods' ? 'pod' : 'service';
    return own.flatMap((text) => {
      const parsed = parseCidr(text);
      return parsed.ok
        ? [{ kind, cidr: parsed.value, text, span: installer.span, defaultOf: `the default ${what} CIDR of ${installer.by}`, unsetKey: kind }]
        : [];
    });
  }
  const { distribution, distributionAt, cni } = plan;
  let text: string;
  let defaultOf: string;
  let span: Span | undefined;
  if (kind === 'pods') {
    const d = defaultPodCidr(distribution, cni.plugin);
    if (!d) return [];
    text = d.cidr;
    const byCni = d.source === 'cni';
    defaultOf = byCni ? `the default pod CIDR of ${cni.plugin}` : `the default cluster CIDR of ${distribution}`;
    span = byCni ? cni.pluginAt?.span : distributionAt?.span;
  } else {
    text = DEFAULT_SERVICE_CIDR[distribution];
    defaultOf = `the default service CIDR of ${distribution}`;
    span = distributionAt?.span;
  }
  const parsed = parseCidr(text);
  if (!parsed.ok) return [];
  return [{ kind, cidr: parsed.value, text, span: span ?? plan.networks.keySpan ?? plan.anchorSpan, defaultOf, unsetKey: kind }];
}

/** Whether the nodes' filtering is unknown (Plan.firewallsUnknown): only when the plan has no firewall it can check. */
function firewallsUnknown(parts: readonly PlanPart[], firewalls: readonly Firewall[]): Plan['firewallsUnknown'] {
  if (firewalls.length > 0 || parts.some((p) => p.firewallsKeySpan)) return false;
  if (parts.some((p) => p.firewallsUnread)) return 'unread';
  return parts.some((p) => p.firewallsUnknown && p.nodes.length > 0) ? 'elsewhere' : false;
}
