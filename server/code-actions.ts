// For each finding under the cursor: the rule's own fix when it has one (preferred when safe), what a
// misspelt name probably meant (its suggestions), and a suppression comment on the line above, as the
// engine writes and reads it. And "fix all"
// (source.fixAll.kube-netlint): every safe fix, as the CLI's --fix applies them.
import { CodeActionKind, TextEdit, type CodeAction, type Diagnostic as LspDiagnostic, type Range as LspRange } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { suppressionEdit, type Diagnostic, type Fix } from '../src/linter';

export const FIX_ALL = `${CodeActionKind.SourceFixAll}.kube-netlint`;

export function codeActionsFor(doc: TextDocument, diagnostics: Diagnostic[], range: LspRange, toLsp: (d: Diagnostic) => LspDiagnostic): CodeAction[] {
  const from = doc.offsetAt(range.start);
  const to = doc.offsetAt(range.end);
  const text = doc.getText();
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.filePath !== undefined || d.range.end.offset < from || d.range.start.offset > to) continue;
    const lsp = toLsp(d);
    if (d.fix) actions.push(applyFix(doc, d.fix, lsp));
    for (const s of d.suggestions ?? []) actions.push(edit(doc, s.title, s.edits, lsp));
    const silence = suppressionEdit(text, d);
    if (silence) actions.push(edit(doc, `Disable ${d.ruleId} for this line`, [silence], lsp));
  }
  return actions;
}

/** The fix-all action, when fixes apply: one edit of the whole text. */
export function fixAllAction(doc: TextDocument, fixed: string | undefined): CodeAction[] {
  if (fixed === undefined) return [];
  const whole = { start: doc.positionAt(0), end: doc.positionAt(doc.getText().length) };
  return [{ title: 'Fix all kube-netlint problems', kind: FIX_ALL, edit: { changes: { [doc.uri]: [TextEdit.replace(whole, fixed)] } } }];
}

function applyFix(doc: TextDocument, fix: Fix, diagnostic: LspDiagnostic): CodeAction {
  return { ...edit(doc, fix.title, fix.edits, diagnostic), isPreferred: fix.safety === 'safe' };
}

function edit(doc: TextDocument, title: string, edits: Fix['edits'], diagnostic: LspDiagnostic): CodeAction {
  const changes = edits.map((e) => TextEdit.replace({ start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, e.text));
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [doc.uri]: changes } } };
}
