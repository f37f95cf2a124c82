// Completion from the plan schema and the plan itself: keys valid at the cursor, enum values, and in
// firewall rules and selectors the names the plan defines (networks, roles, nodes).
//
// The word under the cursor is swapped for a placeholder scalar and the text parsed tolerantly: where
// the placeholder lands (a key, a value, a list item, and under which path) is where the cursor is,
// even on a line that is only half typed.
import { CompletionItemKind, MarkupKind, TextEdit, type CompletionItem, type Position, type Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { YAMLMap } from 'yaml';
import {
  keysOf,
  nodeCandidates,
  planAt,
  referencePlace,
  slotAt,
  sourceCandidates,
  type Candidate,
  type Limits,
  type Plan,
  type Segment,
  type Slot,
} from '../src/linter';
import { keysAllowed, schemasAt, valuesAllowed, type Schema } from './plan-schema';

const PLACEHOLDER = 'kube_netlint_completion_cursor';

/** Characters that end a word in YAML flow and block syntax; a colon is handled apart. */
const SEPARATOR = /[\s,[\]{}"'#]/;
/** `role:` and `node:` keep their colon: it is part of the reference being typed. */
const REFERENCE_PREFIX = /^(role|node):$/;

const ROLE_PATH: Segment[] = ['spec', 'nodes', 0, 'roles', 0];

export function completionsAt(doc: TextDocument, position: Position, limits?: Limits): CompletionItem[] {
  const text = doc.getText();
  const cursor = doc.offsetAt(position);
  const word = wordAround(text, cursor);
  if (!word) return [];
  // A word alone on its line is written as a key: a bare word would run on into the next line's key as
  // one multi-line scalar.
  const alone = onItsOwnLine(text, word.start) && text[word.end] !== ':';
  const patched = text.slice(0, word.start) + PLACEHOLDER + (alone ? ':' : '') + text.slice(word.end);
  const at = planAt(patched, word.start, limits);
  const found = at && slotAt(at.doc, word.start);
  if (!at || !found || found.scalar.value !== PLACEHOLDER) return [];
  const slot = alone ? unwrapAlone(found) : found;

  const range: Range = { start: doc.positionAt(word.start), end: doc.positionAt(word.end) };
  // On an existing key (`plu|gin: calico`) only the name is replaced; in quotes (JSON) likewise.
  const bareKey = text[word.end] === ':' || text[word.start - 1] === '"';
  const keyItems = (schemas: Schema[], existing: string[]) =>
    keysAllowed(schemas)
      .filter((k) => !existing.includes(k.name) && !deprecated(schemas, k.name))
      .map((k) => ({
        label: k.name,
        kind: CompletionItemKind.Property,
        // Required keys first.
        sortText: `${k.required ? 0 : 1}${k.name}`,
        detail: k.required ? 'required' : undefined,
        documentation: k.description && { kind: MarkupKind.Markdown, value: k.description },
        textEdit: TextEdit.replace(range, bareKey ? k.name : `${k.name}: `),
      }));

  if (slot.kind === 'key') return keyItems(schemasAt(slot.steps), keysOf(slot.container as YAMLMap));

  const references = referencesAt(slot, at.plan);
  if (references)
    return references.map((c) => ({ label: c.label, kind: CompletionItemKind.Reference, detail: c.detail, textEdit: TextEdit.replace(range, c.label) }));

  const schemas = schemasAt(slot.steps);
  const values = valuesAllowed(schemas);
  if (values.length > 0) {
    return values.map((v) => ({
      label: v.value,
      kind: CompletionItemKind.EnumMember,
      documentation: v.description && { kind: MarkupKind.Markdown, value: v.description },
      textEdit: TextEdit.replace(range, v.value),
    }));
  }
  // A word alone on its line under `cni:` or after `- ` in the node list starts a key of the object there.
  return alone ? keyItems(schemas, []) : [];
}

/**
 * The added colon made a one-key mapping of a lone word (`- ro|` → `- ro:`): the word is really in that
 * mapping's place, as a list item or a value, and may start a key or be a value there.
 */
function unwrapAlone(slot: Slot): Slot {
  if (slot.kind !== 'key' || slot.container.items.length !== 1) return slot;
  const last = slot.steps.at(-1);
  if (!last) return slot;
  return { ...slot, kind: typeof last.segment === 'number' ? 'item' : 'value', container: last.parent };
}

/** Names the plan defines, where a firewall rule or selector expects one (selector roles come from the schema). */
function referencesAt(slot: Slot, plan: Plan): Candidate[] | undefined {
  switch (referencePlace(slot)) {
    case 'source':
      return sourceCandidates(
        plan,
        valuesAllowed(schemasAt(ROLE_PATH.map((segment) => ({ segment })))).map((v) => v.value),
      );
    case 'node':
      return nodeCandidates(plan);
  }
  return undefined;
}

/** The word the cursor is in or just after; undefined right after a key's colon (the value has not started). */
function wordAround(text: string, cursor: number): { start: number; end: number } | undefined {
  let start = cursor;
  while (start > 0 && !SEPARATOR.test(text[start - 1])) start--;
  let end = cursor;
  while (end < text.length && !SEPARATOR.test(text[end]) && !(text[end] === ':' && (end + 1 === text.length || /\s/.test(text[end + 1])))) end++;
  const word = text.slice(start, end);
  if (word.endsWith(':') && !REFERENCE_PREFIX.test(word)) return undefined;
  return { start, end };
}

/** A key the schema marks deprecated (a service's `on`, now `runsOn`) is still read, but not offered. */
const deprecated = (schemas: Schema[], key: string): boolean =>
  schemas.some((s) => (s.properties?.[key] as { deprecated?: boolean } | undefined)?.deprecated === true);

/** Only indentation and list dashes before the word on its line. */
function onItsOwnLine(text: string, start: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  return /^[ \t]*(-[ \t]+)*$/.test(text.slice(lineStart, start));
}
