// `.kube-netlint.yaml`: found from the linted file's folder upward (the nearest one wins) or named
// with --config; validated against schema/kube-netlint-config.schema.json. A bad config is an error
// with the position of the offending key, never a guess. A configuration can come with the repository
// being linted, so it is bounded like a plan: its size, its aliases and its ignore patterns.
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node, type YAMLMap } from 'yaml';
import { notText, readFileUpTo } from '../io/bounded-read';
import { describeFsError } from '../io/fs-errors';
import type { Limits, LintConfig } from '../linter';
import type { RuleMeta, SeveritySetting } from '../core/types';
import { ALL_RULE_METAS } from '../linter';
import validateConfigSchema from '../schema/config-validator';
import { closest } from '../core/suggest';
import { renderArg } from '../core/message-args';
import { validateWith } from '../schema/validate';
import { SourceFile } from '../source/source-file';
import { indexOf } from '../source/document-index';
import { YamlReader } from '../source/yaml-nodes';
import { ignoreMatcher, MAX_PATTERNS, patternProblem } from './ignore-patterns';

export const CONFIG_NAMES = ['.kube-netlint.yaml', '.kube-netlint.yml'];

export class ConfigError extends Error {}

export interface LoadedConfig {
  path: string;
  lint: LintConfig;
  /** True for files the config's `ignores` patterns match. */
  ignores: (filePath: string) => boolean;
}

interface RawConfig {
  rules?: Record<string, SeveritySetting | 'warn' | [SeveritySetting | 'warn', object?]>;
  ignores?: string[];
  sensitivePorts?: number[];
  noInlineConfig?: boolean;
  limits?: Limits;
}

const KNOWN_RULES = ALL_RULE_METAS.map((m) => m.id);

/** A configuration is a few lines: past this it is refused unread, as a plan past the size limit is. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** Aliases a configuration may resolve (yaml weighs each by the aliases inside what it stands for). */
export const MAX_CONFIG_ALIASES = 100;

export function loadConfig(path: string): LoadedConfig {
  const text = readConfigText(path);
  const source = new SourceFile(text);
  const problems: { offset: number; message: string }[] = [];
  const fail = () => {
    const lines = problems
      .sort((a, b) => a.offset - b.offset)
      .map(({ offset, message }) => {
        const p = source.positionAt(offset);
        return `${path}:${p.line}:${p.column}: ${message}`;
      });
    return new ConfigError(lines.join('\n'));
  };
  // Duplicate keys come from the document index, in one pass (yaml's own check is quadratic).
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  for (const e of doc.errors) problems.push({ offset: e.pos[0], message: e.message });
  for (const [offset] of indexOf(doc).duplicateKeys) problems.push({ offset, message: 'Map keys must be unique' });
  if (problems.length) throw fail();
  let raw: RawConfig;
  try {
    raw = (doc.toJS({ maxAliasCount: MAX_CONFIG_ALIASES }) ?? {}) as RawConfig;
  } catch (e) {
    // yaml refuses past the alias count with a ReferenceError; a RangeError is the stack, from nesting.
    if (e instanceof ReferenceError)
      problems.push({
        offset: firstAliasOffset(doc),
        message: `aliases expand this configuration too far (more than ${MAX_CONFIG_ALIASES} alias uses: an alias bomb or a merge fan-out?); write the values out`,
      });
    else if (e instanceof RangeError) problems.push({ offset: 0, message: `the configuration nests too deeply to be read (${e.message})` });
    else throw e;
    throw fail();
  }
  for (const p of validateWith(validateConfigSchema, raw, doc.contents, new YamlReader(doc))) problems.push({ offset: p.span[0], message: p.message });
  const rulesMap = doc.contents && isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'rules')?.value : undefined;
  const ruleOptions: Record<string, Record<string, unknown>> = {};
  if (isMap(rulesMap)) {
    for (const pair of rulesMap.items) {
      const id = isScalar(pair.key) ? String(pair.key.value) : '';
      const meta = ALL_RULE_METAS.find((m) => m.id === id);
      if (meta) {
        const given = isSeq(pair.value) ? pair.value.items[1] : undefined;
        if (isMap(given)) ruleOptions[id] = readRuleOptions(meta, given, problems);
        continue;
      }
      const guess = closest(id, KNOWN_RULES);
      const offset = (pair.key as { range?: number[] }).range?.[0] ?? 0;
      problems.push({ offset, message: `unknown rule "${id}"${guess ? renderArg({ type: 'suggestion', meant: guess }) : ' (see --list-rules)'}` });
    }
  }
  checkIgnores(raw.ignores, doc, problems);
  if (problems.length) throw fail();

  const rules = Object.fromEntries(Object.entries(raw.rules ?? {}).map(([id, v]) => [id, severitySetting(Array.isArray(v) ? v[0] : v)]));
  const dir = dirname(path);
  const matches = raw.ignores?.length ? ignoreMatcher(raw.ignores) : undefined;
  return {
    path,
    lint: { rules, ruleOptions: withSensitivePorts(ruleOptions, raw.sensitivePorts), noInlineConfig: raw.noInlineConfig, limits: raw.limits },
    ignores: (filePath) => {
      const rel = relative(dir, filePath).split('\\').join('/');
      return matches !== undefined && !rel.startsWith('..') && matches(rel);
    },
  };
}

/**
 * The top-level `sensitivePorts` of earlier versions: an alias of service-public's option of that name,
 * which wins when both are set.
 */
function withSensitivePorts(ruleOptions: Record<string, Record<string, unknown>>, ports: number[] | undefined): Record<string, Record<string, unknown>> {
  if (ports === undefined || ruleOptions['service-public']?.sensitivePorts !== undefined) return ruleOptions;
  return { ...ruleOptions, 'service-public': { ...ruleOptions['service-public'], sensitivePorts: ports } };
}

