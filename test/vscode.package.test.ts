// The VS Code extension as users get it: `npm run package:vscode` builds a .vsix holding the client and
// a self-contained server bundle, and that server, unpacked away from the repository's node_modules,
// lints a plan over stdio like the CLI. The first run installs the extension's tools (its own lock file).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileUri, LspClient, ROOT } from './support/lsp-client';

const EXTENSION = join(ROOT, 'server', 'vscode');
/** The parts of the extension's package.json these tests read. */
interface ExtensionManifest {
  name: string;
  version: string;
  homepage: string;
  main: string;
  activationEvents: string[];
  contributes: { configuration: { properties: Record<string, unknown> } };
  engines: { vscode: string };
}
const rootPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; homepage: string };
const manifest = JSON.parse(readFileSync(join(EXTENSION, 'package.json'), 'utf8')) as ExtensionManifest;
const VSIX = join(EXTENSION, `kube-netlint-${manifest.version}.vsix`);

describe('VS Code extension', { timeout: 60_000 }, () => {
  let unpacked: string;

  it('packages into a .vsix with the client entry and the server bundle, and nothing else to install', () => {
    const built = spawnSync('npm', ['run', '--silent', 'package:vscode'], { cwd: ROOT, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    expect(built.stdout.trim().split('\n').at(-1)).toBe(VSIX);
    expect(existsSync(VSIX)).toBe(true);
    const entries = execFileSync('unzip', ['-Z1', VSIX], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(entries).toEqual([
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/LICENSE.txt',
      'extension/dist/extension.js',
      'extension/dist/server.js',
      // The Terraform reader's parser, loaded beside the server bundle only when a plan imports a .tf file.
      'extension/dist/tree-sitter-terraform.wasm',
      'extension/dist/tree-sitter.cjs',
      'extension/dist/tree-sitter.wasm',
      'extension/package.json',
      'extension/readme.md',
    ]);
    unpacked = mkdtempSync(join(tmpdir(), 'knl-vsix-'));
    execFileSync('unzip', ['-q', VSIX, '-d', unpacked]);
  });

  it("carries the repository's LICENSE, found by vsce without --skip-license, and leaves no copy behind", () => {
    expect(readFileSync(join(ROOT, 'server', 'vscode', 'build-vsix.js'), 'utf8')).not.toContain('--skip-license');
    expect(readFileSync(join(unpacked, 'extension', 'LICENSE.txt'), 'utf8')).toBe(readFileSync(join(ROOT, 'LICENSE'), 'utf8'));
    expect(readFileSync(join(unpacked, 'extension.vsixmanifest'), 'utf8')).toContain('<License>extension/LICENSE.txt</License>');
    expect(existsSync(join(EXTENSION, 'LICENSE'))).toBe(false);
  });

  it('declares its entry, activation on YAML, JSON, INI, shell scripts, XML and Terraform, and the settings the server reads', () => {
    const packed = JSON.parse(readFileSync(join(unpacked, 'extension', 'package.json'), 'utf8')) as ExtensionManifest;
    expect(packed.main).toBe('./dist/extension.js');
    expect(packed.activationEvents).toEqual([
      'onLanguage:yaml',
      'onLanguage:json',
      'onLanguage:ini',
      'onLanguage:shellscript',
      'onLanguage:xml',
      'onLanguage:terraform',
    ]);
    expect(Object.keys(packed.contributes.configuration.properties)).toEqual(['kubeNetlint.enable', 'kubeNetlint.configFile', 'kubeNetlint.trace.server']);
    // The bundled server reports this version and links rule docs to this homepage.
    expect([packed.name, packed.version, packed.homepage]).toEqual(['kube-netlint', rootPackage.version, rootPackage.homepage]);
    // vscode-languageclient's own floor for the editor version.
    const clientEngine = (
      JSON.parse(readFileSync(join(EXTENSION, 'node_modules', 'vscode-languageclient', 'package.json'), 'utf8')) as { engines: { vscode: string } }
    ).engines.vscode;
    expect(packed.engines.vscode).toBe(clientEngine);
  });

  it('bundles need only Node and VS Code', () => {
    for (const bundle of ['extension.js', 'server.js']) {
      const source = readFileSync(join(unpacked, 'extension', 'dist', bundle), 'utf8');
      // Calls, not code that ajv keeps in strings for its code generator ('require("ajv/…")').
      const required = [...source.matchAll(/(?<!['"`])\brequire\("([^"]+)"\)/g)].map((m) => m[1].replace(/^node:/, ''));
      expect(required.length).toBeGreaterThan(0);
      expect(required.filter((m) => m !== 'vscode' && !builtinModules.includes(m))).toEqual([]);
    }
  });

  it('the unpacked server lints a plan over stdio', async () => {
    const client = await LspClient.start({ server: join(unpacked, 'extension', 'dist', 'server.js'), relatedInformation: true });
    expect(client.initializeResult.serverInfo).toEqual({ name: 'kube-netlint-language-server', version: rootPackage.version });
    const uri = fileUri(join(unpacked, 'plan.yaml'));
    await client.open(uri, readFileSync(join(ROOT, 'fixtures', 'examples', 'broken-plan.yaml'), 'utf8'));
    const mac = (await client.diagnostics(uri, 1)).find((d) => d.code === 'duplicate-mac');
    expect(mac?.codeDescription?.href).toBe(`${rootPackage.homepage}/blob/main/docs/rules/duplicate-mac.md`);
    expect(client.stderr).toBe('');
    expect(await client.stop()).toBe(0);
  });
});
