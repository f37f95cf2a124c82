// A small shell tokenizer for the scripts firewall tools are driven from (`firewall-cmd`, `ufw`): words
// with their positions, quotes, backslash-newline continuations, `#` comments, operators (`;`, `&&`,
// `||`, `|`, `&`, `(`, `)`, `;;`) and redirections with their targets; here-document bodies are skipped.
// Expansions (`$VAR`, `${VAR}`, `$(…)`, `` `…` ``, `$((…))`, brace expansion) are kept as written and
// mark their word unresolved: nothing is ever run or substituted. Linear in the text, no recursion.
//
// Why hand-written: the engine's parse is synchronous, and the shell parsers with positions are WASM
// (web-tree-sitter with tree-sitter-bash, sh-syntax) and need an asynchronous start; shell-quote has no
// positions and no comments, bash-parser is unmaintained. Scripts that configure firewalls are simple
// commands, which is what this reads (see script.ts for the structure around them).
import type { Span } from '../../core/types';

export interface ShellWord {
  /** The word after quote removal and line continuations; expansions as written. */
  value: string;
  /** The word as written, absolute (the text's base added). */
  span: Span;
  /**
   * The absolute offset of each character of `value` where it is written; unset when the word is written as
   * its value, character for character (then character i is at `span[0] + i`): see offsetIn.
   */
  offsets?: number[];
  /** Some part is filled in by the shell when the script runs (a variable, a command substitution, a brace expansion). */
  unresolved: boolean;
  /** Some part is quoted or escaped: such a word is never a reserved word or an assignment. */
  quoted: boolean;
}

export type ShellToken =
  | { kind: 'word'; word: ShellWord }
  /** `;`, `&`, `&&`, `||`, `|`, `|&`, `(`, `)`, `;;`, `;&`, `;;&`, and `\n` for a line end. */
  | { kind: 'op'; op: string; span: Span }
  /** `>`, `2>&1`, `<<EOF`, …: not arguments of the command. */
  | { kind: 'redirect'; op: string; span: Span; target?: ShellWord };

export interface ShellComment {
  span: Span;
  /** From the `#` to the end of the line. */
  text: string;
}

export interface ShellProblem {
  span: Span;
  message: string;
}

export interface Tokens {
  tokens: ShellToken[];
  comments: ShellComment[];
  problems: ShellProblem[];
}

