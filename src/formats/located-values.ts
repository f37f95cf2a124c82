// Located values an input format reads, with templated ones (`${talosVersion}`, makejinja's `#{ }#`, Jinja) set
// aside as unresolved instead of judged.
import type { YAMLMap } from 'yaml';
import type { Located, YamlReader } from '../source/yaml-nodes';
import { isTemplate } from '../values/template';

export class Values {
  readonly unresolved: Located<string>[] = [];

  /** A string under `key`, unless a template fills it in. */
  string(r: YamlReader, m: YAMLMap | undefined, key: string): Located<string> | undefined {
    return this.resolved(r.scalar<string>(m, key, 'string'));
  }

  /** A string under `key` whose parts can be located (a URL, a comma list), unless a template fills it in. */
  text(r: YamlReader, m: YAMLMap | undefined, key: string): Located<string> | undefined {
    return this.resolved(r.text(m, key));
  }

  /** The strings of a list under `key` (undefined when unset), templated items set aside. */
  strings(r: YamlReader, m: YAMLMap | undefined, key: string): Located<string>[] | undefined {
    return r.strings(m, key)?.flatMap((lit) => this.resolved(lit) ?? []);
  }

  resolved<T extends Located<string>>(lit: T | undefined): T | undefined {
    if (lit === undefined || !isTemplate(lit.value)) return lit;
    this.unresolved.push(lit);
    return undefined;
  }
}
