// The VS Code client: starts the bundled language server for YAML, JSON, INI (Ansible inventories) and firewall files. Everything else
// (which documents are plans, settings, watched configuration files) is the server's business.
import { type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  client = new LanguageClient(
    'kubeNetlint',
    'kube-netlint',
    { module, transport: TransportKind.ipc },
    {
      documentSelector: ['file', 'untitled'].flatMap((scheme) => [
        { scheme, language: 'yaml' },
        { scheme, language: 'json' },
        // Ansible INI inventories (kubespray's inventory.ini), which VS Code opens as `ini`; firewall scripts
        // (firewall-cmd, ufw) as `shellscript`; firewalld zone files as `xml`; Terraform security groups as
        // `terraform` (HashiCorp's extension) or by name; nftables, iptables-save rulesets and firewalld.conf by name.
        { scheme, language: 'ini' },
        { scheme, language: 'shellscript' },
        { scheme, language: 'xml' },
        { scheme, language: 'terraform' },
        { scheme, pattern: '**/{*.nft,*.rules,*.v4,*.v6,*.tf,firewalld.conf}' },
      ]),
      // didChangeConfiguration on any kubeNetlint.* change; the server then reads them back.
      synchronize: { configurationSection: 'kubeNetlint' },
    },
  );
  await client.start();
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}
