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
  /** What the document says about the plan, every value located in it. `tick` is called per node (the time budget). */
  read: (doc: Document.Parsed, tick: () => void) => PlanPart;
  /** The format's schema problems of a document (plan-schema reports them); none for a format without a schema. */
  validate?: (value: unknown, contents: unknown, reader: YamlReader) => SchemaReport;
  /**
   * Whether rules' fixes may edit the format's documents: they are written as ClusterPlan edits, so
   * another format's file gets the finding without the fix rather than a wrong edit.
   */
  readonly fixable: boolean;
  /**
   * For files in a syntax of the format's own (an INI inventory): the text parsed into documents (one
   * that stands for the file, read by this format), or undefined when the text is not such a file. `force`:
   * the user named the format (`--input-format`), so its name and content are not sniffed. `tick` is the time
   * budget, to call as the parse goes (it throws past the deadline).
   */
  parse?: (text: string, options: { base: number; filePath?: string; force?: boolean; tick?: () => void }) => ParseResult | undefined;
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
