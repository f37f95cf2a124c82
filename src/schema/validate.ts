// The plan's JSON Schema, checked with ajv, each error mapped to the exact YAML node (Spectral's
// "closest node" approach: a path that cannot be followed lands on its deepest existing ancestor).
import type { ErrorObject } from 'ajv';
import { isAlias, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { Severity, Span } from '../core/types';
import { spanOf, type YamlReader } from '../source/yaml-nodes';
import validatePlanSchema from './plan-validator';
import type { StandaloneValidator } from './validator';
import { closest } from '../core/suggest';
import { renderArg } from '../core/message-args';

export interface SchemaProblem {
  span: Span;
  message: string;
  /** Set when the problem is less than an error: a value the installer accepts with a warning (kubespray's `kube_network_plugin: none`). */
  severity?: Severity;
}

/** A document's schema problems, the first `limit` of them in full. */
export interface SchemaReport {
  problems: SchemaProblem[];
  /** The problems past the limit: how many, and where the first of them is. */
  more?: { count: number; span: Span };
}

/** How many schema problems of one document are reported one by one: past that, the rest are counted. */
export const MAX_SCHEMA_PROBLEMS = 100;

export const validatePlan = (value: unknown, contents: unknown, reader: YamlReader): SchemaReport =>
  check(validatePlanSchema, value, contents, reader, MAX_SCHEMA_PROBLEMS);

/** Runs a generated validator and maps its errors to the YAML nodes they are about. */
export const validateWith = (validate: StandaloneValidator, value: unknown, contents: unknown, reader: YamlReader): SchemaProblem[] =>
  check(validate, value, contents, reader, Infinity).problems;

/**
 * Only the reported errors are mapped to nodes: a document with 350,000 bad items costs one pass over
 * ajv's errors, not 350,000 lookups of their nodes.
 */
function check(validate: StandaloneValidator, value: unknown, contents: unknown, reader: YamlReader, limit: number): SchemaReport {
  if (validate(value)) return { problems: [] };
  const errors = pruneErrors(validate.errors ?? []);
  const problems = errors.slice(0, limit).map((e) => toProblem(e, contents, reader));
  if (errors.length <= limit) return { problems };
  return { problems, more: { count: errors.length - limit, span: toProblem(errors[limit], contents, reader).span } };
}

/**
 * Drops the per-branch noise of anyOf / if-then: an anyOf says once what it expected. When the value
 * is a mapping and exactly one branch takes mappings (`appliesTo: {roles: [master]}`), that branch's
 * own errors are kept instead, since they point at the wrong key or item inside.
 */
function pruneErrors(errors: ErrorObject[]): ErrorObject[] {
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf');
  /** anyOf error → the prefix of the one branch whose errors replace it. */
  const replacedBy = new Map<ErrorObject, string>();
  for (const a of anyOfs) {
    if (a.data === null || typeof a.data !== 'object' || Array.isArray(a.data)) continue;
    const branches = (a.schema as { type?: unknown }[]).flatMap((b, i) => (b.type === 'object' ? [i] : []));
    if (branches.length === 1) replacedBy.set(a, `${a.schemaPath}/${branches[0]}/`);
  }
  // anyOf errors by the instance they are about, so that finding the one around an error looks at
  // the error's own path and its ancestors, not at every anyOf (a list of bad selectors has one each).
  const anyOfsAt = new Map<string, ErrorObject[]>();
  for (const a of anyOfs) {
    const at = anyOfsAt.get(a.instancePath);
    if (at) at.push(a);
    else anyOfsAt.set(a.instancePath, [a]);
  }
  const order = new Map(anyOfs.map((a, i) => [a, i]));
  // ajv reports the same schema path for every use of a $ref'd definition: match the instance too.
  const enclosing = (e: ErrorObject): ErrorObject | undefined => {
    let first: ErrorObject | undefined;
    for (let path = e.instancePath; ; path = path.slice(0, Math.max(0, path.lastIndexOf('/')))) {
      for (const a of anyOfsAt.get(path) ?? []) {
        if (a !== e && e.schemaPath.startsWith(`${a.schemaPath}/`) && (!first || order.get(a)! < order.get(first)!)) first = a;
      }
      if (path === '') return first;
    }
  };
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (e.keyword === 'if' || replacedBy.has(e)) return false;
    const anyOf = enclosing(e);
    if (anyOf && !e.schemaPath.startsWith(replacedBy.get(anyOf) ?? '\0')) return false;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function pathSegments(instancePath: string): string[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Follows a JSON path through the AST; returns the deepest node reached and the key above it. Inside
 * aliased content the alias is where the plan uses the value, so the alias's node stands in for it.
 */
function locate(contents: unknown, segments: string[], reader: YamlReader): { node: Node | undefined; keyNode?: Node; complete: boolean } {
  let node = reader.deref(contents);
  let keyNode: Node | undefined;
  let alias: Node | undefined;
  const result = (complete: boolean) => ({ node: alias ?? node, keyNode: alias ? undefined : keyNode, complete });
  for (const seg of segments) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) return result(false);
      keyNode = pair.key as Node;
      next = pair.value;
    } else if (isSeq(node)) {
      next = node.items[Number(seg)];
      if (next === undefined) return result(false);
      keyNode = undefined;
    } else {
      return result(false);
    }
    if (!alias && isAlias(next)) alias = next;
    node = reader.deref(next);
  }
  return result(true);
}

