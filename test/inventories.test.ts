// Inventories as pre-commit and the editor meet them: a changed group_vars file lints the inventory it
// belongs to, and suppression comments work in INI inventories (`#` and `;`).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/linter';
import { fileSystemHost } from '../src/workspace/input-host';
import { run } from './support/cli-process';
import { FIXTURES } from './support/fixtures';

describe('kubespray inventories', () => {
  it('lints the inventory a changed group_vars file belongs to, with the findings in that file', () => {
    const changed = join(FIXTURES, 'inputs/kubespray/yaml-layers/group_vars/k8s_cluster/k8s-cluster.yml');
    const r = run(['--format', 'json', changed]);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
    const inFile = results.find((x) => x.filePath === changed)!;
    expect(inFile.messages.map((m) => `${m.line} ${m.ruleId}`)).toEqual(['4 cidr-overlap', '5 pod-block-too-small']);
    expect(results.map((x) => x.filePath)).toContain(join(FIXTURES, 'inputs/kubespray/yaml-layers/hosts.yaml'));
  });

  it('honours suppression comments in an INI inventory, with # or ;', () => {
    const dir = mkdtempSync(join(tmpdir(), 'knl-ini-'));
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'inventory.ini');
    const text = [
      '[kube_control_plane]',
      'cp1 ansible_host=10.0.0.1 ip=10.0.0.1',
      '; kube-netlint-disable-next-line duplicate-address -- the same VM twice while migrating',
      'cp2 ansible_host=10.0.0.1 ip=10.0.0.1',
      '',
      '[etcd:children]',
      '# kube-netlint-disable-next-line etcd-member-count -- a third member joins next week',
      'kube_control_plane',
      '',
      '[k8s_cluster:children]',
      'kube_control_plane',
      '',
    ].join('\n');
    writeFileSync(path, text);
    const found = lint(text, { filePath: path, host: fileSystemHost }).diagnostics.map((d) => d.ruleId);
    expect(found).toEqual(['no-firewall']);
  });

  it('stops past the time budget while parsing an inventory, a script or a ruleset, with one resource-limit finding', () => {
    const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('\n');
    const inputs: [string, string][] = [
      ['inventory.ini', `[kube_node]\n${lines(100_000, (i) => `node${i} ansible_host=10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`)}\n`],
      ['fw.sh', `#!/bin/sh\n${lines(100_000, (i) => `firewall-cmd --permanent --add-port=${(i % 60000) + 1}/tcp`)}\n`],
      [
        'rules.nft',
        `table inet f {\n  chain input {\n    type filter hook input priority 0; policy drop;\n${lines(100_000, (i) => `    tcp dport ${(i % 60000) + 1} accept`)}\n  }\n}\n`,
      ],
      ['rules.v4', `*filter\n:INPUT DROP [0:0]\n${lines(100_000, (i) => `-A INPUT -p tcp --dport ${(i % 60000) + 1} -j ACCEPT`)}\nCOMMIT\n`],
    ];
    for (const [name, text] of inputs) {
      const result = lint(text, { filePath: join(tmpdir(), name), config: { limits: { timeBudgetMs: 1 } } });
      expect(
        result.diagnostics.map((d) => `${d.ruleId}/${d.messageId}`),
        name,
      ).toEqual(['resource-limit/timeBudget']);
    }
  });
});
