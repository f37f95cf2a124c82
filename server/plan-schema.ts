// The ClusterPlan JSON Schema, walked along a YAML path: which keys and values are valid at a place and
// what they mean. Completion reads the schema rather than a copy of it, so a new key or enum value in
// the schema shows up in the editor with no change here.
import { isMap, type YAMLMap } from 'yaml';
import planSchema from '../schema/cluster-plan.schema.json';
import { scalarEntries, type Segment } from '../src/linter';

export interface Schema {
  $ref?: string;
  description?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  allOf?: Schema[];
  if?: Schema;
  then?: Schema;
  definitions?: Record<string, Schema>;
}

export interface KeyInfo {
  name: string;
  description?: string;
  required: boolean;
}

export interface ValueInfo {
  value: string;
  description?: string;
}

const ROOT = planSchema as Schema;

/** `$ref`s resolved and `anyOf` flattened: the alternatives a value may take. */
function alternatives(schema: Schema | undefined): Schema[] {
  if (!schema) return [];
  if (schema.$ref) {
    const target = ROOT.definitions?.[schema.$ref.replace('#/definitions/', '')];
    // The referring property's own description is the more specific one.
    return alternatives(target).map((s) => ({ ...s, description: schema.description ?? s.description }));
  }
  if (schema.anyOf) return schema.anyOf.flatMap((s) => alternatives({ ...s, description: s.description ?? schema.description }));
  return [schema];
}

/**
 * The schemas of one key of an object: its own, plus each `then` whose `if` the mapping satisfies or
 * cannot decide yet (cni.mode before cni.plugin is written offers every plugin's modes).
 */
function propertySchemas(object: Schema, key: string, map: YAMLMap | undefined): Schema[] {
  const own = object.properties?.[key];
  const values = map ? scalarEntries(map) : {};
  const conditional = (object.allOf ?? []).flatMap((branch) => {
    const extra = branch.then?.properties?.[key];
    return extra && branch.if && holds(branch.if, values) !== false ? [{ ...extra, description: extra.description ?? own?.description }] : [];
  });
  return [...(own ? [own] : []), ...conditional];
}

/** The `if` forms the plan schema uses (required keys, const or enum values); undefined while a required key is missing. */
function holds(condition: Schema, values: Record<string, unknown>): boolean | undefined {
  if (!(condition.required ?? []).every((k) => k in values)) return undefined;
  return Object.entries(condition.properties ?? {}).every(([k, s]) => {
    if (!(k in values)) return true;
    if ('const' in s) return values[k] === s.const;
    return s.enum === undefined || s.enum.includes(values[k]);
  });
}

/**
 * The schemas valid at the end of a path (empty when the path leaves the schema). A step's parent
 * mapping, when known, decides conditional schemas.
 */
export function schemasAt(steps: readonly { segment: Segment; parent?: unknown }[]): Schema[] {
  let current = alternatives(ROOT);
  for (const { segment, parent } of steps) {
    current = current.flatMap((s) => {
      // A list's items inherit its description (roles: "control-plane, etcd and/or worker.").
      if (typeof segment === 'number') return alternatives(s.items).map((i) => ({ ...i, description: i.description ?? s.description }));
      return propertySchemas(s, segment, isMap(parent) ? parent : undefined).flatMap(alternatives);
    });
  }
  return current;
}

/** The keys an object at this place may have. */
export function keysAllowed(schemas: Schema[]): KeyInfo[] {
  const out = new Map<string, KeyInfo>();
  for (const s of schemas) {
    for (const [name, p] of Object.entries(s.properties ?? {})) {
      if (out.has(name)) continue;
      out.set(name, { name, description: p.description ?? alternatives(p)[0]?.description, required: (s.required ?? []).includes(name) });
    }
  }
  return [...out.values()];
}

/** The values a scalar at this place may take: enums, consts and booleans. */
export function valuesAllowed(schemas: Schema[]): ValueInfo[] {
  const out = new Map<string, ValueInfo>();
  for (const s of schemas) {
    const values = [...(s.enum ?? []), ...('const' in s ? [s.const] : []), ...(s.type === 'boolean' ? [true, false] : [])];
    for (const v of values) {
      if (['string', 'number', 'boolean'].includes(typeof v) && !out.has(String(v))) out.set(String(v), { value: String(v), description: s.description });
    }
  }
  return [...out.values()];
}