const describe = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  // String(), not JSON: .inf and .nan are numbers that JSON would print as null.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a number, boolean or bigint by now
  return typeof value === 'string' ? `string ${JSON.stringify(value)}` : `${typeof value} ${String(value)}`;
};

function where(segments: string[]): string {
  return segments.length === 0
    ? 'the document'
    : segments
        .map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`))
        .join('')
        .replace(/^\./, '');
}

function toProblem(e: ErrorObject, contents: unknown, reader: YamlReader): SchemaProblem {
  const segments = pathSegments(e.instancePath);
  const found = locate(contents, segments, reader);
  const valueSpan = found.node ? spanOf(found.node) : ([0, 0] as const);
  const parentSchema = e.parentSchema;
  switch (e.keyword) {
    case 'required': {
      // Point at the key that holds the incomplete mapping, or at the mapping's first key.
      const span = found.keyNode ? spanOf(found.keyNode) : (firstKeySpan(found.node) ?? valueSpan);
      return { span, message: `${where(segments)} is missing the required field "${e.params.missingProperty}"` };
    }
    case 'additionalProperty':
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      const pair = isMap(found.node) ? found.node.items.find((p) => isScalar(p.key) && String(p.key.value) === key) : undefined;
      const known = Object.keys((parentSchema?.properties as object) ?? {});
      const guess = closest(key, known);
      const hint = guess ? renderArg({ type: 'suggestion', meant: guess }) : known.length ? ` (expected one of: ${known.join(', ')})` : '';
      return { span: pair ? spanOf(pair.key) : valueSpan, message: `unknown field "${key}" in ${where(segments)}${hint}` };
    }
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      const guess = typeof e.data === 'string' ? closest(e.data, (e.params.allowedValues as unknown[]).map(String)) : undefined;
      const hint = renderArg({ type: 'suggestion', meant: guess });
      return { span: valueSpan, message: `${where(segments)} is ${describe(e.data)}, expected one of: ${allowed}${hint}` };
    }
    case 'const':
      return { span: valueSpan, message: `${where(segments)} must be ${JSON.stringify(e.params.allowedValue)}, not ${describe(e.data)}` };
    case 'type': {
      // YAML 1.1 booleans are plain strings in YAML 1.2: `dhcp: no` is the string "no".
      const text = typeof e.data === 'string' ? e.data : '';
      const yaml11 = e.params.type === 'boolean' && /^(y|yes|n|no|on|off)$/i.test(text);
      const hint = yaml11 ? ` (YAML 1.2 reads ${text} as a string: write ${/^(y|yes|on)$/i.test(text) ? 'true' : 'false'})` : '';
      return { span: valueSpan, message: `${where(segments)} is ${describe(e.data)}, expected ${String(e.params.type).split(',').join(' or ')}${hint}` };
    }
    case 'pattern':
      return {
        span: valueSpan,
        message: `${where(segments)} is ${describe(e.data)}: ${(parentSchema?.patternMessage as string) ?? `it must match ${e.params.pattern}`}`,
      };
    case 'anyOf':
      return {
        span: valueSpan,
        message: `${where(segments)} is ${describe(e.data)}: ${(parentSchema?.anyOfMessage as string) ?? 'it matches none of the allowed forms'}`,
      };
    case 'uniqueItems': {
      // Point at the repeat (ajv's i is the later index), not at the whole list.
      const repeat = locate(contents, [...segments, String(e.params.i)], reader);
      const span = repeat.complete && repeat.node ? spanOf(repeat.node) : valueSpan;
      return {
        span,
        message: `${where(segments)} lists ${describe((e.data as unknown[])[e.params.i as number])} twice (items ${e.params.j} and ${e.params.i})`,
      };
    }
    default:
      return { span: valueSpan, message: `${where(segments)} ${e.message ?? 'is invalid'}` };
  }
}

function firstKeySpan(node: Node | undefined): Span | undefined {
  if (isMap(node) && node.items.length > 0) return spanOf(node.items[0].key);
  return undefined;
}
