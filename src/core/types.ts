// The diagnostic and rule contracts shared by the engine, the rules and every surface.

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** 1-based line and column (UTF-16 code units, i.e. JS string indices), plus the 0-based offset. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** End is exclusive, as in ESLint, SARIF and LSP. */
export interface Range {
  start: Position;
  end: Position;
}

/**
 * Offsets, end exclusive: what the model keeps, turned into a file and a Range when reported. A plan
 * may span files (spec.imports): each file of its input set has its own stretch of one offset space
 * (see SourceSet), so a span names its file as well as its place, as rustc's spans do.
 */
export type Span = readonly [start: number, end: number];

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  safety: 'safe' | 'unsafe';
  title: string;
  edits: TextEdit[];
}

/** A change the user may choose, as ESLint's suggestions: shown in the editor, never applied by --fix. */
export interface Suggestion {
  title: string;
  edits: TextEdit[];
}

export interface RelatedLocation {
  range: Range;
  message: string;
  /** The file of the location, when it is not the finding's own. */
  filePath?: string;
}

export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  messageId?: string;
  range: Range;
  related: RelatedLocation[];
  fix?: Fix;
  /** Set by the parser for yaml-syntax diagnostics: the `yaml` library's error code. */
  code?: string;
  /** What the author may have meant (a misspelt rule id or reference), as edits of the finding's file. */
  suggestions?: Suggestion[];
  /**
   * The file the finding is in, when it is not the linted one: a file the linted plan imports. A fix's
   * edits are always in the finding's own file.
   */
  filePath?: string;
}

export type RuleCategory = 'syntax' | 'identity' | 'addressing' | 'topology' | 'firewall' | 'exposure';

export interface RuleMeta {
  /** kebab-case, public (config and suppression comments use it), never reused. */
  id: string;
  defaultSeverity: Severity;
  category: RuleCategory;
  /** One line: README table, --list-rules, SARIF shortDescription. */
  description: string;
  /** One paragraph: why it matters. Docs, SARIF fullDescription. */
  rationale: string;
  /** messageId → template with {placeholders}. */
  messages: Record<string, string>;
  /** Declares that the rule may attach fixes; the engine refuses fixes from rules that do not. */
  fix?: 'safe' | 'unsafe';
  /** Options the rule takes, set in .kube-netlint.yaml as `rules: {<id>: [<severity>, {<option>: <value>}]}`. */
  options?: Record<string, RuleOption>;
  /** Set on the rules whose findings are security exposures; code scanning files their results as security alerts. */
  security?: SecurityRating;
  /** How often a finding is a real problem (SARIF `precision`, which code scanning ranks by); `high` when unset. */
  precision?: 'very-high' | 'high' | 'medium' | 'low';
}

/**
 * A security rule's score on GitHub's scale (SARIF `security-severity`, 0.1-10.0): critical from 9.0, high from
 * 7.0, medium from 4.0, else low. The reason, one sentence, is printed in the rule's docs and SARIF help.
 */
export interface SecurityRating {
  severity: number;
  reason: string;
}

export type RuleOption =
  | { type: 'string-list'; description: string; default: readonly string[] }
  | { type: 'port-list'; description: string; default: readonly number[] }
  | { type: 'integer'; description: string; default: number; minimum?: number };
