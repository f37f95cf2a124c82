// A plan's input set: the linted text, then every file its ClusterPlan documents import (and those
// import), each read and parsed once, in the set's one offset space (SourceSet). Reading stops at the
// file count and size limits and at the time budget; every import that cannot be followed is a finding
// on the entry that names it, never a silent skip.
import { dirname, relative, resolve } from 'node:path';
import { isScalar } from 'yaml';
import { deadlineTicker, PAST_DEADLINE } from '../core/deadline';
import { formatSize } from '../core/size';
import { closest } from '../core/suggest';
import type { Span } from '../core/types';
import type { ListArg } from '../core/message-args';
import { parseDocuments, type ParsedDocument, type ParseOptions, type ParseResult, type SyntaxProblem } from '../source/parse';
import { SourceSet, type SetMember } from '../source/source-set';
import type { MessageData } from '../rule-kinds/rule';
import { NOT_PREPARED, type ImportedDocument, type ImportEntry, type InputFormat } from '../formats/input-format';
import type { Located, Selector } from '../model/types';
import type { InputHost } from './input-host';
import type { invalidImport } from './own-rules/invalid-import';
import { clock } from '../core/clock';

/** More files than this in one input set is a mistake (a glob over a whole tree), not a plan. */
export const MAX_IMPORTED_FILES = 1000;

/** A document of a plan, and the format that reads it. */
export interface Member {
  doc: ParsedDocument;
  format: InputFormat;
  /** The layer of variables its import makes it (ImportEntry.layer). */
  layer?: number;
  /** The nodes its import says its firewalls apply to (ImportEntry.appliesTo). */
  appliesTo?: Selector;
  /** The part of the document its import selects (ImportEntry.select). */
  select?: Located<string>;
  /** The import entry that brought it in: the documents a format reads together come from one entry (InputFormat.readTogether). */
  entry?: ImportEntry;
  /** The documents its own imports brought, per entry (its format's `read` is given them). */
  imported: ImportedDocument[];
}

/** A text of a format that is not prepared yet (InputFormat.prepare): not parsed, `needs` names the format. */
export type InputParse = ParseResult | { ok: false; problem: SyntaxProblem; needs: string };

/** A text parsed by the first format with a syntax of its own that takes it (an INI inventory), else as YAML. */
export function parseInput(text: string, formats: readonly InputFormat[], options: ParseOptions & { base?: number; filePath?: string }): InputParse {
  const base = options.base ?? 0;
  const deadline = options.deadline ?? Infinity;
  const tick = deadlineTicker(deadline);
  try {
    for (const f of formats) {
      const parsed = f.parse?.(text, { base, filePath: options.filePath, tick, deadline });
      if (parsed === NOT_PREPARED)
        return { ok: false, problem: { span: [base, base], message: `the ${f.id} format is not prepared`, code: 'NOT_PREPARED' }, needs: f.id };
      if (parsed) return parsed;
    }
  } catch (e) {
    // As for YAML: past the time budget while parsing, the file gets one resource-limit finding.
    if (e === PAST_DEADLINE) return { ok: false, problem: { span: [base, base], message: 'past the deadline', code: PAST_DEADLINE } };
    throw e;
  }
  return parseDocuments(text, options);
}

/** A member as the document that imported it lists it. */
const asImported =
  (entry: ImportEntry, file: string) =>
  (m: Member): ImportedDocument => ({ doc: m.doc.doc, format: m.format.id, path: entry.path, file });

export interface InputFile {
  member: SetMember;
  parsed: InputParse;
}

export interface ImportProblem {
  span: Span;
  messageId: keyof (typeof invalidImport)['messages'];
  data: MessageData;
}

export interface InputSetOptions {
  formats: readonly InputFormat[];
  host?: InputHost;
  maxBytes: number;
  deadline: number;
}

export class InputSet {
  readonly sources: SourceSet;
  readonly files: InputFile[];
  readonly problems: ImportProblem[] = [];
  /** The formats to prepare before the imported files can be read (InputFormat.prepare). */
  readonly needs = new Set<string>();
  private readonly byPath = new Map<string, InputFile | { error: string }>();
  private readonly mainPath: string | undefined;
  /** Characters read so far, the linted text's included. */
  private used: number;

  constructor(
    filePath: string | undefined,
    text: string,
    parsed: InputParse,
    private readonly options: InputSetOptions,
  ) {
    this.sources = new SourceSet(filePath, text);
    this.used = text.length;
    this.mainPath = filePath === undefined ? undefined : resolve(filePath);
    this.files = [{ member: this.sources.members[0], parsed }];
    if (this.mainPath !== undefined) this.byPath.set(this.mainPath, this.files[0]);
  }

  /** The format that claims a document of `file`, if one does. */
  formatOf(doc: ParsedDocument, file: readonly ParsedDocument[]): InputFormat | undefined {
    const filePath = this.files.find((f) => f.parsed.ok && f.parsed.documents === file)?.member.filePath;
    return this.options.formats.find((f) => !f.importedOnly && f.claims(doc, file, filePath));
  }

