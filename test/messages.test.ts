// Message arguments are data, worded by one renderer (src/core/message-args.ts): each type renders as the
// findings have always said it, survives serialisation, and rules pass typed values, not hand-built English.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillTemplate, renderArg, type FirewallArg, type MessageArg, type NetworkArg, type NodeArg, type RuleArg } from '../src/core/message-args';
import { formatMessage } from '../src/rule-kinds/rule';
import * as witness from '../src/analysis/witness';
import * as nodeInterfaces from '../src/analysis/node-interfaces';
import * as clusterNetworks from '../src/analysis/cluster-networks';

const node = (name?: string, index = 0): NodeArg => ({ type: 'node', name, index });
const firewall = (name?: string, index = 0, kind: FirewallArg['kind'] = 'host'): FirewallArg => ({ type: 'firewall', kind, name, index });
const rule = (index: number, of = firewall('cp'), extra: Partial<RuleArg> = {}): RuleArg => ({ type: 'rule', index, firewall: of, ...extra });
const pods: NetworkArg = { type: 'network', kind: 'pods', cidr: '10.244.0.0/16' };
const calico: NetworkArg = { type: 'network', kind: 'pods', cidr: '192.168.0.0/16', defaultOf: 'the default pod CIDR of calico' };

const CASES: [MessageArg, string][] = [
  [node('worker-1'), '"worker-1"'],
  [node(undefined, 2), '#3'],
  [{ type: 'nodes', first: node('w-7'), total: 1 }, 'node "w-7"'],
  [{ type: 'nodes', first: node('w-7'), total: 2, alike: 'on 10.0.0.0/24' }, 'node "w-7" (and 1 other node on 10.0.0.0/24)'],
  [{ type: 'nodes', first: node('w-7'), total: 1000 }, 'node "w-7" (and 999 other nodes)'],
  [{ type: 'nodes', first: node('w-7'), total: 1001 }, 'node "w-7" (and 1,000 other nodes)'],
  [{ type: 'interface', name: 'eth0', index: 0 }, '"eth0"'],
  [{ type: 'interface', index: 1 }, '#2'],
  [{ type: 'service', name: 'ingress', index: 0 }, 'service "ingress"'],
  [{ type: 'service', index: 1, exposure: 'internal' }, 'service #2 (exposure: internal)'],
  [firewall('control-plane'), 'firewall "control-plane"'],
  [firewall(undefined, 1), 'firewall #2'],
  [firewall('sg-workers', 0, 'security-group'), 'security group "sg-workers"'],
  [rule(1), 'rule 2 of firewall "cp"'],
  [rule(1, firewall('cp'), { name: 'allow-api' }), 'rule "allow-api" (2) of firewall "cp"'],
  [rule(1, firewall('cp'), { comment: 'kubelet' }), 'rule 2 ("kubelet") of firewall "cp"'],
  [rule(1, firewall('cp'), { name: 'api', comment: 'kubelet' }), 'rule "api" (2) of firewall "cp"'],
  [{ type: 'default-action', action: 'deny', firewall: firewall('cp') }, 'the default action (deny) of firewall "cp"'],
  [{ type: 'no-allow', groups: [firewall('a', 0, 'security-group')] }, 'security group "a" (no rule allows it)'],
  [{ type: 'no-allow', groups: [firewall('a', 0, 'security-group'), firewall('b', 1, 'security-group')] }, 'security groups "a" and "b" (no rule allows it)'],
  [pods, 'pod CIDR 10.244.0.0/16'],
  [{ type: 'network', kind: 'reserved', cidr: '10.8.0.0/16', name: 'office-vpn' }, 'reserved network "office-vpn" (10.8.0.0/16)'],
  [{ type: 'network', kind: 'reserved', cidr: '10.8.0.0/16' }, 'reserved network 10.8.0.0/16'],
  [calico, 'the default pod CIDR of calico (192.168.0.0/16)'],
  [{ ...calico, unsetKey: 'networks.pods' }, 'the default pod CIDR of calico (192.168.0.0/16), in force because networks.pods is not set'],
  [{ type: 'node-mask', prefix: 24 }, 'node mask /24'],
  [{ type: 'node-mask', prefix: 24, isDefault: true }, 'the default node mask /24'],
  [
    { type: 'node-mask', prefix: 64, family: 'IPv6', isDefault: true, unsetKey: 'nodeCidrMaskSizeIPv6' },
    'the default IPv6 node mask /64 (nodeCidrMaskSizeIPv6 is not set)',
  ],
  [{ type: 'node-mask', prefix: 26, family: 'IPv4' }, 'IPv4 node mask /26'],
  [{ type: 'address', value: 'fd00::11/64', node: node('cp-1') }, 'address "fd00::11/64" of node "cp-1"'],
  [{ type: 'endpoint', address: '192.168.10.11', node: node('master-01') }, '"master-01" (192.168.10.11)'],
  [{ type: 'endpoint', node: node('master-01') }, '"master-01"'],
  [
    { type: 'endpoint', address: '10.244.0.1', network: { ...calico, unsetKey: 'networks.pods' } },
    '10.244.0.1 (the default pod CIDR of calico (192.168.0.0/16), in force because networks.pods is not set)',
  ],
  [{ type: 'endpoint', address: '1.0.0.0', internet: true }, '1.0.0.0 (the internet)'],
  [
    {
      type: 'packet',
      protocol: 'tcp',
      port: 6443,
      from: { type: 'endpoint', address: '1.0.0.0' },
      to: { type: 'endpoint', address: '10.0.0.1', node: node('cp') },
    },
    'tcp 1.0.0.0 → "cp" (10.0.0.1):6443',
  ],
  [
    {
      type: 'packet',
      protocol: 'IP-in-IP (protocol 4)',
      from: { type: 'endpoint', address: '10.0.0.2', node: node('w') },
      to: { type: 'endpoint', node: node('cp') },
    },
    'IP-in-IP (protocol 4) "w" (10.0.0.2) → "cp"',
  ],
  [{ type: 'field', key: 'appliesTo', of: firewall('cp') }, 'appliesTo of firewall "cp"'],
  [{ type: 'field', key: 'runsOn', of: { type: 'service', index: 0 } }, 'runsOn of service #1'],
  [{ type: 'count', n: 1, one: 'node', many: 'nodes' }, '1 node'],
  [{ type: 'count', n: 3, one: 'node', many: 'nodes' }, '3 nodes'],
  [{ type: 'count', n: 0, one: 'node pair', many: 'node pairs', aside: 'more' }, ''],
  [{ type: 'count', n: 1, one: 'node pair', many: 'node pairs', aside: 'more' }, ' (and 1 more node pair)'],
  [{ type: 'count', n: 2, one: 'node pair', many: 'node pairs', aside: 'more' }, ' (and 2 more node pairs)'],
  [{ type: 'count', n: 1, one: 'node', many: 'nodes', aside: 'on' }, ''],
  [{ type: 'count', n: 3, one: 'node', many: 'nodes', aside: 'on' }, ' (on 3 nodes)'],
  [{ type: 'list', items: [rule(1)] }, 'rule 2 of firewall "cp"'],
  [{ type: 'list', items: [rule(0), rule(2)] }, 'rules 1 and 3 of firewall "cp"'],
  [{ type: 'list', items: [rule(0), rule(1, firewall('cp'), { name: 'api' }), rule(2)] }, 'rules 1, "api" (2) and 3 of firewall "cp"'],
  [{ type: 'list', items: [rule(0), rule(3, firewall('wk', 1))] }, 'rule 1 of firewall "cp" and rule 4 of firewall "wk"'],
  [{ type: 'list', items: [0, 1, 2, 3, 4].map((i) => rule(i)), total: 1000 }, 'rules 1, 2, 3, 4, 5 and 995 more of firewall "cp"'],
  [{ type: 'list', items: [rule(0)], total: 3 }, 'rules 1 and 2 more of firewall "cp"'],
  [{ type: 'list', items: [firewall('a'), firewall(undefined, 1)] }, 'firewalls "a" and #2'],
  [{ type: 'list', items: [node('a'), node('b'), node('c')] }, '"a", "b" and "c"'],
  [{ type: 'suggestion', meant: 'k3s' }, '; did you mean "k3s"?'],
  [{ type: 'suggestion' }, ''],
];

