// Ansible's INI inventory dialect (inventory.ini, hosts.ini), read with positions: one pass over the
// lines, no exceptions for bad input (each malformed line or part of a line is a problem with a span,
// and the rest of the file is still read).
//
// The grammar is Ansible's own (lib/ansible/plugins/inventory/ini.py, ansible/ansible c9ac477e), not
// standard INI:
//   - the text is split as Python's str.splitlines() does and each line stripped; a line starting with
//     `#` or `;` is a comment; lines before the first section list hosts of `ungrouped`;
//   - `[name]`, `[name:hosts]`, `[name:children]`, `[name:vars]` open a section; only a `#` comment may
//     follow the `]`;
//   - a host line is split as shlex.split(line, comments=True) does: ' and " quote, a backslash escapes
//     (inside "" only `"` and `\`), and `#` outside quotes starts a comment even inside a word
//     (`a=1#2` is `a=1`); its first word is a host pattern (`node[01:10]`, `db[a:f]`, `n[1:10:2]`,
//     optionally `:port`), the others `key=value`;
//   - a `:children` line is one group name, optionally followed by a `#` comment;
//   - a `:vars` line is `key=value`, the value being the rest of the line. Ansible passes it to Python's
//     ast.literal_eval: a Python literal (a number, a quoted string, True, a list) loses a trailing `#`
//     comment, and anything else keeps it as part of the string (`cidr=10.0.0.0/8 # pods` is the value
//     `10.0.0.0/8 # pods`). The value here is the text before the comment either way; `commentInValue`
//     says when Ansible would keep the comment.
// Departures, all on purpose (checked against ansible-inventory built from that commit): a BOM at the
// start is skipped (Ansible reads it into the first line, making a host named U+FEFF); a host line that
// Ansible would refuse as a whole keeps its well-formed parts (the host and its other variables) next to
// the problem, so the rest of the plan can still be linted; and some lines Ansible accepts silently are
// problems: a range that expands to no host (`node[10:01]`), a host name with `=` (a line of variables
// whose host is missing), and a `:vars` value that opens a quote and never closes it (Ansible keeps the
// quote in the value). `[group] ; note`, which Ansible reads as a host line and fails on as a bad range,
// is reported as a header followed by something other than a `#` comment.
import type { Span } from '../../core/types';
import type { Located } from '../../source/yaml-nodes';

/** How many hosts one host pattern may expand to before the rest are dropped with a problem. */
export const DEFAULT_MAX_HOSTS_PER_LINE = 10_000;
/** How many hosts all the ranges of a file may expand to together. */
export const DEFAULT_MAX_EXPANDED_HOSTS = 100_000;
/** Characters of generated host names per pattern, per host allowed (a long pattern expands to fewer). */
const NAME_CHARS_PER_HOST = 256;

export interface IniParseOptions {
  /** Added to every offset, so that the file can live in a shared offset space (SourceSet). */
  base?: number;
  /** Default DEFAULT_MAX_HOSTS_PER_LINE. */
  maxHostsPerLine?: number;
  /** Default DEFAULT_MAX_EXPANDED_HOSTS. */
  maxExpandedHosts?: number;
  /** Called once per line and once per expanded host: the time budget (it may throw to stop the parse). */
  tick?: () => void;
}

export interface IniComment {
  /** The comment from its marker (`#` or `;`) to the end of the line, trailing white space removed. */
  text: string;
  span: Span;
}

export type IniProblemCode =
  /** A line starting with `[` that is not a section header, or a section of an unknown type. */
  | 'section'
  /** A host line: a word without `=`, an empty variable name, a bad host pattern. */
  | 'host'
  /** A quote without its closing quote, or a backslash at the end of a line. */
  | 'quote'
  /** A host range Ansible cannot expand, or one that expands to no host. */
  | 'range'
  /** A host pattern expanding past the limits: the hosts past them are not read. */
  | 'range-limit'
  /** A `:children` line that is not one group name. */
  | 'child'
  /** A `:vars` line without `=`, or with a key that is not a variable name. */
  | 'variable'
  /** A group named (in `:children`, or by a `:vars` section) that no `[g]` or `[g:children]` section declares. */
  | 'undefined-group'
  /** A group that is its own ancestor through `:children`. */
  | 'group-cycle';

export interface IniProblem {
  code: IniProblemCode;
  message: string;
  span: Span;
}

