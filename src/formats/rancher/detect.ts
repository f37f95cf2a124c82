// Which documents are a k3s or RKE2 node config (`/etc/rancher/{k3s,rke2}/config.yaml` and its drop-ins
// `config.yaml.d/*.yaml`): a flat mapping of CLI flags. Flags are kebab-case keys whose values are
// scalars or lists of scalars, never mappings, which tells them from Helm values, docker-compose files,
// GitHub workflows, Ansible variables (snake_case) and Kubernetes objects (`apiVersion`, `kind`).
// Which of the two it is: the file's place (`/etc/rancher/rke2/…`), else flags only one of them has,
// else a folder or file name that says `k3s` or `rke2`; when nothing decides, k3s.
import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { ParsedDocument } from '../../source/parse';

export type Flavour = 'k3s' | 'rke2';

/** A flag as config.yaml writes it: `cluster-cidr`, or `kubelet-arg+` (appended to by a drop-in). */
const FLAG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*\+?$/;

/** Keys that make a flat kebab-case mapping a k3s/RKE2 config (each alone). */
const SPECIFIC = new Set([
  'cluster-cidr',
  'service-cidr',
  'cluster-dns',
  'node-ip',
  'node-external-ip',
  'flannel-backend',
  'cni',
  'cluster-init',
  'tls-san',
  'service-node-port-range',
  'write-kubeconfig-mode',
]);
/** Keys other tools' flat files have too: two of the detection keys are needed, or the file's place. */
const GENERIC = new Set(['server', 'token', 'disable', 'node-name']);

/** Flags RKE2 has and k3s has not (rke2-docs reference/server_config). */
const RKE2_ONLY = new Set([
  'cni',
  'profile',
  'audit-policy-file',
  'cloud-provider-name',
  'cloud-provider-config',
  'enable-servicelb',
  'ingress-controller',
  'control-plane-resource-requests',
  'control-plane-resource-limits',
  'control-plane-probe-configuration',
  'kube-apiserver-image',
  'kube-controller-manager-image',
  'kube-scheduler-image',
  'kube-proxy-image',
  'cloud-controller-manager-image',
  'etcd-image',
  'runtime-image',
  'kubelet-path',
]);
const RKE2_ONLY_SUFFIX = /-extra-(?:mount|env)$/;

/** Flags k3s has and RKE2 has not (k3s docs cli/server, cli/agent). */
const K3S_ONLY = new Set([
  'flannel-backend',
  'flannel-ipv6-masq',
  'flannel-external-ip',
  'flannel-iface',
  'flannel-conf',
  'flannel-cni-conf',
  'cluster-init',
  'datastore-endpoint',
  'disable-network-policy',
  'disable-helm-controller',
  'default-local-storage-path',
  'https-listen-port',
  'rootless',
  'docker',
  'prefer-bundled-bin',
  'disable-agent',
  'vpn-auth',
  'vpn-auth-file',
  'supervisor-metrics',
]);

/** The canonical places: `/etc/rancher/k3s/config.yaml`, `/etc/rancher/rke2/config.yaml.d/10-x.yaml`. */
const RANCHER_PATH = /(?:^|\/)rancher\/(k3s|rke2)\/config\.ya?ml(?:\.d\/[^/]+)?$/;
/** A name that says which: a folder `rke2/`, a file `k3s-agent.yaml` or `etc.rancher.k3s.config.yaml`. */
const NAMED = /(?:^|[^a-z0-9])(k3s|rke2)(?=[^a-z0-9]|$)/g;

const DETECTION_LINE =
  /^(?:cluster-cidr|service-cidr|cluster-dns|node-ip|node-external-ip|flannel-backend|cni|cluster-init|server|token|tls-san|disable|node-name|service-node-port-range|write-kubeconfig-mode)\+?[ \t]*:/m;
