import { ceilLog2, familyName, networkArg, nodeMaskArg, nodeMaskInForce } from '../src/analysis/cluster-networks';
import { bitsOf, sizeOf } from '../src/values/ip';
import { defineRule, type RelatedReport } from '../src/rule-kinds/rule';
import { DEFAULT_NODE_CIDR_MASK } from '../src/domain/network-defaults';

/** kubeadm's PodSubnetNodeMaskMaxDiff: a pod CIDR is split into at most 2^16 node blocks. */
const MAX_MASK_DIFF = 16;
/** kubeadm's MinimumAddressesInPodSubnet. */
const MIN_POD_ADDRESSES = 14n;
/** A suggested node mask keeps 2^7 addresses per node: room for kubelet's default maxPods of 110. */
const MIN_NODE_BLOCK_BITS = 7;

const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), hi);

export default defineRule({
  meta: {
    id: 'pod-cidr-size',
    defaultSeverity: 'error',
    category: 'addressing',
    description: "A pod CIDR cannot hold one node block per node, is too small, or its node mask is out of kubeadm's bounds.",
    rationale:
      'kube-controller-manager cuts each pod CIDR into one block of the node mask (/24 for IPv4, /64 for IPv6 by ' +
      'default) per node. When the CIDR holds fewer blocks than there are nodes, the nodes that join last get no pod ' +
      'range and stay NotReady; k3s and RKE2 warn that their default /16 stops at 256 nodes. kubeadm also refuses a ' +
      'node mask shorter than the pod prefix or more than 16 bits longer, and a pod CIDR of fewer than 14 addresses.',
    messages: {
      maskBeyondFamily: '{mask} is longer than an {family} address ({bits} bits), so {pods} cannot be split into node blocks: set {key} to {suggest}',
      maskShorter:
        '{mask} is shorter than the /{prefix} prefix of {pods}, so a node block would be larger than the whole pod CIDR: set {key} to {suggest}, or use a pod CIDR of /{maskValue} or shorter',
      maskTooLong:
        '{mask} is {diff} bits longer than the /{prefix} prefix of {pods}, but kubeadm allows at most 16: set {key} to {maxMask} or less, or use a pod CIDR of /{minPrefix} or longer',
      tooSmall: '{pods} holds only {size} addresses, but kubeadm requires at least 14: use a /{maxPrefix} or shorter prefix',
      capacity:
        '{pods} is split into {blocks} of /{maskValue}, one per node, but the plan has {nodes} nodes: set {key} to {fitMask}, or use a pod CIDR of /{fitPrefix} or shorter',
      capacityWiderCidr:
        '{pods} is split into {blocks} of /{maskValue}, one per node, but the plan has {nodes} nodes: use a pod CIDR of /{fitPrefix} or shorter',
      nodeMask: 'node mask /{maskValue} set here',
      podCidr: '{pods}',
    },
  },
  check(plan, context) {
    const nodes = plan.nodes.length;
    const masks = { 4: nodeMaskInForce(plan, 4), 6: nodeMaskInForce(plan, 6) };
    for (const pod of plan.pods) {
      const { family, prefix } = pod.cidr;
      const bits = bitsOf(family);
      const pods = networkArg(pod);

      if (sizeOf(pod.cidr) < MIN_POD_ADDRESSES) {
        context.report({ messageId: 'tooSmall', data: { pods, size: String(sizeOf(pod.cidr)), maxPrefix: bits - 4 }, at: pod.span });
      }

      const mask = masks[family];
      const m = mask.value;
      if (!Number.isInteger(m) || m < 0) continue; // the schema reports it
      const podRelated: RelatedReport = { at: pod.span, messageId: 'podCidr', data: { pods: networkArg(pod, plan) } };
      const maskRelated: RelatedReport[] = mask.set ? [{ at: mask.set.span, messageId: 'nodeMask', data: { maskValue: m } }] : [];
      // A problem of the mask points at the mask when the plan sets it, else at the pod CIDR.
      const maskProblem = { at: mask.set ? mask.set.span : pod.span, related: mask.set ? [podRelated] : [] };

      const k = ceilLog2(Math.max(nodes, 1));
      const maxMask = Math.min(prefix + MAX_MASK_DIFF, bits);
      const suggest = clamp(DEFAULT_NODE_CIDR_MASK[family], Math.min(prefix + k, maxMask), maxMask);
      const base = { mask: nodeMaskArg(mask), maskValue: m, pods, prefix, key: plan.keyNames[mask.key], family: familyName(family), bits };

      if (m > bits) {
        context.report({ messageId: 'maskBeyondFamily', data: { ...base, suggest }, ...maskProblem });
        continue;
      }
      if (m < prefix) {
        context.report({ messageId: 'maskShorter', data: { ...base, suggest }, ...maskProblem });
        continue;
      }
      if (m - prefix > MAX_MASK_DIFF) {
        context.report({ messageId: 'maskTooLong', data: { ...base, diff: m - prefix, maxMask, minPrefix: m - MAX_MASK_DIFF }, ...maskProblem });
        continue;
      }
      const blocks = 2 ** (m - prefix);
      if (blocks >= nodes) continue;
      const fitMask = prefix + k;
      const data = {
        ...base,
        blocks: { type: 'count', n: blocks, one: 'node block', many: 'node blocks' } as const,
        nodes,
        fitMask,
        fitPrefix: Math.max(m - k, 0),
      };
      const maskFits = fitMask <= Math.min(maxMask, bits - MIN_NODE_BLOCK_BITS);
      context.report({ messageId: maskFits ? 'capacity' : 'capacityWiderCidr', data, at: pod.span, related: maskRelated });
    }
  },
});
