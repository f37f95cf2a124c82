// The engine: parse once, then per ClusterPlan document build the model once and run every enabled rule
// of the registry it is given on it. Surfaces call it through the façade (src/linter), which gives it the built-in rules.
import { buildPlan } from '../model/build';
import { deadlineTicker, PAST_DEADLINE } from '../core/deadline';
import { formatSize } from '../core/size';
import type { InputFormat } from '../formats/input-format';
import { YamlReader } from '../source/yaml-nodes';
import { type Comment, type ParsedDocument, type ParseResult } from '../source/parse';
import { toPlainValue } from '../source/plain-value';
import { SourceFile } from '../source/source-file';
import type { SourceSet } from '../source/source-set';
import type { InputHost } from './input-host';
import { InputSet, parseInput, type Member } from './input-set';
import { locateFinding, type Finding } from './locate';
import { invalidImport } from './own-rules/invalid-import';
import { resourceLimit } from './own-rules/resource-limit';
import { ruleCrash } from './own-rules/rule-crash';
import { unusedDirective } from './own-rules/unused-directive';
import { yamlSyntax } from './own-rules/yaml-syntax';
import type { RuleRegistry } from './registry';
import { formatMessage, type Report, type Rule, type RuleContext } from '../rule-kinds/rule';
import type { Plan, PlanPart, Selector } from '../model/types';
import { byCodePoints } from '../core/order';
import { substitutionNotes, type Note } from './substitutions';
import { suppress } from './suppress';
import type { Diagnostic, RuleMeta, Severity, SeveritySetting, Span } from '../core/types';
import { clock } from '../core/clock';

export interface LintConfig {
  /** Per-rule severity; `off` disables a rule. Unlisted rules keep their default. */
  rules?: Record<string, SeveritySetting>;
  /** Ignore `# kube-netlint-…` comments (CI: a change cannot silence its own findings). */
  noInlineConfig?: boolean;
  /** Options per rule id, checked against the rules' `meta.options` when the configuration is loaded. */
  ruleOptions?: Record<string, Record<string, unknown>>;
  limits?: Limits;
}

/** Bounds on one file, so that no input makes a run hang (see the resource-limit rule). */
export interface Limits {
  /** Larger files are not parsed. Default 20. */
  maxFileSizeMB?: number;
  /** Checked while parsing, before the model and before each rule: past it, the rest is skipped and reported. Default 10,000. */
  timeBudgetMs?: number;
}

export const DEFAULT_LIMITS: Required<Limits> = { maxFileSizeMB: 20, timeBudgetMs: 10_000 };

export interface LintOptions {
  /** The rules to run (see ruleRegistry): the engine knows none of its own. */
  registry: RuleRegistry;
  /** The input formats whose documents are linted (src/linter passes the built-in ones). */
  formats: readonly InputFormat[];
  filePath?: string;
  config?: LintConfig;
  /**
   * Filled with milliseconds spent per stage (`parse`, `model`) and per rule id, for the bench. Shared
   * analysis is cached per plan, so its cost lands on the first rule that asks for it.
   */
  timings?: Record<string, number>;
  /**
   * Called once the parser's syntax tree is garbage (the documents are composed, nothing else is built
   * yet): the CLI collects it there on large texts, before the index and the model grow the heap past
   * the parse's peak.
   */
  onComposed?: () => void;
  /** Set when `text` is only a file's beginning: the CLI reads no further than that past the size limit. */
  truncated?: Truncated;
  /** Where the files the plan imports are read from; without one, an import is a finding. */
  host?: InputHost;
  /** Given each plan once it is built (before the rules run), with where a span of it is: `--print-plan`. */
  onPlan?: (plan: Plan, place: (span: Span) => Place) => void;
}

/** Where a span of a plan is: its file (none for the linted text) and line. */
export interface Place {
  filePath?: string;
  line: number;
}

export interface Truncated {
  /** The whole file's size in UTF-8 bytes (without a BOM). */
  byteLength: number;
  /** Whether the whole file has a `kind: ClusterPlan` line. */
  isPlan: boolean;
}

