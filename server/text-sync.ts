// The server's copy of each open document, kept as the client's. vscode-languageserver-textdocument
// updates its cached line offsets from a change's range lines as given: a range past the end of the
// document (which the LSP spec allows: it means the end) left holes in them, and every later edit
// landed in the wrong place. Each change is clamped to the text it applies to before it is applied.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument, type Position } from 'vscode-languageserver-textdocument';

/** A whole line or character number; negative, fractional or non-numeric input means 0, beyond the end the end. */
const whole = (n: unknown): number => (typeof n === 'number' && n > 0 ? Math.floor(n) : 0);

/**
 * The same place inside the document (LSP 3.17, Position): a character past the line's end is the line's
 * end, a line past the last line is the document's end.
 */
function clamp(doc: TextDocument, p: Position): Position {
  return doc.positionAt(doc.offsetAt({ line: whole(p.line), character: whole(p.character) }));
}

function clampChange(doc: TextDocument, change: TextDocumentContentChangeEvent): TextDocumentContentChangeEvent {
  return 'range' in change ? { ...change, range: { start: clamp(doc, change.range.start), end: clamp(doc, change.range.end) } } : change;
}

/** What `TextDocuments` creates and updates documents with. */
export const clampedTextDocument = {
  create: TextDocument.create,
  update(doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    // One at a time: each change's range refers to the text the previous ones left.
    return changes.reduce((updated, change) => TextDocument.update(updated, [clampChange(updated, change)], version), doc);
  },
};
