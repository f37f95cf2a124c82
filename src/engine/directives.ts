// Inline suppression comments, ESLint-style, read from YAML comment tokens (so a `#` inside a quoted
// string is never a directive):
//   # kube-netlint-disable-next-line duplicate-mac, invalid-mac -- lab VMs cloned on purpose
//   # kube-netlint-disable-line cidr-host-bits
//   # kube-netlint-disable cidr-overlap      (to the end of the file, or to a matching enable)
//   # kube-netlint-enable cidr-overlap
// No rule list means every rule. Text after ` -- ` is the reason.
import type { Comment } from '../source/parse';
import type { SourceFile } from '../source/source-file';
import type { Diagnostic, Fix, Span } from '../core/types';

export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

/** A rule a directive names, with the span of the name. */
export interface DirectiveRule {
  id: string;
  span: Span;
}

export interface Directive {
  kind: DirectiveKind;
  comment: Comment;
  /** Named rules; undefined means every rule. */
  rules?: DirectiveRule[];
  reason?: string;
  /** The 1-based line whose diagnostics a line directive covers. */
  line: number;
}

const DIRECTIVE = /^#\s*kube-netlint-(disable-next-line|disable-line|disable|enable)(?=\s|$)(.*)$/;
const DIRECTIVE_LIKE = /^#\s*(kube-netlint-\S*)/;

/**
 * The comment that silences one rule on the line below it, its ` --` inviting the reason. Nothing trails it
 * (yamllint's default trailing-spaces would flag a space); the reason is typed after it.
 */
export const disableNextLine = (ruleId: string): string => `# kube-netlint-disable-next-line ${ruleId} --`;

/** The directives among the comments, and comments that start like one but name no known directive. */
export function parseDirectives(comments: Comment[], source: SourceFile): { directives: Directive[]; unknown: { comment: Comment; word: string }[] } {
  const out: Directive[] = [];
  const unknown: { comment: Comment; word: string }[] = [];
  for (const comment of comments) {
    const m = DIRECTIVE.exec(comment.text);
    if (!m) {
      const like = DIRECTIVE_LIKE.exec(comment.text);
      if (like) unknown.push({ comment, word: like[1] });
      continue;
    }
    const kind = m[1] as DirectiveKind;
    const restStart = comment.span[0] + comment.text.length - m[2].length;
    const [list, ...reason] = m[2].split(/\s--\s|\s--$/);
    const rules: DirectiveRule[] = [];
    for (const r of list.matchAll(/[^\s,]+/g)) {
      const start = restStart + (r.index ?? 0);
      rules.push({ id: r[0], span: [start, start + r[0].length] });
    }
    const commentLine = source.positionAt(comment.span[0]).line;
    out.push({
      kind,
      comment,
      rules: rules.length ? rules : undefined,
      reason: reason.length ? reason.join(' -- ').trim() || undefined : undefined,
      line: kind === 'disable-next-line' ? commentLine + 1 : commentLine,
    });
  }
  return { directives: out, unknown };
}

const covers = (d: Directive, ruleId: string) => !d.rules || d.rules.some((r) => r.id === ruleId);

export interface Suppression {
  kept: Diagnostic[];
  /** For each directive, the rule ids it suppressed at least one diagnostic of ('*' for a list-less one). */
  used: Map<Directive, Set<string>>;
}

/** Drops the diagnostics that a directive covers, remembering which directive was used for what. */
export function applyDirectives(diagnostics: Diagnostic[], directives: Directive[], exempt: ReadonlySet<string>): Suppression {
  const used = new Map<Directive, Set<string>>();
  const byLine = new Map<number, Directive[]>();
  const blocks = directives.filter((d) => d.kind === 'disable' || d.kind === 'enable');
  for (const d of directives) {
    if (d.kind === 'disable' || d.kind === 'enable') continue;
    byLine.set(d.line, [...(byLine.get(d.line) ?? []), d]);
  }
  const markUsed = (d: Directive, ruleId: string) => {
    const set = used.get(d) ?? new Set<string>();
    set.add(d.rules ? ruleId : '*');
    used.set(d, set);
  };
  const kept = diagnostics.filter((diag) => {
    if (exempt.has(diag.ruleId)) return true;
    const lineDirective = byLine.get(diag.range.start.line)?.find((d) => covers(d, diag.ruleId));
    if (lineDirective) {
      markUsed(lineDirective, diag.ruleId);
      return false;
    }
    // The last block directive before the diagnostic that names its rule decides.
    let decisive: Directive | undefined;
    for (const b of blocks) {
      if (b.comment.span[0] > diag.range.start.offset) break;
      if (covers(b, diag.ruleId)) decisive = b;
    }
    if (decisive?.kind === 'disable') {
      markUsed(decisive, diag.ruleId);
      return false;
    }
    return true;
  });
  return { kept, used };
}

/** Deletes a directive's comment: its whole line when it stands alone, else the comment and the spaces before it. */
export function deleteCommentFix(source: SourceFile, comment: Comment): Fix {
  const text = source.text;
  let start = comment.span[0];
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  let end = comment.span[1];
  const lineStart = start === 0 || text[start - 1] === '\n';
  if (lineStart) {
    if (text[end] === '\r') end++;
    if (text[end] === '\n') end++;
  }
  return { safety: 'safe', title: 'Remove the unused directive', edits: [{ start, end, text: '' }] };
}

/**
 * Deletes one unused rule from a directive that keeps others (ESLint 9 does the same), with the separator on
 * the side of a kept rule: the one before it when a kept rule comes earlier, else the one after it. The
 * fixes of a directive's unused rules then never overlap, and all of them apply in one pass.
 */
export function removeRuleFix(rules: readonly DirectiveRule[], rule: DirectiveRule, removed: ReadonlySet<DirectiveRule>): Fix {
  const i = rules.indexOf(rule);
  const keptBefore = rules.slice(0, i).some((r) => !removed.has(r));
  const [start, end] = keptBefore ? [rules[i - 1].span[1], rule.span[1]] : [rule.span[0], rules[i + 1].span[0]];
  return { safety: 'safe', title: `Remove ${rule.id} from the directive`, edits: [{ start, end, text: '' }] };
}
