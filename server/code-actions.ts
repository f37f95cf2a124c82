// For each finding under the cursor: the rule's own fix when it has one (preferred when safe), what a
// misspelt name probably meant (its suggestions), and a suppression comment on the line above, as the
// engine writes and reads it: one per rule and line, for all its findings there (none in JSON, which has
// no comments). And "fix all" (source.fixAll.kube-netlint): every safe fix, as the CLI's --fix applies them.
import { CodeActionKind, TextEdit, type CodeAction, type Diagnostic as LspDiagnostic, type Range as LspRange } from 'vscode-languageserver/node';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { suppressionEdit, type Diagnostic, type Fix } from '../src/linter';
import type { FixAllEdits } from './lint-document';

export const FIX_ALL = `${CodeActionKind.SourceFixAll}.kube-netlint`;

export function codeActionsFor(doc: TextDocument, diagnostics: Diagnostic[], range: LspRange, toLsp: (d: Diagnostic) => LspDiagnostic): CodeAction[] {
  const from = doc.offsetAt(range.start);
  const to = doc.offsetAt(range.end);
  const text = doc.getText();
  const commented = !/^jsonc?$/.test(doc.languageId) && !/\.json$/i.test(doc.uri);
  const actions: CodeAction[] = [];
  /** The suppressions offered, by rule and the line the comment goes above: a second finding joins the first's. */
  const silencing = new Map<string, CodeAction>();
  for (const d of diagnostics) {
    if (d.filePath !== undefined || d.range.end.offset < from || d.range.start.offset > to) continue;
    const lsp = toLsp(d);
    if (d.fix) actions.push(applyFix(doc, d.fix, lsp));
    for (const s of d.suggestions ?? []) actions.push(edit(doc, s.title, s.edits, lsp));
    const silence = commented && suppressionEdit(text, d);
    if (!silence) continue;
    const key = `${d.ruleId} ${silence.start}`;
    const offered = silencing.get(key);
    if (offered) offered.diagnostics!.push(lsp);
    else silencing.set(key, edit(doc, `Disable ${d.ruleId} for this line`, [silence], lsp));
  }
  return [...actions, ...silencing.values()];
}

/** The fix-all action, when fixes apply: one edit of each whole text it changes, the plan's imported files' too. */
export function fixAllAction(doc: TextDocument, fixed: FixAllEdits | undefined): CodeAction[] {
  if (fixed === undefined) return [];
  const changes: Record<string, TextEdit[]> = {};
  if (fixed.text !== undefined) changes[doc.uri] = [replaceAll(doc, fixed.text)];
  for (const { path, before, after } of fixed.imported) {
    const uri = pathToFileURL(path).href;
    changes[uri] = [replaceAll(TextDocument.create(uri, 'yaml', 0, before), after)];
  }
  return [{ title: 'Fix all kube-netlint problems', kind: FIX_ALL, edit: { changes } }];
}

const replaceAll = (doc: TextDocument, text: string): TextEdit =>
  TextEdit.replace({ start: doc.positionAt(0), end: doc.positionAt(doc.getText().length) }, text);

function applyFix(doc: TextDocument, fix: Fix, diagnostic: LspDiagnostic): CodeAction {
  return { ...edit(doc, fix.title, fix.edits, diagnostic), isPreferred: fix.safety === 'safe' };
}

function edit(doc: TextDocument, title: string, edits: Fix['edits'], diagnostic: LspDiagnostic): CodeAction {
  const changes = edits.map((e) => TextEdit.replace({ start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, e.text));
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [doc.uri]: changes } } };
}
