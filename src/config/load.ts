// `.kube-netlint.yaml`: found from the linted file's folder upward (the nearest one wins) or named
// with --config; validated against schema/kube-netlint-config.schema.json. A bad config is an error
// with the position of the offending key, never a guess.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from 'yaml';
import type { Limits, LintConfig } from '../engine/lint';
import type { RuleMeta, SeveritySetting } from '../engine/types';
import { ALL_RULE_METAS } from '../../rules';
import validateConfigSchema from '../schema/config-validator';
import { closest } from '../schema/suggest';
import { validateWith } from '../schema/validate';
import { SourceFile } from '../source/source-file';
import { YamlReader } from '../source/yaml-nodes';

export const CONFIG_NAMES = ['.kube-netlint.yaml', '.kube-netlint.yml'];

export class ConfigError extends Error {}

export interface LoadedConfig {
  path: string;
  lint: LintConfig;
  /** True for files the config's `ignores` patterns match. */
  ignores: (filePath: string) => boolean;
}

interface RawConfig {
  rules?: Record<string, SeveritySetting | [SeveritySetting, object?]>;
  ignores?: string[];
  sensitivePorts?: number[];
  noInlineConfig?: boolean;
  limits?: Limits;
}

const KNOWN_RULES = ALL_RULE_METAS.map((m) => m.id);

export function loadConfig(path: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read the configuration ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
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
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) problems.push({ offset: e.pos[0], message: e.message });
  if (problems.length) throw fail();
  const raw = (doc.toJS({ maxAliasCount: 100 }) ?? {}) as RawConfig;
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
      problems.push({ offset, message: `unknown rule "${id}"${guess ? `; did you mean "${guess}"?` : ' (see --list-rules)'}` });
    }
  }
  if (problems.length) throw fail();

  const rules = Object.fromEntries(Object.entries(raw.rules ?? {}).map(([id, v]) => [id, Array.isArray(v) ? v[0] : v]));
  const dir = dirname(path);
  const matches = raw.ignores?.length ? picomatch(raw.ignores, { dot: true }) : undefined;
  return {
    path,
    lint: { rules, ruleOptions, noInlineConfig: raw.noInlineConfig, sensitivePorts: raw.sensitivePorts, limits: raw.limits },
    ignores: (filePath) => {
      const rel = relative(dir, filePath).split('\\').join('/');
      return matches !== undefined && !rel.startsWith('..') && matches(rel);
    },
  };
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
      problems.push({ offset, message: `rule ${meta.id} has no option "${name}"${guess ? `; did you mean "${guess}"?` : known}` });
      continue;
    }
    const value = pair.value as Node | null;
    const at = (value as { range?: number[] } | null)?.range?.[0] ?? offset;
    if (spec.type === 'string-list') {
      const ok = isSeq(value) && value.items.every((i) => isScalar(i) && typeof i.value === 'string');
      if (ok) out[name] = value.items.map((i) => String((i as { value: string }).value));
      else problems.push({ offset: at, message: `option ${name} of rule ${meta.id} must be a list of strings` });
    } else {
      const n = isScalar(value) ? value.value : undefined;
      const ok = typeof n === 'number' && Number.isInteger(n) && n >= (spec.minimum ?? -Infinity);
      if (ok) out[name] = n;
      else problems.push({ offset: at, message: `option ${name} of rule ${meta.id} must be a whole number${spec.minimum !== undefined ? ` of at least ${spec.minimum}` : ''}` });
    }
  }
  return out;
}

/** Finds and caches configurations: the nearest one above each file, or the one named by --config. */
export class ConfigResolver {
  private readonly byDir = new Map<string, LoadedConfig | undefined>();
  private readonly explicit?: LoadedConfig;

  constructor(configPath?: string) {
    if (configPath) this.explicit = loadConfig(resolve(configPath));
  }

  /** Without a path (stdin, an unsaved editor buffer) only the explicit configuration applies. */
  forFile(filePath: string | undefined): LoadedConfig | undefined {
    return this.explicit ?? (filePath === undefined ? undefined : this.inDir(dirname(filePath)));
  }

  private inDir(dir: string): LoadedConfig | undefined {
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    const name = CONFIG_NAMES.map((n) => join(dir, n)).find((p) => existsSync(p));
    const parent = dirname(dir);
    const found = name ? loadConfig(name) : parent === dir ? undefined : this.inDir(parent);
    this.byDir.set(dir, found);
    return found;
  }
}
