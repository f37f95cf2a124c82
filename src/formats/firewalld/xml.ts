// XML text → elements with exact positions, read with saxes (a streaming, non-validating XML 1.0 parser that
// expands no external or DTD-defined entities, and whose `position` is an index into the JavaScript string):
// each element located from its `<` to the end of its end tag, each attribute's name and value where they
// are written. A file that is not well-formed gives its first error, located, and the elements read before it.
import { SaxesParser } from 'saxes';
import type { Span } from '../../core/types';
import type { Comment } from '../../source/parse';

export interface XmlAttribute {
  name: string;
  /** The value as XML reads it (entities decoded, white space normalised). */
  value: string;
  /** `name="value"` as written. */
  span: Span;
  /** The value's text between its quotes. */
  valueSpan: Span;
}

export interface XmlElement {
  name: string;
  attributes: XmlAttribute[];
  children: XmlElement[];
  /** From `<` to the end of the end tag (of the tag, for `<x/>`). */
  span: Span;
  /** The start tag, `<x a="1">` or `<x/>`. */
  startTag: Span;
}

export interface XmlDocument {
  root?: XmlElement;
  /** The first well-formedness error, located. */
  error?: { span: Span; message: string };
  /** `<!-- … -->` comments that may be directives, as `#` comments of the same length (see commentOf). */
  comments: Comment[];
}

/** Thrown from saxes's error handler: the first error ends the parse. */
const STOP = Symbol('stop');

/** `text` is at `base` in the input set's offsets; `tick` is called per element (the time budget). */
export function parseXml(text: string, base: number, tick: () => void = () => {}): XmlDocument {
  const parser = new SaxesParser({ position: true });
  const out: XmlDocument = { comments: [] };
  const open: XmlElement[] = [];
  // saxes's position can pass the end of the text when it closes the stream: every span stays inside it.
  const within = (offset: number) => Math.max(0, Math.min(offset, text.length));
  const at = (from: number, to: number): Span => [base + within(from), base + within(to)];
  parser.on('opentagstart', (tag) => {
    tick();
    const start = text.lastIndexOf('<', parser.position - 1);
    // Until the tag is complete, it is located at its name.
    const named = at(start, start + 1 + tag.name.length);
    const element: XmlElement = { name: tag.name, attributes: [], children: [], span: named, startTag: named };
    const parent = open[open.length - 1];
    if (parent) parent.children.push(element);
    else out.root ??= element;
    open.push(element);
  });
  parser.on('attribute', ({ name, value }) => {
    const element = open[open.length - 1];
    const end = parser.position;
    const quote = text[end - 1];
    const from = text.lastIndexOf(quote, end - 2);
    // Back over `=` and the blanks around it to the name's end (a scan of a few characters: no copy of the text).
    let nameEnd = from;
    while (nameEnd > 0 && /[\s=]/.test(text[nameEnd - 1])) nameEnd--;
    const nameStart = nameEnd - name.length;
    const written = text.slice(nameStart, nameEnd) === name;
    element.attributes.push({ name, value, span: at(written ? nameStart : from, end), valueSpan: at(from + 1, end - 1) });
  });
  parser.on('opentag', () => {
    const element = open[open.length - 1];
    element.startTag = [element.startTag[0], at(0, parser.position)[1]];
  });
  /** The element a close tag ended last: the one left open when the close tag names another. */
  let closed: XmlElement | undefined;
  parser.on('closetag', () => {
    closed = open.pop()!;
    closed.span = [closed.span[0], at(0, parser.position)[1]];
  });
  parser.on('comment', (content) => {
    // saxes reports a comment on its `--`, before the `>`.
    const end = within(parser.position + 1);
    const start = text.lastIndexOf('<!--', end - 3);
    if (content.includes('kube-netlint-') && start >= 0) out.comments.push(commentOf(text.slice(start, end), base + start));
  });
  parser.on('error', (e) => {
    const end = within(parser.position);
    // saxes says `line:column: message.`; the position is the finding's. A tag never closed is found at the
    // end of the text, and is located at its start tag.
    let message = e.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
    let span = at(Math.max(0, end - 1), end);
    const inner = open[open.length - 1];
    if (message.startsWith('unclosed tag') && inner) {
      span = inner.startTag;
      message = `<${inner.name}> is never closed`;
    } else if (message === 'unexpected close tag' && closed) {
      // The end tag as written, and the element left open before it (saxes has just closed it).
      const from = text.lastIndexOf('</', end - 1);
      span = at(from, end);
      message = `${text.slice(from, end)} comes before the end of <${closed.name}>`;
    }
    out.error = { span, message };
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- a sentinel, caught below
    throw STOP;
  });
  try {
    parser.write(text).close();
  } catch (e) {
    if (e !== STOP) throw e;
  }
  return out;
}

/**
 * `<!-- kube-netlint-disable-next-line rule -->` as the engine reads directives, `# kube-netlint-…`: `<!--` and
 * `-->` become blanks, so each character of the comment stays where it is written (rule names are located).
 */
function commentOf(written: string, start: number): Comment {
  const inner = written.slice(4, -3);
  return { span: [start, start + written.length], text: `#   ${inner}   ` };
}

/** The attribute of that name, if the element has it. */
export const attribute = (element: XmlElement, name: string): XmlAttribute | undefined => element.attributes.find((a) => a.name === name);
