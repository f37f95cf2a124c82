// Which documents are kubeadm's: a ClusterConfiguration, InitConfiguration or JoinConfiguration of
// `kubeadm.k8s.io/<version>` (v1beta1 to v1beta4 keep the keys read here in place). The component configs
// kubeadm takes in the same file (KubeletConfiguration, KubeProxyConfiguration) and its other kinds
// (ResetConfiguration, UpgradeConfiguration) are the format's only beside one of those: on their own they
// are not a kubeadm configuration.
import { isMap, isScalar, type Document, type Node } from 'yaml';
import type { ParsedDocument } from '../../source/parse';

const KUBEADM_GROUP = 'kubeadm.k8s.io/';

/** The kinds that make a document a kubeadm configuration. */
const KUBEADM_KINDS: ReadonlySet<string> = new Set(['ClusterConfiguration', 'InitConfiguration', 'JoinConfiguration']);

/** The API groups of the documents kubeadm reads beside its own, in the same file. */
const COMPANION_GROUPS = [KUBEADM_GROUP, 'kubelet.config.k8s.io/', 'kubeproxy.config.k8s.io/'];

// At the start of a line, or of a JSON object's member.
const API_VERSION = /(?:^|[{,])[ \t]*["']?apiVersion["']?[ \t]*:[ \t]*["']?kubeadm\.k8s\.io\//m;
const KIND = /(?:^|[{,])[ \t]*["']?kind["']?[ \t]*:[ \t]*["']?(?:Cluster|Init|Join)Configuration\b/m;

/** Whether a text may be a kubeadm configuration: an `apiVersion: kubeadm.k8s.io/…` line. */
export const looksLikeKubeadm = (text: string): boolean => API_VERSION.test(text);

/** A top-level string of a document (`apiVersion`, `kind`), and its node. */
export function topLevel(doc: Document.Parsed, key: string): { value: string; node: Node } | undefined {
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === key);
  const value = pair?.value;
  return isScalar(value) && typeof value.value === 'string' ? { value: value.value, node: value } : undefined;
}

/** `apiVersion` and `kind`, or for a document that does not parse the lines that say them. */
function isKubeadmConfig({ doc, source, errors }: ParsedDocument): boolean {
  if (errors.length > 0) return API_VERSION.test(source) && KIND.test(source);
  const kind = topLevel(doc, 'kind')?.value;
  return kind !== undefined && KUBEADM_KINDS.has(kind) && (topLevel(doc, 'apiVersion')?.value.startsWith(KUBEADM_GROUP) ?? false);
}

/** Per file (its list of documents): whether it holds a kubeadm configuration. Asked once per document otherwise. */
const filesWithConfig = new WeakMap<readonly ParsedDocument[], boolean>();

function hasKubeadmConfig(file: readonly ParsedDocument[]): boolean {
  let known = filesWithConfig.get(file);
  if (known === undefined) filesWithConfig.set(file, (known = file.some(isKubeadmConfig)));
  return known;
}

/**
 * A kubeadm configuration, or a document of a kubeadm, kubelet or kube-proxy API group in a file that holds
 * one (the file is one plan: see InputFormat.wholeFile).
 */
export function claimsKubeadm(d: ParsedDocument, file?: readonly ParsedDocument[]): boolean {
  if (isKubeadmConfig(d)) return true;
  if (!file || d.errors.length > 0) return false;
  const apiVersion = topLevel(d.doc, 'apiVersion')?.value;
  return apiVersion !== undefined && COMPANION_GROUPS.some((g) => apiVersion.startsWith(g)) && hasKubeadmConfig(file);
}
