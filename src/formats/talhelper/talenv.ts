// talhelper's variables: before it reads talconfig.yaml (and each patch file), talhelper loads talenv.yaml,
// talenv.sops.yaml, talenv.yml and talenv.sops.yml (those that exist, the later winning; SOPS-encrypted ones
// decrypted) into the environment, then runs envsubst over the text (a8m/envsubst, restricted: a variable set
// nowhere is an error). Here a value is substituted as it is read:
//   - a value that is one variable (`ipAddress: ${node1IP}`) is located at the variable's value in talenv.yaml,
//     and the use in talconfig.yaml becomes a related location of every finding there (Plan.substitutions);
//   - a value with variables inside (`https://${vip}:6443`) is located at its own scalar, as a whole, and the
//     variables' values are the related locations;
//   - a variable no env file sets (the environment may), an encrypted value, or an expression other than
//     `$VAR`, `${VAR}` and a default (`${VAR:-x}`) of a set variable leaves the value unresolved, never guessed.
import { isScalar } from 'yaml';
import type { Substitution } from '../../model/types';
import { YamlReader, type Located } from '../../source/yaml-nodes';
import type { ImportedDocument } from '../input-format';
import { Values } from '../located-values';

export const ENV_FORMAT = 'talhelper-env';

/** The env files talhelper loads by default (its `--env-file`), in its order: the later wins. */
export const ENV_FILES = ['talenv.yaml', 'talenv.sops.yaml', 'talenv.yml', 'talenv.sops.yml'] as const;

/** A variable's value where an env file sets it; `encrypted` when SOPS encrypted it (its value is unknown here). */
export type Env = ReadonlyMap<string, Located<string> | 'encrypted'>;

/** SOPS writes each encrypted value as `ENC[AES256_GCM,data:…]`. */
const ENCRYPTED = /^ENC\[/;

/** The variables of the env files the talconfig's imports brought, in their order. */
export function envOf(imported: readonly ImportedDocument[]): Env {
  const env = new Map<string, Located<string> | 'encrypted'>();
  for (const { doc, format } of imported) {
    if (format !== ENV_FORMAT) continue;
    const reader = new YamlReader(doc);
    for (const pair of reader.map(doc.contents)?.items ?? []) {
      const [v, rv] = reader.enter(pair.value);
      const scalar = isScalar(v) ? v.value : undefined;
      if (!isScalar(pair.key) || !(typeof scalar === 'string' || typeof scalar === 'number' || typeof scalar === 'boolean')) continue;
      const value: Located<string> = rv.textOf(v) ?? { value: String(scalar), span: rv.spanOf(v) };
      env.set(String(pair.key.value), ENCRYPTED.test(value.value) ? 'encrypted' : value);
    }
  }
  return env;
}

/** `$$`, `${…}` or `$NAME`, as envsubst reads them. */
const REFERENCE = /\$\$|\$\{([^}]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
/** `NAME`, or `NAME` with a default for when it is unset (`-`, `=`) or also empty (`:-`, `:=`). */
const BRACED = /^([A-Za-z_][A-Za-z0-9_]*)(?::?[-=].*)?$/s;

/** Values read from talconfig.yaml and its patches, with talhelper's variables filled in (see the file comment). */
export class TalenvValues extends Values {
  readonly substitutions: Substitution[] = [];

  constructor(private readonly env: Env) {
    super();
  }

  /** The same variables, for a text read again (a global patch, once per node): what it records is dropped. */
  quiet(): TalenvValues {
    return new TalenvValues(this.env);
  }

  override resolved<T extends Located<string>>(lit: T | undefined): T | undefined {
    if (lit === undefined || !lit.value.includes('$')) return super.resolved(lit);
    const parts: string[] = [];
    const used: { name: string; value: Located<string> }[] = [];
    let from = 0;
    for (const m of lit.value.matchAll(REFERENCE)) {
      parts.push(lit.value.slice(from, m.index));
      from = m.index + m[0].length;
      if (m[0] === '$$') {
        parts.push('$');
        continue;
      }
      const name = m[2] ?? BRACED.exec(m[1])?.[1];
      const value = name === undefined ? undefined : this.env.get(name);
      // Not filled in here: the template stays, unresolved.
      if (value === undefined || value === 'encrypted') {
        this.unresolved.push(lit);
        return undefined;
      }
      parts.push(value.value);
      used.push({ name: m[0], value });
    }
    parts.push(lit.value.slice(from));
    for (const u of used) this.substitutions.push({ value: u.value.span, use: lit.span, name: u.name });
    const value = parts.join('');
    // One variable: its value in talenv.yaml, located part by part; a text with variables inside: its own scalar, whole.
    const one = used.length === 1 && used[0].name === lit.value ? used[0].value : undefined;
    return super.resolved(one ? { ...lit, value, span: one.span, at: one.at } : { ...lit, value, at: undefined });
  }
}
