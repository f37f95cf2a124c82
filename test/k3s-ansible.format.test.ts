// The k3s-ansible format (src/formats/k3s-ansible): which inventories are its own (and not kubespray's or
// k3s's), servers and agents with their roles and addresses, k3s flags read from extra_*_args strings and
// *_config_yaml blocks with positions in the inventory (a finding inside server_config_yaml lands at its
// outer line and column), templates set aside, and k3s-ansible's sample inventory from the corpus.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Span } from '../src/core/types';
import type { Diagnostic } from '../src/core/types';
import { BUILTIN_FORMATS } from '../src/formats';
import { k3sAnsible } from '../src/formats/k3s-ansible';
import { kubespray } from '../src/formats/kubespray';
import { k3s, rke2 } from '../src/formats/rancher';
import { lint } from '../src/linter';
import type { PlanPart } from '../src/model/types';
import { parseDocuments } from '../src/source/parse';
import { fileSystemHost } from '../src/workspace/input-host';
import { corpus } from './support/corpus';
import { FIXTURES } from './support/fixtures';

function docs(text: string) {
  const parsed = parseDocuments(text);
  if (!parsed.ok) throw new Error('unparsable test text');
  return parsed.documents;
}

/** The format that claims the text's first document, as the engine asks them (in order). */
const claimant = (text: string, filePath?: string) => {
  const d = docs(text);
  return BUILTIN_FORMATS.find((f) => !f.importedOnly && f.claims(d[0], d, filePath))?.id;
};

/** The part the format reads, after it claimed the document (as the engine does: claims sees the text). */
function part(text: string): PlanPart {
  const [d] = docs(text);
  if (!k3sAnsible.claims(d)) throw new Error('not claimed as k3s-ansible');
  return k3sAnsible.read(d.doc, () => {});
}

const at = (text: string, span: Span | undefined) => (span ? text.slice(span[0], span[1]) : undefined);
const written = (text: string, d: Diagnostic) => text.slice(d.range.start.offset, d.range.end.offset);
const lintText = (text: string) => lint(text, { filePath: 'inventory.yml' });
/** Each node's roles by its name. */
const roles = (p: PlanPart): Record<string, string> =>
  Object.fromEntries(p.nodes.map((n) => [n.name?.value ?? '', n.roles.map((r) => r.value).join('+')] as const));

/** An inventory of `servers` and `agents` (host lines as written under `hosts:`), with `vars` lines. */
const inventory = (servers: string[], agents: string[], vars: string[] = []) =>
  [
    'k3s_cluster:',
    '  children:',
    '    server:',
    '      hosts:',
    ...servers.map((s) => `        ${s}`),
    '    agent:',
    '      hosts:',
    ...agents.map((a) => `        ${a}`),
    '  vars:',
    '    k3s_version: v1.31.12+k3s1',
    ...vars.map((v) => `    ${v}`),
    '',
  ].join('\n');

