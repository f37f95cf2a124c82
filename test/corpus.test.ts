// The real inventories of ../shared/corpus/realworld, read as their repositories lay them out: every file
// lints without a crash, working clusters give no error a Kubernetes engineer would call false, and the
// findings input-formats.md section 11.3 expects appear where it says. (kubeadm, k3s and RKE2 files are
// covered by their formats' own tests.)
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/core/types';
import { lint } from '../src/linter';
import { fileSystemHost } from '../src/workspace/input-host';
import { corpus } from './support/corpus';

const lintFile = (path: string) => lint(readFileSync(path, 'utf8'), { filePath: path, host: fileSystemHost });
const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error').map((d) => `${d.ruleId} ${d.message}`);
const at = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.column} ${d.ruleId}`;

/**
 * A corpus talconfig.yaml in a folder of its own, with the patch files it names (`@./…`) there but empty: the corpus
 * keeps the talconfig alone, and talhelper skips an empty patch file.
 */
function talconfigLayout(name: string): string {
  const root = mkdtempSync(join(tmpdir(), 'knl-corpus-'));
  const text = readFileSync(join(corpus('talos'), name), 'utf8');
  for (const [, patch] of text.matchAll(/"@\.\/([^"]+)"/g)) {
    mkdirSync(dirname(join(root, patch)), { recursive: true });
    writeFileSync(join(root, patch), '');
  }
  writeFileSync(join(root, 'talconfig.yaml'), text);
  return join(root, 'talconfig.yaml');
}

describe('Talos: talconfig.yaml', () => {
  it("reads a working five-node cluster (Diaoul's) with nothing to report but the notes", () => {
    const result = lintFile(talconfigLayout('diaoul-home-ops.talconfig.yaml'));
    expect(result.isPlan).toBe(true);
    // DHCP on bond0 with the node's address reserved is no dhcp-address finding.
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(['no-firewall']);
  });

  it("reads talhelper's example: its MAC glob is a pattern, not an invalid MAC", () => {
    const result = lintFile(talconfigLayout('talhelper-example.talconfig.yaml'));
    expect(result.isPlan).toBe(true);
    expect(result.diagnostics.filter((d) => d.ruleId === 'invalid-mac')).toEqual([]);
    // Its firewalls are illustrations: the control plane blocks all but the kubelet, which the required flows say.
    expect(result.diagnostics.map(at)).toContain('71:22 apiserver-unreachable');
  });

  it('passes the other Talos tools by (topf, cluster-template), and skips templates', () => {
    for (const name of ['diaoul-home-ops.topf.yaml', 'cluster-template.nodes.sample.yaml'])
      expect(lintFile(join(corpus('talos'), name)).isPlan, name).toBe(false);
  });
});

/** A kubespray inventory and its group_vars, laid out as in the repository they come from. */
function layout(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'knl-corpus-'));
  for (const [to, from] of Object.entries(files)) {
    mkdirSync(dirname(join(root, to)), { recursive: true });
    cpSync(join(corpus('kubespray'), from), join(root, to));
  }
  return root;
}

describe('kubespray: inventories with their group_vars', () => {
  it("reads llaoj's cluster (INI, ansible_host only) with its own pod subnet and no error", () => {
    const root = layout({
      'inventory.ini': 'llaoj.inventory.ini',
      'group_vars/all/all.yml': 'llaoj.group_vars.all.all.yml',
      'group_vars/k8s_cluster/k8s-cluster.yml': 'llaoj.group_vars.k8s_cluster.k8s-cluster.yml',
    });
    const result = lintFile(join(root, 'inventory.ini'));
    expect(result.isPlan).toBe(true);
    expect(result.imported?.length).toBe(2);
    expect(errors(result.diagnostics)).toEqual([]);
    // skydns_server is Jinja: counted, not judged, in the group_vars file.
    const unresolved = result.diagnostics.find((d) => d.ruleId === 'import-unresolved');
    expect(unresolved?.filePath).toBe(join(root, 'group_vars/k8s_cluster/k8s-cluster.yml'));
  });

  it("reads kubespray's sample inventory (no hosts yet) without a finding", () => {
    const root = layout({
      'inventory.ini': 'kubespray-sample.inventory.ini',
      'group_vars/all/all.yml': 'kubespray-sample.group_vars.all.all.yml',
      'group_vars/k8s_cluster/k8s-cluster.yml': 'kubespray-sample.group_vars.k8s_cluster.k8s-cluster.yml',
    });
    const result = lintFile(join(root, 'inventory.ini'));
    expect(result.isPlan).toBe(true);
    expect(result.diagnostics).toEqual([]);
  });

  it("reads python-discord's YAML inventory: public addresses, but whether a cloud firewall filters them is unknown", () => {
    const result = lintFile(join(layout({ 'hosts.yaml': 'python-discord.hosts.yaml' }), 'hosts.yaml'));
    expect(result.isPlan).toBe(true);
    expect(result.diagnostics.map((d) => `${d.ruleId}/${d.messageId}`)).toEqual(['no-firewall/unknown']);
  });
});
