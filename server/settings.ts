// The editor's settings for kube-netlint (VS Code: `kubeNetlint.*`), read from the client through
// workspace/configuration or from didChangeConfiguration. Anything of the wrong type is ignored.
import { isAbsolute, resolve } from 'node:path';

export const SECTION = 'kubeNetlint';

export interface Settings {
  /** False: no diagnostics, hover, completion or code actions. */
  enable: boolean;
  /** A configuration file for every document, like the CLI's --config; absolute after `readSettings`. */
  configFile?: string;
}

/** `raw` is the `kubeNetlint` section; a relative configFile is taken from the workspace root. */
export function readSettings(raw: unknown, root: string): Settings {
  const section = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const configFile = typeof section.configFile === 'string' && section.configFile.trim() !== '' ? section.configFile.trim() : undefined;
  return {
    enable: section.enable !== false,
    configFile: configFile && (isAbsolute(configFile) ? configFile : resolve(root, configFile)),
  };
}