describe('detection', () => {
  it("claims k3s-ansible's layout: server and agent groups under k3s_cluster", () => {
    expect(claimant(inventory(['10.0.0.11:'], ['10.0.0.21:']))).toBe('k3s-ansible');
    // Without vars, and under `all`.
    expect(claimant('all:\n  children:\n    k3s_cluster:\n      children:\n        server:\n          hosts: {cp-1: }\n')).toBe('k3s-ansible');
  });

  it('claims a server group elsewhere only beside k3s-ansible variables, and the group server_group names', () => {
    expect(claimant('cluster:\n  children:\n    server:\n      hosts: {cp-1: }\n  vars:\n    extra_server_args: --disable traefik\n')).toBe('k3s-ansible');
    expect(claimant('k3s_cluster:\n  children:\n    masters:\n      hosts: {cp-1: }\n  vars:\n    server_group: masters\n')).toBe('k3s-ansible');
    expect(claimant('web:\n  children:\n    server:\n      hosts: {www-1: }\n  vars:\n    http_port: 80\n')).toBeUndefined();
  });

  it('leaves kubespray inventories to kubespray, and is claimed by neither kubespray nor k3s/RKE2', () => {
    const spray = readFileSync(join(FIXTURES, 'inputs/kubespray/yaml-layers/hosts.yaml'), 'utf8');
    expect(claimant(spray)).toBe('kubespray');
    expect(k3sAnsible.claims(docs(spray)[0])).toBe(false);
    const both = 'k3s_cluster:\n  children:\n    server:\n      hosts: {a: }\n    kube_control_plane:\n      hosts: {a: }\n';
    expect(k3sAnsible.claims(docs(both)[0])).toBe(false);
    const text = inventory(['10.0.0.11:'], ['10.0.0.21:'], ['server_config_yaml: |', '  cluster-cidr: 10.42.0.0/16']);
    const [d] = docs(text);
    for (const f of [kubespray, k3s, rke2]) expect(f.claims(d, [d], 'inventory.yml'), f.id).toBe(false);
    for (const f of [kubespray, k3s, rke2]) expect(f.looksLike(text), f.id).toBe(false);
  });

  it('does not claim Ansible variables alone (a group_vars file) or other YAML', () => {
    expect(claimant('k3s_version: v1.31.1+k3s1\nextra_server_args: --disable traefik\nserver_config_yaml: |\n  a: b\n')).toBeUndefined();
    expect(claimant('server:\n  hosts: [a]\n')).toBeUndefined();
    expect(claimant('- hosts: server\n  roles: [k3s_server]\n')).toBeUndefined();
  });

  it('looks at a text too large or too broken to parse by its lines', () => {
    expect(k3sAnsible.looksLike('k3s_cluster:\n  children:\n    server:\n      hosts:\n')).toBe(true);
    expect(k3sAnsible.looksLike('cluster:\n  children:\n    server:\n  vars:\n    k3s_version: v1\n')).toBe(true);
    expect(k3sAnsible.looksLike('web:\n  children:\n    server:\n')).toBe(false);
    const broken = lint('k3s_cluster:\n  children:\n    server:\n      hosts: [10.0.0.1\n', { filePath: 'inventory.yml' });
    expect(broken.isPlan).toBe(true);
    expect(broken.diagnostics.map((d) => d.ruleId)).toContain('yaml-syntax');
  });
});

describe('servers and agents', () => {
  it('makes servers the control plane, etcd members when there are several (embedded etcd), agents workers', () => {
    expect(roles(part(inventory(['cp-1:'], ['w-1:'])))).toEqual({ 'cp-1': 'control-plane', 'w-1': 'worker' });
    expect(roles(part(inventory(['cp-1:', 'cp-2:', 'cp-3:'], ['w-1:'])))).toEqual({
      'cp-1': 'control-plane+etcd',
      'cp-2': 'control-plane+etcd',
      'cp-3': 'control-plane+etcd',
      'w-1': 'worker',
    });
  });

  it('runs no etcd with an external database, and one on a lone server with cluster-init', () => {
    const ha = ['cp-1:', 'cp-2:'];
    expect(roles(part(inventory(ha, [], ['use_external_database: yes'])))['cp-1']).toBe('control-plane');
    expect(roles(part(inventory(ha, [], ['extra_server_args: "--datastore-endpoint=postgres://db:5432/k3s"'])))['cp-1']).toBe('control-plane');
    expect(roles(part(inventory(['cp-1:'], [], ['server_config_yaml: |', '  cluster-init: true'])))['cp-1']).toBe('control-plane+etcd');
    expect(roles(part(inventory(['cp-1:'], [], ['extra_server_args: --cluster-init'])))['cp-1']).toBe('control-plane+etcd');
  });

  it('locates each role where the inventory puts the host in its group', () => {
    const text = 'k3s_cluster:\n  children:\n    server:\n      hosts: {cp-1: }\n    agent:\n      children:\n        gpu:\n          hosts: {g-1: }\n';
    const p = part(text);
    expect(p.nodes.map((n) => n.roles.map((r) => at(text, r.span)))).toEqual([['cp-1'], ['gpu']]);
  });

  it('joins agents without a server to the cluster at api_endpoint, templated or not', () => {
    for (const endpoint of ['10.0.0.10', '"{{ vip }}"']) {
      const text = inventory([], ['w-1: {ansible_host: 10.0.0.21}'], [`api_endpoint: ${endpoint}`]).replace('    server:\n      hosts:\n', '    server:\n');
      expect(lintText(text).diagnostics.map((d) => d.ruleId)).not.toContain('control-plane-missing');
    }
  });

  it('reads the groups server_group and agent_group name', () => {
    const text =
      'k3s_cluster:\n  children:\n    masters:\n      hosts: {m-1: }\n    workers:\n      hosts: {w-1: }\n  vars:\n    server_group: masters\n    agent_group: workers\n';
    expect(roles(part(text))).toEqual({ 'm-1': 'control-plane', 'w-1': 'worker' });
  });

  it('takes the address Ansible connects to when it is an IP address, else leaves it unknown', () => {
    const p = part(
      inventory(
        ['10.0.0.11:', 'cp-2: {ansible_host: 10.0.0.12}', 'cp-3: {ansible_host: cp-3.lan}'],
        [
          'vagrant-1: {ansible_host: 127.0.0.1, ansible_port: 2222}',
          'nat-1: {ansible_host: 203.0.113.7, ansible_port: 2201}',
          'nat-2: {ansible_host: 203.0.113.7, ansible_port: 2202}',
        ],
      ),
    );
    const addresses: Record<string, string> = Object.fromEntries(
      p.nodes.map(
        (n) => [n.name?.value ?? '', n.interfaces[0].addresses.map((a) => a.value).join() || (n.interfaces[0].addressUnknown ? 'unknown' : 'none')] as const,
      ),
    );
    expect(addresses).toEqual({
      '10.0.0.11': '10.0.0.11',
      'cp-2': '10.0.0.12',
      'cp-3': 'unknown',
      'vagrant-1': 'unknown',
      'nat-1': 'unknown',
      'nat-2': 'unknown',
    });
    expect(p.nodes.flatMap((n) => n.interfaces[0].addresses).every((a) => a.subnetUnknown)).toBe(true);
  });

  it('takes --node-ip (and node-name) over ansible_host, host variables over group ones', () => {
    const text = inventory(
      ['cp-1: {ansible_host: 10.0.0.11}'],
      ['w-1: {ansible_host: 10.0.0.21, extra_agent_args: "--node-ip=192.168.5.21 --node-name=gpu-1"}', 'w-2: {ansible_host: 10.0.0.22}'],
      ['extra_agent_args: --node-label=x=y'],
    );
    const p = part(text);
    expect(p.nodes.map((n) => [n.name?.value, n.interfaces[0].addresses.map((a) => at(text, a.span)).join()])).toEqual([
      ['cp-1', '10.0.0.11'],
      ['gpu-1', '192.168.5.21'],
      ['w-2', '10.0.0.22'],
    ]);
  });
});

