// The `ignores` globs of a configuration. picomatch turns a glob into a backtracking regular expression,
// and a configuration can come with the repository being linted: `*a*a*a*a*a*a*a*b` against a long
// folder name took minutes. So only a subset of the glob syntax is accepted, one whose regular
// expressions match in bounded time (measured in test/config.test.ts against a 4,096-character path):
// at most two runs of `*` or `**` (the regex's only repetitions, so matching is at worst quadratic),
// few `{a,b}` alternatives, no groups or extglobs (`(a|b)`, `@(…)`, `[a-z]+` repeat what they hold), and
// a bounded length. No npm glob matcher guarantees linear time, and RE2's port costs 35 ms to load.
import picomatch from 'picomatch';

export const MAX_PATTERN_LENGTH = 256;
export const MAX_WILDCARDS = 2;
export const MAX_ALTERNATIVES = 4;
/** Every file is tested against every pattern: 0.1 ms each at worst for real paths (segments of 255 bytes at most). */
export const MAX_PATTERNS = 200;

/** Why a pattern is refused, or undefined. */
export function patternProblem(pattern: string): string | undefined {
  const quoted = JSON.stringify(pattern.length > 60 ? `${pattern.slice(0, 60)}…` : pattern);
  if (pattern.length > MAX_PATTERN_LENGTH) return `ignores pattern ${quoted} is ${pattern.length} characters long; at most ${MAX_PATTERN_LENGTH} are allowed`;
  let wildcards = 0;
  let alternatives = 1;
  const groups: number[] = []; // the alternatives of each open `{`, innermost last
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(pattern, i);
    else if (c === '*') {
      wildcards++;
      while (pattern[i + 1] === '*') i++;
    } else if (c === '(' || c === ')' || c === '|')
      return `ignores pattern ${quoted} uses a group or extglob ("${c}"), which ignores does not accept: use *, **, ?, [abc] and {a,b}`;
    else if (c === '+' && (pattern[i - 1] === ']' || pattern[i - 1] === ')'))
      return `ignores pattern ${quoted} repeats a character class with "+", which ignores does not accept: use * instead`;
    else if (c === '{') groups.push(1);
    else if (c === ',' && groups.length) groups[groups.length - 1]++;
    else if (c === '}' && groups.length) alternatives *= groups.pop()!;
  }
  if (wildcards > MAX_WILDCARDS) {
    return `ignores pattern ${quoted} has ${wildcards} wildcards (* or **); at most ${MAX_WILDCARDS} are allowed, so that matching a long path stays fast: write it with fewer, e.g. "**/legacy/**"`;
  }
  if (alternatives > MAX_ALTERNATIVES)
    return `ignores pattern ${quoted} has ${alternatives} {a,b} alternatives; at most ${MAX_ALTERNATIVES} are allowed: split it into several patterns`;
  return undefined;
}

/** Where the `[` class starting at `start` ends (its `]`), as picomatch reads it: a `]` first is literal. */
function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '!' || pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  const end = pattern.indexOf(']', i);
  return end === -1 ? start : end;
}

/** A matcher for accepted patterns (dot files included), taking paths with `/` separators. */
export const ignoreMatcher = (patterns: string[]): ((path: string) => boolean) => picomatch(patterns, { dot: true });
