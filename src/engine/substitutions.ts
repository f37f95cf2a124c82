// Related locations for substituted values (Plan.substitutions): a finding at a value that is used elsewhere
// (talenv.yaml's, filled in for `${VAR}` in talconfig.yaml) names where it is used, and a finding at a scalar
// that a substitution is part of names where the value is set. Scalars do not nest, so the substitutions are
// indexed by start: a finding's span is looked up, not compared with every substitution.
import type { Span } from '../core/types';
import type { Substitution } from '../model/types';

export interface Note {
  at: Span;
  message: string;
}

/** The notes for a finding at a span. */
export function substitutionNotes(substitutions: readonly Substitution[]): (at: Span) => Note[] {
  if (substitutions.length === 0) return () => [];
  const byValue = indexBy(substitutions, (s) => s.value);
  const byUse = indexBy(substitutions, (s) => s.use);
  return (at) => {
    const notes: Note[] = [];
    for (const s of byValue(at)) notes.push({ at: s.use, message: `${s.name} is used here` });
    for (const s of byUse(at)) notes.push({ at: s.value, message: `${s.name} is set here` });
    return notes;
  };
}

/** The substitutions whose span (by `spanOf`) holds a span: those with the greatest start at or before it. */
function indexBy(substitutions: readonly Substitution[], spanOf: (s: Substitution) => Span): (at: Span) => Substitution[] {
  const sorted = [...substitutions].sort((a, b) => spanOf(a)[0] - spanOf(b)[0]);
  return ([start, end]) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spanOf(sorted[mid])[0] <= start) lo = mid + 1;
      else hi = mid;
    }
    const out: Substitution[] = [];
    const first = lo - 1;
    for (let i = first; i >= 0 && spanOf(sorted[i])[0] === spanOf(sorted[first])[0]; i--) {
      const [from, to] = spanOf(sorted[i]);
      if (from <= start && end <= to) out.push(sorted[i]);
    }
    return out.reverse();
  };
}