export interface LintResult {
  /** False when no document of the text is a ClusterPlan: such files are not ours to judge. */
  isPlan: boolean;
  diagnostics: Diagnostic[];
  /** The files the plan imports that were read (absolute paths): the editor re-lints when one changes. */
  imported?: string[];
  /**
   * Formats the input needs that are not prepared yet (InputFormat.prepare): the result then holds no findings,
   * rather than findings about a plan read in part. The façade's lintPrepared prepares them and lints again.
   */
  needs?: string[];
}

export function lint(text: string, options: LintOptions): LintResult {
  const started = clock.now();
  const limits = { ...DEFAULT_LIMITS, ...options.config?.limits };
  const severityOf = (id: string, fallback: Severity): SeveritySetting => options.config?.rules?.[id] ?? fallback;
  const enabled = options.registry.rules.filter((r) => severityOf(r.meta.id, r.meta.defaultSeverity) !== 'off');
  /** The one finding of a plan that gets no further: too large, past the budget while parsing, or unparsable. */
  const only = (meta: RuleMeta, span: Span, message: string, extra: Partial<Diagnostic>): LintResult => {
    const severity = severityOf(meta.id, meta.defaultSeverity);
    return {
      isPlan: true,
      diagnostics: severity === 'off' ? [] : [{ ruleId: meta.id, severity, message, range: new SourceFile(text).rangeOf(span), related: [], ...extra }],
    };
  };

  /** A text too large or too broken to parse is ours when an input format recognises it. */
  const looksOurs = (t: string) => options.formats.some((f) => f.looksLike(t));
  const tooLarge = oversize(text, options.truncated?.byteLength, limits.maxFileSizeMB);
  if (tooLarge) {
    if (!(options.truncated?.isPlan ?? looksOurs(text))) return { isPlan: false, diagnostics: [] };
    return only(resourceLimit, [0, text.search(/\r?\n|$/)], formatMessage(resourceLimit, 'tooLarge', tooLarge), { messageId: 'tooLarge' });
  }
  const deadline = started + limits.timeBudgetMs;
  const time = stopwatch(options.timings);
  const parsed = time('parse', () => parseInput(text, options.formats, { deadline, onComposed: options.onComposed, filePath: options.filePath }));
  if (!parsed.ok && 'needs' in parsed) return { isPlan: false, diagnostics: [], needs: [parsed.needs] };
  if (!parsed.ok) {
    if (!looksOurs(text)) return { isPlan: false, diagnostics: [] };
    const { span, message, code } = parsed.problem;
    if (code === PAST_DEADLINE) return only(resourceLimit, span, overBudget(started, limits.timeBudgetMs, enabled), { messageId: 'timeBudget' });
    return only(yamlSyntax, span, message, { code });
  }
  const { documents } = parsed;
  const inputs = new InputSet(options.filePath, text, parsed, {
    formats: options.formats,
    host: options.host,
    maxBytes: limits.maxFileSizeMB * 1024 * 1024,
    deadline,
  });
  const claimed = (d: ParsedDocument, file: readonly ParsedDocument[]) => inputs.formatOf(d, file) !== undefined;
  if (!documents.some((d) => claimed(d, documents))) return { isPlan: false, diagnostics: [] };
  /** The documents read into a plan: an imported-only format's (group_vars, host_vars, talenv.yaml) too. */
  const readDocs = new Set<ParsedDocument>();
  const inPlan = (d: ParsedDocument, file: readonly ParsedDocument[]) => readDocs.has(d) || claimed(d, file);
  /** A `wholeFile` format's file is one plan, from the first of its documents here that parses (see InputFormat.wholeFile). */
  const wholeFileRoots = new Map<InputFormat, ParsedDocument>();
  for (const d of documents) {
    const f = inputs.formatOf(d, documents);
    if (f?.wholeFile && d.errors.length === 0 && !wholeFileRoots.has(f)) wholeFileRoots.set(f, d);
  }

  const { sources } = inputs;
  const diagnostics: Diagnostic[] = [];
  const emit = (ruleId: string, severity: SeveritySetting, at: Span, message: string, extra: Partial<Finding> = {}) => {
    if (severity !== 'off') diagnostics.push(locateFinding(sources, { ruleId, severity, message, at, ...extra }));
  };
  const syntaxSeverity = severityOf(yamlSyntax.id, yamlSyntax.defaultSeverity);
  const optionsOf = (meta: RuleMeta) => ({ ...defaultOptions(meta), ...options.config?.ruleOptions?.[meta.id] });

  /** Past the budget (checked in every stage): report the rules that will not run, or did not finish. */
  let stopped = false;
  const stop = (skipped: readonly Rule[], span: Span) => {
    stopped = true;
    emit(resourceLimit.id, severityOf(resourceLimit.id, resourceLimit.defaultSeverity), span, overBudget(started, limits.timeBudgetMs, skipped), {
      messageId: 'timeBudget',
    });
  };
  const pastDeadline = () => clock.now() > deadline;
  /** Each document's plain value, made once: a file two plans import is read once. */
  const plainValues = new Map<ParsedDocument, unknown>();
  const plainValueOf = (d: ParsedDocument) => {
    if (!plainValues.has(d)) {
      const plain = time('model', () => toPlainValue(d.doc, deadline));
      if (plain.ok) for (const p of plain.problems) emit(yamlSyntax.id, syntaxSeverity, p.span, p.message, { code: p.code });
      else emit(yamlSyntax.id, syntaxSeverity, plain.problem.span, plain.problem.message, { code: plain.problem.code });
      plainValues.set(d, plain.ok ? plain.value : undefined);
    }
    return plainValues.get(d);
  };

  /** The current plan's documents whose format takes no fixes (see InputFormat.fixable). */
  let fixesBarred: Span[] = [];
  documents: for (const parsedDoc of documents) {
    const { doc, errors } = parsedDoc;
    const format = inputs.formatOf(parsedDoc, documents);
    // As in ESLint, a document that does not parse gets only its syntax errors: half-parsed plans
    // would give misleading duplicate and overlap findings.
    if (!format || errors.length > 0) continue;
    // The other documents of a whole-file format are members of its root's plan.
    if (format.wholeFile && wholeFileRoots.get(format) !== parsedDoc) continue;
    const docStart: Span = [doc.range[0], doc.range[0]];
    let plan: Plan;
    try {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- the deadline's sentinel, caught below
      if (pastDeadline()) throw PAST_DEADLINE;
      const members = inputs.planOf(parsedDoc, format).flatMap((m) => {
        const value = plainValueOf(m.doc);
        return value === undefined ? [] : [{ ...m, value }];
      });
      if (inputs.needs.size > 0) break documents;
      if (members[0]?.doc !== parsedDoc) continue;
      for (const m of members) readDocs.add(m.doc);
      fixesBarred = members.filter((m) => !m.format.fixable).map((m) => [m.doc.doc.range[0], m.doc.doc.range[2]] as const);
      plan = time('model', () => {
        const tick = deadlineTicker(deadline, 256);
        const appliesToOf = selectedParts(members);
        const readOf = ({ doc, format, select, imported }: Member) => format.read(doc.doc, tick, { imported, select: select?.value, appliesToOf });
        const parts = readParts(members, readOf, tick);
        const read = members.map((m) => ({ document: m.doc.doc, value: m.value, reader: new YamlReader(m.doc.doc), validate: m.format.validate }));
        return buildPlan(parts, read, format.keyNames, sources.text(), deadline);
      });
    } catch (e) {
      if (e !== PAST_DEADLINE) throw e;
      stop(enabled, docStart);
      break;
    }
    const notes = substitutionNotes(plan.substitutions);
    options.onPlan?.(plan, (span) => {
      const { member, range } = sources.locate(span);
      return { filePath: member.base === 0 ? undefined : member.filePath, line: range.start.line };
    });
    for (const [index, rule] of enabled.entries()) {
      if (pastDeadline()) {
        stop(enabled.slice(index), plan.anchorSpan);
        break documents;
      }
      const configured = options.config?.rules?.[rule.meta.id] as Severity | undefined;
      const severityOfReport = (r: Report): Severity => configured ?? r.severity ?? rule.meta.defaultSeverity;
      // A rule that saw the deadline pass returned early: it is named among those that did not finish.
      let cutShort = false;
      const context: RuleContext = {
        report: (r) => diagnostics.push(toDiagnostic(rule, severityOfReport(r), barFixes(r, fixesBarred), sources, notes(r.at))),
        options: optionsOf(rule.meta),
        pastDeadline: () => (cutShort ||= pastDeadline()),
      };
      time(rule.meta.id, () => {
        try {
          rule.check(plan, context);
        } catch (e) {
          // Shared analysis that saw the deadline pass stops the rule that asked for it.
          if (e === PAST_DEADLINE) return void (cutShort = true);
          emit(
            ruleCrash.id,
            ruleCrash.defaultSeverity,
            plan.anchorSpan,
            formatMessage(ruleCrash, 'crashed', { rule: rule.meta.id, error: (e as Error).message }),
          );
        }
      });
      if (cutShort) {
        stop(enabled.slice(index), plan.anchorSpan);
        break documents;
      }
    }
  }
  if (inputs.needs.size > 0) return { isPlan: true, diagnostics: [], needs: [...inputs.needs] };
  for (const p of inputs.problems)
    emit(invalidImport.id, severityOf(invalidImport.id, invalidImport.defaultSeverity), p.span, formatMessage(invalidImport, p.messageId, p.data), {
      messageId: p.messageId,
    });
  for (const { parsed: fileParse } of inputs.files)
    reportSyntax(
      fileParse,
      claimed,
      (span, message, code, warning) =>
        emit(yamlSyntax.id, warning ? (options.config?.rules?.[yamlSyntax.id] ?? 'warning') : syntaxSeverity, span, message, { code }),
      () => stopped || stop(enabled, [0, 0]),
    );

  // Directives apply in the file they are written in, to that file's findings: grouped once by file.
  const byFile = new Map<string | undefined, Diagnostic[]>();
  for (const d of diagnostics) {
    const list = byFile.get(d.filePath);
    if (list) list.push(d);
    else byFile.set(d.filePath, [d]);
  }
  const final = inputs.files.flatMap(({ member, parsed: fileParse }) => {
    const own = byFile.get(member.base === 0 ? undefined : member.filePath) ?? [];
    if (options.config?.noInlineConfig || !fileParse.ok) return own;
    const comments = planComments(fileParse.comments, fileParse.documents, inPlan, member.base + member.file.text.length).map((c) => ({
      ...c,
      span: [c.span[0] - member.base, c.span[1] - member.base] as const,
    }));
    // Rules that did not run suppressed nothing, which says nothing about their directives: when the
    // budget stopped the run, no directive is judged unused (--fix would delete good ones).
    const kept = suppress(own, comments, member.file, options.registry.known, (meta: RuleMeta) =>
      stopped && meta.id === unusedDirective.id ? 'off' : severityOf(meta.id, meta.defaultSeverity),
    );
    return member.base === 0 ? kept : kept.map((d) => (d.filePath === undefined ? { ...d, filePath: member.filePath } : d));
  });
  const imported = inputs.files.slice(1).map((f) => f.member.filePath!);
  return { isPlan: true, diagnostics: sortAndDedupe(final, sources), ...(imported.length > 0 ? { imported } : {}) };
}

