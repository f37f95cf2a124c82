// The ClusterPlan format: kube-netlint's own YAML (kind: ClusterPlan), the first input format.
import type { Document } from 'yaml';
import { deadlineTicker } from '../../core/deadline';
import { buildPlan } from '../../model/build';
import type { Plan } from '../../model/types';
import type { SourceFile } from '../../source/source-file';
import { YamlReader } from '../../source/yaml-nodes';
import { validatePlan } from '../../schema/validate';
import type { InputFormat } from '../input-format';
import { isPlanDocument, looksLikePlan } from './detect';
import { readImports } from './imports';
import { readSpec } from './read';

export const clusterPlan: InputFormat = {
  id: 'clusterplan',
  keyNames: {
    pods: 'networks.pods',
    services: 'networks.services',
    nodes: 'networks.nodes',
    nodeCidrMaskSize: 'networks.nodeCidrMaskSize',
    nodeCidrMaskSizeIPv6: 'networks.nodeCidrMaskSizeIPv6',
    maxPods: 'networks.maxPods',
    trusted: 'networks.trusted',
    clusterDNS: 'networks.clusterDNS',
    nodePortRange: 'networks.nodePortRange',
    distribution: 'distribution',
    cniPlugin: 'cni.plugin',
    cniMode: 'cni.mode',
    controlPlaneEndpoint: 'controlPlaneEndpoint',
    firewalls: '`firewalls`',
  },
  looksLike: looksLikePlan,
  claims: isPlanDocument,
  imports: readImports,
  read: (doc, tick) => readSpec(doc, new YamlReader(doc), tick),
  validate: validatePlan,
  fixable: true,
};

/** A plan of ClusterPlan documents alone (no imports read): the editor's hover and completion, and tests. */
export function clusterPlanOf(documents: readonly { document: Document.Parsed; value: unknown }[], source: SourceFile, deadline = Infinity): Plan {
  const tick = deadlineTicker(deadline, 256);
  const parts = documents.map(({ document }) => clusterPlan.read(document, tick));
  return buildPlan(
    parts,
    documents.map(({ document, value }) => ({ document, value, reader: new YamlReader(document), validate: validatePlan })),
    clusterPlan.keyNames,
    source,
    deadline,
  );
}
