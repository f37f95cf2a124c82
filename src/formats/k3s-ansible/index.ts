// k3s-ansible inventories (github.com/k3s-io/k3s-ansible `inventory.yml`): servers and agents from its groups,
// k3s flags from `extra_*_args` strings and `*_config_yaml` blocks, each value located inside them
// (docs/formats/k3s-ansible.md).
import type { Document } from 'yaml';
import type { KeyNames } from '../../model/types';
import { keptInAPlan, type InputFormat } from '../input-format';
import { isK3sAnsibleInventory, looksLikeK3sAnsible } from './detect';
import { readK3sAnsible } from './read'; // on demand
import type { OuterText } from './scalar-text';

const WHERE = '(server_config_yaml or extra_server_args)';

const keyNames: KeyNames = {
  ...keptInAPlan('the inventory'),
  pods: `cluster-cidr ${WHERE}`,
  services: `service-cidr ${WHERE}`,
  nodeCidrMaskSize: `kube-controller-manager-arg node-cidr-mask-size ${WHERE}`,
  nodeCidrMaskSizeIPv6: `kube-controller-manager-arg node-cidr-mask-size-ipv6 ${WHERE}`,
  maxPods: `kubelet-arg max-pods ${WHERE}`,
  clusterDNS: `cluster-dns ${WHERE}`,
  nodePortRange: `service-node-port-range ${WHERE}`,
  distribution: 'the distribution (k3s, for k3s-ansible)',
  cniPlugin: `flannel-backend ${WHERE}`,
  cniMode: `flannel-backend ${WHERE}`,
  controlPlaneEndpoint: 'api_endpoint',
};

/**
 * The text of each claimed document, for `read`: positions inside a string (a flag of `extra_server_args`,
 * a line of `server_config_yaml: |`) need the text as written, which the parsed tree does not keep.
 */
const texts = new WeakMap<Document.Parsed, OuterText>();

export const k3sAnsible: InputFormat = {
  id: 'k3s-ansible',
  keyNames,
  looksLike: looksLikeK3sAnsible,
  claims: (d) => {
    if (!isK3sAnsibleInventory(d)) return false;
    texts.set(d.doc, { text: d.source, start: d.doc.range[0] });
    return true;
  },
  imports: () => [],
  read: (doc, tick) => readK3sAnsible(doc, texts.get(doc), tick),
  fixable: false,
  firewallsElsewhere: true,
};