/**
 * A file's syntax findings, once per file: errors of every document, warnings of plan documents (a
 * file the parser gave up on has one problem, or the time budget ran out while parsing it).
 */
function reportSyntax(
  parsed: ParseResult,
  claimed: (d: ParsedDocument, file: readonly ParsedDocument[]) => boolean,
  report: (span: Span, message: string, code: string, warning: boolean) => void,
  outOfTime: () => void,
): void {
  if (!parsed.ok) {
    if (parsed.problem.code === PAST_DEADLINE) outOfTime();
    else report(parsed.problem.span, parsed.problem.message, parsed.problem.code, false);
    return;
  }
  for (const d of parsed.documents) {
    for (const e of d.errors) report(e.span, e.message, e.code, false);
    if (claimed(d, parsed.documents)) for (const w of d.warnings) report(w.span, w.message, w.code, true);
  }
}

/**
 * The comments of plan documents: directives elsewhere (a ConfigMap beside the plan) are not ours to
 * judge, nor to delete as unused. A document's comments run from the previous document's end to its own.
 */
function planComments(
  comments: Comment[],
  documents: ParsedDocument[],
  claimed: (d: ParsedDocument, file: readonly ParsedDocument[]) => boolean,
  textEnd: number,
): Comment[] {
  const regions: Span[] = [];
  documents.forEach((d, i) => {
    if (claimed(d, documents)) regions.push([i === 0 ? 0 : documents[i - 1].doc.range[2], i === documents.length - 1 ? textEnd : d.doc.range[2]]);
  });
  // Both lists are in source order: one sweep.
  let r = 0;
  return comments.filter((c) => {
    while (r < regions.length && regions[r][1] <= c.span[0]) r++;
    return r < regions.length && c.span[0] >= regions[r][0];
  });
}

