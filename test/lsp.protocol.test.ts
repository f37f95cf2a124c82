// The language server's side of the protocol when the client gets it wrong, over stdio: a broken message
// header ends the process with a reason (the editor restarts it), requests after shutdown are refused
// as the LSP spec says, and documents with odd URIs are linted without a stack trace.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileUri, LspClient, ROOT } from './support/lsp-client';

const BROKEN = readFileSync(join(ROOT, 'fixtures', 'examples', 'broken-plan.yaml'), 'utf8');
const failures = (client: LspClient) => client.logs.filter((l) => /failed|uncaught|unhandled|\n\s+at /.test(l));

describe('a broken message header', () => {
  const headers = {
    'not a number': 'Content-Length: abc\r\n\r\n{}',
    negative: 'Content-Length: -5\r\n\r\n{}',
    missing: 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{"jsonrpc":"2.0","id":7,"method":"shutdown"}',
    'absurdly large': 'Content-Length: 99999999999999\r\n\r\n{}',
  };
  it.each(Object.entries(headers))(
    '(%s) ends the server with a reason on stderr, so that the client restarts it',
    async (_, header) => {
      const client = await LspClient.start();
      client.writeRaw(header);
      expect(await client.exited).toBe(1);
      expect(client.stderr).toMatch(/^kube-netlint-language-server: broken message header from the client \(.+\); exiting/);
    },
    10_000,
  );

  it('is not a long header: a valid message after 1 MB of other headers is read', async () => {
    const client = await LspClient.start();
    const ping = '{"jsonrpc":"2.0","method":"$/ping"}';
    client.writeRaw(`X-Padding: ${'a'.repeat(1 << 20)}\r\nContent-Length: ${ping.length}\r\n\r\n${ping}`);
    expect(await client.hover(fileUri(join(ROOT, 'x.yaml')), { line: 0, character: 0 })).toBeNull();
    expect(await client.stop()).toBe(0);
  });
});

describe('after shutdown', () => {
  it('refuses every request with InvalidRequest, publishes nothing more, and exit ends with 0', async () => {
    const client = await LspClient.start();
    const uri = fileUri(join(ROOT, 'after-shutdown.yaml'));
    await client.open(uri, BROKEN);
    await client.diagnostics(uri, 1);
    await client.shutdown();
    const at = { line: 9, character: 14 };
    const refused = { code: -32600 };
    await expect(client.hover(uri, at)).rejects.toMatchObject(refused);
    await expect(client.completion(uri, at)).rejects.toMatchObject(refused);
    await expect(client.codeActions(uri, { start: at, end: at })).rejects.toMatchObject(refused);
    await expect(client.shutdown()).rejects.toMatchObject(refused);
    await expect(client.request('initialize', { processId: null, rootUri: null, capabilities: {} })).rejects.toMatchObject(refused);
    // A change and a close after shutdown: neither is published (the change would be within a debounce
    // and a lint of this plan, well under the hover answered after it).
    const published = client.published.length;
    await client.change(uri, 2, [{ text: 'apiVersion: kube-netlint/v1\nkind: ClusterPlan\n' }]);
    await client.close(uri);
    await new Promise((r) => setTimeout(r, 500));
    expect(client.published.length).toBe(published);
    expect(await client.exit()).toBe(0);
  });

  it('exit without shutdown ends with 1', async () => {
    const client = await LspClient.start();
    expect(await client.exit()).toBe(1);
  });
});

describe('documents with unusual URIs', () => {
  it('lints a remote file:// URI, an unsaved document and an http: URI like an unsaved one, logging no stack trace', async () => {
    const client = await LspClient.start();
    for (const uri of ['file://remotehost/share/plan.yaml', 'untitled:Untitled-1', 'http://example.com/plan.yaml']) {
      await client.open(uri, BROKEN);
      expect(
        (await client.diagnostics(uri, 1)).map((d) => d.code),
        uri,
      ).toContain('duplicate-mac');
      expect(await client.hover(uri, { line: 0, character: 0 }), uri).toBeNull();
    }
    expect(failures(client)).toEqual([]);
    expect(client.stderr).toBe('');
    expect(await client.stop()).toBe(0);
  });
});
