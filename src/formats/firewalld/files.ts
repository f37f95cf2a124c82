// firewalld's own files as a plan's documents: a zone file (`/etc/firewalld/zones/<zone>.xml`) and
// firewalld.conf have no YAML tree, so one stand-in document stands for each file (as for scripts,
// ../shell/document.ts), and what was read from the file is kept here for the format to read.
import { Document } from 'yaml';
import type { Span } from '../../core/types';
import type { Located } from '../../model/types';
import type { Comment, ParseResult } from '../../source/parse';
import { parseXml, type XmlDocument } from './xml'; // on demand

export type FirewalldFile =
  | { kind: 'zone'; fileName: string; xml: XmlDocument; text: string; span: Span }
  | { kind: 'conf'; fileName: string; defaultZone?: Located<string>; span: Span };

const files = new WeakMap<Document.Parsed, FirewalldFile>();

export const firewalldFileOf = (doc: Document.Parsed): FirewalldFile | undefined => files.get(doc);

/** An XML text whose root element is `<zone>` (after the declaration, comments and a doctype). */
const ZONE_ROOT = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)\s*)*<zone[\s/>]/;
/** firewalld.conf's setting of the default zone. */
const DEFAULT_ZONE_LINE = /^[ \t]*DefaultZone[ \t]*=/m;

export const looksLikeZoneFile = (text: string): boolean => ZONE_ROOT.test(text);
export const looksLikeConf = (text: string): boolean => DEFAULT_ZONE_LINE.test(text) && !/firewall-(offline-)?cmd/.test(text);

/** The file's name, without folders. */
export const baseName = (filePath: string | undefined): string => filePath?.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1) ?? '';

/** A zone file: `*.xml` whose root is `<zone>` (any text with that root when the format is named). */
export function parseZoneFile(text: string, base: number, filePath: string | undefined, force: boolean, tick?: () => void): ParseResult | undefined {
  const fileName = baseName(filePath);
  if (!looksLikeZoneFile(text) || (!force && !/\.xml$/i.test(fileName))) return undefined;
  const xml = parseXml(text, base, tick);
  return standIn(text, base, { kind: 'zone', fileName, xml, text, span: [base, base + text.length] }, xml.comments);
}

/** firewalld.conf (so named, or any text with a `DefaultZone=` line and no firewall-cmd when the format is named). */
export function parseConf(text: string, base: number, filePath: string | undefined, force: boolean): ParseResult | undefined {
  const fileName = baseName(filePath);
  if ((!force && fileName !== 'firewalld.conf') || !looksLikeConf(text)) return undefined;
  const file: FirewalldFile = { kind: 'conf', fileName, span: [base, base + text.length] };
  const comments: Comment[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const start = base + offset;
    offset += line.length + 1;
    if (/^\s*#/.test(line)) {
      if (line.includes('kube-netlint-')) comments.push({ span: [start + line.indexOf('#'), start + line.trimEnd().length], text: line.trim() });
      continue;
    }
    // `KEY=value`, as firewalld reads it: blanks around the key and the value are dropped; the last setting holds.
    const m = /^([ \t]*DefaultZone[ \t]*=[ \t]*)(\S+)/.exec(line);
    if (m) file.defaultZone = { value: m[2], span: [start + m[1].length, start + m[1].length + m[2].length] };
  }
  return standIn(text, base, file, comments);
}

function standIn(text: string, base: number, file: FirewalldFile, comments: Comment[]): ParseResult {
  const doc = new Document(null) as unknown as Document.Parsed;
  doc.range = [base, base + text.length, base + text.length];
  files.set(doc, file);
  return { ok: true, documents: [{ doc, source: text, errors: [], warnings: [] }], comments };
}
