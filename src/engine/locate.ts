// Findings from spans: each in the file of its primary span, with related locations and fix edits
// turned into that file's positions (a related location in another file names it).
import type { Diagnostic, Fix, RelatedLocation, Span, Suggestion, TextEdit } from '../core/types';
import type { SetMember, SourceSet } from '../source/source-set';

export interface Finding {
  ruleId: string;
  severity: Diagnostic['severity'];
  message: string;
  messageId?: string;
  code?: string;
  at: Span;
  related?: { at: Span; message: string }[];
  fix?: Fix;
  suggestions?: Suggestion[];
}

export function locateFinding(sources: SourceSet, f: Finding): Diagnostic {
  const { member, range } = sources.locate(f.at);
  const d: Diagnostic = {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    range,
    related: (f.related ?? []).map((r) => relatedAt(sources, member, r)),
  };
  if (f.messageId !== undefined) d.messageId = f.messageId;
  if (f.code !== undefined) d.code = f.code;
  if (member !== sources.members[0]) d.filePath = member.filePath;
  const fix = f.fix && fixIn(member, f.fix);
  if (fix) d.fix = fix;
  const suggestions = (f.suggestions ?? []).flatMap((s) => {
    const edits = editsIn(member, s.edits);
    return edits ? [{ title: s.title, edits }] : [];
  });
  if (suggestions.length > 0) d.suggestions = suggestions;
  return d;
}

function relatedAt(sources: SourceSet, own: SetMember, r: { at: Span; message: string }): RelatedLocation {
  const { member, range } = sources.locate(r.at);
  return member === own ? { range, message: r.message } : { range, message: r.message, filePath: member.filePath };
}

/** A fix's edits in the file's own offsets; a fix that would edit another file than its finding's is not offered. */
function fixIn(member: SetMember, fix: Fix): Fix | undefined {
  const edits = editsIn(member, fix.edits);
  return edits && (member.base === 0 ? fix : { ...fix, edits });
}

/** Edits in the file's own offsets, or none when one of them is outside it. */
function editsIn(member: SetMember, edits: readonly TextEdit[]): TextEdit[] | undefined {
  const end = member.base + member.file.text.length;
  if (edits.some((e) => e.start < member.base || e.end > end)) return undefined;
  return edits.map((e) => (member.base === 0 ? e : { ...e, start: e.start - member.base, end: e.end - member.base }));
}