/** A value as written: `value` is what Ansible reads (quotes and escapes removed), `raw` the text of `span`. */
export interface IniValue extends Located<string> {
  raw: string;
  /** The offset of the value's first character when `raw` holds the value verbatim (unquoted, or in plain quotes). */
  at?: number;
}

export interface IniVar {
  key: Located<string>;
  /** `keySpan` is the key's span. */
  value: IniValue;
  /** From the key to the end of the value. */
  span: Span;
  /** A `:vars` value that Ansible reads together with the trailing comment (it is not a Python literal). */
  commentInValue?: boolean;
}

export type IniSectionKind = 'hosts' | 'children' | 'vars';

export interface IniSection {
  group: Located<string>;
  kind: IniSectionKind;
  /** The header, from `[` to `]`. */
  span: Span;
}

/** One host as one line lists it: a range line gives one entry per host, all located at the pattern. */
export interface IniHostEntry {
  /** The group of the section the line is in (`ungrouped` before the first section). */
  group: string;
  /** The host's name; its span is the pattern's (without `:port`), shared by every host of a range. */
  name: Located<string>;
  /** The host pattern as Ansible read it (`node[01:10]`), with `:port` when written. */
  pattern: Located<string>;
  /** `host:2222` sets ansible_port. */
  port?: Located<number>;
  /** The line's `key=value` pairs, in order (one array shared by the hosts of a range). */
  vars: readonly IniVar[];
  /** The line without its comment. */
  span: Span;
}

export interface IniHost {
  /** Located at its first entry. */
  name: Located<string>;
  /** Every line that lists it, in text order. */
  entries: IniHostEntry[];
  /** The groups whose sections list it, in order of first listing, each once. */
  groups: string[];
}

export interface IniGroup {
  name: string;
  /** Its section headers, in text order (none for `ungrouped` holding the hosts before any section). */
  sections: IniSection[];
  /** The host entries listed in its sections. */
  hosts: IniHostEntry[];
  /** The groups its `:children` sections name. */
  children: Located<string>[];
  /** Its `:vars` sections' variables, in text order. */
  vars: IniVar[];
}

export interface IniInventory {
  /** Every group a section header names, plus `ungrouped` when hosts come before the first section; in order of first mention. */
  groups: Map<string, IniGroup>;
  /** Every host, in order of first occurrence. */
  hosts: IniHost[];
  /** Every comment, full-line and trailing, in text order. */
  comments: IniComment[];
  problems: IniProblem[];
}

// Python's str.splitlines() line boundaries, and str.isspace() characters (what line.strip() removes).
// eslint-disable-next-line no-control-regex -- the file separators \x1c-\x1e end lines in Python, which is their purpose here
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;
const PY_SPACE = '\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const IS_PY_SPACE = new RegExp(`[${PY_SPACE}]`);
// ini.py's patterns['section'] and patterns['groupname'].
const SECTION = new RegExp(`^\\[([^:\\]${PY_SPACE}]+)(?::([\\p{L}\\p{N}_]+))?\\][${PY_SPACE}]*(#.*)?$`, 'u');
const SECTION_PREFIX = new RegExp(`^(\\[[^:\\]${PY_SPACE}]+(?::[\\p{L}\\p{N}_]+)?\\])[${PY_SPACE}]+`, 'u');
const GROUP_NAME = new RegExp(`^([^:\\]${PY_SPACE}]+)[${PY_SPACE}]*(#.*)?$`, 'u');
// parse_address's patterns['bracketed_hostport'] and patterns['hostport'].
const BRACKETED_HOST_PORT = /^\[(.+)\]:([0-9]+)$/;
const HOST_PORT = /^((?:[^:[\]]|\[[^\]]*\])*):([0-9]+)$/;
const SECTION_KINDS: readonly string[] = ['hosts', 'children', 'vars'];
const IMPLICIT_GROUPS: readonly string[] = ['all', 'ungrouped'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** One shlex word: its value, the source offset of each of its characters, and where it was written. */
interface Word {
  value: string;
  /** The offset of each character of `value`; undefined when `value` is text[start:end] verbatim. */
  at?: number[];
  start: number;
  end: number;
}

/** The offset of the i-th character of a word's value. */
const offsetOf = (w: Word, i: number) => (w.at ? w.at[i] : w.start + i);

/** shlex.split(text[from:to], comments=True), in posix mode, keeping offsets. */
function shlexLine(text: string, from: number, to: number): { words: Word[]; comment?: number; error?: { span: [number, number]; message: string } } {
  const words: Word[] = [];
  // A word is copied character by character only once a quote or a backslash makes it differ from its text.
  let chars: string[] | undefined;
  let at: number[] = [];
  let start = -1;
  let quote = '';
  let quoteAt = 0;
  const copy = (i: number) => {
    if (chars) return chars;
    chars = [];
    at = [];
    for (let j = start; j < i; j++) {
      chars.push(text[j]);
      at.push(j);
    }
    return chars;
  };
  const push = (ch: string, i: number) => {
    copy(i).push(ch);
    at.push(i);
  };
  const finish = (end: number) => {
    if (start >= 0) words.push(chars ? { value: chars.join(''), at, start, end } : { value: text.slice(start, end), start, end });
    chars = undefined;
    start = -1;
  };
  let i = from;
  for (; i < to; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = '';
      else if (quote === '"' && ch === '\\' && i + 1 < to && (text[i + 1] === '"' || text[i + 1] === '\\')) push(text[++i], i);
      else push(ch, i);
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      finish(i);
      continue;
    }
    if (ch === '#') {
      finish(i);
      return { words, comment: i };
    }
    if (start < 0) start = i;
    if (ch === "'" || ch === '"') {
      copy(i);
      quote = ch;
      quoteAt = i;
    } else if (ch === '\\') {
      if (i + 1 >= to) return { words, error: { span: [i, to], message: 'a backslash ends the line: it escapes nothing' } };
      copy(i);
      push(text[++i], i);
    } else if (chars) push(ch, i);
  }
  if (quote) return { words, error: { span: [quoteAt, to], message: `the ${quote} quote opened here is never closed` } };
  finish(i);
  return { words };
}

