// talhelper's companions: talenv.yaml's variables, filled in as talhelper's envsubst does with each value located
// in talenv.yaml (the use in talconfig.yaml related), and `patches` (inline, files, JSON patches) applied in
// talhelper's order. Each case folder (fixtures/inputs/talhelper/<case>/talconfig.yaml) has golden findings.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { Span } from '../src/core/types';
import { operationOf } from '../src/formats/talhelper/json6902';
import { envOf, TalenvValues, type Env } from '../src/formats/talhelper/talenv';
import { lint, printPlan } from '../src/linter';
import type { Located } from '../src/source/yaml-nodes';
import { YamlReader } from '../src/source/yaml-nodes';
import { fileSystemHost } from '../src/workspace/input-host';
import { run } from './support/cli-process';
import { FIXTURES, formatGolden } from './support/fixtures';

const CASES = join(FIXTURES, 'inputs/talhelper');
const lintFile = (path: string) => lint(readFileSync(path, 'utf8'), { filePath: path, host: fileSystemHost });

describe('talhelper case folders', () => {
  const cases = readdirSync(CASES, { withFileTypes: true }).filter((e) => e.isDirectory() && existsSync(join(CASES, e.name, 'talconfig.yaml')));
  it('has the cases for talenv.yaml, inline patches and patch files', () =>
    expect(cases.map((c) => c.name).sort()).toEqual(['patches-files', 'patches-inline', 'talenv']));
  for (const c of cases) {
    it(`${c.name}/talconfig.yaml gives its golden findings`, () => {
      const path = join(CASES, c.name, 'talconfig.yaml');
      const actual = formatGolden(lintFile(path).diagnostics, path);
      const expectedPath = join(CASES, c.name, 'talconfig.expected');
      if (process.env.UPDATE_FIXTURES && (!existsSync(expectedPath) || readFileSync(expectedPath, 'utf8') !== actual)) writeFileSync(expectedPath, actual);
      expect(actual).toBe(readFileSync(expectedPath, 'utf8'));
    });
  }
});

const at = (value: string, start: number): Located<string> => ({ value, span: [start, start + value.length], at: start });
const span = (s: Span) => `${s[0]}-${s[1]}`;

