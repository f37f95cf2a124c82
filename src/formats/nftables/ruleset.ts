// An nftables ruleset's structure, as `.nft` files and `nft list ruleset` write it: tables with their chains
// (base chains' type, hook, priority and policy) and named sets, the rules of each chain in the order nft
// evaluates them (`insert rule` puts its rule first), `define`d variables substituted. What a rule does is
// read later, for the chains that filter what reaches the node (rules.ts). Never throws: a statement that
// does not parse is a problem at its place, and reading goes on with the next.
import type { Span } from '../../core/types';
import type { Located } from '../../model/types';
import { lex, type Token } from './lexer';

export const FAMILIES = ['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev'] as const;
export type NftFamily = (typeof FAMILIES)[number];

export interface NftRule {
  /** The rule's tokens, variables substituted (an unknown variable stays a `variable` token). */
  tokens: Token[];
  /** The whole rule (for `add rule …`, the whole command), in the file's offsets. */
  span: Span;
  /** The rule as written, without its command (`tcp dport 22 accept`). */
  text: string;
}

export interface NftChain {
  family: NftFamily;
  table: string;
  name: string;
  /** Where the chain is declared (its name), or first named by a command when the file does not declare it. */
  nameSpan: Span;
  /** The whole `chain … { }` block or command. */
  span: Span;
  declared: boolean;
  /** `type filter hook input priority 0;` */
  base?: { type: string; hook: string; priority: number; span: Span };
  policy?: { word: Located<string>; span: Span };
  rules: NftRule[];
}

export interface NftSet {
  name: string;
  span: Span;
  /** Each element's tokens; undefined while the file gives the set no element. */
  elements?: Token[][];
}

export interface NftTable {
  family: NftFamily;
  name: string;
  span: Span;
  chains: Map<string, NftChain>;
  sets: Map<string, NftSet>;
}

export interface Ruleset {
  /** Where the text starts in its input set's offsets: tokens keep the text's own. */
  base: number;
  tables: Map<string, NftTable>;
  /** Chains in the order the file declares or names them. */
  chainOrder: NftChain[];
  problems: { span: Span; message: string }[];
  /** Templated parts and variables nothing defines: not read, counted (import-unresolved). */
  unresolved: Located<string>[];
  comments: { span: Span; text: string }[];
}

/** Priority names (nft's standard priorities for the ip, ip6 and inet families). */
const PRIORITIES: Readonly<Record<string, number>> = { raw: -300, mangle: -150, dstnat: -100, filter: 0, security: 50, srcnat: 100 };

const tableKey = (family: string, name: string) => `${family} ${name}`;

