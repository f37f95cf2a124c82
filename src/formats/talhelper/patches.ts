// Where talconfig.yaml lists its patches, and their documents: an inline patch is YAML inside the string (parsed in
// place, so that its values keep their lines), `@./file.yaml` names a file that the talconfig imports
// (`talhelper-patch`). talhelper applies a node's patches in this order, the later winning: its group's
// (`controlPlane` or `worker`, unless the node says `overridePatches`), its own, then the global `patches`.
import type { Document, Node, YAMLMap } from 'yaml';
import type { Span } from '../../core/types';
import { parseDocuments } from '../../source/parse';
import { spanWithin, YamlReader, type Located } from '../../source/yaml-nodes';
import type { ImportedDocument } from '../input-format';
import { scalarText, type OuterText } from '../k3s-ansible/scalar-text';

export const PATCH_FORMAT = 'talhelper-patch';

/** The `patches` of the whole cluster, a group or a node, as written (talhelper's variables are filled in inside each). */
export function patchItems(r: YamlReader, m: YAMLMap | undefined): Located<string>[] {
  const [list, rl] = r.child(m, 'patches');
  return rl.items(list).flatMap((item) => rl.textOf(item) ?? []);
}

/** Every patch of a talconfig.yaml, in no particular order: what it imports. */
export function allPatchItems(reader: YamlReader, root: YAMLMap | undefined): Located<string>[] {
  const [nodes, rn] = reader.child(root, 'nodes');
  return [
    ...patchItems(reader, root),
    ...(['controlPlane', 'worker'] as const).flatMap((g) => {
      const [group, rg] = reader.child(root, g);
      return patchItems(rg, rg.map(group));
    }),
    ...rn.items(nodes).flatMap((item) => {
      const [n, r] = rn.enter(item);
      return patchItems(r, r.map(n));
    }),
  ];
}

/** `@./file.yaml`: the file's path, located inside the string; undefined for an inline patch. */
export function patchFile(item: Located<string>): Located<string> | undefined {
  const m = /^@\s*(.*?)\s*$/s.exec(item.value);
  if (!m) return undefined;
  const start = item.value.indexOf(m[1], 1);
  return { value: m[1], span: spanWithin(item, start, start + m[1].length) };
}

/** A document of a patch: its root node, and the reader that locates what is in it. */
export interface PatchDocument {
  reader: YamlReader;
  root: Node | null;
}

const byEntry = new WeakMap<readonly ImportedDocument[], Map<string, ImportedDocument[]>>();

/**
 * The documents of a patch file, as the talconfig's imports brought them (none: the file could not be read). The
 * imported documents are indexed once by the import entry that brought them, as every node may name patch files.
 */
export function fileDocuments(path: Located<string>, imported: readonly ImportedDocument[]): PatchDocument[] {
  const key = (span: Span) => `${span[0]}:${span[1]}`;
  let index = byEntry.get(imported);
  if (!index) {
    index = new Map();
    for (const d of imported) {
      if (d.format !== PATCH_FORMAT) continue;
      const docs = index.get(key(d.path.span));
      if (docs) docs.push(d);
      else index.set(key(d.path.span), [d]);
    }
    byEntry.set(imported, index);
  }
  return (index.get(key(path.span)) ?? []).map(({ doc }) => ({ reader: new YamlReader(doc), root: doc.contents }));
}

/** A line that means something else at column 0 than indented (a document marker, a directive). */
const COLUMN_ZERO = /^(?:---|\.\.\.)(?:[ \t]|$)|^%/m;

export interface InlineDocuments {
  documents: PatchDocument[];
  problems: { span: Span; message: string }[];
}

/**
 * An inline patch's documents. A literal block (`|`, `|-`) whose lines keep one indentation is parsed as written,
 * from its first line's offset, so every value lands on its line; a one-line string likewise from its first
 * character; anything else (folded, escaped, or several documents, whose `---` only means a marker at column 0)
 * is parsed as its value, and all in it is located at the whole string.
 */
export function inlineDocuments(item: Located<string>, outer: OuterText | undefined, where: string): InlineDocuments {
  const s = scalarText(item, outer);
  let [text, base, exact] = [s.value, s.span[0], false];
  if (s.block?.literal && !COLUMN_ZERO.test(s.value)) [text, base, exact] = [s.block.text, s.block.start, true];
  else if (s.at !== undefined && !s.value.includes('\n')) [base, exact] = [s.at, true];
  const parsed = parseDocuments(text, { base });
  if (!parsed.ok) return { documents: [], problems: [{ span: s.span, message: `${where} could not be read as YAML: ${parsed.problem.message}` }] };
  const problems = parsed.documents.flatMap((d) =>
    d.errors.map((e) => ({ span: exact ? e.span : s.span, message: `${where} is not valid YAML: ${e.message}` })),
  );
  if (problems.length > 0) return { documents: [], problems };
  const documents = parsed.documents.map(({ doc }: { doc: Document.Parsed }) => ({
    reader: new YamlReader(doc, exact ? undefined : s.span),
    root: doc.contents,
  }));
  return { documents, problems };
}
