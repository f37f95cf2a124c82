// A shell script as a plan's document: it has no YAML tree, so one stand-in document stands for the file,
// and the script read from it is kept here, shared by the formats that read scripts (firewalld, ufw): a
// script with both tools' commands is one document either may claim. Its `# kube-netlint-…` comments are
// directive comments, as in YAML.
import { Document } from 'yaml';
import type { Span } from '../../core/types';
import type { KeyNames } from '../../model/types';
import type { ParseResult } from '../../source/parse';
import { invocationOf, readScript, type Invocation, type ShellScript } from './script'; // on demand

export interface ScriptFile {
  script: ShellScript;
  /** The programs the script runs, in order (commands whose program the shell fills in are left out). */
  invocations: Invocation[];
  /** The file's name (no folders), for what findings call its firewall: `firewalld (fw.sh)`. */
  fileName: string;
  /** The script's text, and its span (absolute). */
  text: string;
  span: Span;
}

const scripts = new WeakMap<Document.Parsed, ScriptFile>();

export const scriptOf = (doc: Document.Parsed): ScriptFile | undefined => scripts.get(doc);

const SCRIPT_EXTENSIONS = new Set(['sh', 'bash']);
const DATA_EXTENSIONS = new Set(['yaml', 'yml', 'json']);
const SHEBANG = /^#![ \t]*\S*?\b(?:env[ \t]+)?(?:ba|da|k|z)?sh\b/;
/** Lines no shell script has at the start of a line, and YAML and JSON files do. */
const DATA_LINE = /^(?:---|\.\.\.|%YAML|-[ \t]|[\w.-]+:(?:[ \t]|$)|[ \t]*"[^"\n]*"[ \t]*:)/m;

/**
 * Whether a text may be a shell script, by its name and first line: `.sh` or `.bash`; a `#!` line naming a
 * shell (but never a `.yaml`, `.yml` or `.json` file); or a name without an extension (standard input too)
 * whose lines do not look like YAML or JSON.
 */
export function isShellScript(text: string, filePath?: string): boolean {
  const name = filePath?.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1) ?? '';
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (SCRIPT_EXTENSIONS.has(extension)) return true;
  if (SHEBANG.test(text)) return !DATA_EXTENSIONS.has(extension);
  return extension === '' && !DATA_LINE.test(text);
}

/** The last script read, as two formats may each read the same text in turn. */
let last: { text: string; base: number; filePath?: string; file: ScriptFile } | undefined;

/** The script in a text, read once. */
export function scriptFile(text: string, base: number, filePath?: string, tick?: () => void): ScriptFile {
  if (last && last.text === text && last.base === base && last.filePath === filePath) return last.file;
  const script = readScript(text, base, tick);
  const invocations = script.commands.flatMap((c) => invocationOf(c) ?? []);
  const fileName = filePath?.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1) || 'script';
  const file: ScriptFile = { script, invocations, fileName, text, span: [base, base + text.length] };
  last = { text, base, filePath, file };
  return file;
}

/** The script as one document, the formats' to claim; its directive comments for the engine. */
export function scriptDocument(text: string, base: number, file: ScriptFile): ParseResult {
  const doc = new Document(null) as unknown as Document.Parsed;
  doc.range = [base, base + text.length, base + text.length];
  scripts.set(doc, file);
  const comments = file.script.comments.filter((c) => c.text.includes('kube-netlint-'));
  return { ok: true, documents: [{ doc, source: text, errors: [], warnings: [] }], comments };
}

/** How findings name what a firewall script cannot say: the plan that imports it says it. */
export function scriptKeyNames(firewalls: string): KeyNames {
  const elsewhere = (key: string) => `${key} (in a ClusterPlan that imports the script)`;
  return {
    pods: elsewhere('networks.pods'),
    services: elsewhere('networks.services'),
    nodes: elsewhere('networks.nodes'),
    nodeCidrMaskSize: elsewhere('networks.nodeCidrMaskSize'),
    nodeCidrMaskSizeIPv6: elsewhere('networks.nodeCidrMaskSizeIPv6'),
    maxPods: elsewhere('the kubelet maxPods'),
    trusted: elsewhere('networks.trusted'),
    clusterDNS: elsewhere('networks.clusterDNS'),
    nodePortRange: elsewhere('networks.nodePortRange'),
    distribution: elsewhere('distribution'),
    cniPlugin: elsewhere('cni.plugin'),
    cniMode: elsewhere('cni.mode'),
    controlPlaneEndpoint: elsewhere('controlPlaneEndpoint'),
    firewalls,
  };
}