const BLANK = new Set([' ', '\t', '\r', '\f', '\v']);
const OPERATOR_START = new Set([';', '&', '|', '(', ')', '<', '>']);
const CONTROL_OPS = [';;&', ';;', ';&', '&&', '||', '|&', ';', '&', '|', '(', ')'];
const REDIRECT_OPS = ['<<<', '<<-', '&>>', '<<', '>>', '<&', '>&', '<>', '>|', '&>', '<', '>'];
const NAME_START = /[A-Za-z_]/;
/** Characters with no meaning to the shell in a word (sticky: matched where the tokenizer is). */
const PLAIN = /[^ \t\r\f\v\n;&|()<>\\'"$`{},.]+/y;
const NAME_CHAR = /[A-Za-z0-9_]/;
const ANSI_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v' };

/** The absolute offset where character `i` of a word's value is written. */
export const offsetIn = (word: ShellWord, i: number): number => (word.offsets ? word.offsets[i] : word.span[0] + i);

/** The span of `word.value.slice(from, to)` as written (to > from), or the word's own span for an empty slice. */
export function spanIn(word: ShellWord, from: number, to = word.value.length): Span {
  if (to <= from || from >= word.value.length) return word.span;
  return [offsetIn(word, from), offsetIn(word, Math.min(to, word.value.length) - 1) + 1];
}

/** `tick` is called once per token: the time budget, which may throw to stop. */
export function tokenize(text: string, base = 0, tick: () => void = () => {}): Tokens {
  return new Tokenizer(text, base, tick).run();
}

class Tokenizer {
  private i = 0;
  private readonly tokens: ShellToken[] = [];
  private readonly comments: ShellComment[] = [];
  private readonly problems: ShellProblem[] = [];
  /** Here-documents whose bodies start at the next line end. */
  private pending: { delimiter: string; stripTabs: boolean }[] = [];

  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly tick: () => void,
  ) {}

  run(): Tokens {
    const t = this.text;
    while (this.i < t.length) {
      this.tick();
      const c = t[this.i];
      if (BLANK.has(c)) this.i++;
      else if (c === '\\' && t[this.i + 1] === '\n') this.i += 2;
      else if (c === '\\' && t[this.i + 1] === '\r' && t[this.i + 2] === '\n') this.i += 3;
      else if (c === '\n') {
        this.tokens.push({ kind: 'op', op: '\n', span: this.span(this.i, this.i + 1) });
        this.i++;
        if (this.pending.length > 0) this.skipHereDocuments();
      } else if (c === '#') this.comment();
      else if ((c === '<' || c === '>') && t[this.i + 1] === '(') this.tokens.push({ kind: 'word', word: this.word() });
      else if (OPERATOR_START.has(c)) this.operator();
      else {
        const start = this.i;
        const word = this.word();
        // `2>&1`, `2>/dev/null`: a number written right before a redirection is its file descriptor.
        if (/^\d+$/.test(word.value) && !word.quoted && this.i === start + word.value.length && (t[this.i] === '<' || t[this.i] === '>')) {
          this.operator(start);
        } else this.tokens.push({ kind: 'word', word });
      }
    }
    return { tokens: this.tokens, comments: this.comments, problems: this.problems };
  }

  private span(from: number, to: number): Span {
    return [this.base + from, this.base + to];
  }

  private comment(): void {
    const t = this.text;
    let end = t.indexOf('\n', this.i);
    if (end < 0) end = t.length;
    let stop = end;
    while (stop > this.i && t[stop - 1] === '\r') stop--;
    this.comments.push({ span: this.span(this.i, stop), text: t.slice(this.i, stop) });
    this.i = end;
  }

  /** A control operator or a redirection (with its target word); `from` is where a file descriptor number starts. */
  private operator(from = this.i): void {
    const t = this.text;
    const control = CONTROL_OPS.find((op) => t.startsWith(op, this.i));
    const redirect = REDIRECT_OPS.find((op) => t.startsWith(op, this.i));
    // `&>` and `&>>` are redirections, though `&` is also a control operator.
    if (redirect && (!control || redirect.length > control.length)) {
      this.i += redirect.length;
      const opEnd = this.i;
      while (this.i < t.length && (t[this.i] === ' ' || t[this.i] === '\t' || this.continuationAt(this.i) > 0))
        this.i += Math.max(1, this.continuationAt(this.i));
      const target = this.i < t.length && !OPERATOR_START.has(t[this.i]) && t[this.i] !== '\n' && t[this.i] !== '#' ? this.word() : undefined;
      if (redirect === '<<' || redirect === '<<-') {
        if (target) this.pending.push({ delimiter: target.value, stripTabs: redirect === '<<-' });
        else this.problems.push({ span: this.span(from, opEnd), message: `\`${redirect}\` names no here-document delimiter` });
      }
      this.tokens.push({ kind: 'redirect', op: redirect, span: this.span(from, target ? target.span[1] - this.base : opEnd), target });
      return;
    }
    const op = control ?? t[this.i];
    this.tokens.push({ kind: 'op', op, span: this.span(this.i, this.i + op.length) });
    this.i += op.length;
  }

  /** 2 or 3 when a backslash-newline continuation starts at `at`, else 0. */
  private continuationAt(at: number): number {
    const t = this.text;
    if (t[at] !== '\\') return 0;
    if (t[at + 1] === '\n') return 2;
    if (t[at + 1] === '\r' && t[at + 2] === '\n') return 3;
    return 0;
  }

  /** The bodies of the here-documents opened on the line just ended: skipped up to their delimiter lines. */
  private skipHereDocuments(): void {
    const t = this.text;
    for (const { delimiter, stripTabs } of this.pending) {
      while (this.i < t.length) {
        let end = t.indexOf('\n', this.i);
        if (end < 0) end = t.length;
        let line = t.slice(this.i, end);
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if (stripTabs) line = line.replace(/^\t+/, '');
        this.i = Math.min(end + 1, t.length);
        if (line === delimiter) break;
      }
    }
    this.pending = [];
  }

  /** A word, up to an unquoted blank, line end or operator. */
  private word(): ShellWord {
    const t = this.text;
    const start = this.i;
    let value = '';
    /** Made when a character of the value is not where its place in the value says (a quote, an escape, a continuation). */
    let offsets: number[] | undefined;
    let unresolved = false;
    let quoted = false;
    /** Unquoted `{`, then `,` or `..` after it: a brace expansion when a `}` follows. */
    let brace = 0;
    const base = this.base;
    const locate = (at: number, written: boolean) => {
      if (!offsets && (!written || at !== start + value.length)) offsets = Array.from({ length: value.length }, (_, k) => base + start + k);
    };
    const put = (ch: string, at: number) => {
      locate(at, ch === t[at]);
      value += ch;
      offsets?.push(base + at);
    };
    /** Text kept as written. */
    const keep = (from: number, to: number) => {
      if (to <= from) return;
      locate(from, true);
      if (offsets) for (let k = from; k < to; k++) offsets.push(base + k);
      value += t.slice(from, to);
    };
    while (this.i < t.length) {
      const c = t[this.i];
      if (BLANK.has(c) || c === '\n') break;
      if (OPERATOR_START.has(c)) {
        // `<(…)` and `>(…)`: a process substitution, one unresolved word.
        if ((c === '<' || c === '>') && t[this.i + 1] === '(') {
          const end = this.balanced(this.i + 1, '(', ')');
          keep(this.i, end);
          this.i = end;
          unresolved = true;
          continue;
        }
        break;
      }
      const cont = this.continuationAt(this.i);
      if (cont > 0) {
        this.i += cont;
        continue;
      }
      if (c === '\\') {
        quoted = true;
        if (this.i + 1 < t.length) put(t[this.i + 1], this.i + 1);
        else put(c, this.i);
        this.i = Math.min(this.i + 2, t.length);
      } else if (c === "'") {
        quoted = true;
        const end = t.indexOf("'", this.i + 1);
        if (end < 0) {
          this.unterminated(this.i, 'single quote');
          keep(this.i + 1, t.length);
          this.i = t.length;
        } else {
          keep(this.i + 1, end);
          this.i = end + 1;
        }
      } else if (c === '"' || (c === '$' && t[this.i + 1] === '"')) {
        quoted = true;
        const open = c === '$' ? this.i + 1 : this.i;
        this.i = open + 1;
        let closed = false;
        while (this.i < t.length) {
          const d = t[this.i];
          if (d === '"') {
            closed = true;
            this.i++;
            break;
          }
          const dc = this.continuationAt(this.i);
          if (dc > 0) this.i += dc;
          else if (d === '\\' && /[$`"\\]/.test(t[this.i + 1] ?? '')) {
            put(t[this.i + 1], this.i + 1);
            this.i += 2;
          } else if (d === '$' || d === '`') {
            const end = this.expansion(this.i);
            if (end > this.i + 1 || d === '`') {
              keep(this.i, end);
              this.i = end;
              unresolved = true;
            } else {
              put(d, this.i);
              this.i++;
            }
          } else {
            put(d, this.i);
            this.i++;
          }
        }
        if (!closed) this.unterminated(open, 'double quote');
      } else if (c === '$' && t[this.i + 1] === "'") {
        // ANSI-C quoting ($'…'): the common escapes, each character located at its backslash.
        quoted = true;
        let k = this.i + 2;
        let closed = false;
        while (k < t.length) {
          if (t[k] === "'") {
            closed = true;
            k++;
            break;
          }
          if (t[k] === '\\' && k + 1 < t.length) {
            put(ANSI_ESCAPES[t[k + 1]] ?? t[k + 1], k);
            k += 2;
          } else {
            put(t[k], k);
            k++;
          }
        }
        if (!closed) this.unterminated(this.i + 1, 'single quote');
        this.i = k;
      } else if (c === '$' || c === '`') {
        const end = this.expansion(this.i);
        if (end > this.i + 1 || c === '`') {
          keep(this.i, end);
          this.i = end;
          unresolved = true;
        } else {
          put(c, this.i);
          this.i++;
        }
      } else {
        // A run of characters that mean nothing to the shell is taken at once.
        PLAIN.lastIndex = this.i;
        if (PLAIN.test(t)) {
          keep(this.i, PLAIN.lastIndex);
          this.i = PLAIN.lastIndex;
          continue;
        }
        if (c === '{') brace = 1;
        else if (brace === 1 && (c === ',' || (c === '.' && t[this.i + 1] === '.'))) brace = 2;
        else if (brace === 2 && c === '}') unresolved = true;
        put(c, this.i);
        this.i++;
      }
    }
    return { value, span: this.span(start, this.i), offsets, unresolved, quoted };
  }

  /**
   * The end (exclusive) of the expansion starting at `at` (`$` or a backtick): `$name`, `$1`, `$?`,
   * `${…}`, `$(…)`, `$((…))`, `` `…` ``. `at + 1` when a `$` starts none (a literal dollar).
   */
  private expansion(at: number): number {
    const t = this.text;
    if (t[at] === '`') {
      let k = at + 1;
      while (k < t.length && t[k] !== '`') k += t[k] === '\\' ? 2 : 1;
      if (k >= t.length) {
        this.unterminated(at, 'backquote');
        return t.length;
      }
      return k + 1;
    }
    const n = t[at + 1] ?? '';
    if (n === '(') return this.balanced(at + 1, '(', ')');
    if (n === '{') return this.balanced(at + 1, '{', '}');
    if (NAME_START.test(n)) {
      let k = at + 2;
      while (k < t.length && NAME_CHAR.test(t[k])) k++;
      return k;
    }
    if (/[0-9@*#?$!-]/.test(n)) return at + 2;
    return at + 1;
  }

  /** The end (exclusive) of a bracketed text starting with `open` at `at`, skipping quoted parts; the text's end when unclosed. */
  private balanced(at: number, open: string, close: string): number {
    const t = this.text;
    let depth = 0;
    let k = at;
    while (k < t.length) {
      const c = t[k];
      if (c === '\\') k += 2;
      else if (c === "'") {
        const end = t.indexOf("'", k + 1);
        k = end < 0 ? t.length : end + 1;
      } else if (c === '"') {
        k++;
        while (k < t.length && t[k] !== '"') k += t[k] === '\\' ? 2 : 1;
        k++;
      } else {
        if (c === open) depth++;
        else if (c === close && --depth === 0) return k + 1;
        k++;
      }
    }
    this.unterminated(at, open === '(' ? 'parenthesis' : 'brace');
    return t.length;
  }

  private unterminated(at: number, what: string): void {
    this.problems.push({ span: this.span(at, at + 1), message: `this ${what} is never closed: the shell reads the rest of the file into one word` });
  }
}
