// talhelper's talconfig.yaml: the cluster-level file talhelper renders into one Talos machine config per node,
// with the files it reads beside it: talenv.yaml (its variables) and the patch files its `patches` name.
import type { Document } from 'yaml';
import { isMap } from 'yaml';
import type { PlanPart } from '../../model/types';
import { spanOf, YamlReader } from '../../source/yaml-nodes';
import { keptInAPlan, type ImportEntry, type InputFormat } from '../input-format';
import type { OuterText } from '../k3s-ansible/scalar-text';
import { isTalconfig, looksLikeTalconfig } from './detect';
import { allPatchItems, PATCH_FORMAT, patchFile } from './patches';
import { readTalconfig } from './read'; // on demand
import { ENV_FILES, ENV_FORMAT } from './talenv';

/** Where a Talos patch sets what talconfig.yaml has no key of its own for. */
const PATCH = '(a Talos patch)';

/** The text of each claimed talconfig.yaml, for `read`: an inline patch is parsed where it is written. */
const texts = new WeakMap<Document.Parsed, OuterText>();

/** The env files talhelper loads (those that exist), then every patch file the patches name. */
function importsOf(doc: Document.Parsed): ImportEntry[] {
  const reader = new YamlReader(doc);
  const root = reader.map(doc.contents);
  const anchor = reader.keySpan(root, 'clusterName') ?? spanOf(doc.contents);
  const env = ENV_FILES.map((file) => ({ span: anchor, path: { value: file, span: anchor }, format: { value: ENV_FORMAT, span: anchor }, optional: true }));
  const files = allPatchItems(reader, root).flatMap((item) => {
    const path = patchFile(item);
    // A path with a variable in it is known only once talenv.yaml is read: it stays unresolved.
    return path && path.value !== '' && !path.value.includes('$') ? [{ span: item.span, path, format: { value: PATCH_FORMAT, span: item.span } }] : [];
  });
  return [...env, ...files];
}

export const talhelper: InputFormat = {
  id: 'talhelper',
  keyNames: {
    ...keptInAPlan('talconfig.yaml'),
    pods: 'clusterPodNets',
    services: 'clusterSvcNets',
    nodeCidrMaskSize: `cluster.controllerManager.extraArgs.node-cidr-mask-size-ipv4 ${PATCH}`,
    nodeCidrMaskSizeIPv6: `cluster.controllerManager.extraArgs.node-cidr-mask-size-ipv6 ${PATCH}`,
    maxPods: `machine.kubelet.extraConfig.maxPods ${PATCH}`,
    clusterDNS: `machine.kubelet.clusterDNS ${PATCH}`,
    nodePortRange: `cluster.apiServer.extraArgs.service-node-port-range ${PATCH}`,
    distribution: 'the distribution (Talos, for a talconfig.yaml)',
    cniPlugin: 'cniConfig.name',
    cniMode: 'cniConfig',
    controlPlaneEndpoint: 'endpoint',
    firewalls: '`ingressFirewall`',
  },
  looksLike: looksLikeTalconfig,
  claims: (d) => {
    if (!isTalconfig(d)) return false;
    texts.set(d.doc, { text: d.source, start: d.doc.range[0] });
    return true;
  },
  imports: importsOf,
  impliedImports: true,
  read: (doc, tick, context) => readTalconfig(doc, new YamlReader(doc), tick, { outer: texts.get(doc), imported: context?.imported ?? [] }),
  fixable: false,
};

/** A part that says nothing: a file its importer reads itself. */
const silent = (doc: Document.Parsed): PlanPart => ({
  anchorSpan: spanOf(doc.contents),
  networks: { lists: {}, keySpans: {}, entries: [] },
  nodes: [],
  firewalls: [],
  services: [],
});

/** talenv.yaml (or its SOPS twin): variables only, which the talconfig.yaml that imports it fills in. */
export const talhelperEnv: InputFormat = {
  id: ENV_FORMAT,
  keyNames: talhelper.keyNames,
  importedOnly: true,
  looksLike: () => false,
  claims: (d) => d.doc.contents === null || isMap(d.doc.contents),
  imports: () => [],
  read: silent,
  fixable: false,
};

/** A patch file (`@./patch.yaml`): Talos machine-config patches, which the talconfig.yaml that names it applies. */
export const talhelperPatch: InputFormat = {
  id: PATCH_FORMAT,
  keyNames: talhelper.keyNames,
  importedOnly: true,
  looksLike: () => false,
  claims: () => true,
  imports: () => [],
  read: silent,
  fixable: false,
};