/** A line at the start of which a config.yaml has only flags, list items, comments and document markers. */
const TOP_LINE = /^(?:[a-z][a-z0-9-]*\+?[ \t]*:(?:[ \t]|$)|- |-$|#|---|\.\.\.|$)/;
/** A Jinja or Go template statement: a template of a config, not a config. */
const TEMPLATE_STATEMENT = /^[ \t]*(?:\{%|\{\{-?[ \t]*(?:if|range|end|else|with|define|template)\b)/m;

/**
 * Whether a text may be a config.yaml, by its lines: a detection flag at the start of a line, every line
 * that starts at column 0 a flag, a list item or a comment, and no template statements.
 */
export function looksLikeRancherConfig(text: string): boolean {
  if (!DETECTION_LINE.test(text) || TEMPLATE_STATEMENT.test(text)) return false;
  for (const line of text.split(/\r?\n|\r/)) {
    if (line === '' || line.startsWith(' ') || line.startsWith('\t')) continue;
    if (!TOP_LINE.test(line)) return false;
  }
  return true;
}

/** The flags of a document, as written (`kubelet-arg+` included), when it is shaped as a config.yaml. */
function flagsOf({ doc, source, errors }: ParsedDocument): string[] | undefined {
  if (errors.length > 0) {
    if (!looksLikeRancherConfig(source)) return undefined;
    return [...source.matchAll(/^([a-z][a-z0-9-]*\+?)[ \t]*:/gm)].map((m) => m[1]);
  }
  const root = doc.contents;
  if (!isMap(root) || root.items.length === 0) return undefined;
  const keys: string[] = [];
  for (const pair of root.items) {
    if (!isScalar(pair.key) || typeof pair.key.value !== 'string' || !FLAG.test(pair.key.value)) return undefined;
    if (!flagValue(pair.value)) return undefined;
    keys.push(pair.key.value);
  }
  return keys;
}

/** A flag's value: a scalar (null too: `node-ip:` left empty), or a list of scalars. Aliases are taken as written. */
const flagValue = (v: Node | null): boolean => v === null || isScalar(v) || isAlias(v) || (isSeq(v) && v.items.every((i) => isScalar(i) || isAlias(i)));

const bare = (flag: string) => (flag.endsWith('+') ? flag.slice(0, -1) : flag);

/** Whether the file's place says k3s or RKE2: the canonical path first, then the nearest name that says one. */
function flavourByPath(filePath: string | undefined, canonical: boolean): Flavour | undefined {
  if (filePath === undefined) return undefined;
  const path = filePath.replaceAll('\\', '/').toLowerCase();
  if (canonical) return RANCHER_PATH.exec(path)?.[1] as Flavour | undefined;
  const parts = path.split('/');
  for (let i = parts.length - 1; i >= 0; i--) {
    const said = new Set([...parts[i].matchAll(NAMED)].map((m) => m[1] as Flavour));
    if (said.size === 1) return [...said][0];
    if (said.size > 1) return undefined;
  }
  return undefined;
}

function flavourByFlags(flags: readonly string[]): Flavour | undefined {
  const rke2 = flags.some((f) => RKE2_ONLY.has(bare(f)) || RKE2_ONLY_SUFFIX.test(bare(f)));
  const k3s = flags.some((f) => K3S_ONLY.has(bare(f)));
  return rke2 === k3s ? undefined : rke2 ? 'rke2' : 'k3s';
}

/**
 * Whether a document is a k3s/RKE2 config, and which: `undefined` when it is none, else the flavour the
 * path or its flags say, or `'either'` when nothing says.
 */
export function rancherConfigOf(parsed: ParsedDocument, filePath?: string): Flavour | 'either' | undefined {
  const flags = flagsOf(parsed);
  if (!flags) return undefined;
  const named = new Set(flags.map(bare));
  const specific = [...named].some((f) => SPECIFIC.has(f));
  const generic = [...named].filter((f) => GENERIC.has(f)).length;
  const canonical = flavourByPath(filePath, true);
  if (!specific && generic < 2 && !(generic === 1 && canonical)) return undefined;
  return canonical ?? flavourByFlags(flags) ?? flavourByPath(filePath, false) ?? 'either';
}

/**
 * Which flavour reads a claimed document: what `rancherConfigOf` says, k3s when nothing says. The
 * formats are asked in order (k3s first), so a document that may be either is k3s's unless an
 * import names `format: rke2`.
 */
export const claimsAs =
  (flavour: Flavour) =>
  (parsed: ParsedDocument, _file?: readonly ParsedDocument[], filePath?: string): boolean => {
    const found = rancherConfigOf(parsed, filePath);
    return found === flavour || found === 'either';
  };
