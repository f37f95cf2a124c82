// A service's `runsOn` (formerly `on`, which YAML 1.1 readers take for the boolean true), and templated
// values in a ClusterPlan: the old key means what the new one does, `--fix` renames it in place, the
// editor offers only the new one, and a plan linted before its template is rendered gets one note instead
// of findings about `{{ pod_cidr }}`.
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml11 } from 'yaml';
import { completionsAt } from '../server/completion';
import { lint, type Diagnostic } from '../src/linter';
import { ROOT, run } from './support/cli-process';

const HA = join(ROOT, 'fixtures', 'examples', 'ha-cluster.yaml');
const findings = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.ruleId} ${d.message}`);

describe("a service's runsOn", () => {
  const withRunsOn = readFileSync(HA, 'utf8');
  // The same plan as written before the rename: the key's text is shorter, so only columns after it move.
  const withOn = withRunsOn.replaceAll(', runsOn: {', ', on: {');

  it('is what YAML 1.1 readers misread as `on`: `true` for PyYAML, Ansible and yamllint', () => {
    expect(withOn).not.toBe(withRunsOn);
    const services = (text: string) => (parseYaml11(text, { version: '1.1' }) as { spec: { services: Record<string, unknown>[] } }).spec.services;
    expect(Object.keys(services(withOn)[0])).toContain('true');
    expect(Object.keys(services(withRunsOn)[0])).toContain('runsOn');
  });

  it('means what `on` meant: the same findings, less the deprecated-key warning', () => {
    const before = lint(withOn, { filePath: HA }).diagnostics;
    const after = lint(withRunsOn, { filePath: HA }).diagnostics;
    expect(after).toEqual([]);
    const deprecated = before.filter((d) => d.ruleId === 'deprecated-key');
    expect(deprecated).toHaveLength(withOn.split(', on: {').length - 1);
    expect(findings(before.filter((d) => d.ruleId !== 'deprecated-key'))).toEqual(findings(after));
    // A plan that selects nodes with the old key still has its flows and exposure judged on those nodes.
    const narrowed = (text: string) => text.replace(/ (runsOn|on): \{roles: \[worker\]\}, exposure: internal/, ' $1: {nodes: [nobody]}, exposure: internal');
    const unknown = (text: string) => lint(narrowed(text), { filePath: HA }).diagnostics.filter((d) => d.ruleId === 'firewall-unknown-reference');
    expect(unknown(withOn)).toHaveLength(1);
    expect(unknown(withRunsOn)).toHaveLength(1);
  });

  it('`kube-netlint --fix` renames `on`, keeping its value, quotes and comments', () => {
    const dir = mkdtempSync(join(tmpdir(), 'knl-runs-on-'));
    const plan = join(dir, 'plan.yaml');
    copyFileSync(join(ROOT, 'fixtures', 'deprecated-key', 'invalid', 'service-on.yaml'), plan);
    const fixed = run(['--fix', plan]);
    // What --fix cannot do is left: the entry that sets both keys.
    expect(fixed.stdout).toMatch(/21:7 +warning +`on` is the old name of `runsOn`, which this entry also sets/);
    expect(fixed.stdout).not.toContain('rename it to');
    expect(fixed.stderr).toBe('');
    expect(readFileSync(plan, 'utf8')).toBe(readFileSync(join(ROOT, 'fixtures', 'deprecated-key', 'invalid', 'service-on.fixed.yaml'), 'utf8'));
  });

  it('is offered by completion in a services entry, and `on` is not', () => {
    const text = 'apiVersion: kube-netlint/v1\nkind: ClusterPlan\nspec:\n  services:\n    - name: redis\n      protocol: tcp\n      r\n';
    const doc = TextDocument.create('file:///plan.yaml', 'yaml', 1, text);
    const labels = completionsAt(doc, { line: 6, character: 7 }).map((i) => i.label);
    expect(labels).toContain('runsOn');
    expect(labels).not.toContain('on');
    const item = completionsAt(doc, { line: 6, character: 7 }).find((i) => i.label === 'runsOn');
    expect(item?.documentation).toMatchObject({ value: expect.stringContaining('The nodes the service runs on') as unknown });
  });
});

describe('templated values in a ClusterPlan', () => {
  const path = join(ROOT, 'fixtures', 'import-unresolved', 'invalid', 'clusterplan.yaml');
  const text = readFileSync(path, 'utf8');

  it('are counted by import-unresolved, and judged by no other rule', () => {
    const diagnostics = lint(text, { filePath: path }).diagnostics;
    const [note] = diagnostics.filter((d) => d.ruleId === 'import-unresolved');
    expect(note.message).toMatch(/^11 values were not checked because a template fills them in/);
    // The schema still checks types and shapes: a templated port is not a port range.
    expect(diagnostics.filter((d) => d.ruleId !== 'import-unresolved' && d.ruleId !== 'plan-schema')).toEqual([]);
  });

  it('are judged once rendered', () => {
    const rendered = text
      .replace('"{{ api_vip }}:6443"', '192.168.10.5:6443')
      .replace('"{{ pod_cidr }}"', '10.244.0.0/16')
      .replace('"${SERVICE_CIDR}"', '10.96.0.0/8')
      .replace('"{{ cluster_dns }}"', '10.96.0.10')
      .replace('"{{ vpn_cidr }}"', '10.8.0.0/16')
      .replace('"{{ inventory_hostname }}"', 'Master_01')
      .replace('"{{ ansible_default_ipv4.macaddress }}"', '"ff:ff:ff:ff:ff:ff"')
      .replace('"{{ extra_address }}"', '192.168.10.300/24')
      .replace('$GATEWAY', '192.168.20.1')
      .replace('"{{ api_port }}"', '6443')
      .replace('"{{ admin_cidr }}"', 'office');
    const ids = new Set(lint(rendered, { filePath: path }).diagnostics.map((d) => d.ruleId));
    expect(ids.has('import-unresolved')).toBe(false);
    for (const id of ['service-cidr-size', 'invalid-hostname', 'invalid-mac', 'invalid-address', 'route-gateway-unreachable', 'firewall-unknown-reference'])
      expect(ids, id).toContain(id);
  });
});