describe('k3s flags and their positions', () => {
  it('locates flag values inside extra_server_args, --flag=value and --flag value, comma lists item by item', () => {
    const text = inventory(['cp-1:'], [], ['extra_server_args: "--cluster-cidr=10.42.0.0/16,fd42::/56 --service-cidr 10.43.0.0/16,fd43::/112 -v 2"']);
    const n = part(text).networks;
    expect(n.lists.pods!.map((e) => at(text, e.span))).toEqual(['10.42.0.0/16', 'fd42::/56']);
    expect(n.lists.services!.map((e) => at(text, e.span))).toEqual(['10.43.0.0/16', 'fd43::/112']);
    expect(at(text, n.keySpans.pods)).toBe('--cluster-cidr');
  });

  it('locates values in a folded block of flags, a quoted word, and at the whole scalar when escapes change it', () => {
    const folded = inventory(['cp-1:'], ['w-1:', '  extra_agent_args: >-', '    --node-label=a=b', "    --node-ip '10.0.0.21'"]);
    expect(at(folded, part(folded).nodes[1].interfaces[0].addresses[0].span)).toBe('10.0.0.21');
    const escaped = inventory(['cp-1:'], [], ['extra_server_args: "--cluster-cidr=10.42.0.0/16 \\x2d-service-cidr=10.43.0.0/16"']);
    const pods = part(escaped).networks.lists.pods!;
    expect(at(escaped, pods[0].span)).toBe('"--cluster-cidr=10.42.0.0/16 \\x2d-service-cidr=10.43.0.0/16"');
  });

  it('reads server_config_yaml at its lines: a finding inside the block lands at its outer line and column', () => {
    const text = readFileSync(join(FIXTURES, 'inputs/k3s-ansible/node-in-cluster-cidr.yaml'), 'utf8');
    const finding = lint(text, { filePath: 'inventory.yml' }).diagnostics.find((d) => d.ruleId === 'node-address-in-cluster-cidr')!;
    const related = finding.related[0];
    expect(text.slice(related.range.start.offset, related.range.end.offset)).toBe('192.168.0.0/16');
    expect([related.range.start.line, related.range.start.column]).toEqual([21, 21]);
    expect(text.split('\n')[20]).toBe('      cluster-cidr: 192.168.0.0/16');
  });

  it('keeps positions exact in a |- block, after blank lines, with CRLF line ends and an indentation of its own', () => {
    const lines = [
      'server_config_yaml: |-  # config.yaml',
      '    write-kubeconfig-mode: "0644"',
      '',
      '    service-cidr: 10.43.0.0/8',
      '    cluster-cidr: "10.42.0.0/16,fd42::/56"',
    ];
    for (const eol of ['\n', '\r\n']) {
      const text = inventory(['cp-1:'], [], lines).replaceAll('\n', eol);
      const p = part(text);
      expect(p.networks.lists.pods!.map((e) => at(text, e.span))).toEqual(['10.42.0.0/16', 'fd42::/56']);
      const size = lintText(text).diagnostics.find((d) => d.ruleId === 'service-cidr-size')!;
      expect(written(text, size)).toBe('10.43.0.0/8');
      expect([size.range.start.line, size.range.start.column]).toEqual([13, 23]);
    }
  });

  it('locates every value of a folded server_config_yaml at the whole scalar (its lines are not its text)', () => {
    const text = inventory(['cp-1:'], [], ['server_config_yaml: >', '  cluster-cidr: 10.42.0.0/16', '', '  service-cidr: 10.43.0.0/8']);
    const p = part(text);
    expect(at(text, p.networks.lists.services![0].span)).toMatch(/^>\n {6}cluster-cidr/);
    expect(p.networks.lists.services![0].value).toBe('10.43.0.0/8');
  });

  it('reports YAML that does not parse inside the block at its place, as input-syntax, and reads the inventory on', () => {
    const text = inventory(['cp-1: {ansible_host: 10.0.0.11}'], [], ['server_config_yaml: |', '  cluster-cidr: [10.42.0.0/16', '  service-cidr: 10.43.0.0/16']);
    const ds = lintText(text).diagnostics;
    const syntax = ds.filter((d) => d.ruleId === 'input-syntax');
    expect(syntax.length).toBeGreaterThan(0);
    expect(syntax[0].message).toMatch(/^server_config_yaml is not valid YAML: /);
    expect(syntax[0].range.start.line).toBeGreaterThanOrEqual(10);
    expect(ds.map((d) => d.ruleId)).not.toContain('yaml-syntax');
  });

  it('reports a block that is not a mapping of flags', () => {
    const text = inventory(['cp-1: {ansible_host: 10.0.0.11}'], [], ['server_config_yaml: |', '  - cluster-cidr=10.42.0.0/16']);
    const syntax = lintText(text).diagnostics.find((d) => d.ruleId === 'input-syntax')!;
    expect(syntax.message).toBe('server_config_yaml is not a mapping of k3s flags (config.yaml keys)');
    expect(written(text, syntax)).toBe('- cluster-cidr=10.42.0.0/16');
  });

  it('takes a flag given on the command line over the config file, as k3s does', () => {
    const text = inventory(
      ['cp-1:'],
      [],
      ['extra_server_args: --cluster-cidr=10.52.0.0/16', 'server_config_yaml: |', '  cluster-cidr: 10.42.0.0/16', '  flannel-backend: host-gw'],
    );
    const p = part(text);
    expect(p.networks.lists.pods!.map((e) => e.value)).toEqual(['10.52.0.0/16']);
    expect([p.pluginAt?.value, p.modeAt?.value, at(text, p.modeAt?.span)]).toEqual(['flannel', 'host-gw', 'host-gw']);
  });

  it('reads a config written as a mapping (from_yaml passes one through): its scalars, located', () => {
    const text = inventory(
      ['cp-1: {ansible_host: 10.0.0.11}', 'cp-2: {ansible_host: 10.0.0.12}'],
      [],
      ['server_config_yaml:', '  cluster-cidr: 10.42.0.0/16,fd42::/56', '  flannel-backend: none', '  datastore-endpoint: postgres://db:5432/k3s'],
    );
    const p = part(text);
    expect(p.networks.lists.pods!.map((e) => at(text, e.span))).toEqual(['10.42.0.0/16', 'fd42::/56']);
    expect(p.pluginAt?.value).toBe('none');
    expect(roles(p)['cp-1']).toBe('control-plane');
  });

  it('locates values at the whole scalar when the format is forced (--input-format) and never saw the text', () => {
    const text = inventory(['cp-1: {ansible_host: 10.0.0.11}'], [], ['extra_server_args: "--cluster-cidr=10.42.0.0/16 --service-cidr=10.43.0.0/8"']);
    const size = lint(text, { filePath: 'inventory.yml', inputFormat: 'k3s-ansible' }).diagnostics.find((d) => d.ruleId === 'service-cidr-size')!;
    expect(written(text, size)).toBe('"--cluster-cidr=10.42.0.0/16 --service-cidr=10.43.0.0/8"');
    const detected = lintText(text).diagnostics.find((d) => d.ruleId === 'service-cidr-size')!;
    expect(written(text, detected)).toBe('10.43.0.0/8');
  });

  it('reads api_endpoint and api_port as the endpoint, an IPv6 address in brackets', () => {
    const e = part(inventory(['cp-1:'], [], ['api_endpoint: 10.0.0.10', 'api_port: 16443'])).controlPlaneEndpoint!;
    expect(e.endpoint).toMatchObject({ host: '10.0.0.10', port: 16443 });
    expect(part(inventory(['cp-1:'], [], ['api_endpoint: "fd00::10"', 'api_port: 6443'])).controlPlaneEndpoint!.value).toBe('[fd00::10]:6443');
    expect(part(inventory(['cp-1:'], [], ['api_endpoint: vip.lan'])).controlPlaneEndpoint!.value).toBe('vip.lan');
  });

  it("gives k3s defaults: 10.42.0.0/16 pods and 10.43.0.0/16 services, as k3s-ansible's prereq role assumes", () => {
    const p = part(inventory(['cp-1:'], []));
    expect([p.impliedDistribution, p.defaults?.pods, p.defaults?.services]).toEqual(['k3s', ['10.42.0.0/16'], ['10.43.0.0/16']]);
    const text = inventory(['cp-1: {ansible_host: 10.42.7.1}'], []);
    expect(lintText(text).diagnostics.map((d) => d.ruleId)).toContain('node-address-in-cluster-cidr');
  });
});