export function parseRuleset(text: string, base: number, tick?: () => void): Ruleset {
  const lexed = lex(text, tick);
  const toks = lexed.tokens;
  const at = (t: Token): Span => [base + t.start, base + t.end];
  const over = (a: Token, b: Token): Span => [base + a.start, base + b.end];
  const out: Ruleset = {
    base,
    tables: new Map(),
    chainOrder: [],
    problems: lexed.problems.map((p) => ({ span: [base + p.start, base + p.end] as const, message: p.message })),
    unresolved: [],
    comments: lexed.comments.map((c) => ({ span: [base + c.start, base + c.end] as const, text: c.text })),
  };
  const defines = new Map<string, Token[]>();
  const problem = (span: Span, message: string) => out.problems.push({ span, message });
  for (const t of toks) if (t.kind === 'template') out.unresolved.push({ value: t.text, span: at(t) });

  let p = 0;
  const peek = (k = 0): Token | undefined => toks[p + k];
  const isWord = (t: Token | undefined, ...words: string[]): boolean => t !== undefined && t.kind === 'word' && (words.length === 0 || words.includes(t.text));
  const isPunct = (t: Token | undefined, c: string): boolean => t !== undefined && t.kind === 'punct' && t.text === c;
  const endsStatement = (t: Token | undefined) => t === undefined || t.kind === 'newline' || isPunct(t, ';') || isPunct(t, '}');

  /** The tokens to the end of the statement (a line end or `;` outside braces, or the block's `}`), braces balanced. */
  const statement = (): Token[] => {
    const got: Token[] = [];
    let depth = 0;
    while (p < toks.length) {
      const t = toks[p];
      if (depth === 0 && endsStatement(t)) break;
      if (isPunct(t, '{')) depth++;
      if (isPunct(t, '}')) depth--;
      p++;
      if (t.kind === 'newline') continue;
      got.push(t);
    }
    if (depth > 0 && got.length > 0) problem(at(got.find((t) => isPunct(t, '{'))!), 'the { opened here is never closed');
    return got;
  };
  const skipSeparators = () => {
    while (p < toks.length && (toks[p].kind === 'newline' || isPunct(toks[p], ';'))) p++;
  };
  /** Statements of a `{ … }` block, each handed to `each`, up to its `}`; false when the block never closes. */
  const block = (open: Token, each: (first: Token) => void): Span => {
    for (;;) {
      skipSeparators();
      const t = peek();
      if (!t) {
        problem(at(open), 'the { opened here is never closed');
        return [base + open.start, base + text.length];
      }
      if (isPunct(t, '}')) {
        p++;
        return over(open, t);
      }
      const before = p;
      each(t);
      if (p === before) p++;
    }
  };
  /** `$name` replaced by its definition, recursively defined at `define` time; unknown ones counted and kept. */
  const expand = (tokens: Token[]): Token[] =>
    tokens.flatMap((t) => {
      if (t.kind !== 'variable') return [t];
      const value = defines.get(t.text);
      if (value) return value;
      out.unresolved.push({ value: `$${t.text}`, span: at(t) });
      return [t];
    });

  const tableOf = (family: NftFamily, name: string, span: Span): NftTable => {
    const key = tableKey(family, name);
    let table = out.tables.get(key);
    if (!table) {
      table = { family, name, span, chains: new Map(), sets: new Map() };
      out.tables.set(key, table);
    }
    return table;
  };
  const chainOf = (table: NftTable, name: string, nameSpan: Span, declared: boolean): NftChain => {
    let chain = table.chains.get(name);
    if (!chain) {
      chain = { family: table.family, table: table.name, name, nameSpan, span: nameSpan, declared, rules: [] };
      table.chains.set(name, chain);
      out.chainOrder.push(chain);
    } else if (declared && !chain.declared) {
      Object.assign(chain, { declared, nameSpan, span: nameSpan });
    }
    return chain;
  };
  /** `[family] name`: nft's family defaults to ip. */
  const familyAndName = (words: Token[]): { family: NftFamily; rest: Token[] } | undefined => {
    const first = words[0];
    if (!first) return undefined;
    if ((FAMILIES as readonly string[]).includes(first.text) && words.length > 1 && first.kind === 'word')
      return { family: first.text as NftFamily, rest: words.slice(1) };
    return { family: 'ip', rest: words };
  };
  const nameOf = (t: Token | undefined): string | undefined => (t && (t.kind === 'word' || t.kind === 'string') ? t.text : undefined);

  const ruleOf = (tokens: Token[], span: Span): NftRule | undefined => {
    if (tokens.length === 0) return undefined;
    const expanded = expand(tokens);
    return { tokens: expanded, span, text: text.slice(tokens[0].start, tokens[tokens.length - 1].end) };
  };

  const chainStatement = (chain: NftChain) => (first: Token) => {
    const start = p;
    const words = statement();
    if (words.length === 0) return;
    const stmtSpan = over(words[0], words[words.length - 1]);
    if (isWord(first, 'type')) {
      const hook = words.findIndex((w) => isWord(w, 'hook'));
      const prio = words.findIndex((w) => isWord(w, 'priority'));
      if (hook < 0 || prio < 0 || !words[1] || !words[hook + 1]) {
        problem(stmtSpan, 'a base chain says `type <type> hook <hook> priority <priority>;`');
        return;
      }
      const priority = priorityOf(expand(words.slice(prio + 1)));
      if (priority === undefined) {
        problem(
          stmtSpan,
          `the priority "${text.slice(words[prio + 1]?.start ?? first.start, words[words.length - 1].end)}" is not a number or a standard priority`,
        );
        return;
      }
      chain.base = { type: words[1].text, hook: words[hook + 1].text, priority, span: stmtSpan };
      return;
    }
    if (isWord(first, 'policy')) {
      const word = expand(words.slice(1))[0];
      if (!word || !isWord(word, 'accept', 'drop') || words.length !== 2) {
        if (word?.kind === 'variable' || word?.kind === 'template') return;
        problem(stmtSpan, 'a chain\'s policy is "accept" or "drop"');
        return;
      }
      chain.policy = { word: { value: word.text, span: at(word) }, span: stmtSpan };
      return;
    }
    if ((isWord(first, 'comment') && words.length === 2 && words[1].kind === 'string') || isWord(first, 'devices', 'device')) return;
    if (words.every((w) => w.kind === 'template')) return;
    const rule = ruleOf(words, stmtSpan);
    if (rule) chain.rules.push(rule);
    if (p === start) p++;
  };

  const elementsOf = (tokens: Token[]): Token[][] => {
    const inner = tokens[0] && isPunct(tokens[0], '{') && isPunct(tokens[tokens.length - 1], '}') ? tokens.slice(1, -1) : tokens;
    const items: Token[][] = [];
    let current: Token[] = [];
    let depth = 0;
    for (const t of expand(inner)) {
      if (isPunct(t, '{')) depth++;
      if (isPunct(t, '}')) depth--;
      if (depth === 0 && isPunct(t, ',')) {
        if (current.length) items.push(current);
        current = [];
      } else current.push(t);
    }
    if (current.length) items.push(current);
    return items;
  };

  const setStatement = (set: NftSet) => (first: Token) => {
    const words = statement();
    if (isWord(first, 'elements')) {
      const eq = words.findIndex((w) => isPunct(w, '='));
      set.elements = [...(set.elements ?? []), ...elementsOf(words.slice(eq + 1))];
    }
    // type, typeof, flags, timeout, size, policy, auto-merge, counter, comment: what kube-netlint needs is the elements.
  };

  const tableStatement = (table: NftTable) => (first: Token) => {
    if (isWord(first, 'chain')) {
      p++;
      const name = peek();
      const chainName = nameOf(name);
      if (!name || !chainName) {
        problem(at(first), 'a chain needs a name');
        statement();
        return;
      }
      p++;
      const chain = chainOf(table, chainName, at(name), true);
      if (isPunct(peek(), '{')) {
        const open = peek()!;
        p++;
        const end = block(open, chainStatement(chain));
        chain.span = [base + first.start, end[1]];
      }
      return;
    }
    if (isWord(first, 'set', 'map')) {
      p++;
      const name = peek();
      const setName = nameOf(name);
      if (!name || !setName || !isPunct(peek(1), '{')) {
        problem(at(first), `a ${first.text} is declared as \`${first.text} <name> { … }\``);
        statement();
        return;
      }
      p += 2;
      const set: NftSet = table.sets.get(setName) ?? { name: setName, span: at(name) };
      table.sets.set(setName, set);
      const end = block(toks[p - 1], first.text === 'set' ? setStatement(set) : () => void statement());
      set.span = [base + first.start, end[1]];
      return;
    }
    if (isWord(first, 'define', 'redefine', 'undefine')) {
      define();
      return;
    }
    if (first.kind === 'template') {
      statement();
      return;
    }
    // flags, comment; and objects this reader has no use for (counter, quota, ct helper, flowtable, limit, secmark, synproxy).
    if (isWord(first, 'flags', 'comment', 'counter', 'quota', 'ct', 'flowtable', 'limit', 'secmark', 'synproxy')) {
      statement();
      return;
    }
    const words = statement();
    problem(words.length ? over(words[0], words[words.length - 1]) : at(first), `"${first.text}" is not something a table holds (chain, set, map, …)`);
  };

  const define = () => {
    const words = statement();
    const [kw, name, eq] = words;
    if (kw.text === 'undefine') {
      if (name) defines.delete(name.text);
      return;
    }
    if (!name || name.kind !== 'word' || !eq || !isPunct(eq, '=') || words.length < 4) {
      problem(words.length ? over(words[0], words[words.length - 1]) : at(kw), 'a variable is defined as `define NAME = value`');
      return;
    }
    defines.set(name.text, expand(words.slice(3)));
  };

  const tableBlock = (first: Token) => {
    p++;
    const head: Token[] = [];
    while (p < toks.length && !endsStatement(peek()) && !isPunct(peek(), '{')) head.push(toks[p++]);
    const fn = familyAndName(head);
    const name = fn && nameOf(fn.rest[0]);
    if (!fn || !name || fn.rest.length !== 1) {
      problem(head.length ? over(first, head[head.length - 1]) : at(first), 'a table is declared as `table [family] name { … }`');
      statement();
      return;
    }
    const table = tableOf(fn.family, name, at(fn.rest[0]));
    if (isPunct(peek(), '{')) {
      const open = peek()!;
      p++;
      const end = block(open, tableStatement(table));
      table.span = [base + first.start, end[1]];
    }
  };

  /** `add|create|insert|replace|delete|destroy|flush <object> …`. */
  const command = (first: Token) => {
    const verb = first.text;
    p++;
    const object = peek();
    if (verb === 'flush' && isWord(object, 'ruleset')) {
      statement();
      out.tables.clear();
      out.chainOrder.length = 0;
      return;
    }
    if (!isWord(object, 'table', 'chain', 'rule', 'set', 'map', 'element')) {
      // Other objects (counter, quota, flowtable, …) and commands that change nothing here.
      statement();
      return;
    }
    p++;
    if (object!.text === 'table') {
      const words = statement();
      const braces = words.findIndex((w) => isPunct(w, '{'));
      const fn = familyAndName(braces < 0 ? words : words.slice(0, braces));
      const name = fn && nameOf(fn.rest[0]);
      if (!fn || !name) return void problem(at(first), `\`${verb} table\` names a table`);
      if (verb === 'delete' || verb === 'destroy') out.tables.delete(tableKey(fn.family, name));
      else if (verb === 'flush') for (const c of out.tables.get(tableKey(fn.family, name))?.chains.values() ?? []) c.rules.length = 0;
      else tableOf(fn.family, name, at(fn.rest[0]));
      return;
    }
    // [family] table name, then the object's own part.
    const head: Token[] = [];
    while (p < toks.length && head.length < 3 && !endsStatement(peek()) && !isPunct(peek(), '{') && (peek()!.kind === 'word' || peek()!.kind === 'string'))
      head.push(toks[p++]);
    const hasFamily = head.length >= 3 && (FAMILIES as readonly string[]).includes(head[0].text);
    if (!hasFamily && head.length === 3) p--;
    const [tableTok, nameTok] = hasFamily ? head.slice(1) : head.slice(0, 2);
    const family = (hasFamily ? head[0].text : 'ip') as NftFamily;
    if (!tableTok || !nameTok) {
      const words = statement();
      problem(
        over(first, words[words.length - 1] ?? object!),
        `\`${verb} ${object!.text}\` names the table and the ${object!.text}: \`${verb} ${object!.text} [family] <table> <name> …\``,
      );
      return;
    }
    const table = tableOf(family, tableTok.text, at(tableTok));
    const kind = object!.text;
    if (kind === 'chain') {
      if (verb === 'delete' || verb === 'destroy') {
        statement();
        const gone = table.chains.get(nameTok.text);
        table.chains.delete(nameTok.text);
        if (gone) out.chainOrder.splice(out.chainOrder.indexOf(gone), 1);
        return;
      }
      const chain = chainOf(table, nameTok.text, at(nameTok), verb !== 'flush');
      if (verb === 'flush') {
        statement();
        chain.rules.length = 0;
        return;
      }
      if (isPunct(peek(), '{')) {
        const open = peek()!;
        p++;
        const end = block(open, chainStatement(chain));
        chain.span = [base + first.start, end[1]];
      } else statement();
      return;
    }
    if (kind === 'set' || kind === 'map' || kind === 'element') {
      const words = statement();
      if (kind === 'map' || verb === 'delete' || verb === 'destroy' || verb === 'flush') {
        if (kind !== 'map' && (verb === 'flush' || verb === 'delete')) table.sets.delete(nameTok.text);
        return;
      }
      const set: NftSet = table.sets.get(nameTok.text) ?? { name: nameTok.text, span: at(nameTok) };
      table.sets.set(nameTok.text, set);
      if (kind === 'element') set.elements = [...(set.elements ?? []), ...elementsOf(words)];
      else {
        const els = words.findIndex((w) => isWord(w, 'elements'));
        if (els >= 0) set.elements = [...(set.elements ?? []), ...elementsOf(braced(words, els))];
      }
      return;
    }
    // A rule: `add|insert rule [family] table chain [index N | position N | handle N] <rule>`.
    const words = statement();
    const span = over(first, words[words.length - 1] ?? nameTok);
    if (verb === 'delete' || verb === 'destroy' || verb === 'replace') {
      out.unresolved.push({ value: text.slice(first.start, (words[words.length - 1] ?? nameTok).end), span });
      return;
    }
    const chain = chainOf(table, nameTok.text, at(nameTok), false);
    let where: number | undefined;
    let rest = words;
    if (isWord(rest[0], 'index', 'position', 'handle')) {
      if (rest[0].text !== 'index') {
        // A handle is given by the running ruleset: where the rule goes is not in the file.
        out.unresolved.push({ value: text.slice(first.start, (words[words.length - 1] ?? nameTok).end), span });
        return;
      }
      where = Number(rest[1]?.text);
      rest = rest.slice(2);
    }
    const rule = ruleOf(rest, span);
    if (!rule) return void problem(span, `\`${verb} rule\` has no rule`);
    if (verb === 'insert') chain.rules.splice(where === undefined || !Number.isInteger(where) ? 0 : Math.min(where, chain.rules.length), 0, rule);
    else chain.rules.splice(where === undefined || !Number.isInteger(where) ? chain.rules.length : Math.min(where + 1, chain.rules.length), 0, rule);
  };

  while (p < toks.length) {
    skipSeparators();
    const t = peek();
    if (!t) break;
    if (t.kind === 'template') {
      statement();
      continue;
    }
    if (isWord(t, 'table')) tableBlock(t);
    else if (isWord(t, 'define', 'redefine', 'undefine')) define();
    else if (isWord(t, 'include')) {
      const words = statement();
      out.unresolved.push({ value: text.slice(t.start, (words[words.length - 1] ?? t).end), span: over(t, words[words.length - 1] ?? t) });
    } else if (isWord(t, 'add', 'create', 'insert', 'replace', 'delete', 'destroy', 'flush')) command(t);
    else if (isWord(t, 'list', 'reset', 'monitor', 'describe', 'export', 'import', 'rename')) statement();
    else {
      const start = p;
      const words = statement();
      if (p === start) p++;
      const last = words[words.length - 1] ?? t;
      problem(
        over(t, last),
        isPunct(t, '}') ? 'this } closes no block' : `"${t.text}" does not begin an nftables statement (table, define, include, add, insert, flush, …)`,
      );
    }
  }
  return out;
}

