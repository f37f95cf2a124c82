// An input format: how the files of one kind (ClusterPlan today; Talos, kubespray, k3s and firewall
// scripts next) become parts of the cluster model. The engine is given the formats (src/linter passes the
// built-in ones) and asks them, so that it knows no format's keys.
import type { Document } from 'yaml';
import type { KeyNames, PlanPart, Selector } from '../model/types';
import type { ParsedDocument, ParseResult } from '../source/parse';
import type { Span } from '../core/types';
import type { Located, YamlReader } from '../source/yaml-nodes';
import type { SchemaReport } from '../schema/validate';

/** An entry naming other files of the plan. */
export interface ImportEntry {
  /** The whole list item: where findings about the import point. */
  span: Span;
  /** A path or glob, relative to the importing file. */
  path: Located<string>;
  /** The input format named, when it is. */
  format?: Located<string>;
  /** A file the importer may have or not (kubespray's group_vars): matching nothing is no finding. */
  optional?: boolean;
  /** The layer of variables the imported documents are (PlanPart.layer): Ansible's group_vars precedence. */
  layer?: number;
  /** The nodes the imported firewalls apply to, for firewalls that do not say it themselves (a firewall script). */
  appliesTo?: Selector;
  /** The part of each file to import (InputFormat.selectable): one security group of a Terraform file. */
  select?: Located<string>;
}

/** How a document is read into the plan: what its own imports brought, and what the import that brought it says. */
export interface ImportContext {
  /** The documents its own imports brought, in import order (most formats read none of them). */
  imported: readonly ImportedDocument[];
  /** The part the import selects (InputFormat.selectable); undefined: every part. */
  select?: string;
  /**
   * The nodes a part applies to, as the plan's imports say (the `appliesTo` of the import that selects it,
   * or imports its whole file): a rule that allows another security group's members reads them from here.
   */
  appliesToOf: (part: string) => Selector | undefined;
}

/**
 * What `parse` returns for a text of its format while the format is not prepared (InputFormat.prepare): the
 * text is not parsed, and not guessed at.
 */
export const NOT_PREPARED = Symbol('not prepared');
/**
 * A document that one of a document's own imports brought into the plan, as that document's `read` sees it: facts
 * made of several files (a host's address from its host_vars file, a talconfig.yaml value from talenv.yaml) are read
 * by the document that names them. One per import entry and document: a file two entries name is listed for each.
 */
export interface ImportedDocument {
  doc: Document.Parsed;
  /** The id of the format that claimed it. */
  format: string;
  /** The path of the import entry that brought it (ImportEntry.path), as written and where. */
  path: Located<string>;
  /** The file it is in (absolute): what a glob's match says (`host_vars/*.yml` matched `host_vars/node1.yml`). */
  file: string;
}