/**
 * What Python's ast.literal_eval accepts, near enough: a number, True/False/None, adjacent string
 * literals, or a bracketed container (assumed well formed).
 */
function isPythonLiteral(s: string): boolean {
  if (s === 'True' || s === 'False' || s === 'None') return true;
  if (/^[+-]?(?:[1-9](?:_?\d)*|0(?:_?0)*|0[xX](?:_?[\da-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+)$/.test(s)) return true;
  if (/^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?[jJ]?$/.test(s) && /[.eEjJ]/.test(s)) return true;
  if (/^(?:[rRbBuU]{0,2}(?:'(?:[^'\\]|\\[^])*'|"(?:[^"\\]|\\[^])*")\s*)+$/.test(s)) return true;
  const close: Record<string, string> = { '[': ']', '(': ')', '{': '}' };
  return s.length >= 2 && close[s[0]] === s[s.length - 1];
}

const PY_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** The string a single Python string literal ('…' or "…", no prefix) evaluates to; undefined for anything else. */
function pythonString(s: string): string | undefined {
  if (!/^(?:'(?:[^'\\]|\\[^])*'|"(?:[^"\\]|\\[^])*")$/.test(s)) return undefined;
  return s.slice(1, -1).replace(/\\(x[\da-fA-F]{2}|u[\da-fA-F]{4}|U[\da-fA-F]{8}|[0-7]{1,3}|[^])/g, (whole, e: string) => {
    if (e in PY_ESCAPES) return PY_ESCAPES[e];
    if (/^[xuU]./.test(e)) return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return whole; // Python keeps an unknown escape, backslash and all.
  });
}

/** A range of a host pattern: `[01:10]`, `[a:f]`, `[1:10:2]`, at `from`-`to` of the pattern. */
interface HostRange {
  from: number;
  to: number;
  count: bigint;
  /** The j-th name part of the range. */
  part: (j: number) => string;
  width: number;
}

export type HostPatternExpansion =
  | {
      ok: true;
      /** The first hosts of the pattern, in Ansible's order (the first range varies slowest). */
      hosts: string[];
      /** How many hosts the pattern expands to (more than `hosts.length` when the limits cut it). */
      total: bigint;
    }
  | {
      ok: false;
      message: string;
      /** Where in the pattern the problem is (string indices, end exclusive). */
      from: number;
      to: number;
    };

type RangeResult = HostRange | { message: string };

function parseRange(inner: string, from: number, to: number): RangeResult {
  const bounds = inner.split(':');
  if (bounds.length !== 2 && bounds.length !== 3) return { message: 'a host range must be [begin:end] or [begin:end:step]' };
  const beg = bounds[0] || '0';
  const end = bounds[1];
  const step = bounds.length === 3 ? bounds[2] : '1';
  if (!end) return { message: 'a host range must give its end value' };
  if (!/^\d+$/.test(step) || /^0+$/.test(step)) return { message: `the step of a host range must be a positive number, not "${step}"` };
  const padded = beg[0] === '0' && beg.length > 1;
  if (padded && end.length !== beg.length) {
    return { message: `a zero-padded host range must write its begin and end with as many digits ("${beg}" has ${beg.length}, "${end}" ${end.length})` };
  }
  const n = BigInt(step);
  if (/^[a-zA-Z]$/.test(beg) && /^[a-zA-Z]$/.test(end)) {
    const [ib, ie] = [LETTERS.indexOf(beg), LETTERS.indexOf(end)];
    if (ib > ie) return { message: `a letter range must not begin after its end ("${beg}" comes after "${end}" in a-z, A-Z)` };
    const s = Number(n > 52n ? 52n : n);
    return { from, to, count: BigInt(Math.floor((ie - ib) / s) + 1), part: (j) => LETTERS[ib + j * s], width: 1 };
  }
  if (!/^\d+$/.test(beg) || !/^\d+$/.test(end)) return { message: `"${inner}" is neither a numeric nor a single-letter host range` };
  const [b, e] = [BigInt(beg), BigInt(end)];
  if (b > e) return { message: `the host range [${inner}] is empty: it begins after its end` };
  const width = Math.max(end.length, beg.length);
  const fill = (j: number) => (b + BigInt(j) * n).toString().padStart(padded ? beg.length : 0, '0');
  return { from, to, count: (e - b) / n + 1n, part: fill, width };
}

/**
 * Expands a host pattern as Ansible's expand_hostname_range does: `node[01:10]` to node01..node10,
 * `db[a:c]` to dba..dbc, `n[1:9:4]` to n1, n5, n9, several ranges in one pattern multiplied out. At
 * most `maxHosts` names are generated, and at most 256 characters of names per host allowed.
 */
export function expandHostPattern(pattern: string, maxHosts: number = DEFAULT_MAX_HOSTS_PER_LINE): HostPatternExpansion {
  const literals: string[] = [];
  const ranges: HostRange[] = [];
  let i = 0;
  for (;;) {
    const open = pattern.indexOf('[', i);
    const close = pattern.indexOf(']', i);
    if (open < 0) {
      literals.push(pattern.slice(i));
      break;
    }
    if (close >= 0 && close < open) return { ok: false, message: 'a "]" comes before the "[" of the host range', from: close, to: close + 1 };
    if (close < 0) return { ok: false, message: 'the "[" of a host range is never closed', from: open, to: pattern.length };
    const range = parseRange(pattern.slice(open + 1, close), open, close + 1);
    if ('message' in range) return { ok: false, message: range.message, from: open, to: close + 1 };
    literals.push(pattern.slice(i, open));
    ranges.push(range);
    i = close + 1;
  }
  const total = ranges.reduce((p, r) => p * r.count, 1n);
  const nameLength = literals.reduce((n, l) => n + l.length, 0) + ranges.reduce((n, r) => n + r.width, 0);
  const budget = Math.floor((Math.max(0, maxHosts) * NAME_CHARS_PER_HOST) / Math.max(1, nameLength));
  const count = Number([total, BigInt(Math.max(0, maxHosts)), BigInt(budget)].reduce((a, b) => (a < b ? a : b)));
  const hosts: string[] = [];
  const index = ranges.map(() => 0);
  for (let h = 0; h < count; h++) {
    let name = literals[0];
    for (let r = 0; r < ranges.length; r++) name += ranges[r].part(index[r]) + literals[r + 1];
    hosts.push(name);
    // The odometer: the last range varies fastest.
    for (let r = ranges.length - 1; r >= 0; r--) {
      if (BigInt(++index[r]) < ranges[r].count) break;
      index[r] = 0;
    }
  }
  return { ok: true, hosts, total };
}

type State = IniSectionKind | 'skip';

/** Parses an Ansible INI inventory. Never throws for any text (only `options.tick` may). */
export function parseAnsibleIni(text: string, options: IniParseOptions = {}): IniInventory {
  const base = options.base ?? 0;
  const perLine = options.maxHostsPerLine ?? DEFAULT_MAX_HOSTS_PER_LINE;
  const maxExpanded = options.maxExpandedHosts ?? DEFAULT_MAX_EXPANDED_HOSTS;
  let expandable = maxExpanded;
  const tick = options.tick ?? (() => undefined);
  const groups = new Map<string, IniGroup>();
  const hosts = new Map<string, IniHost>();
  const comments: IniComment[] = [];
  const problems: IniProblem[] = [];
  const span = (from: number, to: number): Span => [base + from, base + to];
  const problem = (code: IniProblemCode, message: string, from: number, to: number) => problems.push({ code, message, span: span(from, to) });
  const comment = (from: number, to: number) => comments.push({ text: text.slice(from, to), span: span(from, to) });
  const located = (value: string, from: number, to: number): Located<string> => ({ value, span: span(from, to) });
  const group = (name: string): IniGroup => {
    let g = groups.get(name);
    if (!g) groups.set(name, (g = { name, sections: [], hosts: [], children: [], vars: [] }));
    return g;
  };
  /** The value of text[from:to], a quoted or plain Python literal or any text. */
  const value = (raw: string, read: string, from: number, to: number, key: Span): IniValue => {
    const v: IniValue = { value: read, span: span(from, to), keySpan: key, raw };
    if (read === raw) v.at = base + from;
    else if (raw.length === read.length + 2 && raw.slice(1, -1) === read && /^(['"]).*\1$/s.test(raw)) v.at = base + from + 1;
    return v;
  };

  let current = 'ungrouped';
  let state: State = 'hosts';
  let fileCapReported = false;

  const hostLine = (from: number, to: number) => {
    const { words, comment: hash, error } = shlexLine(text, from, to);
    if (hash !== undefined) comment(hash, to);
    if (error) problem('quote', error.message, ...error.span);
    if (!words.length) return;
    const [first, ...rest] = words;
    const wordSpan = (w: Word, a: number, b: number): [number, number] => (b > a ? [offsetOf(w, a), offsetOf(w, b - 1) + 1] : [w.start, w.end]);

    const vars: IniVar[] = [];
    for (const w of rest) {
      const eq = w.value.indexOf('=');
      if (eq < 0) {
        problem('host', `"${w.value}" is not a key=value host variable`, w.start, w.end);
        continue;
      }
      if (eq === 0) {
        problem('host', `"${w.value}" has no variable name before "="`, w.start, w.end);
        continue;
      }
      const keyEnd = offsetOf(w, eq);
      const key = located(w.value.slice(0, eq), w.start, keyEnd);
      const read = w.value.slice(eq + 1);
      vars.push({ key, value: value(text.slice(keyEnd + 1, w.end), pythonString(read) ?? read, keyEnd + 1, w.end, key.span), span: span(w.start, w.end) });
    }

    // parse_address: `[address]:port` or `pattern:port`; the name is the pattern without its port.
    let pattern = first.value;
    let port: Located<number> | undefined;
    let [nameFrom, nameTo] = [0, pattern.length];
    const bracketed = BRACKETED_HOST_PORT.exec(pattern);
    const m = bracketed ?? HOST_PORT.exec(pattern);
    if (m) {
      const digits = pattern.length - m[2].length;
      port = { value: Number(m[2]), span: span(...wordSpan(first, digits, pattern.length)) };
      [pattern, nameFrom, nameTo] = [m[1], bracketed ? 1 : 0, bracketed ? digits - 2 : digits - 1];
    } else if (pattern.endsWith(':')) {
      problem('host', `host pattern "${pattern}" ends in ":", which must be followed by a port`, first.start, first.end);
      return;
    }
    if (!pattern) return void problem('host', 'the host name is empty', first.start, first.end);
    if (pattern === '---') return void problem('host', 'a host named "---" starts a YAML document: is this a YAML inventory?', first.start, first.end);
    if (pattern.includes('=')) {
      return void problem('host', `"${pattern}" is not a host name: is the host missing before its variables?`, first.start, first.end);
    }
    const nameSpan = span(...wordSpan(first, nameFrom, nameTo));

    let names = [pattern];
    if (pattern.includes('[')) {
      const limit = Math.min(perLine, expandable);
      const x = expandHostPattern(pattern, limit);
      if (!x.ok) return void problem('range', x.message, ...wordSpan(first, nameFrom + x.from, nameFrom + x.to));
      names = x.hosts;
      expandable -= names.length;
      if (BigInt(names.length) < x.total && !(limit < perLine && fileCapReported)) {
        const why =
          limit < perLine
            ? `the ranges of one file expand to at most ${maxExpanded} hosts`
            : names.length < limit
              ? `the names are long: at most ${perLine * NAME_CHARS_PER_HOST} characters of names per host pattern`
              : `at most ${perLine} hosts per host pattern`;
        problem(
          'range-limit',
          `host pattern "${pattern}" expands to ${x.total} hosts: only the first ${names.length} are read (${why})`,
          first.start,
          first.end,
        );
        fileCapReported ||= limit < perLine;
      }
    }
    const entrySpan = span(from, words[words.length - 1].end);
    const g = group(current);
    const patternLocated = located(first.value, first.start, first.end);
    for (const name of names) {
      tick();
      const entry: IniHostEntry = { group: current, name: { value: name, span: nameSpan }, pattern: patternLocated, vars, span: entrySpan };
      if (port) entry.port = port;
      g.hosts.push(entry);
      let h = hosts.get(name);
      if (!h) hosts.set(name, (h = { name: entry.name, entries: [], groups: [] }));
      h.entries.push(entry);
      if (!h.groups.includes(current)) h.groups.push(current);
    }
  };

  const varLine = (from: number, to: number) => {
    const line = text.slice(from, to);
    const eq = line.indexOf('=');
    if (eq < 0) {
      problem('variable', `"${line}" is not a key=value variable`, from, to);
      return;
    }
    let keyEnd = eq;
    while (keyEnd > 0 && IS_PY_SPACE.test(line[keyEnd - 1])) keyEnd--;
    const keyText = line.slice(0, keyEnd);
    if (!keyText || /[\s#;]/.test(keyText)) {
      problem(
        'variable',
        keyText ? `"${keyText}" is not a variable name` : `"${line}" has no variable name before "="`,
        from,
        from + (keyText ? keyEnd : eq + 1),
      );
      return;
    }
    let v = eq + 1;
    while (v < line.length && IS_PY_SPACE.test(line[v])) v++;
    // The first # outside quotes ends a Python literal; a value that is none keeps its comment in Ansible.
    let literalHash = -1;
    let spacedHash = -1;
    let quote = '';
    for (let i = v; i < line.length; i++) {
      const ch = line[i];
      if (quote) {
        if (ch === '\\') i++;
        else if (ch === quote) quote = '';
      } else if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '#') {
        if (literalHash < 0) literalHash = i;
        if (i === v || IS_PY_SPACE.test(line[i - 1])) {
          spacedHash = i;
          break;
        }
      }
    }
    let end = line.length;
    let commentInValue = false;
    const trimmedEnd = (e: number) => {
      while (e > v && IS_PY_SPACE.test(line[e - 1])) e--;
      return e;
    };
    if (literalHash >= 0 && isPythonLiteral(line.slice(v, trimmedEnd(literalHash)))) end = literalHash;
    else if (spacedHash >= 0) {
      end = spacedHash;
      commentInValue = true;
    }
    if (end < line.length) comment(from + end, to);
    const valueEnd = trimmedEnd(end);
    const raw = line.slice(v, valueEnd);
    if (quote && raw[0] === quote) {
      problem('quote', `the ${quote} quote opened here is never closed: Ansible reads it as part of the value`, from + v, from + valueEnd);
    }
    const key = located(keyText, from, from + keyEnd);
    const entry: IniVar = { key, value: value(raw, pythonString(raw) ?? raw, from + v, from + valueEnd, key.span), span: span(from, from + valueEnd) };
    if (commentInValue) entry.commentInValue = true;
    group(current).vars.push(entry);
  };

  const childLine = (from: number, to: number) => {
    const m = GROUP_NAME.exec(text.slice(from, to));
    if (!m) {
      problem('child', `"${text.slice(from, to)}" is not a group name (a :children section lists one group per line)`, from, to);
      return;
    }
    if (m[2] !== undefined) comment(to - m[2].length, to);
    group(current).children.push(located(m[1], from, from + m[1].length));
  };

  const sectionLine = (from: number, to: number): boolean => {
    const line = text.slice(from, to);
    const m = SECTION.exec(line);
    if (!m) {
      const header = SECTION_PREFIX.exec(line);
      if (header && !(state === 'hosts' && expandHostPattern(header[1], 0).ok)) {
        // `[group] ; note`: Ansible would read a host line; a header followed by a range's variables (`[a:c] x=1`) is one.
        problem('section', 'only a # comment may follow a section header', from + header[0].length, to);
      } else if (header) {
        return false;
      } else if (line.endsWith(']')) {
        problem('section', `"${line}" is not a valid section header: it must be [group], [group:children] or [group:vars], with no spaces`, from, to);
      } else if (state === 'hosts' && /^[^\s\]]*\]/.test(line)) {
        return false; // a host pattern starting with a range (`[a:c]-node`), or an address in brackets with a port
      } else {
        problem('section', 'this section header has no closing "]"', from, to);
      }
      state = 'skip';
      return true;
    }
    const [, name, kind = 'hosts', hash] = m;
    if (hash !== undefined) comment(to - hash.length, to);
    const nameSpan: Span = span(from + 1, from + 1 + name.length);
    const close = from + 1 + name.length + (m[2] === undefined ? 0 : m[2].length + 1);
    if (!SECTION_KINDS.includes(kind)) {
      problem('section', `section [${name}:${kind}] has an unknown type "${kind}": use :children or :vars`, from + 2 + name.length, close);
      state = 'skip';
      return true;
    }
    current = name;
    state = kind as IniSectionKind;
    group(name).sections.push({ group: { value: name, span: nameSpan }, kind: state, span: span(from, close + 1) });
    return true;
  };

  let lineStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  LINE_BREAK.lastIndex = lineStart;
  while (lineStart <= text.length) {
    tick();
    const br = LINE_BREAK.exec(text);
    const lineEnd = br ? br.index : text.length;
    let [from, to] = [lineStart, lineEnd];
    lineStart = br ? br.index + br[0].length : text.length + 1;
    while (from < to && IS_PY_SPACE.test(text[from])) from++;
    while (to > from && IS_PY_SPACE.test(text[to - 1])) to--;
    if (from === to) continue;
    const first = text[from];
    if (first === '#' || first === ';') comment(from, to);
    else if (first === '[' && sectionLine(from, to)) continue;
    else if (state === 'hosts') hostLine(from, to);
    else if (state === 'vars') varLine(from, to);
    else if (state === 'children') childLine(from, to);
  }

  checkGroups(groups, problems);
  return { groups, hosts: [...hosts.values()], comments, problems };
}

/**
 * What Ansible checks once the file is read: `[g:vars]` and `:children` entries need a group that some
 * `[g]` or `[g:children]` section declares, and no group may be its own ancestor.
 */
function checkGroups(groups: Map<string, IniGroup>, problems: IniProblem[]): void {
  const declared = (name: string) => IMPLICIT_GROUPS.includes(name) || (groups.get(name)?.sections.some((s) => s.kind !== 'vars') ?? false);
  for (const g of groups.values()) {
    if (declared(g.name)) continue;
    for (const s of g.sections) {
      problems.push({
        code: 'undefined-group',
        message: `[${g.name}:vars] sets variables of a group no [${g.name}] or [${g.name}:children] section declares`,
        span: s.group.span,
      });
    }
  }
  for (const g of groups.values()) {
    for (const c of g.children) {
      if (!declared(c.value)) {
        problems.push({
          code: 'undefined-group',
          message: `[${g.name}:children] names group "${c.value}", which no [${c.value}] or [${c.value}:children] section declares`,
          span: c.span,
        });
      }
    }
  }
  // Depth-first over the child edges, iteratively (a hostile chain of groups must not overflow the stack).
  const colour = new Map<string, 'open' | 'done'>();
  for (const root of groups.keys()) {
    if (colour.has(root)) continue;
    colour.set(root, 'open');
    const stack: { name: string; next: number }[] = [{ name: root, next: 0 }];
    while (stack.length) {
      const top = stack[stack.length - 1];
      const children = groups.get(top.name)?.children ?? [];
      if (top.next >= children.length) {
        colour.set(top.name, 'done');
        stack.pop();
        continue;
      }
      const child = children[top.next++];
      const seen = colour.get(child.value);
      if (seen === 'open') {
        problems.push({
          code: 'group-cycle',
          message: `group "${child.value}" is an ancestor of "${top.name}": making it a child creates a loop`,
          span: child.span,
        });
      } else if (!seen && groups.has(child.value)) {
        colour.set(child.value, 'open');
        stack.push({ name: child.value, next: 0 });
      }
    }
  }
}
