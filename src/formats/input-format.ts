// An input format: how the files of one kind (ClusterPlan today; Talos, kubespray, k3s and firewall
// scripts next) become parts of the cluster model. The engine is given the formats (src/linter passes the
// built-in ones) and asks them, so that it knows no format's keys.
import type { Document } from 'yaml';
import type { KeyNames, PlanPart } from '../model/types';
import type { ParsedDocument } from '../source/parse';
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
}

export interface InputFormat {
  /** The id `spec.imports` entries and `--input-format` name. */
  readonly id: string;
  /** How the format names the keys findings mention (k3s calls the pod CIDRs `cluster-cidr`). */
  readonly keyNames: KeyNames;
  /** Whether a text may be the format's, by a cheap look: for a text too large or too broken to parse. */
  looksLike: (text: string) => boolean;
  /** Whether a parsed document is one of this format's: it is then linted, and imported by plans that name its file. */
  claims: (doc: ParsedDocument) => boolean;
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
}
