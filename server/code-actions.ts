// For each finding under the cursor: the rule's own fix when it has one (preferred when safe), and a
// suppression comment on the line above.
import { CodeActionKind, TextEdit, type CodeAction, type Diagnostic as LspDiagnostic, type Range as LspRange } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Fix } from '../src/core/types';
import { invalidDirective, unusedDirective, yamlSyntax } from '../src/linter';

/**
 * No suppression comment for findings about directives (the engine exempts them) nor for syntax errors
 * (they are fixed, not silenced, and often move as soon as a line is added above them).
 */
const UNSUPPRESSIBLE = new Set([invalidDirective.id, unusedDirective.id, yamlSyntax.id]);

export function codeActionsFor(doc: TextDocument, diagnostics: Diagnostic[], range: LspRange, toLsp: (d: Diagnostic) => LspDiagnostic): CodeAction[] {
  const from = doc.offsetAt(range.start);
  const to = doc.offsetAt(range.end);
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.range.end.offset < from || d.range.start.offset > to) continue;
    const lsp = toLsp(d);
    if (d.fix) actions.push(applyFix(doc, d.fix, lsp));
    if (!UNSUPPRESSIBLE.has(d.ruleId)) actions.push(disableLine(doc, d, lsp));
  }
  return actions;
}

function applyFix(doc: TextDocument, fix: Fix, diagnostic: LspDiagnostic): CodeAction {
  const edits = fix.edits.map((e) => TextEdit.replace({ start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, e.text));
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.safety === 'safe', edit: { changes: { [doc.uri]: edits } } };
}

/** `# kube-netlint-disable-next-line <rule> -- ` above the finding's first line, indented like it, reason left to the author. */
function disableLine(doc: TextDocument, d: Diagnostic, diagnostic: LspDiagnostic): CodeAction {
  const line = doc.positionAt(d.range.start.offset).line;
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(text)![0];
  const eol = text.endsWith('\r\n') ? '\r\n' : '\n';
  const insert = TextEdit.insert({ line, character: 0 }, `${indent}# kube-netlint-disable-next-line ${d.ruleId} -- ${eol}`);
  return { title: `Disable ${d.ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [doc.uri]: [insert] } } };
}
