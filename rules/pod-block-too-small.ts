import { ceilLog2, networkArg, nodeMaskArg, nodeMaskInForce } from '../src/analysis/cluster-networks';
import { bitsOf } from '../src/values/ip';
import { defineRule, type RelatedReport } from '../src/rule-kinds/rule';
import { DEFAULT_MAX_PODS, type CniPlugin } from '../src/domain/network-defaults';

/** The kubelet's --max-pods is an int32: a larger value is not a plan the kubelet takes (and needs no bigger block). */
const MAX_INT32 = 2 ** 31 - 1;
/**
 * CNIs whose own IPAM hands out pod addresses in blocks of its own, several per node as needed, so the node mask
 * does not bound a node's pods: Calico's calico-ipam (/26 blocks, borrowed on demand). kubespray's assert skips it too.
 */
const OWN_BLOCKS: ReadonlySet<CniPlugin> = new Set(['calico']);
/** Addresses of a node's pod block that no pod gets: the network address and the gateway (the bridge, cni0). */
const RESERVED = 2n;

export default defineRule({
  meta: {
    id: 'pod-block-too-small',
    defaultSeverity: 'error',
    category: 'addressing',
    description: "Each node's pod block (the node mask in force) cannot hold the kubelet's maxPods (default 110) pod addresses.",
    rationale:
      "kube-controller-manager gives every node one block of the node mask (/24 for IPv4 by default) and the CNI's " +
      'host-local IPAM hands pods addresses from it, less the network and gateway addresses. The kubelet admits up to ' +
      'maxPods pods (110 by default); once the block runs out, the next pod on a full node stays in ContainerCreating ' +
      'with "no IP addresses available in range". So an IPv4 node mask longer than /25 cannot host the default 110 ' +
      'pods; kubespray refuses such an inventory before deploying. Calico is not checked: its own IPAM gives a node ' +
      'more blocks of its own as it needs them.',
    messages: {
      tooSmall:
        '{mask} gives each node {capacity} pod addresses (a block of {size}, less the network and gateway addresses), ' +
        'fewer than {maxPods}: set {key} to {fitMask} or shorter, or lower {maxPodsKey} to {capacity}',
      tooSmallWiderCidr:
        '{mask} gives each node {capacity} pod addresses (a block of {size}, less the network and gateway addresses), ' +
        'fewer than {maxPods}: set {key} to {fitMask} or shorter and use a pod CIDR of /{fitMask} or shorter, or lower ' +
        '{maxPodsKey} to {capacity}',
      noRoom:
        '{mask} leaves no pod address on a node (a block of {size}, less the network and gateway addresses), but each ' +
        'node must hold {maxPods}: set {key} to {fitMask} or shorter',
      maxPods: 'maxPods {maxPodsValue} set here',
      podCidr: '{pods}',
    },
  },
  check(plan, context) {
    if (OWN_BLOCKS.has(plan.cni.plugin)) return;
    const set = plan.networks.maxPods;
    // A value the schema refuses (not an integer, below 1) or the kubelet cannot take is not checked here.
    if (set && !(Number.isSafeInteger(set.value) && set.value >= 1 && set.value <= MAX_INT32)) return;
    const maxPods = set?.value ?? DEFAULT_MAX_PODS;
    const maxPodsText = set
      ? `the ${maxPods} pods of ${plan.keyNames.maxPods}`
      : `the kubelet's default maxPods of ${maxPods} (${plan.keyNames.maxPods} is not set)`;

    for (const family of [4, 6] as const) {
      // One node mask per family: the first pod CIDR of the family stands for the others.
      const pod = plan.pods.find((p) => p.cidr.family === family);
      if (!pod) continue;
      const bits = bitsOf(family);
      const mask = nodeMaskInForce(plan, family);
      const m = mask.value;
      if (!Number.isInteger(m) || m < 0 || m > bits) continue; // the schema's and pod-cidr-size's findings
      const block = 1n << BigInt(bits - m);
      const capacity = block - RESERVED;
      if (capacity >= BigInt(maxPods)) continue;

      const key = plan.keyNames[mask.key];
      const fitMask = bits - ceilLog2(maxPods + Number(RESERVED));
      const data = {
        mask: nodeMaskArg(mask, family, plan),
        size: block.toString(),
        capacity: capacity.toString(),
        maxPods: maxPodsText,
        maxPodsValue: maxPods,
        maxPodsKey: plan.keyNames.maxPods,
        key,
        fitMask,
        pods: networkArg(pod, plan),
      };

      // At the mask when the plan sets it, else at maxPods, else at the pod CIDR (the default mask holds the
      // default maxPods, so only a plan that sets one of the two gets here); the others are related.
      const related: RelatedReport[] = [];
      if (mask.set && set) related.push({ at: set.span, messageId: 'maxPods', data });
      if (mask.set || set) related.push({ at: pod.span, messageId: 'podCidr', data });
      const messageId = capacity < 1n ? 'noRoom' : fitMask < pod.cidr.prefix ? 'tooSmallWiderCidr' : 'tooSmall';
      context.report({ messageId, data, at: mask.set?.span ?? set?.span ?? pod.span, related });
    }
  },
});
