import { familyName, networkArg } from '../src/analysis/cluster-networks';
import type { Family } from '../src/values/ip';
import { defineRule, type RelatedReport, type Report } from '../src/rule-kinds/rule';
import type { EffectiveNetwork, NetworkEntry, Plan } from '../src/model/types';

const familiesOf = (networks: EffectiveNetwork[]): Set<Family> => new Set(networks.map((n) => n.cidr.family));

/** A pod network as a related location: declared, or the default with the key whose absence implies it. */
const relatedPods = (plan: Plan, n: EffectiveNetwork): RelatedReport => ({ at: n.span, messageId: 'podNetwork', data: { network: networkArg(n, plan) } });

/** The IP families of the pod and of the service networks in force. */
interface Families {
  pods: Set<Family>;
  services: Set<Family>;
}

export default defineRule({
  meta: {
    id: 'dual-stack-mismatch',
    defaultSeverity: 'warning',
    category: 'addressing',
    description: 'Pod and service CIDRs of different IP families, two CIDRs of one family in a list, or dual-stack nodes lacking a family.',
    rationale:
      'A dual-stack cluster needs one pod CIDR and one service CIDR per IP family, and an address of each family on ' +
      'every node: kube-apiserver and kube-controller-manager refuse two CIDRs of one family, a service family without ' +
      'pods of that family gives services no endpoints, and a node without an IPv6 (or IPv4) address gets no node IP of ' +
      'that family, so its pods are unreachable over it. The family set is fixed at cluster creation (k3s cannot switch ' +
      'later), so the plan is the place to get it right.',
    messages: {
      serviceFamilyNotInPods:
        '{services} is {family}, but no pod CIDR is {family}: pods and services need the same IP families (add an {family} pod CIDR, or remove this service CIDR)',
      serviceDefaultFamilyNotInPods: '{services} is {family}, but no pod CIDR is {family}: set {key} to one CIDR per IP family of the pods',
      podFamilyNotInServices: '{key} has no {family} CIDR, but {pods} is {family}: pods and services need the same IP families (add an {family} service CIDR)',
      podFamilyNotInServiceDefault: '{services} has no {family} counterpart for {pods}: set {key} to one CIDR per IP family of the pods',
      secondPodCidr:
        'pod CIDR {value} is a second {family} pod CIDR, but kube-controller-manager takes at most one per IP family: keep one {family} CIDR (the first is {first})',
      secondServiceCidr:
        'service CIDR {value} is a second {family} service CIDR, but kube-apiserver takes at most one per IP family: keep one {family} CIDR (the first is {first})',
      nodeLacksFamily:
        'node "{node}" has no usable {family} address, but the cluster is dual-stack: add an {family} address to one of its interfaces (every node needs an address of each family)',
      podNetwork: '{network}',
      firstOfFamily: 'the first {family} CIDR',
      makesDualStack: '{network} makes the cluster dual-stack',
    },
  },
  check(plan, context) {
    const families: Families = { pods: familiesOf(plan.pods), services: familiesOf(plan.services) };
    checkFamilies(plan, families, context.report);
    checkOnePerFamily(plan.networks.lists.pods, 'secondPodCidr', context.report);
    checkOnePerFamily(plan.networks.lists.services, 'secondServiceCidr', context.report);
    checkNodes(plan, families, context.report);
  },
});

function checkFamilies(plan: Plan, families: Families, report: (r: Report) => void): void {
  if (plan.pods.length === 0 || plan.services.length === 0) return;
  const podsRelated = plan.pods.map((n) => relatedPods(plan, n));
  let extra = false;
  for (const svc of plan.services) {
    const family = svc.cidr.family;
    if (families.pods.has(family)) continue;
    extra = true;
    const data = { services: networkArg(svc, plan), family: familyName(family), key: plan.keyNames[svc.unsetKey ?? 'services'] };
    report({ messageId: svc.unsetKey ? 'serviceDefaultFamilyNotInPods' : 'serviceFamilyNotInPods', data, at: svc.span, related: podsRelated });
  }
  // Single-stack pods and services of different families: one finding (above) says it all.
  if (extra) return;
  const { unsetKey } = plan.services[0];
  // A missing family is the list's fault: the `services` key, or the key implying the default.
  const at = (!unsetKey && plan.networks.keySpans.services) || plan.services[0].span;
  const reported = new Set<Family>();
  for (const pod of plan.pods) {
    const family = pod.cidr.family;
    if (families.services.has(family) || reported.has(family)) continue;
    reported.add(family);
    const data = {
      services: networkArg(plan.services[0], plan),
      pods: networkArg(pod),
      family: familyName(family),
      key: plan.keyNames.services,
    };
    report({
      messageId: unsetKey ? 'podFamilyNotInServiceDefault' : 'podFamilyNotInServices',
      data,
      at,
      related: [relatedPods(plan, pod)],
    });
  }
}

function checkOnePerFamily(entries: NetworkEntry[] | undefined, messageId: 'secondPodCidr' | 'secondServiceCidr', report: (r: Report) => void): void {
  const firsts = new Map<Family, NetworkEntry>();
  for (const e of entries ?? []) {
    if (!e.cidr) continue;
    const first = firsts.get(e.cidr.family);
    if (!first) {
      firsts.set(e.cidr.family, e);
      continue;
    }
    const family = familyName(e.cidr.family);
    report({
      messageId,
      data: { value: e.value, family, first: first.value },
      at: e.span,
      related: [{ at: first.span, messageId: 'firstOfFamily', data: { family } }],
    });
  }
}

function checkNodes(plan: Plan, families: Families, report: (r: Report) => void): void {
  // Dual-stack means pods and services of both families. Anything less is single-stack, or a family
  // mismatch that checkFamilies reports once: the nodes are not to blame for it.
  if (families.pods.size < 2 || families.services.size < 2) return;
  // The pod network that makes each family part of the cluster.
  const witness = new Map<Family, EffectiveNetwork>();
  for (const n of plan.pods) if (!witness.has(n.cidr.family)) witness.set(n.cidr.family, n);
  for (const node of plan.nodes) {
    if (!node.name) continue; // the schema reports the missing name
    let has4 = false;
    let has6 = false;
    for (const iface of node.interfaces) {
      for (const a of iface.addresses) {
        if (!a.ip || a.special !== undefined) continue;
        if (a.ip.family === 4) has4 = true;
        else has6 = true;
      }
    }
    // A node without any usable address is node-without-address's and invalid-address's finding.
    if (has4 === has6) continue;
    const missing: Family = has4 ? 6 : 4;
    report({
      messageId: 'nodeLacksFamily',
      data: { node: node.name.value, family: familyName(missing) },
      at: node.name.span,
      related: [{ at: witness.get(missing)!.span, messageId: 'makesDualStack', data: { network: networkArg(witness.get(missing)!) } }],
    });
  }
}
