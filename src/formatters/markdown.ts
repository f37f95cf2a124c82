// Markdown for people reading a workflow run or a pull request: the action's job summary and
// `--format markdown` (PR comments, summaries elsewhere). Problems per file and severity, then the first
// findings, most severe first, each linked to its line at the commit that was linted.
import { isAbsolute } from 'node:path';
import type { Diagnostic, Range, Severity } from '../core/types';
import { ruleDocsUrl } from '../package-info';
import { escapeControl } from './escape';
import { portablePath } from './paths';
import { summaryLine } from './summary';
import { countBySeverity, type FileResult, type FormatContext, type Formatter } from './types';

/** Rows of the findings table: enough to act on, and the summary stays far below GitHub's 1 MiB per step. */
export const LISTED_FINDINGS = 50;
const LISTED_FILES = 100;
const LISTED_RELATED = 3;
/** A message is cut here: one that quotes a huge value from a plan must not fill the summary. */
const MESSAGE_CHARS = 500;
/**
 * GitHub turns at most this many workflow commands of each level (error, warning, notice) into annotations
 * per step (actions/toolkit, docs/problem-matchers.md, "Limitations"); the rest are only in the log.
 */
export const ANNOTATIONS_PER_LEVEL = 10;

const ORDER: Severity[] = ['error', 'warning', 'info'];
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Text from a plan or a file name as literal Markdown on one line: no cell break (`|`), code span, emphasis,
 * link, strikethrough, HTML or entity, and control characters written as `\xHH`.
 */
export const markdownText = (text: string): string =>
  escapeControl(text)
    .replace(/[\\`*_[\]~|]/g, '\\$&')
    .replace(/[&<>]/g, (c) => ENTITY[c]);

/** Where GitHub shows the linted files: the repository at the commit that was checked out. */
export interface GithubSource {
  /** `https://github.com`, or a GitHub Enterprise Server's URL. */
  server: string;
  /** `owner/name`. */
  repository: string;
  sha: string;
  /** The checkout's root: paths in links are relative to it. */
  workspace: string;
}

/** The source from the variables every Actions job has; undefined outside Actions. */
export function githubSource(env: NodeJS.ProcessEnv, cwd: string): GithubSource | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = env;
  return server && repository && sha ? { server, repository, sha, workspace: env.GITHUB_WORKSPACE || cwd } : undefined;
}

// RFC 3986 leaves !'()* unreserved, but `(` and `)` end a Markdown link's destination.
const encodeSegment = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Names a file's lines: as links on GitHub, as `path:line` elsewhere. */
function locator(cwd: string, source: GithubSource | undefined) {
  const url = (filePath: string, range?: Range) => {
    const path = source && portablePath(filePath, source.workspace);
    if (!source || !path || isAbsolute(path)) return undefined;
    const lines = range && (range.start.line === range.end.line ? `#L${range.start.line}` : `#L${range.start.line}-L${range.end.line}`);
    return `${source.server}/${source.repository}/blob/${source.sha}/${path.split('/').map(encodeSegment).join('/')}${lines ?? ''}`;
  };
  return (filePath: string, range?: Range): string => {
    const text = markdownText(portablePath(filePath, cwd) + (range ? `:${range.start.line}` : ''));
    const href = url(filePath, range);
    return href ? `[${text}](${href})` : text;
  };
}

const clip = (text: string) => (text.length > MESSAGE_CHARS ? `${text.slice(0, MESSAGE_CHARS)}…` : text);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const inWords = (items: string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : items[0]);

interface Finding {
  d: Diagnostic;
  filePath: string;
}

function fileTable(results: FileResult[], at: ReturnType<typeof locator>): string[] {
  const withProblems = results.filter((r) => r.diagnostics.length > 0);
  const rows = withProblems.slice(0, LISTED_FILES).map((r) => {
    const c = countBySeverity(r.diagnostics);
    return `| ${at(r.filePath)} | ${c.errors} | ${c.warnings} | ${c.infos} |`;
  });
  const more = withProblems.length - rows.length;
  return ['| File | Errors | Warnings | Infos |', '| :-- | --: | --: | --: |', ...rows, ...(more > 0 ? ['', `…and ${plural(more, 'more file')}.`] : [])];
}

function findingRow({ d, filePath }: Finding, at: ReturnType<typeof locator>): string {
  const related = d.related.slice(0, LISTED_RELATED).map((r) => `<br>↳ ${at(r.filePath ?? filePath, r.range)} ${markdownText(clip(r.message))}`);
  const moreRelated = d.related.length - related.length;
  if (moreRelated > 0) related.push(`<br>↳ …and ${plural(moreRelated, 'more location')}`);
  return `| ${d.severity} | ${at(filePath, d.range)} | [${d.ruleId}](${ruleDocsUrl(d.ruleId)}) | ${markdownText(clip(d.message))}${related.join('')} |`;
}

/** The report: a heading, the count line, problems per file, then the first findings, most severe first. */
export function renderMarkdown(results: FileResult[], { cwd }: FormatContext, source: GithubSource | undefined): string {
  const at = locator(cwd, source);
  const findings: Finding[] = results.flatMap((r) => r.diagnostics.map((d) => ({ d, filePath: r.filePath })));
  const out = ['### kube-netlint', ''];
  if (findings.length === 0)
    return [...out, results.length ? `No problems in ${plural(results.length, 'file')}.` : 'No cluster plans were linted.', ''].join('\n');
  const filesWithProblems = results.filter((r) => r.diagnostics.length > 0).length;
  out.push(`**${summaryLine(findings.map((f) => f.d))}** in ${filesWithProblems} of ${plural(results.length, 'file')}.`, '');
  out.push(...fileTable(results, at), '');
  // A stable sort: each level keeps the files' order and each file's, as the annotations do.
  const listed = findings.sort((a, b) => ORDER.indexOf(a.d.severity) - ORDER.indexOf(b.d.severity)).slice(0, LISTED_FINDINGS);
  out.push('| Severity | Location | Rule | Message |', '| :-- | :-- | :-- | :-- |', ...listed.map((f) => findingRow(f, at)), '');
  if (listed.length < findings.length) out.push(`The first ${listed.length} of ${plural(findings.length, 'problem')} are listed, errors first.`, '');
  return out.join('\n');
}

/**
 * The note for a job summary when GitHub dropped annotations: how many of each level had none, given how many
 * workflow commands of each level the step printed. Empty when every one became an annotation.
 */
export function annotationNote(printed: Record<Severity, number>): string {
  const dropped = ORDER.filter((s) => printed[s] > ANNOTATIONS_PER_LEVEL).map(
    (s) => `${printed[s] - ANNOTATIONS_PER_LEVEL} of ${plural(printed[s], s === 'info' ? 'notice' : s)}`,
  );
  if (dropped.length === 0) return '';
  // The blank line ends the table the note follows.
  return [
    '',
    '> [!NOTE]',
    `> GitHub annotates at most ${ANNOTATIONS_PER_LEVEL} errors, ${ANNOTATIONS_PER_LEVEL} warnings and ${ANNOTATIONS_PER_LEVEL} notices per step:`,
    `> ${inWords(dropped)} have no annotation on the files. Every problem is in this step's log.`,
    '',
  ].join('\n');
}

/** `--format markdown`: links to lines when run in GitHub Actions, `path:line` elsewhere. */
export const formatMarkdown: Formatter = (results, context) => renderMarkdown(results, context, githubSource(process.env, context.cwd));
