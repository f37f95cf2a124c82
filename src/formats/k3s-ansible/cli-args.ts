// `extra_server_args` / `extra_agent_args`: k3s command-line flags in one string, which k3s-ansible passes
// to the install script as INSTALL_K3S_EXEC (the script splits it as a shell does: on blanks, with quotes).
// Each flag's value is located inside the string (`--cluster-cidr=10.42.0.0/16` → `10.42.0.0/16`), and the
// flags are read as the rancher format reads config.yaml keys (a `Flag` per name).
import type { Span } from '../../core/types';
import { isTemplate } from '../../values/template';
import type { Located } from '../../source/yaml-nodes';
import type { Values } from '../located-values';
import { commaParts } from '../../source/yaml-nodes';
import type { Flag } from '../rancher/read';
import type { ScalarText } from './scalar-text';

/** k3s flags that take no value (urfave/cli booleans): `--cluster-init server-2` does not make `server-2` its value. */
const BOOLEAN_FLAGS = new Set([
  'cluster-init',
  'cluster-reset',
  'disable-scheduler',
  'disable-cloud-controller',
  'disable-kube-proxy',
  'disable-network-policy',
  'disable-helm-controller',
  'disable-etcd',
  'disable-apiserver',
  'disable-controller-manager',
  'disable-agent',
  'disable-apiserver-lb',
  'disable-default-registry-endpoint',
  'flannel-ipv6-masq',
  'flannel-external-ip',
  'secrets-encryption',
  'embedded-registry',
  'supervisor-metrics',
  'etcd-disable-snapshots',
  'etcd-expose-metrics',
  'etcd-snapshot-compress',
  'etcd-s3',
  'etcd-s3-insecure',
  'etcd-s3-skip-ssl-verify',
  'tls-san-security',
  'rootless',
  'docker',
  'prefer-bundled-bin',
  'protect-kernel-defaults',
  'selinux',
  'with-node-id',
  'enable-pprof',
  'debug',
  'alsologtostderr',
  'help',
]);

/** k3s's one-letter aliases. */
const ALIASES: Record<string, string> = { i: 'node-ip', t: 'token', s: 'server', d: 'data-dir', c: 'config' };

/** One written word: its characters, and for each the index of the string's character it comes from. */
interface Word {
  text: string;
  idx: number[];
}

/** One use of a flag: `--name=value`, `--name value`, or a boolean `--name`. */
export interface FlagUse {
  name: string;
  nameSpan: Span;
  /** The value, located inside the string when it is written as it reads; a boolean's is `true` at its name. */
  value: Located<string>;
}

export interface Args {
  uses: FlagUse[];
  /** Words that are templates, not flag values (`{{ k3s_extra_args }}`): they may hold flags no one can read. */
  templated: Located<string>[];
}

/**
 * The flags of the string, each located; undefined when a template statement (`{% if %}`) decides which
 * flags there are, so that none can be read.
 */
export function parseArgs(s: ScalarText): Args | undefined {
  if (/\{%/.test(s.value)) return undefined;
  const words = split(s.value);
  const locate = (w: Word, from: number, to: number): Located<string> => {
    const value = w.text.slice(from, to);
    if (to > from && w.idx[to - 1] - w.idx[from] === to - from - 1) {
      const at = s.offsetOf(w.idx[from], w.idx[to - 1] + 1);
      if (at !== undefined) return { value, span: [at, at + value.length], at };
    }
    return { value, span: s.span };
  };
  const out: Args = { uses: [], templated: [] };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const m = /^(--?)([A-Za-z0-9][A-Za-z0-9-]*)(=?)/.exec(w.text);
    if (!m) {
      if (isTemplate(w.text)) out.templated.push(locate(w, 0, w.text.length));
      continue;
    }
    const written = m[1] + m[2];
    const name = m[1] === '-' ? (ALIASES[m[2]] ?? m[2]) : m[2];
    const nameSpan = locate(w, 0, written.length).span;
    let value: Located<string>;
    if (m[3] === '=') value = locate(w, m[0].length, w.text.length);
    else if (!BOOLEAN_FLAGS.has(name) && i + 1 < words.length && !words[i + 1].text.startsWith('-')) {
      i++;
      value = locate(words[i], 0, words[i].text.length);
    } else value = { value: 'true', span: nameSpan };
    out.uses.push({ name, nameSpan, value });
  }
  return out;
}

/**
 * Words as a shell splits them: blanks separate, quotes group (and are not part of the word), a backslash
 * escapes the next character outside single quotes; a Jinja expression (`{{ a | b }}`) is one piece.
 */
function split(value: string): Word[] {
  const words: Word[] = [];
  let w: Word | undefined;
  const add = (i: number) => {
    w ??= { text: '', idx: [] };
    w.text += value[i];
    w.idx.push(i);
  };
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < value.length && /["\\$`]/.test(value[i + 1])) add(++i);
      else add(i);
    } else if (c === '{' && value[i + 1] === '{') {
      const end = value.indexOf('}}', i + 2);
      const stop = end < 0 ? value.length : end + 2;
      for (; i < stop; i++) add(i);
      i--;
    } else if (/\s/.test(c)) {
      if (w) words.push(w);
      w = undefined;
    } else if (c === '"' || c === "'") {
      w ??= { text: '', idx: [] };
      quote = c;
    } else if (c === '\\' && i + 1 < value.length) add(++i);
    else add(i);
  }
  if (w) words.push(w);
  return words;
}

/** The flag `name` as the uses set it (every use, in order, as repeated k3s flags are), or undefined when none does. */
export function argsFlag(args: Args, name: string, values: Values): Flag | undefined {
  const uses = args.uses.filter((u) => u.name === name);
  if (uses.length === 0) return undefined;
  const items = uses.map((u) => u.value).filter((v) => values.resolved(v) !== undefined);
  return { items, listed: uses.length, keySpan: uses[0].nameSpan, parts: () => items.flatMap((item) => commaParts(item)), first: () => items[0] };
}
