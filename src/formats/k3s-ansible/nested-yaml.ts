// `server_config_yaml: |` and `agent_config_yaml`: k3s's config.yaml written as a string inside the inventory
// (k3s-ansible merges it into /etc/rancher/k3s/config.yaml with `from_yaml`). It is parsed as YAML of its own,
// with positions in the inventory:
//   - a literal block (`|`, `|-`, `|+`) whose lines keep one indentation is parsed as it is written, its
//     indentation included, from its first content line's offset (parseDocuments' `base`): an indented
//     mapping is the same mapping, so every node, error and comma-list part lands on its line and column;
//   - a string written as it reads on one line (`"cluster-cidr: 10.42.0.0/16"`) is parsed from its first
//     character's offset;
//   - anything else (a folded `>` block, escapes, a line of its own at column 0 such as `---`) is parsed as
//     its value, and every position is the whole scalar.
// Jinja expressions (`node-ip: {{ ansible_host }}`, which Ansible renders before from_yaml) are masked while
// parsing, so that they read as plain scalars, then given back their text: unresolved, not broken YAML.
import { isScalar, Scalar, visit, type Document, type YAMLMap } from 'yaml';
import type { Span } from '../../core/types';
import { parseDocuments } from '../../source/parse';
import { YamlReader } from '../../source/yaml-nodes';
import { isTemplate } from '../../values/template';
import type { Values } from '../located-values';
import type { ScalarText } from './scalar-text';

export interface NestedYaml {
  reader: YamlReader;
  root: YAMLMap | undefined;
  /** Whether positions are exact (else every value is located at the whole scalar). */
  exact: boolean;
}

export interface Problem {
  span: Span;
  message: string;
}

/** A line that means something else at column 0 than indented (a document marker, a directive). */
const COLUMN_ZERO = /^(?:---|\.\.\.)(?:[ \t]|$)|^%/m;

/** The config the string holds, or undefined when it holds none a linter can read (a template statement decides it). */
export function nestedYaml(s: ScalarText, variable: string, values: Values, problems: Problem[]): NestedYaml | undefined {
  if (/\{%/.test(s.value)) {
    values.resolved(s);
    return undefined;
  }
  let text = s.value;
  let base = s.span[0] + 1;
  let exact = false;
  const inline = s.offsetOf(0, s.value.length);
  if (s.block?.literal && !COLUMN_ZERO.test(s.value)) [text, base, exact] = [s.block.text, s.block.start, true];
  else if (inline !== undefined && !s.value.includes('\n')) [base, exact] = [inline, true];
  const at = (span: Span): Span => (exact ? span : s.span);

  const masks: Span[] = [];
  const masked = text.replace(/\{\{[^\n]*?\}\}/g, (m: string, offset: number) => {
    masks.push([base + offset, base + offset + m.length]);
    return '_'.repeat(m.length);
  });
  const parsed = parseDocuments(masked, { base });
  if (!parsed.ok) {
    problems.push({ span: s.span, message: `${variable} could not be read as YAML: ${parsed.problem.message}` });
    return undefined;
  }
  const [first, ...more] = parsed.documents;
  if (!first) return undefined;
  if (more.length > 0) {
    const [from, to] = more[0].doc.range;
    problems.push({ span: at([from, to]), message: `${variable} holds more than one YAML document: Ansible's from_yaml reads one` });
  }
  for (const e of first.errors) problems.push({ span: at(e.span), message: `${variable} is not valid YAML: ${e.message}` });
  if (masks.length > 0) unmask(first.doc, masks, (from, to) => text.slice(from - base, to - base));

  const reader = new YamlReader(first.doc, exact ? undefined : s.span);
  const contents = first.doc.contents;
  if (isScalar(contents) && typeof contents.value === 'string' && isTemplate(contents.value)) {
    values.resolved({ value: contents.value, span: reader.spanOf(contents) });
    return undefined;
  }
  const root = reader.map(contents);
  if (!root && contents !== null) problems.push({ span: at(reader.spanOf(contents)), message: `${variable} is not a mapping of k3s flags (config.yaml keys)` });
  return { reader, root, exact };
}

/** Scalars that a mask covers get their written text back (quotes aside): a template, set aside as unresolved. */
function unmask(doc: Document.Parsed, masks: Span[], written: (from: number, to: number) => string): void {
  visit(doc, {
    Scalar(_, n: Scalar) {
      const r = n.range;
      if (!r || !masks.some(([from, to]) => from < r[1] && r[0] < to)) return;
      const raw = written(r[0], r[1]);
      n.value = n.type === Scalar.QUOTE_DOUBLE || n.type === Scalar.QUOTE_SINGLE ? raw.slice(1, -1) : raw;
    },
  });
}