/** The first `{ … }` after `from`, braces included. */
function braced(words: Token[], from: number): Token[] {
  const open = words.findIndex((w, i) => i > from && w.kind === 'punct' && w.text === '{');
  if (open < 0) return [];
  let depth = 0;
  for (let i = open; i < words.length; i++) {
    if (words[i].kind !== 'punct') continue;
    if (words[i].text === '{') depth++;
    if (words[i].text === '}' && --depth === 0) return words.slice(open, i + 1);
  }
  return words.slice(open);
}

/** `0`, `-150`, `filter`, `filter + 10`, `mangle - 5`. */
function priorityOf(tokens: Token[]): number | undefined {
  const [a, op, b] = tokens;
  const value = (t: Token | undefined) => (t === undefined ? undefined : /^-?\d+$/.test(t.text) ? Number(t.text) : PRIORITIES[t.text]);
  const first = value(a);
  if (first === undefined) return undefined;
  if (tokens.length === 1) return first;
  // `filter -5` lexes the sign into the number.
  if (tokens.length === 2 && /^-\d+$/.test(op.text)) return first + Number(op.text);
  const second = value(b);
  if (tokens.length !== 3 || second === undefined || (op.text !== '+' && op.text !== '-')) return undefined;
  return op.text === '+' ? first + second : first - second;
}
