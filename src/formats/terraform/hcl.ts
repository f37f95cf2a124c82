// HCL text → the blocks, attributes and values kube-netlint reads, each located, from tree-sitter's syntax
// tree (grammar.ts). Only what firewall resources need is kept: blocks to three levels (resource → ingress or
// dynamic → content), and values that are literals, lists of them, or references (`aws_security_group.x.id`);
// any other expression (a call, a template, a conditional) is kept as its text, unresolved. The tree is freed
// before this returns. What tree-sitter could not parse (ERROR and MISSING nodes) is a problem at its place,
// and a block or argument that holds one is not read.
import type { Node, Parser, Tree, TreeCursor } from 'web-tree-sitter';
import { PAST_DEADLINE } from '../../core/deadline';
import type { Span } from '../../core/types';
import type { Located } from '../../model/types';
import type { Comment } from '../../source/parse';
import { clock } from '../../core/clock';

export type HclValue =
  | { kind: 'string'; value: string; span: Span }
  | { kind: 'number'; value: number; span: Span }
  | { kind: 'bool'; value: boolean; span: Span }
  | { kind: 'null'; span: Span }
  | { kind: 'tuple'; items: HclValue[]; span: Span }
  /** A traversal from a name: `var.x`, `aws_security_group.workers.id`, `local.ids[0]`; `parts` are its names, indexes left out. */
  | { kind: 'reference'; parts: string[]; text: string; span: Span }
  /** Any other expression, not evaluated. */
  | { kind: 'expression'; text: string; span: Span };

export interface HclAttribute {
  name: string;
  nameSpan: Span;
  value: HclValue;
}

export interface HclBlock {
  type: string;
  labels: Located<string>[];
  /** The whole block. */
  span: Span;
  /** Its type and labels: `resource "aws_security_group" "k8s"`, `ingress`. */
  header: Span;
  attributes: Map<string, HclAttribute>;
  blocks: HclBlock[];
}

export interface HclFile {
  blocks: HclBlock[];
  problems: { span: Span; message: string }[];
  /** `#` comments that may be directives (`# kube-netlint-disable-next-line …`). */
  comments: Comment[];
}

/** resource → ingress, rule, allow or dynamic → content. */
const MAX_BLOCK_DEPTH = 3;
/** How many characters of an expression a value keeps to name it. */
const TEXT_LIMIT = 80;

/** Closing tokens, by the grammar's node types and as themselves, for "missing" messages. */
const CLOSERS: Readonly<Record<string, string>> = {
  block_end: '}',
  object_end: '}',
  tuple_end: ']',
  quoted_template_end: '"',
  template_interpolation_end: '}',
  template_directive_end: '}',
  '}': '}',
  ']': ']',
  ')': ')',
  '"': '"',
};

/**
 * Parses a text. `deadline` (a clock.now() time) stops the parse, which then throws PAST_DEADLINE;
 * `tick` is called per block and attribute read.
 */
export function parseHcl(parser: Parser, text: string, base: number, deadline: number, tick: () => void): HclFile {
  let late = false;
  let tree: Tree | null;
  try {
    tree = parser.parse(text, null, { progressCallback: () => (late ||= clock.now() > deadline) });
  } catch (e) {
    // The WebAssembly parser out of memory, say: the file's one problem, never a crash.
    parser.reset();
    return { blocks: [], problems: [{ span: [base, base], message: `the HCL parser gave up on this file: ${(e as Error).message}` }], comments: [] };
  }
  if (!tree) {
    parser.reset();
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- the deadline's sentinel, which the engine reports
    throw PAST_DEADLINE;
  }
  try {
    return new Reader(text, base, tick).file(tree);
  } finally {
    tree.delete();
  }
}