/** Whether a text is over the size limit: what the language server checks before parsing for hover. */
export const exceedsSizeLimit = (text: string, limitMB: number): boolean => oversize(text, undefined, limitMB) !== undefined;

/** Size and limit, written for people, when the text is over the limit (in UTF-8 bytes, as on disk). */
function oversize(text: string, byteLength: number | undefined, limitMB: number): { size: string; limit: string } | undefined {
  const limit = limitMB * 1024 * 1024;
  // A UTF-16 string never takes more UTF-8 bytes than three per code unit: most texts need no count.
  if (byteLength === undefined && text.length * 3 <= limit) return undefined;
  const bytes = byteLength ?? Buffer.byteLength(text, 'utf8');
  if (bytes <= limit) return undefined;
  const [size, max] = [formatSize(bytes), formatSize(limit)];
  // Just over the limit, both round alike: then the bytes say it.
  return size !== max ? { size, limit: max } : { size: `${bytes.toLocaleString('en-US')} bytes`, limit: `${Math.floor(limit).toLocaleString('en-US')} bytes` };
}

/** The time-budget finding's message: how long it took, and the rules that did not run. */
function overBudget(started: number, budget: number, skipped: readonly Rule[]): string {
  const ids = skipped.map((r) => r.meta.id);
  return formatMessage(resourceLimit, 'timeBudget', {
    elapsed: Math.round(clock.now() - started),
    budget,
    count: plural(ids.length, 'rule'),
    rules: listed(ids, 5),
  });
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const listed = (items: string[], max: number) => (items.length > max ? `${items.slice(0, max).join(', ')} and ${items.length - max} more` : items.join(', '));

/** Runs a step, adding its duration to `timings[key]` when timings are asked for. */
function stopwatch(timings: Record<string, number> | undefined) {
  return <T>(key: string, step: () => T): T => {
    if (!timings) return step();
    const started = clock.now();
    try {
      return step();
    } finally {
      timings[key] = (timings[key] ?? 0) + clock.now() - started;
    }
  };
}

const defaultOptions = (meta: RuleMeta): Record<string, unknown> => Object.fromEntries(Object.entries(meta.options ?? {}).map(([k, o]) => [k, o.default]));

/** `notes`: related locations the plan adds to any finding at the span (where a substituted value is used). */
function toDiagnostic(rule: Rule, severity: Severity, r: Report, sources: SourceSet, notes: Note[]): Diagnostic {
  if (r.fix && !rule.meta.fix) throw new Error(`rule ${rule.meta.id} reported a fix but does not declare meta.fix`);
  const message = (messageId: string, data: Report['data']) => formatMessage(rule.meta, messageId, data);
  const related = [...(r.related ?? []).map((rel) => ({ at: rel.at, message: message(rel.messageId, rel.data) })), ...notes];
  return locateFinding(sources, {
    ruleId: rule.meta.id,
    severity,
    message: message(r.messageId, r.data),
    messageId: r.messageId,
    at: r.at,
    related,
    fix: r.fix,
    suggestions: r.suggestions,
  });
}

/**
 * Each member's part; the documents one import entry brings in of a format that reads them together
 * (InputFormat.readTogether: firewalld's zone files), one part. Members of one entry are adjacent: depth first,
 * a file's imports follow it, and those files import nothing.
 */
function readParts(members: readonly Member[], read: (m: Member) => PlanPart, tick: () => void): PlanPart[] {
  const parts: PlanPart[] = [];
  for (let i = 0; i < members.length;) {
    const m = members[i];
    let j = i + 1;
    if (m.format.readTogether && m.entry) while (j < members.length && members[j].entry === m.entry && members[j].format === m.format) j++;
    const docs = members.slice(i, j).map((x) => x.doc.doc);
    parts.push(asImported(docs.length > 1 ? m.format.readTogether!(docs, tick) : read(m), m));
    i = j;
  }
  return parts;
}

/**
 * A part as its import says: a layer of variables (a group_vars file's precedence), and the nodes its
 * firewalls apply to when they do not say it themselves (a firewall script imported for the control plane).
 */
function asImported(part: PlanPart, { layer, appliesTo, format }: Member): PlanPart {
  if (appliesTo) for (const f of part.firewalls) if (!f.appliesTo || f.appliesTo.implied) f.appliesTo = appliesTo;
  return { ...part, ...(layer === undefined ? {} : { layer }), ...(format.firewallsElsewhere ? { firewallsUnknown: true } : {}) };
}

/**
 * The nodes each selectable part of the plan's documents applies to: the part an import selects, or every part
 * of a file imported whole, takes that import's `appliesTo` (the first import that says one holds).
 */
function selectedParts(members: readonly Member[]): (part: string) => Selector | undefined {
  const nodes = new Map<string, Selector>();
  for (const m of members) {
    if (!m.appliesTo || !m.format.selectable) continue;
    for (const part of m.select ? [m.select.value] : m.format.selectable(m.doc.doc)) if (!nodes.has(part)) nodes.set(part, m.appliesTo);
  }
  return (part) => nodes.get(part);
}

/** A report without its fix and suggestions when they edit a document of a format that takes none. */
function barFixes(r: Report, barred: readonly Span[]): Report {
  if (barred.length === 0 || (!r.fix && !r.suggestions)) return r;
  const inBarred = (edits: readonly { start: number; end: number }[]) => edits.some((e) => barred.some(([s, t]) => e.start <= t && e.end >= s));
  return {
    ...r,
    fix: r.fix && inBarred(r.fix.edits) ? undefined : r.fix,
    suggestions: r.suggestions?.filter((x) => !inBarred(x.edits)),
  };
}

/** In file order (the linted file first, then the imported ones as read), then by position. */
function sortAndDedupe(list: Diagnostic[], sources: SourceSet): Diagnostic[] {
  const order = new Map(sources.members.map((m, i) => [i === 0 ? undefined : m.filePath, i]));
  list.sort(
    (a, b) =>
      order.get(a.filePath)! - order.get(b.filePath)! ||
      a.range.start.offset - b.range.start.offset ||
      a.range.end.offset - b.range.end.offset ||
      byCodePoints(a.ruleId, b.ruleId) ||
      byCodePoints(a.message, b.message),
  );
  return list.filter((d, i) => {
    const p = list[i - 1];
    return (
      !p ||
      p.filePath !== d.filePath ||
      p.ruleId !== d.ruleId ||
      p.message !== d.message ||
      p.range.start.offset !== d.range.start.offset ||
      p.range.end.offset !== d.range.end.offset
    );
  });
}