describe('templates', () => {
  it('sets aside Jinja in variables, flags and server_config_yaml (unquoted too), located where written', () => {
    const text = readFileSync(join(FIXTURES, 'inputs/k3s-ansible/templated.yaml'), 'utf8');
    const p = part(text);
    expect(p.unresolved!.map((u) => at(text, u.span))).toEqual([
      `"{{ hostvars[groups['server'][0]]['ansible_host'] }}"`,
      '{{ ansible_default_ipv4.address }}',
      "{{ lookup('env', 'POD_CIDR') }}",
      "{{ lookup('env', 'EXTERNAL_IP') }}",
    ]);
    const ds = lintText(text).diagnostics;
    expect(ds.filter((d) => d.severity === 'error')).toEqual([]);
    expect(ds.map((d) => d.ruleId).sort()).toEqual(['import-unresolved', 'no-firewall']);
  });

  it('reads none of a string a template statement decides, and counts it once', () => {
    const text = inventory(['cp-1:', 'cp-2:'], [], ['server_config_yaml: |', '  {% if ipv6 %}', '  cluster-cidr: fd42::/56', '  {% endif %}']);
    const p = part(text);
    expect(p.networks.lists.pods).toBeUndefined();
    expect(p.unresolved!.length).toBe(1);
    expect(lintText(text).diagnostics.map((d) => d.ruleId)).not.toContain('input-syntax');
  });
});

describe("k3s-ansible's sample inventory (corpus)", () => {
  it('lints without a crash and without an error: three nodes named by address, the endpoint a template', () => {
    const path = join(corpus('k3s-rke2'), 'k3s-ansible.inventory-sample.yml');
    const text = readFileSync(path, 'utf8');
    const result = lint(text, { filePath: path, host: fileSystemHost });
    expect(result.isPlan).toBe(true);
    expect(result.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.ruleId}`)).toEqual(['2:1 no-firewall', '24:19 import-unresolved']);
    expect(claimant(text, path)).toBe('k3s-ansible');
    const p = part(text);
    expect(roles(p)).toEqual({ '192.16.35.11': 'control-plane', '192.16.35.12': 'worker', '192.16.35.13': 'worker' });
  });
});