describe("talenv.yaml's variables, as envsubst fills them in", () => {
  const env: Env = new Map<string, Located<string> | 'encrypted'>([
    ['IP', at('10.0.0.1', 100)],
    ['PORT', at('6443', 200)],
    ['SECRET', 'encrypted'],
  ]);

  it('locates a value that is one variable at its value in talenv.yaml, the use recorded', () => {
    for (const written of ['${IP}', '$IP']) {
      const values = new TalenvValues(env);
      const lit = values.resolved({ ...at(written, 0), keySpan: [0, 0] as const });
      expect(lit).toMatchObject({ value: '10.0.0.1', span: [100, 108], at: 100, keySpan: [0, 0] });
      expect(values.substitutions).toEqual([{ value: [100, 108], use: [0, written.length], name: written }]);
      expect(values.unresolved).toEqual([]);
    }
  });

  it('locates a value with variables inside at its own scalar, as a whole', () => {
    const values = new TalenvValues(env);
    const lit = values.resolved(at('https://${IP}:$PORT', 10));
    expect(lit).toEqual({ value: 'https://10.0.0.1:6443', span: [10, 29], at: undefined });
    expect(values.substitutions.map((s) => `${s.name} ${span(s.value)} ${span(s.use)}`)).toEqual(['${IP} 100-108 10-29', '$PORT 200-204 10-29']);
  });

  it('fills in a set variable whatever its default, and reads $$ as a dollar sign', () => {
    const values = new TalenvValues(env);
    expect(values.resolved(at('${IP:-10.9.9.9}', 0))?.value).toBe('10.0.0.1');
    expect(values.resolved(at('${IP-x}', 0))?.value).toBe('10.0.0.1');
    expect(values.resolved(at('a$$b', 0))?.value).toBe('a$b');
  });

  it('leaves unresolved a variable set nowhere (the environment may set it), an encrypted one, and other expressions', () => {
    const values = new TalenvValues(env);
    for (const written of ['${NOPE}', '${NOPE:-10.0.0.2}', '${SECRET}', '${#IP}', '${IP^^}', 'x-$NOPE'])
      expect(values.resolved(at(written, 0)), written).toBeUndefined();
    expect(values.unresolved.map((u) => u.value)).toEqual(['${NOPE}', '${NOPE:-10.0.0.2}', '${SECRET}', '${#IP}', '${IP^^}', 'x-$NOPE']);
    expect(values.substitutions).toEqual([]);
  });

  it('records nothing for a text read again (a global patch, once per node)', () => {
    const values = new TalenvValues(env);
    const quiet = values.quiet();
    expect(quiet.resolved(at('${IP}', 0))?.value).toBe('10.0.0.1');
    quiet.resolved(at('${NOPE}', 0));
    expect([values.substitutions, values.unresolved]).toEqual([[], []]);
  });

  it('reads the env files in order, the later winning, with encrypted values and the SOPS metadata set aside', () => {
    const doc = (text: string) => parseDocument(text) as Document.Parsed;
    const found = envOf([
      { doc: doc('IP: 10.0.0.1\nPORT: 6443\nNAME: cp\n'), format: 'talhelper-env', path: at('talenv.yaml', 0), file: '/talenv.yaml' },
      {
        doc: doc('IP: 10.0.0.2\nNAME: ENC[AES256_GCM,data:AA==,type:str]\nsops:\n  version: 3.9.0\n'),
        format: 'talhelper-env',
        path: at('talenv.sops.yaml', 0),
        file: '/talenv.sops.yaml',
      },
      { doc: doc('IP: 10.0.0.3\n'), format: 'talhelper-patch', path: at('patch.yaml', 0), file: '/patch.yaml' },
    ]);
    expect([...found.entries()].map(([k, v]) => `${k}=${v === 'encrypted' ? v : v.value}`)).toEqual(['IP=10.0.0.2', 'PORT=6443', 'NAME=encrypted']);
  });
});