  /**
   * A plan document of the linted text (for a `wholeFile` format, the text's other documents it claims after it),
   * then the documents they import: depth first, in import order.
   */
  planOf(main: ParsedDocument, format: InputFormat): Member[] {
    const linted = this.files[0].parsed;
    const file = linted.ok ? linted.documents : [main];
    const out: Member[] = [{ doc: main, format, imported: [] }];
    if (format.wholeFile)
      for (const d of file) if (d !== main && d.errors.length === 0 && this.formatOf(d, file) === format) out.push({ doc: d, format, imported: [] });
    const seen = new Set<string>();
    const ids = this.options.formats.map((f) => f.id);
    const visit = (importing: Member, importer: string | undefined, chain: string[]) => {
      const { doc, format: by } = importing;
      for (const entry of by.imports(doc.doc)) {
        const named = entry.format && this.options.formats.find((f) => f.id === entry.format!.value);
        if (entry.format && !named) {
          this.problem(entry.format.span, 'unknownFormat', { format: entry.format.value, known: ids.join(', ') });
          continue;
        }
        if (!this.options.host || importer === undefined) {
          this.problem(entry.span, 'noFile', {});
          continue;
        }
        const found = this.options.host.expand(entry.path.value, dirname(importer));
        if (found.length === 0 && !entry.optional) this.problem(entry.path.span, 'noMatch', { path: entry.path.value });
        for (const file of found) {
          const shown = relative(dirname(importer), file) || file;
          if (chain.includes(file)) {
            this.problem(entry.path.span, 'cycle', { file: shown, chain: [...chain, file].map((f) => relative(dirname(chain[0]), f) || f).join(' → ') });
            continue;
          }
          // Imported twice (a diamond): its contents count once; each part a `select` names, once.
          const key = entry.select ? `${file}\0${entry.select.value}` : file;
          const repeated = seen.has(key);
          if (!repeated && seen.size >= MAX_IMPORTED_FILES) {
            this.problem(entry.path.span, 'tooMany', { limit: MAX_IMPORTED_FILES });
            return;
          }
          seen.add(key);
          const input = this.load(file);
          if (repeated) {
            if (!('error' in input) && input.parsed.ok)
              importing.imported.push(
                ...this.claimedIn(input.parsed.documents, file, entry, named)
                  .filter((m) => m.doc.errors.length === 0)
                  .map(asImported(entry, file)),
              );
            continue;
          }
          if ('error' in input) {
            if (input.tooLarge) this.problem(entry.path.span, 'tooLarge', { file: shown, limit: formatSize(this.options.maxBytes) });
            else this.problem(entry.path.span, 'unreadable', { file: shown, error: input.error });
            continue;
          }
          // A file that does not parse gets its own yaml-syntax findings and adds nothing.
          if (!input.parsed.ok) {
            if ('needs' in input.parsed) this.needs.add(input.parsed.needs);
            continue;
          }
          // A named format must claim the file's documents; else any format may.
          let members = this.claimedIn(input.parsed.documents, file, entry, named);
          // An empty file (no documents, or only `---` and comments: Ansible's empty vars files) says nothing, which is no mistake.
          if (members.length === 0 && input.parsed.documents.some(saysSomething)) {
            if (named) this.problem(entry.path.span, 'notFormat', { file: shown, format: named.id });
            else this.problem(entry.path.span, 'notPlan', { file: shown });
          } else if (entry.select && members.length > 0) members = this.selected(members, entry.select, shown);
          for (const m of members) {
            if (m.doc.errors.length > 0) continue;
            out.push(m);
            importing.imported.push(asImported(entry, file)(m));
            visit(m, file, [...chain, file]);
          }
        }
      }
    };
    for (const m of out.slice()) visit(m, this.mainPath, this.mainPath === undefined ? [] : [this.mainPath]);
    return out;
  }

  /** The documents that have the part an import selects; none, with a finding on `select`, when no document has it. */
  private selected(members: Member[], select: Located<string>, shown: string): Member[] {
    const having = members.filter((m) => m.format.selectable?.(m.doc.doc).includes(select.value));
    if (having.length === 0) {
      const parts = [...new Set(members.flatMap((m) => m.format.selectable?.(m.doc.doc) ?? []))];
      const data = { file: shown, select: select.value };
      if (parts.length === 0) this.problem(select.span, 'nothingSelectable', data);
      else {
        const listed: ListArg = { type: 'list', items: parts.slice(0, 5), total: parts.length };
        this.problem(select.span, 'noSelection', { ...data, parts: listed, suggestion: { type: 'suggestion', meant: closest(select.value, parts) } });
      }
    }
    return having;
  }

  /** The documents of an imported file that the entry's format claims (a named format), else any format, as members. */
  private claimedIn(docs: readonly ParsedDocument[], file: string, entry: ImportEntry, named: InputFormat | undefined): Member[] {
    return docs.flatMap((d) => {
      const claimant = named ? (named.claims(d, docs, file) ? named : undefined) : this.formatOf(d, docs);
      return claimant ? [{ doc: d, format: claimant, layer: entry.layer, appliesTo: entry.appliesTo, select: entry.select, entry, imported: [] }] : [];
    });
  }

  /**
   * The size limit holds for the plan's files together, and the time budget for reading them: a glob over
   * many large files cannot hold more than one large plan would.
   */
  private load(file: string): InputFile | { error: string; tooLarge?: true } {
    const known = this.byPath.get(file);
    if (known) return known;
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- the deadline's sentinel, which the engine reports
    if (clock.now() > this.options.deadline) throw PAST_DEADLINE;
    const read = this.options.host!.read(file, Math.max(0, this.options.maxBytes - this.used));
    let input: InputFile | { error: string; tooLarge?: true };
    if ('error' in read) input = read;
    else {
      this.used += read.text.length;
      const base = this.sources.add(file, read.text);
      const member = this.sources.members[this.sources.members.length - 1];
      input = { member, parsed: parseInput(read.text, this.options.formats, { deadline: this.options.deadline, base, filePath: file }) };
      this.files.push(input);
    }
    this.byPath.set(file, input);
    return input;
  }

  private problem(span: Span, messageId: ImportProblem['messageId'], data: MessageData): void {
    this.problems.push({ span, messageId, data });
  }
}

/** A document with contents: not one that is empty or only comments (its contents are null). */
const saysSomething = (d: ParsedDocument): boolean => d.doc.contents !== null && !(isScalar(d.doc.contents) && d.doc.contents.value === null);
