// nft's syntax as tokens with their offsets: words (names, numbers, addresses, ranges), strings, `$variables`,
// `@sets`, punctuation, line ends, and template parts (`{{ x }}`, `{% if %}`) a templating step fills in.
// One pass over the text; a character nft does not know is a token of its own, which the parser reports.

export type TokenKind = 'word' | 'string' | 'variable' | 'setref' | 'punct' | 'newline' | 'template' | 'bad';

export interface Token {
  kind: TokenKind;
  /** The text; for a string, without its quotes. */
  text: string;
  /** Offsets in the file's text, end exclusive (the parser adds the file's base). */
  start: number;
  end: number;
}

export interface Lexed {
  tokens: Token[];
  comments: { start: number; end: number; text: string }[];
  problems: { start: number; end: number; message: string }[];
}

const WORD = /[A-Za-z0-9_.:/*\-~%]/;
const NAME = /[A-Za-z0-9_.-]/;
const PUNCT = new Set(['{', '}', ';', ',', '=', '(', ')', '!', '<', '>', '|', '&', '^', '[', ']', '+']);

/** `tick` is called once per token: the time budget, which may throw to stop. */
export function lex(text: string, tick: () => void = () => {}): Lexed {
  const tokens: Token[] = [];
  const comments: Lexed['comments'] = [];
  const problems: Lexed['problems'] = [];
  const n = text.length;
  let i = 0;
  const lineEnd = (from: number) => {
    const e = text.indexOf('\n', from);
    return e < 0 ? n : e;
  };
  while (i < n) {
    tick();
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\n' ? 2 : 3;
      continue;
    }
    if (c === '\n') {
      tokens.push({ kind: 'newline', text: '\n', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === '#') {
      const end = lineEnd(i);
      comments.push({ start: i, end, text: text.slice(i, end).replace(/\r$/, '') });
      i = end;
      continue;
    }
    if (c === '{' && (text[i + 1] === '{' || text[i + 1] === '%' || text[i + 1] === '#')) {
      // A template's expression, statement or comment, closed on its line (else the rest of the line).
      const close = text[i + 1] === '{' ? '}}' : text[i + 1] === '%' ? '%}' : '#}';
      const lineStop = lineEnd(i);
      const at = text.indexOf(close, i + 2);
      const end = at >= 0 && at < lineStop ? at + 2 : lineStop;
      tokens.push({ kind: 'template', text: text.slice(i, end).replace(/\r$/, ''), start: i, end });
      i = end;
      continue;
    }
    if (c === '"') {
      const lineStop = lineEnd(i);
      const at = text.indexOf('"', i + 1);
      if (at < 0 || at > lineStop) {
        problems.push({ start: i, end: i + 1, message: 'the " quote opened here is never closed on its line' });
        tokens.push({ kind: 'bad', text: text.slice(i, lineStop), start: i, end: lineStop });
        i = lineStop;
        continue;
      }
      tokens.push({ kind: 'string', text: text.slice(i + 1, at), start: i, end: at + 1 });
      i = at + 1;
      continue;
    }
    if ((c === '$' || c === '@') && NAME.test(text[i + 1] ?? '')) {
      let j = i + 1;
      while (j < n && NAME.test(text[j])) j++;
      tokens.push({ kind: c === '$' ? 'variable' : 'setref', text: text.slice(i + 1, j), start: i, end: j });
      i = j;
      continue;
    }
    if ((c === '!' || c === '=' || c === '<' || c === '>') && text[i + 1] === '=') {
      tokens.push({ kind: 'punct', text: c + '=', start: i, end: i + 2 });
      i += 2;
      continue;
    }
    // `:` begins a word in an IPv6 address (`::1`); alone, it separates a map's key from its value.
    if (c === ':' && !/[0-9A-Fa-f:]/.test(text[i + 1] ?? '')) {
      tokens.push({ kind: 'punct', text: ':', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (PUNCT.has(c)) {
      tokens.push({ kind: 'punct', text: c, start: i, end: i + 1 });
      i++;
      continue;
    }
    if (WORD.test(c)) {
      let j = i + 1;
      while (j < n && WORD.test(text[j])) j++;
      // A word does not end in `:` followed by a space (`established:`): that colon is a map's.
      if (text[j - 1] === ':' && j - 1 > i && !/[0-9A-Fa-f:]/.test(text[j] ?? '') && text[j - 2] !== ':') j--;
      tokens.push({ kind: 'word', text: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    // Anything else, up to the next space: nft knows no such character here.
    let j = i + 1;
    while (j < n && !/\s/.test(text[j])) j++;
    tokens.push({ kind: 'bad', text: text.slice(i, j), start: i, end: j });
    i = j;
  }
  return { tokens, comments, problems };
}