describe('message arguments', () => {
  it.each(CASES)('%j renders as its findings say it', (arg, text) => {
    expect(renderArg(arg)).toBe(text);
  });

  it('are plain data: a serialised argument renders the same', () => {
    for (const [arg, text] of CASES) expect(renderArg(JSON.parse(JSON.stringify(arg)) as MessageArg)).toBe(text);
  });

  it("close a default's in-force clause with a comma when the sentence goes on", () => {
    const data = { network: { ...calico, unsetKey: 'networks.pods' }, other: pods };
    const missing = (key: string): never => {
      throw new Error(key);
    };
    expect(fillTemplate('{network} overlaps {other}', data, missing)).toBe(
      'the default pod CIDR of calico (192.168.0.0/16), in force because networks.pods is not set, overlaps pod CIDR 10.244.0.0/16',
    );
    expect(fillTemplate('inside {network}: move it', data, missing)).toBe(
      'inside the default pod CIDR of calico (192.168.0.0/16), in force because networks.pods is not set: move it',
    );
    expect(fillTemplate('{network}', data, missing)).toBe('the default pod CIDR of calico (192.168.0.0/16), in force because networks.pods is not set');
    expect(() => fillTemplate('{nothing}', data, missing)).toThrow('nothing');
  });

  it('fill rule messages beside plain text and numbers, and a missing one is a bug in the rule', () => {
    const meta = {
      id: 'x',
      defaultSeverity: 'error',
      category: 'firewall',
      description: '',
      rationale: '',
      messages: { m: '{rule} opens {n} ports{why}' },
    } as const;
    const data = { rule: rule(0), n: 3, why: { type: 'suggestion', meant: 'k3s' } } as const;
    expect(formatMessage({ ...meta, messages: { ...meta.messages } }, 'm', data)).toBe('rule 1 of firewall "cp" opens 3 ports; did you mean "k3s"?');
    expect(() => formatMessage({ ...meta, messages: { ...meta.messages } }, 'm', { rule: rule(0) })).toThrow('needs data "n"');
  });
});

describe('rules pass typed values', () => {
  it('the analysis modules that name model objects export argument builders, not English labels', () => {
    const exported = [witness, nodeInterfaces, clusterNetworks].flatMap((m) => Object.keys(m));
    const labels = exported.filter((name) => /Label$|^describe/.test(name));
    expect(labels).toEqual([]);
  });

  it('no rule or rule kind words in a template string what an argument type words', () => {
    // Wordings the renderer owns: a rule or a packet, a default in force, an aside counting more, a suggestion.
    const owned =
      /did you mean|in force because|\((and|on) \$\{| → |no rule allows|default action \(|of (node|firewall|service) \$\{|(node|service) #?\$\{|rule \$\{[^}]*\} of/;
    const dirs = [join(__dirname, '..', 'rules'), join(__dirname, '..', 'src', 'rule-kinds')];
    const offenders = dirs.flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.ts'))
        .flatMap((f) => (readFileSync(join(dir, f), 'utf8').match(/`[^`]*`/g) ?? []).filter((t) => t.includes('${') && owned.test(t)).map((t) => `${f}: ${t}`)),
    );
    expect(offenders).toEqual([]);
  });
});
