// Text → YAML documents. One parse per lint; JSON is parsed by the same YAML 1.2 parser, so both keep
// the same positions. Hostile input (alias bombs) is caught when values are materialised.
import { isMap, isScalar, parseAllDocuments, visit, type Document } from 'yaml';
import { spanOf } from './yaml-nodes';
import type { Span } from '../engine/types';

export interface ParsedDocument {
  doc: Document.Parsed;
  isPlan: boolean;
  errors: { span: Span; message: string; code: string }[];
}

const PLAN_KIND = /^kind\s*:\s*["']?ClusterPlan["']?\s*(#.*)?$/m;

export function parseDocuments(text: string): ParsedDocument[] {
  const docs = parseAllDocuments(text, { keepSourceTokens: true, prettyErrors: false, uniqueKeys: true });
  if (!Array.isArray(docs)) return [];
  return docs.map((doc) => {
    const errors = doc.errors.map((e) => ({ span: [e.pos[0], Math.max(e.pos[1], e.pos[0])] as Span, message: e.message, code: e.code }));
    return { doc, isPlan: isPlanDocument(doc, text, errors.length > 0), errors };
  });
}

/** `kind: ClusterPlan` at the top; for a broken document, the same line in its source text. */
function isPlanDocument(doc: Document.Parsed, text: string, broken: boolean): boolean {
  const root = doc.contents;
  if (isMap(root)) {
    const kind = root.items.find((p) => isScalar(p.key) && p.key.value === 'kind');
    if (kind && isScalar(kind.value)) return kind.value.value === 'ClusterPlan';
  }
  return broken && PLAN_KIND.test(text.slice(doc.range[0], doc.range[2]));
}

/** The document as plain JS, or an error when expanding it would exhaust resources. */
export function toPlainValue(doc: Document.Parsed): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

/** Where an alias bomb starts: the first alias in the document. */
export function firstAliasSpan(doc: Document.Parsed): Span | undefined {
  let span: Span | undefined;
  visit(doc, {
    Alias(_, node) {
      span = spanOf(node);
      return visit.BREAK;
    },
  });
  return span;
}