class Reader {
  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly tick: () => void,
  ) {}

  file(tree: Tree): HclFile {
    const root = tree.rootNode;
    const out: HclFile = { blocks: [], problems: [], comments: [] };
    const body = named(root).find((c) => c.type === 'body');
    if (body) out.blocks = this.body(body, 1, out.problems).blocks;
    if (root.hasError || this.text.includes('kube-netlint-')) this.walk(tree.walk(), out);
    return out;
  }

  private span(n: { startIndex: number; endIndex: number }): Span {
    return [this.base + n.startIndex, this.base + n.endIndex];
  }

  private source(n: Node): string {
    return this.text.slice(n.startIndex, n.endIndex);
  }

  private body(body: Node, depth: number, problems: HclFile['problems']): Pick<HclBlock, 'attributes' | 'blocks'> {
    const attributes = new Map<string, HclAttribute>();
    const blocks: HclBlock[] = [];
    for (const child of named(body)) {
      // What does not parse is a problem (walk), and not read: Terraform refuses the file.
      if (child.hasError) continue;
      this.tick();
      if (child.type === 'attribute') {
        const attribute = this.attribute(child);
        if (!attribute) continue;
        if (attributes.has(attribute.name))
          problems.push({ span: attribute.nameSpan, message: `the argument "${attribute.name}" is set twice in this block: Terraform refuses the file` });
        else attributes.set(attribute.name, attribute);
      } else if (child.type === 'block' && depth <= MAX_BLOCK_DEPTH) {
        const block = this.block(child, depth, problems);
        if (block) blocks.push(block);
      }
    }
    return { attributes, blocks };
  }

  private block(node: Node, depth: number, problems: HclFile['problems']): HclBlock | undefined {
    const [type, ...rest] = named(node);
    if (type?.type !== 'identifier') return undefined;
    const labels = rest.flatMap((c) =>
      c.type === 'string_lit' ? [this.stringLiteral(c)] : c.type === 'identifier' ? [{ value: this.source(c), span: this.span(c) }] : [],
    );
    const last = labels.at(-1);
    const body = rest.find((c) => c.type === 'body');
    const inner = body ? this.body(body, depth + 1, problems) : { attributes: new Map<string, HclAttribute>(), blocks: [] };
    // A label's span is inside its quotes: the header takes in the closing one.
    const headerEnd = last ? last.span[1] + (this.text[last.span[1] - this.base] === '"' ? 1 : 0) : this.base + type.endIndex;
    return { type: this.source(type), labels, span: this.span(node), header: [this.base + type.startIndex, headerEnd], ...inner };
  }

  private attribute(node: Node): HclAttribute | undefined {
    const children = named(node);
    const name = children.find((c) => c.type === 'identifier');
    const expression = children.find((c) => c.type === 'expression');
    if (!name || !expression) return undefined;
    return { name: this.source(name), nameSpan: this.span(name), value: this.value(expression, 0) };
  }

  /** An expression's value: literals, tuples of values (one level), references; anything else as its text. */
  private value(expression: Node, depth: number): HclValue {
    const span = this.span(expression);
    const parts = named(expression);
    const [first] = parts;
    const other = (): HclValue => {
      const text = this.source(expression).replace(/\s+/g, ' ');
      return { kind: 'expression', text: text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT - 1)}…` : text, span };
    };
    if (!first) return other();
    if (parts.length === 1 && first.type === 'literal_value') return this.literal(first.namedChild(0) ?? first, span) ?? other();
    if (parts.length === 1 && first.type === 'operation') return this.negative(first, span) ?? other();
    if (parts.length === 1 && first.type === 'collection_value' && depth === 0) {
      const tuple = first.namedChild(0);
      if (tuple?.type !== 'tuple') return other();
      const items = named(tuple)
        .filter((c) => c.type === 'expression')
        .map((item) => this.value(item, depth + 1));
      return { kind: 'tuple', items, span };
    }
    if (first.type === 'variable_expr' && parts.slice(1).every((p) => /^(get_attr|index|splat|attr_splat|full_splat)$/.test(p.type))) {
      const names = [first, ...parts.slice(1).filter((p) => p.type === 'get_attr')].map((p) => this.source(p).replace(/^\./, ''));
      return { kind: 'reference', parts: names, text: this.source(expression), span };
    }
    return other();
  }

  private literal(node: Node, span: Span): HclValue | undefined {
    switch (node.type) {
      case 'numeric_lit': {
        const value = Number(this.source(node));
        return Number.isFinite(value) ? { kind: 'number', value, span } : undefined;
      }
      case 'bool_lit':
        return { kind: 'bool', value: this.source(node) === 'true', span };
      case 'null_lit':
        return { kind: 'null', span };
      case 'string_lit': {
        const lit = this.stringLiteral(node);
        return { kind: 'string', value: lit.value, span: lit.span };
      }
    }
    return undefined;
  }

  /** `-1`: a unary minus on a number. */
  private negative(operation: Node, span: Span): HclValue | undefined {
    const unary = operation.namedChild(0);
    if (unary?.type !== 'unary_operation' || this.source(unary).trimStart()[0] !== '-') return undefined;
    const operand = named(unary)
      .find((c) => c.type === 'literal_value')
      ?.namedChild(0);
    if (operand?.type !== 'numeric_lit') return undefined;
    const value = -Number(this.source(operand));
    return Number.isFinite(value) ? { kind: 'number', value, span } : undefined;
  }

  /** A quoted string without interpolation, its escapes decoded; located inside its quotes. */
  private stringLiteral(node: Node): Located<string> {
    const inner: Span = [node.startIndex + 1, Math.max(node.startIndex + 1, node.endIndex - 1)];
    const raw = this.text.slice(inner[0], inner[1]);
    const value = raw.includes('\\') || raw.includes('$${') || raw.includes('%%{') ? unescape(raw) : raw;
    return { value, span: [this.base + inner[0], this.base + inner[1]], ...(value === raw ? { at: this.base + inner[0] } : {}) };
  }

  /**
   * One walk over the nodes that hold errors (and, when the text may have directives, over every node for
   * its comments): each outermost ERROR node and each MISSING node is a problem.
   */
  private walk(cursor: TreeCursor, out: HclFile): void {
    const everything = this.text.includes('kube-netlint-');
    try {
      for (;;) {
        this.tick();
        const type = cursor.nodeType;
        const node = cursor.currentNode;
        let descend = everything || node.hasError;
        if (type === 'ERROR') {
          out.problems.push({ span: this.lineOf(node), message: `Terraform cannot parse this: unexpected ${describe(this.source(node))}` });
          descend = false;
        } else if (cursor.nodeIsMissing) {
          const closer = Object.hasOwn(CLOSERS, type) ? CLOSERS[type] : undefined;
          const message = closer ? `a "${closer}" is missing here` : 'Terraform cannot parse this: something is missing here';
          out.problems.push({ span: this.span(node), message: closer ? `${message}: Terraform cannot parse the file` : message });
        } else if (type === 'comment' && this.source(node).startsWith('#')) {
          out.comments.push({ span: this.span(node), text: this.source(node).trimEnd() });
        }
        if (descend && cursor.gotoFirstChild()) continue;
        while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return;
      }
    } finally {
      cursor.delete();
    }
  }

  /** An error node's first line: a region the parser gave up on can run to the end of the file. */
  private lineOf(node: Node): Span {
    const from = node.startIndex;
    const newline = this.text.indexOf('\n', from);
    const to = Math.min(node.endIndex, newline < 0 ? this.text.length : newline);
    return [this.base + from, this.base + Math.max(from, to)];
  }
}

/** A node's named children (one call per child: web-tree-sitter's namedChildren array is several times slower). */
function named(node: Node): Node[] {
  const out: Node[] = [];
  for (let i = 0, n = node.namedChildCount; i < n; i++) {
    const child = node.namedChild(i);
    if (child) out.push(child);
  }
  return out;
}

/** `"{"`, or the first characters of a longer text. */
function describe(text: string): string {
  const line = text.split('\n')[0].trim();
  return JSON.stringify(line.length > 30 ? `${line.slice(0, 29)}…` : line);
}

/** HCL's string escapes: `\n`, `\r`, `\t`, `\"`, `\\`, `\uNNNN`, `\UNNNNNNNN`, and `$${`, `%%{` for literal `${`, `%{`. */
function unescape(raw: string): string {
  return raw.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|\$\$\{|%%\{/g, (m, escape?: string) => {
    if (escape === undefined) return m.slice(1);
    if (escape.length > 1) return String.fromCodePoint(parseInt(escape.slice(1), 16));
    return ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[escape] ?? escape;
  });
}