describe('JSON patches (RFC 6902) in talhelper patches', () => {
  const operation = (yaml: string) => {
    const doc = parseDocument(yaml) as Document.Parsed;
    return operationOf(new YamlReader(doc), doc.contents);
  };
  const fragment = (yaml: string) => JSON.stringify(operation(yaml)?.fragment?.toJSON());

  it('reads an add or replace at a path of keys as the strategic-merge patch it stands for', () => {
    expect(fragment('{op: replace, path: /cluster/network/podSubnets, value: [10.1.0.0/16]}')).toBe('{"cluster":{"network":{"podSubnets":["10.1.0.0/16"]}}}');
    expect(fragment('{op: add, path: /machine/kubelet/extraConfig, value: {maxPods: 250}}')).toBe('{"machine":{"kubelet":{"extraConfig":{"maxPods":250}}}}');
    expect(operation('{op: add, path: /machine/network/interfaces, value: []}')?.replacesInterfaces).toBe(true);
  });

  it('appends one interface with /-, without replacing the others', () => {
    const op = operation('{op: add, path: /machine/network/interfaces/-, value: {interface: eth1}}');
    expect(JSON.stringify(op?.fragment?.toJSON())).toBe('{"machine":{"network":{"interfaces":[{"interface":"eth1"}]}}}');
    expect(op?.replacesInterfaces).toBe(false);
  });

  it('locates the keys it adds at the path', () => {
    const text = '{op: add, path: /cluster/network/podSubnets, value: [10.1.0.0/16]}';
    const cluster = operation(text)!.fragment!.items[0].key as { range: number[] };
    expect(text.slice(cluster.range[0], cluster.range[1])).toBe('/cluster/network/podSubnets');
  });

  it('leaves unresolved what depends on the config patched: remove, move, copy, list indexes, the whole machine', () => {
    for (const yaml of [
      '{op: remove, path: /cluster/network/podSubnets}',
      '{op: move, from: /a, path: /machine/network/hostname}',
      '{op: replace, path: /machine/network/interfaces/0/addresses, value: []}',
      '{op: add, path: /cluster/network/podSubnets/-, value: 10.2.0.0/16}',
      '{op: replace, path: /machine, value: {}}',
    ])
      expect(operation(yaml)?.unresolved?.value, yaml).toMatch(/^(remove|move|replace|add) \//);
  });

  it('passes by what does not bear on the network, and tests', () => {
    for (const yaml of ['{op: remove, path: /machine/install/extensions}', '{op: test, path: /cluster/network/podSubnets, value: []}', '{op: add}'])
      expect(operation(yaml), yaml).toBeUndefined();
  });
});

/** A talconfig.yaml in a folder of its own, with the files beside it. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'knl-talhelper-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return join(dir, 'talconfig.yaml');
}
const planOf = (path: string) => printPlan(readFileSync(path, 'utf8'), { filePath: path, host: fileSystemHost })!;

describe('patches as talhelper applies them', () => {
  const base = [
    'clusterName: lab',
    'endpoint: https://10.0.4.10:6443',
    'nodes:',
    '  - hostname: cp-1',
    '    controlPlane: true',
    '    ipAddress: 10.0.4.11',
    '    networkInterfaces:',
    '      - deviceSelector: {hardwareAddr: "aa:bb:cc:00:00:01"}',
    '        addresses: [10.0.4.11/24]',
  ];

  it('merges an interface into the one with the same MAC selector, and appends its addresses', () => {
    const path = folder({
      'talconfig.yaml': [
        ...base,
        '    patches:',
        '      - |-',
        '        machine:',
        '          network:',
        '            interfaces:',
        '              - deviceSelector: {hardwareAddr: "AA:BB:CC:00:00:01"}',
        '                addresses: [10.0.5.11/24]',
        '',
      ].join('\n'),
    });
    expect(planOf(path)).toContain('- {name: nic0, mac: AA:BB:CC:00:00:01, addresses: [10.0.4.11/24, 10.0.5.11/24]}  # talconfig.yaml:9');
  });

  it("skips a group's patches for a node with overridePatches, and applies the global ones last", () => {
    const path = folder({
      'talconfig.yaml': [
        ...base,
        '  - hostname: w-1',
        '    ipAddress: 10.0.4.21',
        '    overridePatches: true',
        '  - hostname: w-2',
        '    ipAddress: 10.0.4.22',
        '    patches: ["@./host.yaml"]',
        'worker:',
        '  patches: ["@./group.yaml"]',
        'patches: ["@./all.yaml"]',
        '',
      ].join('\n'),
      'group.yaml': 'machine: {network: {hostname: from-group}}\n',
      'host.yaml': 'machine: {network: {hostname: from-node}}\n',
      'all.yaml': 'machine: {sysctls: {net.ipv4.ip_forward: "0"}}\n',
    });
    const printed = planOf(path);
    expect(printed).toContain('- name: w-1  # talconfig.yaml:10');
    expect(printed).toContain('- name: from-node  # host.yaml:1');
    expect(printed).not.toContain('from-group');
    // The global patch's sysctl is every node's, found in the patch file.
    const found = lintFile(path).diagnostics.filter((d) => d.ruleId === 'ip-forward-disabled');
    expect(found.map((d) => /on node "([^"]+)"/.exec(d.message)?.[1])).toEqual(['cp-1', 'from-node', 'w-1']);
    expect(found.every((d) => d.filePath?.endsWith('all.yaml'))).toBe(true);
  });

  it('names the nodes a firewall applies to once the patches have renamed them', () => {
    const path = folder({
      'talconfig.yaml': [
        ...base,
        '  - hostname: w-1',
        '    ipAddress: 10.0.4.21',
        '    patches: ["machine: {network: {hostname: w-renamed}}"]',
        'worker:',
        '  ingressFirewall: {defaultAction: block}',
        '',
      ].join('\n'),
    });
    const found = lintFile(path).diagnostics.map((d) => d.ruleId);
    expect(found).not.toContain('firewall-no-target');
    expect(lintFile(path).diagnostics.find((d) => d.ruleId === 'kubelet-unreachable')?.message).toContain('→ "w-renamed"');
  });

  it('counts a templated value of a global patch once, not once per node', () => {
    const path = folder({
      'talconfig.yaml': [
        ...base,
        '  - hostname: w-1',
        '    ipAddress: 10.0.4.21',
        'patches:',
        '  - |-',
        '    machine: {network: {hostname: "${NODE}"}}',
        '',
      ].join('\n'),
    });
    const notes = lintFile(path).diagnostics.filter((d) => d.ruleId === 'import-unresolved');
    expect(notes.map((d) => d.message)).toEqual([expect.stringMatching(/^1 value was not checked/)]);
  });

  it('leaves unresolved a patch file named with a variable, a Go-templated patch and a $patch directive', () => {
    const path = folder({
      'talenv.yaml': 'SITE: lab\n',
      'talconfig.yaml': [
        ...base,
        'patches:',
        '  - "@./patches/${SITE}.yaml"',
        '  - |-',
        '    machine: {network: {hostname: "{{ .MachineConfig.MachineNetwork.NetworkHostname }}"}}',
        '  - |-',
        '    cluster: {network: {podSubnets: {$patch: delete}}}',
        '',
      ].join('\n'),
      'patches/lab.yaml': 'machine: {network: {hostname: x}}\n',
    });
    const notes = lintFile(path).diagnostics.filter((d) => d.ruleId === 'import-unresolved');
    expect(notes).toHaveLength(1);
    expect(notes[0].message).toContain('3 values were not checked');
    expect(notes[0].message).toContain('"@./patches/${SITE}.yaml"');
    expect(notes[0].message).toContain('"$patch: delete"');
  });

  it('reports an inline patch that is not YAML at its line, and reads the rest', () => {
    const path = folder({ 'talconfig.yaml': [...base, 'patches:', '  - |-', '    machine: {network: {}}', '    machine: {}', ''].join('\n') });
    const found = lintFile(path).diagnostics.filter((d) => d.ruleId === 'input-syntax');
    expect(found.map((d) => d.range.start.line)).toEqual([13]);
    expect(found[0].message).toMatch(/^the patch is not valid YAML/);
  });
});

describe('talenv.yaml in the input set', () => {
  it('honours suppression comments in talenv.yaml and in patch files, where the findings are', () => {
    const path = folder({
      'talenv.yaml': 'A: 10.0.6.11\n# kube-netlint-disable-next-line duplicate-address -- a spare that takes over\nB: 10.0.6.11\n',
      'talconfig.yaml': [
        'clusterName: lab',
        'endpoint: https://10.0.6.10:6443',
        'nodes:',
        '  - {hostname: cp-1, controlPlane: true, ipAddress: "${A}"}',
        '  - {hostname: cp-2, ipAddress: "${B}"}',
        'patches: ["@./net.yaml"]',
        '',
      ].join('\n'),
      'net.yaml': '# kube-netlint-disable-next-line cidr-overlap\ncluster: {network: {podSubnets: [10.244.0.0/16]}}\n',
    });
    expect(lintFile(path).diagnostics.map((d) => `${d.filePath?.split('/').pop() ?? '.'}:${d.range.start.line} ${d.ruleId}`)).toEqual([
      '.:1 no-firewall',
      'net.yaml:1 unused-directive',
    ]);
  });

  it('prints where a substituted value came from', () => {
    const printed = planOf(join(CASES, 'talenv/talconfig.yaml'));
    expect(printed).toContain('- 10.244.0.0/16  # talenv.yaml:4');
  });

  it('lints the talconfig.yaml a changed talenv.yaml belongs to, with the findings in talenv.yaml (as pre-commit passes it)', () => {
    const changed = join(CASES, 'talenv/talenv.yaml');
    const r = run(['--format', 'json', changed]);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
    expect(results.find((x) => x.filePath === changed)?.messages.map((m) => `${m.line} ${m.ruleId}`)).toEqual(['6 duplicate-address']);
  });
});