/** The file's text: at most MAX_CONFIG_BYTES of UTF-8 (a BOM is dropped). */
function readConfigText(path: string): string {
  let bytes: Buffer | undefined;
  try {
    bytes = readFileUpTo(path, MAX_CONFIG_BYTES);
  } catch (e) {
    throw new ConfigError(`cannot read the configuration ${path}: ${describeFsError(e)}`);
  }
  if (!bytes) throw new ConfigError(`${path}: the configuration is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MB, the limit for a configuration file`);
  const reason = notText(bytes, true, 'YAML text');
  if (reason) throw new ConfigError(`${path}: ${reason}`);
  return new TextDecoder('utf-8').decode(bytes);
}

/** Where the first alias is: the place to look at when aliases expand too far. */
function firstAliasOffset(doc: Document.Parsed): number {
  let offset = 0;
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/**
 * Patterns that could not be matched in bounded time, and too many of them, are refused with their
 * positions. The values are checked, not the nodes: an alias stands for a pattern too.
 */
function checkIgnores(patterns: unknown, doc: Document.Parsed, problems: { offset: number; message: string }[]): void {
  if (!Array.isArray(patterns)) return;
  const pair = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'ignores') : undefined;
  const offsetOf = (node: unknown) => (node as { range?: number[] } | undefined)?.range?.[0] ?? 0;
  if (patterns.length > MAX_PATTERNS) {
    problems.push({
      offset: offsetOf(pair?.key),
      message: `ignores has ${patterns.length.toLocaleString('en-US')} patterns; at most ${MAX_PATTERNS.toLocaleString('en-US')} are allowed`,
    });
    return;
  }
  const nodes = isSeq(pair?.value) ? pair.value.items : [];
  patterns.forEach((pattern, i) => {
    const problem = typeof pattern === 'string' ? patternProblem(pattern) : undefined;
    if (problem) problems.push({ offset: offsetOf(nodes[i] ?? pair?.value), message: problem });
  });
}

/** A rule's `{option: value}` map, checked against `meta.options`; problems are collected with their positions. */
function readRuleOptions(meta: RuleMeta, map: YAMLMap, problems: { offset: number; message: string }[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const specs = meta.options ?? {};
  for (const pair of map.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    const offset = (pair.key as { range?: number[] }).range?.[0] ?? 0;
    const spec = specs[name];
    if (!spec) {
      const names = Object.keys(specs);
      const guess = closest(name, names);
      const known = names.length ? `; its options are ${names.join(', ')}` : '; it takes no options';
      problems.push({ offset, message: `rule ${meta.id} has no option "${name}"${guess ? renderArg({ type: 'suggestion', meant: guess }) : known}` });
      continue;
    }
    const value = pair.value as Node | null;
    const at = (value as { range?: number[] } | null)?.range?.[0] ?? offset;
    if (spec.type === 'string-list') {
      const ok = isSeq(value) && value.items.every((i) => isScalar(i) && typeof i.value === 'string');
      if (ok) out[name] = value.items.map((i) => String((i as { value: string }).value));
      else problems.push({ offset: at, message: `option ${name} of rule ${meta.id} must be a list of strings` });
    } else if (spec.type === 'port-list') {
      const ok = isSeq(value) && value.items.every((i) => isScalar(i) && Number.isInteger(i.value) && (i.value as number) >= 1 && (i.value as number) <= 65535);
      if (ok) out[name] = value.items.map((i) => (i as { value: number }).value);
      else problems.push({ offset: at, message: `option ${name} of rule ${meta.id} must be a list of ports (1 to 65535)` });
    } else {
      const n = isScalar(value) ? value.value : undefined;
      const ok = typeof n === 'number' && Number.isInteger(n) && n >= (spec.minimum ?? -Infinity);
      if (ok) out[name] = n;
      else
        problems.push({
          offset: at,
          message: `option ${name} of rule ${meta.id} must be a whole number${spec.minimum !== undefined ? ` of at least ${spec.minimum}` : ''}`,
        });
    }
  }
  return out;
}

/**
 * Finds and caches configurations: the nearest one above each file, or the one named by --config. A
 * broken one is cached too, and thrown again for each file below it, without reading it again.
 */
export class ConfigResolver {
  private readonly byDir = new Map<string, LoadedConfig | ConfigError | undefined>();
  private readonly explicit?: LoadedConfig;

  constructor(configPath?: string) {
    if (configPath) this.explicit = loadConfig(resolve(configPath));
  }

  /** Without a path (stdin, an unsaved editor buffer) only the explicit configuration applies. */
  forFile(filePath: string | undefined): LoadedConfig | undefined {
    if (this.explicit || filePath === undefined) return this.explicit;
    const found = this.inDir(dirname(filePath));
    if (found instanceof ConfigError) throw found;
    return found;
  }

  private inDir(dir: string): LoadedConfig | ConfigError | undefined {
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    const name = CONFIG_NAMES.map((n) => join(dir, n)).find((p) => existsSync(p));
    const parent = dirname(dir);
    const found = name ? loadOrError(name) : parent === dir ? undefined : this.inDir(parent);
    this.byDir.set(dir, found);
    return found;
  }
}

function loadOrError(path: string): LoadedConfig | ConfigError {
  try {
    return loadConfig(path);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
}

/** ESLint's `warn` is accepted wherever a severity is, as `warning`. */
export const severitySetting = (word: SeveritySetting | 'warn'): SeveritySetting => (word === 'warn' ? 'warning' : word);
