import { describeNetwork, familyName } from '../src/analysis/cluster-networks';
import type { Family } from '../src/analysis/ip';
import { specialUse } from '../src/analysis/special-ranges';
import { defineRule, type RelatedReport, type Report } from '../src/engine/rule';
import type { EffectiveNetwork, NetworkEntry, Plan } from '../src/model/types';

const familiesOf = (networks: EffectiveNetwork[]): Set<Family> => new Set(networks.map((n) => n.cidr.family));

/** A pod network as a related location: declared, or the default with the key whose absence implies it. */
const relatedPods = (n: EffectiveNetwork): RelatedReport => ({ at: n.span, messageId: n.declared ? 'podNetwork' : 'podDefault', data: { network: describeNetwork(n) } });

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
      serviceFamilyNotInPods: '{services} is {family}, but no pod CIDR is {family}: pods and services need the same IP families (add an {family} pod CIDR, or remove this service CIDR)',
      serviceDefaultFamilyNotInPods:
        '{services}, in force because networks.services is not set, is {family}, but no pod CIDR is {family}: set networks.services to one CIDR per IP family of the pods',
      podFamilyNotInServices: 'networks.services has no {family} CIDR, but {pods} is {family}: pods and services need the same IP families (add an {family} service CIDR)',
      podFamilyNotInServiceDefault:
        '{services}, in force because networks.services is not set, has no {family} counterpart for {pods}: set networks.services to one CIDR per IP family of the pods',
      secondPodCidr: 'pod CIDR {value} is a second {family} pod CIDR, but kube-controller-manager takes at most one per IP family: keep one {family} CIDR (the first is {first})',
      secondServiceCidr: 'service CIDR {value} is a second {family} service CIDR, but kube-apiserver takes at most one per IP family: keep one {family} CIDR (the first is {first})',
      nodeLacksFamily: 'node "{node}" has no usable {family} address, but the cluster is dual-stack: add an {family} address to one of its interfaces (every node needs an address of each family)',
      podNetwork: '{network}',
      podDefault: '{network}, in force because networks.pods is not set',
      firstOfFamily: 'the first {family} CIDR',
      makesDualStack: '{network} makes the cluster dual-stack',
    },
  },
  check(plan, context) {
    checkFamilies(plan, context.report);
    checkOnePerFamily(plan.networks.lists.pods, 'secondPodCidr', context.report);
    checkOnePerFamily(plan.networks.lists.services, 'secondServiceCidr', context.report);
    checkNodes(plan, context.report);
  },
});

function checkFamilies(plan: Plan, report: (r: Report) => void): void {
  if (plan.pods.length === 0 || plan.services.length === 0) return;
  const podFamilies = familiesOf(plan.pods);
  const serviceFamilies = familiesOf(plan.services);
  const podsRelated = plan.pods.map(relatedPods);
  let extra = false;
  for (const svc of plan.services) {
    const family = svc.cidr.family;
    if (podFamilies.has(family)) continue;
    extra = true;
    const data = { services: describeNetwork(svc), family: familyName(family) };
    report({ messageId: svc.declared ? 'serviceFamilyNotInPods' : 'serviceDefaultFamilyNotInPods', data, at: svc.span, related: podsRelated });
  }
  // Single-stack pods and services of different families: one finding (above) says it all.
  if (extra) return;
  const declared = plan.networks.lists.services !== undefined;
  // A missing family is the list's fault: the `services` key, or the key implying the default.
  const at = (declared && plan.networks.keySpans.services) || plan.services[0].span;
  for (const pod of plan.pods) {
    const family = pod.cidr.family;
    if (serviceFamilies.has(family)) continue;
    serviceFamilies.add(family); // once per family
    const data = { services: describeNetwork(plan.services[0]), pods: describeNetwork(pod), family: familyName(family) };
    report({
      messageId: declared ? 'podFamilyNotInServices' : 'podFamilyNotInServiceDefault',
      data,
      at,
      related: [relatedPods(pod)],
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
    report({ messageId, data: { value: e.value, family, first: first.value }, at: e.span, related: [{ at: first.span, messageId: 'firstOfFamily', data: { family } }] });
  }
}

function checkNodes(plan: Plan, report: (r: Report) => void): void {
  const networks = [...plan.pods, ...plan.services];
  const families = familiesOf(networks);
  if (families.size < 2) return;
  // The network that makes each family part of the cluster: pods first, then services.
  const witness = new Map<Family, EffectiveNetwork>();
  for (const n of networks) if (!witness.has(n.cidr.family)) witness.set(n.cidr.family, n);
  for (const node of plan.nodes) {
    if (!node.name) continue; // the schema reports the missing name
    let has4 = false;
    let has6 = false;
    for (const iface of node.interfaces) {
      for (const a of iface.addresses) {
        if (!a.ip || specialUse(a.ip) !== undefined) continue;
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
      related: [{ at: witness.get(missing)!.span, messageId: 'makesDualStack', data: { network: describeNetwork(witness.get(missing)!) } }],
    });
  }
}