export interface InputFormat {
  /** The id `spec.imports` entries and `--input-format` name. */
  readonly id: string;
  /** How the format names the keys findings mention (k3s calls the pod CIDRs `cluster-cidr`). */
  readonly keyNames: KeyNames;
  /** Whether a text may be the format's, by a cheap look: for a text too large or too broken to parse. */
  looksLike: (text: string) => boolean;
  /**
   * Whether a parsed document is one of this format's: it is then linted, and imported by plans that name its file.
   * `file` is every document of its file, in order, when the caller has them: a document may be the format's only
   * beside others (kubeadm's KubeletConfiguration in a file with a ClusterConfiguration). `filePath` is that file's
   * path when the engine knows it: formats whose files differ only by where they live tell them by it
   * (`/etc/rancher/rke2/config.yaml` is RKE2's, `/etc/rancher/k3s/config.yaml` k3s's).
   */
  claims: (doc: ParsedDocument, file?: readonly ParsedDocument[], filePath?: string) => boolean;
  /**
   * Set when a file of the format, not each document, is one view of the cluster (kubeadm: ClusterConfiguration,
   * InitConfiguration and KubeletConfiguration side by side). Linting the file then builds one plan: the first
   * document the format claims (of those that parse) is the plan's root, and the file's other documents it claims
   * follow it as members, each read on its own; they start no plan of their own.
   */
  readonly wholeFile?: boolean;
  /** The files a document names as part of its plan (ClusterPlan's `spec.imports`), in order. */
  imports: (doc: Document.Parsed) => ImportEntry[];
  /**
   * What the document says about the plan, every value located in it. `tick` is called per node (the time budget).
   * `context`: how the plan brought it in (undefined for a document read on its own).
   */
  read: (doc: Document.Parsed, tick: () => void, context?: ImportContext) => PlanPart;
  /**
   * Set when several files of the format are one configuration (firewalld's zone files and firewalld.conf: one
   * machine's /etc/firewalld): the documents of the format that one import entry brings in (`zones/*.xml`)
   * are read together, in import order, into one part; `read` is for a document on its own.
   */
  readTogether?: (docs: readonly Document.Parsed[], tick: () => void) => PlanPart;
  /** The parts of a document an import may name in `select` (a Terraform file's security groups), in order. */
  selectable?: (doc: Document.Parsed) => string[];
  /**
   * The format's schema problems of a document (plan-schema reports them); none for a format without a schema.
   * `document` is the parsed document, for a format with a syntax of its own (an INI inventory has no YAML contents).
   */
  validate?: (value: unknown, contents: unknown, reader: YamlReader, document?: Document.Parsed) => SchemaReport;
  /**
   * Whether rules' fixes may edit the format's documents: they are written as ClusterPlan edits, so
   * another format's file gets the finding without the fix rather than a wrong edit.
   */
  readonly fixable: boolean;
  /**
   * For files in a syntax of the format's own (an INI inventory): the text parsed into documents (one
   * that stands for the file, read by this format), or undefined when the text is not such a file. `force`:
   * the user named the format (`--input-format`), so its name and content are not sniffed. `tick` is the time
   * budget, to call as the parse goes (it throws past the deadline); `deadline` is its clock.now() time,
   * for a parser that cannot call `tick` often enough. NOT_PREPARED: the text is the format's, but `prepare`
   * has not run yet.
   */
  parse?: (
    text: string,
    options: { base: number; filePath?: string; force?: boolean; tick?: () => void; deadline?: number },
  ) => ParseResult | typeof NOT_PREPARED | undefined;
  /**
   * Loads what `parse` needs and cannot load synchronously (a WebAssembly grammar); it may be called many times.
   * Until it has resolved, `parse` returns NOT_PREPARED, and the lint result says which formats the input needs
   * (LintResult.needs): the façade's lintPrepared prepares them and lints again, so inputs without such files
   * never load them.
   */
  prepare?: () => Promise<void>;
  /** Claims only documents a plan imports naming this format (kubespray's group_vars): never detected. */
  readonly importedOnly?: boolean;
  /** Its files import companions by convention, without naming them (an inventory's group_vars). */
  readonly impliedImports?: boolean;
  /**
   * Its files never say how nodes are filtered (an inventory, a k3s config): without a firewall from
   * elsewhere in the plan, the nodes' filtering is unknown, not absent (see PlanPart.firewallsUnknown).
   */
  readonly firewallsElsewhere?: boolean;
}

/**
 * How messages name what only a ClusterPlan holds (node and trusted networks, firewalls) for a format whose
 * files a ClusterPlan imports: `networks.trusted (in a ClusterPlan that imports the inventory)`.
 */
export function keptInAPlan(importing: string): Pick<KeyNames, 'nodes' | 'trusted' | 'firewalls'> {
  const where = `(in a ClusterPlan that imports ${importing})`;
  return { nodes: `networks.nodes ${where}`, trusted: `networks.trusted ${where}`, firewalls: `\`firewalls\` ${where}` };
}

/**
 * How a format whose files hold only firewalls (a Terraform file) names everything else: the ClusterPlan that
 * imports the file holds it (`networks.pods (in a ClusterPlan that imports the Terraform file)`).
 */
export function importedFirewallKeyNames(importing: string, firewalls: string): KeyNames {
  const where = (key: string) => `${key} (in a ClusterPlan that imports ${importing})`;
  return {
    pods: where('networks.pods'),
    services: where('networks.services'),
    nodes: where('networks.nodes'),
    nodeCidrMaskSize: where('networks.nodeCidrMaskSize'),
    nodeCidrMaskSizeIPv6: where('networks.nodeCidrMaskSizeIPv6'),
    maxPods: where('the kubelet maxPods'),
    trusted: where('networks.trusted'),
    clusterDNS: where('networks.clusterDNS'),
    nodePortRange: where('networks.nodePortRange'),
    distribution: where('distribution'),
    cniPlugin: where('cni.plugin'),
    cniMode: where('cni.mode'),
    controlPlaneEndpoint: where('controlPlaneEndpoint'),
    firewalls,
  };
}
