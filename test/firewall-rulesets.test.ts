// Firewall rulesets: nftables (`.nft` files, `nft list ruleset`, nft commands) and iptables-save output, read
// into one first-match host firewall each. Positions (every model value points at its text), jumps, gotos
// and returns, sets, policies, stateful rules, detection; property tests that the readers never throw and
// that the model decides packets as the ruleset itself does; and the real nftables template of the corpus.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/core/types';
import type { InputFormat } from '../src/formats/input-format';
import { iptables } from '../src/formats/iptables';
import { isSaveFile } from '../src/formats/iptables/detect';
import { nftables } from '../src/formats/nftables';
import { isRulesetFile } from '../src/formats/nftables/detect';
import { lint } from '../src/linter';
import type { Firewall } from '../src/model/types';
import { parseCidr, parseIp, type IpAddress } from '../src/values/ip';
import { corpus, lintImportedBy } from './support/corpus';
import { partOf } from './support/format-read';

const nft = (text: string) => partOf(nftables, text, 'rules.nft')!;
const ipt = (text: string, filePath = 'rules.v4') => partOf(iptables, text, filePath)!;

/** The firewall's rules as `allow tcp 6443 from 10.0.0.0/8`, in order, then its default. */
function rulesOf(firewall: Firewall): string[] {
  const rules = firewall.rules.map((r) => {
    const proto =
      r.protocol === 'any' ? 'any' : (({ 1: 'icmp', 6: 'tcp', 17: 'udp', 58: 'icmpv6' } as Record<number, string>)[r.protocol] ?? `proto-${r.protocol}`);
    const ports = r.ports ? ` ${r.ports.map((p) => p.value).join(',')}` : '';
    const from = r.from ? ` from ${r.from.map((f) => f.value).join(',')}` : '';
    return `${r.action.value} ${proto}${ports}${from}`;
  });
  return [...rules, `default ${firewall.defaultAction}`];
}

const slice = (text: string, span: readonly [number, number]) => text.slice(span[0], span[1]);

describe('nftables: what a ruleset says, located', () => {
  const text = [
    '#!/usr/sbin/nft -f', //
    'define admins = 10.8.0.0/16',
    'table inet filter {',
    '\tchain input {',
    '\t\ttype filter hook input priority filter; policy drop;',
    '\t\tct state established,related accept',
    '\t\ttcp dport 2379-2380 ip saddr { 192.168.1.11, 192.168.1.12 } counter accept comment "etcd"',
    '\t\ttcp dport { 22, 6443 } ip saddr $admins accept',
    '\t\tudp dport 8472 accept',
    '\t}',
    '}',
    '',
  ].join('\n');

  it('reads each rule at its line, its ports and sources at their text, its policy as the default', () => {
    const fw = nft(text).firewalls[0];
    expect(rulesOf(fw)).toEqual(['allow tcp 2379-2380 from 192.168.1.11,192.168.1.12', 'allow tcp 22,6443 from 10.8.0.0/16', 'allow udp 8472', 'default deny']);
    const [etcd, admin, vxlan] = fw.rules;
    expect(slice(text, etcd.span)).toBe('tcp dport 2379-2380 ip saddr { 192.168.1.11, 192.168.1.12 } counter accept comment "etcd"');
    expect(etcd.name!.value).toBe('tcp dport 2379-2380 ip saddr { 192.168.1.11, 192.168.1.12 } accept');
    expect(etcd.comment).toBe('etcd');
    expect(etcd.ports!.map((p) => slice(text, p.span))).toEqual(['2379-2380']);
    expect(etcd.from!.map((f) => slice(text, f.span))).toEqual(['192.168.1.11', '192.168.1.12']);
    expect(slice(text, etcd.action.span)).toBe('accept');
    expect(slice(text, etcd.protocolAt!.span)).toBe('tcp');
    // A variable's value is located where it is defined.
    expect(admin.from!.map((f) => slice(text, f.span))).toEqual(['10.8.0.0/16']);
    expect(text.slice(0, admin.from![0].span[0])).toMatch(/define admins = $/);
    expect(slice(text, vxlan.span)).toBe('udp dport 8472 accept');
    expect(slice(text, fw.defaultActionAt!.span)).toBe('drop');
    expect(slice(text, fw.name!.span)).toBe('input');
    expect(fw.name!.value).toBe('nftables (rules.nft)');
  });

  it('keeps every span in the file when it is one of several in an input set', () => {
    const base = 1000;
    const fw = partOf(nftables, text, 'rules.nft', base)!.firewalls[0];
    for (const r of fw.rules) {
      expect(text.slice(r.span[0] - base, r.span[1] - base)).toMatch(/accept( comment "etcd")?$/);
      for (const f of r.from ?? []) expect(text.slice(f.span[0] - base, f.span[1] - base)).toBe(f.value);
    }
  });

  it('reads `nft list ruleset` output: named sets, counters, tabs and no semicolons', () => {
    const listed = [
      'table ip filter {',
      '\tset nodes {',
      '\t\ttype ipv4_addr',
      '\t\tflags interval',
      '\t\telements = { 10.0.0.0/24, 10.0.1.5,',
      '\t\t\t     10.0.2.1-10.0.2.2 }',
      '\t}',
      '',
      '\tchain INPUT {',
      '\t\ttype filter hook input priority filter; policy accept;',
      '\t\tip saddr @nodes tcp dport 10250 counter packets 3 bytes 180 accept',
      '\t\ttcp dport 10250 counter packets 0 bytes 0 drop',
      '\t}',
      '}',
    ].join('\n');
    const fw = nft(listed).firewalls[0];
    expect(rulesOf(fw)).toEqual(['allow tcp 10250 from 10.0.0.0/24,10.0.1.5,10.0.2.1/32,10.0.2.2/32', 'deny tcp 10250 from 0.0.0.0/0', 'default allow']);
    // A range of addresses is split into the CIDRs it covers, each at the range's text.
    expect(slice(listed, fw.rules[0].from![2].span)).toBe('10.0.2.1-10.0.2.2');
    expect(fw.rules[1].name!.value).toBe('tcp dport 10250 drop');
  });

  it('reads nft commands: `insert rule` puts its rule first, `add rule` last', () => {
    const commands = [
      'add table inet filter',
      'add chain inet filter input { type filter hook input priority 0 ; policy drop ; }',
      'add rule inet filter input tcp dport 22 accept',
      'insert rule inet filter input tcp dport 6443 accept',
      'add rule inet filter input index 0 udp dport 53 accept',
    ].join('\n');
    const fw = nft(commands).firewalls[0];
    expect(rulesOf(fw)).toEqual(['allow tcp 6443', 'allow udp 53', 'allow tcp 22', 'default deny']);
    expect(slice(commands, fw.rules[0].span)).toBe('insert rule inet filter input tcp dport 6443 accept');
    expect(fw.rules[0].name!.value).toBe('tcp dport 6443 accept');
  });

  it('inlines jumps with their conditions, follows gotos and returns', () => {
    const rules = [
      'table inet filter {',
      '  chain input {',
      '    type filter hook input priority 0; policy drop;',
      '    ip saddr 10.0.0.0/8 jump from_lan',
      '    tcp dport 443 accept',
      '  }',
      '  chain from_lan {',
      '    tcp dport 22 return',
      '    tcp dport { 22, 6443 } accept',
      '    udp dport 53 goto dns',
      '  }',
      '  chain dns {',
      '    ip saddr 10.1.0.0/16 accept',
      '  }',
      '}',
    ].join('\n');
    const fw = nft(rules).firewalls[0];
    expect(rulesOf(fw)).toEqual([
      // `tcp dport 22 return`: packets from the LAN to 22 skip the rest of from_lan and go on after the jump
      // (`tcp dport 443` does not take them), to the policy, decided there explicitly.
      'deny tcp 22 from 10.0.0.0/8',
      'allow tcp 22,6443 from 10.0.0.0/8',
      'allow udp 53 from 10.1.0.0/16',
      // After the goto'd chain, back to the base chain's caller: the policy, not `tcp dport 443`.
      'deny udp 53 from 10.0.0.0/8',
      'allow tcp 443',
      'default deny',
    ]);
  });

  it('decides stateful, loopback and local conditions for the packets it checks', () => {
    const fw = nft(
      [
        'table inet filter {',
        '  chain input {',
        '    type filter hook input priority 0; policy drop;',
        '    ct state established,related accept', // never a new connection: left out
        '    ct state invalid drop',
        '    ct state new tcp dport 80 accept', // always one
        '    iif lo accept', // the node's own packets: never filtered in the model
        '    iifname != "lo" tcp dport 81 accept',
        '    iifname "cni0" tcp dport 53 accept', // from pods
        '    iifname "eth0" tcp dport 82 accept', // taken as the interface the packets come in on
        '    fib daddr type local tcp dport 83 accept',
        '    pkttype { broadcast, multicast } drop',
        '    ip daddr 127.0.0.0/8 drop',
        '  }',
        '}',
      ].join('\n'),
    ).firewalls[0];
    expect(rulesOf(fw)).toEqual(['allow tcp 80', 'allow tcp 81', 'allow tcp 53 from pods', 'allow tcp 82', 'allow tcp 83', 'default deny']);
  });

  it('reads verdict maps, negations, relational ports and protocol sets', () => {
    const fw = nft(
      [
        'table inet filter {',
        '  chain input {',
        '    type filter hook input priority 0; policy accept;',
        '    ct state vmap { established : accept, invalid : drop, new : continue }',
        '    tcp dport vmap { 22 : accept, 23 : drop }',
        '    ip saddr != 10.0.0.0/8 tcp dport < 1024 drop',
        '    meta l4proto { tcp, udp } th dport 53 accept',
        '    meta nfproto ipv6 tcp dport 8080 drop',
        '  }',
        '}',
      ].join('\n'),
    ).firewalls[0];
    expect(rulesOf(fw)).toEqual([
      'allow tcp 22',
      'deny tcp 23',
      'deny tcp 0-1023 from 0.0.0.0/5,8.0.0.0/7,11.0.0.0/8,12.0.0.0/6,16.0.0.0/4,32.0.0.0/3,64.0.0.0/2,128.0.0.0/1',
      'allow tcp 53',
      'allow udp 53',
      'deny tcp 8080 from ::/0',
      'default allow',
    ]);
  });

  it('takes per IP family the first chain that can drop, and counts the others', () => {
    const part = nft(
      [
        'table ip filter { chain INPUT { type filter hook input priority filter; policy accept; } }', // lets everything through
        'table inet fw {',
        '  chain input { type filter hook input priority 10; policy drop; tcp dport 22 accept; }',
        '}',
        'table ip6 late { chain input { type filter hook input priority 20; policy drop; } }',
      ].join('\n'),
    );
    expect(rulesOf(part.firewalls[0])).toEqual(['allow tcp 22', 'default deny']);
    expect(part.unresolved!.map((u) => u.value)).toEqual(['chain ip6 late input (another input chain)']);
  });

  it('joins an ip and an ip6 table into one firewall, each deciding its own family', () => {
    const fw = nft(
      [
        'table ip f4 { chain input { type filter hook input priority 0; policy drop; tcp dport 22 accept; } }',
        'table ip6 f6 { chain input { type filter hook input priority 0; policy accept; tcp dport 22 drop; } }',
      ].join('\n'),
    ).firewalls[0];
    expect(rulesOf(fw)).toEqual(['allow tcp 22 from 0.0.0.0/0', 'deny tcp 22 from ::/0', 'deny any from 0.0.0.0/0', 'default allow']);
  });

  it('reports what nft refuses at its place, and counts what it cannot model, variables and templates without guessing', () => {
    const text = [
      'include "/etc/nftables.d/*.nft"',
      'table inet filter {',
      '  chain input {',
      '    type filter hook input priority 0; policy drop;',
      '    tcp dport $api_port accept',
      '    meta mark 0x1 drop',
      '    tcp dport {{ kubelet_port }} accept',
      '    tcp dport 99999 accept',
      '    jump nowhere',
      '    tcp dport 22 accept',
      '  }',
      '  bogus statement',
      '}',
    ].join('\n');
    const part = nft(text);
    expect(rulesOf(part.firewalls[0])).toEqual(['allow tcp 22', 'default deny']);
    // What nft refuses is a problem; what kube-netlint cannot model (meta mark) is counted with the templates.
    expect(part.unresolved!.map((u) => u.value)).toEqual(['{{ kubelet_port }}', 'include "/etc/nftables.d/*.nft"', '$api_port', 'meta mark 0x1 drop']);
    expect(part.problems!.map((p) => [slice(text, p.span), p.message])).toEqual([
      ['bogus statement', '"bogus" is not something a table holds (chain, set, map, …)'],
      ['tcp dport 99999', '"99999" is not a port range of 0-65535'],
      ['jump nowhere', 'there is no chain "nowhere" to jump to: the ruleset does not load'],
    ]);
  });

  it('reports a jump loop and an unclosed block, and still reads the rest', () => {
    const text = [
      'table inet t {',
      ' chain input { type filter hook input priority 0; policy drop; jump a; tcp dport 1 accept; }',
      ' chain a { jump input }',
      '',
    ].join('\n');
    const part = nft(text);
    expect(part.problems!.map((p) => p.message)).toEqual([
      'the { opened here is never closed',
      'jump to chain "input" loops back to a chain already on the way: the ruleset does not load',
    ]);
    expect(rulesOf(part.firewalls[0])).toEqual(['allow tcp 1', 'default deny']);
  });
});

describe('nftables: a ruleset past the limit of rules', () => {
  it('is not checked, with one problem at the policy, and stops quickly', () => {
    const rules = Array.from({ length: 20_001 }, (_, i) => `    tcp dport ${(i % 60000) + 1} accept`).join('\n');
    const text = `table inet f {\n  chain input {\n    type filter hook input priority 0; policy drop;\n${rules}\n  }\n}\n`;
    const started = performance.now();
    const part = nft(text);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(part.firewalls).toEqual([]);
    expect(part.problems!.map((p) => [slice(text, p.span), p.message])).toEqual([
      ['policy drop', "the chain's rules, its jumps inlined, are more than 20000: kube-netlint does not check this ruleset"],
    ]);
  });
});

describe('iptables-save output: what it says, located', () => {
  const text = [
    '# Generated by iptables-save v1.8.9 on Tue Mar  4 10:12:01 2025',
    '*filter',
    ':INPUT DROP [12:720]',
    ':FORWARD ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':NODES - [0:0]',
    '[5:300] -A INPUT -i lo -j ACCEPT',
    '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    '-A INPUT -s 10.0.0.0/255.255.0.0 -j NODES',
    '-A INPUT -p tcp -m multiport --dports 80,443,8000:8080 -m comment --comment "web" -j ACCEPT',
    '-A NODES ! -s 10.0.0.5/32 -p tcp -m tcp --dport 2379 -j RETURN',
    '-A NODES -p tcp -m tcp --dport 2379:2380 -j ACCEPT',
    'COMMIT',
    '*nat',
    ':PREROUTING ACCEPT [0:0]',
    '-A PREROUTING -p tcp --dport 80 -j REDIRECT --to-ports 8080',
    'COMMIT',
    '',
  ].join('\n');

  it('reads the INPUT chain with the chains it jumps to, each rule at its line', () => {
    const part = ipt(text);
    expect(part.problems).toEqual([]);
    const fw = part.firewalls[0];
    expect(rulesOf(fw)).toEqual([
      // The RETURN for sources other than 10.0.0.5: back in INPUT, the web rule's ports miss 2379, then the
      // policy; the negation is the /16 less 10.0.0.5, as CIDRs.
      'deny tcp 2379 from 10.0.0.0/30,10.0.0.4/32,10.0.0.6/31,10.0.0.8/29,10.0.0.16/28,10.0.0.32/27,10.0.0.64/26,10.0.0.128/25,10.0.1.0/24,10.0.2.0/23,10.0.4.0/22,10.0.8.0/21,10.0.16.0/20,10.0.32.0/19,10.0.64.0/18,10.0.128.0/17',
      'allow tcp 2379:2380 from 10.0.0.0/255.255.0.0',
      'allow tcp 80,443,8000:8080 from 0.0.0.0/0',
      'default deny',
    ]);
    const web = fw.rules[2];
    expect(slice(text, web.span)).toBe('-A INPUT -p tcp -m multiport --dports 80,443,8000:8080 -m comment --comment "web" -j ACCEPT');
    expect(web.name!.value).toBe('-A INPUT -p tcp -m multiport --dports 80,443,8000:8080 -j ACCEPT');
    expect(web.comment).toBe('web');
    expect(web.ports!.map((p) => [slice(text, p.span), p.range])).toEqual([
      ['80,443,8000:8080', [80, 80]],
      ['80,443,8000:8080', [443, 443]],
      ['80,443,8000:8080', [8000, 8080]],
    ]);
    expect(slice(text, fw.defaultActionAt!.span)).toBe('DROP');
    expect(slice(text, fw.name!.span)).toBe('*filter');
    expect(fw.name!.value).toBe('iptables (rules.v4)');
  });

  it('reads ip6tables-save output as IPv6, by its header, its name or its addresses', () => {
    const v6 = ['# Generated by ip6tables-save v1.8.9', '*filter', ':INPUT DROP [0:0]', '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT'].join('\n');
    expect(rulesOf(ipt(v6).firewalls[0])).toEqual(['allow tcp 22 from ::/0', 'default deny']);
    const bare = ['*filter', ':INPUT DROP [0:0]', '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT'].join('\n');
    expect(rulesOf(ipt(bare, '/etc/iptables/rules.v6').firewalls[0])).toEqual(['allow tcp 22 from ::/0', 'default deny']);
    expect(rulesOf(ipt(bare.replace('-p tcp', '-s fd00::/8 -p tcp'), 'fw.rules').firewalls[0])).toEqual(['allow tcp 22 from fd00::/8', 'default deny']);
    expect(rulesOf(ipt(bare, 'fw.rules').firewalls[0])).toEqual(['allow tcp 22 from 0.0.0.0/0', 'default deny']);
  });

  it('reports lines iptables-restore refuses, and counts options it cannot model and templated lines', () => {
    const broken = [
      '*filter',
      ':INPUT DROP [0:0]',
      '-A INPUT -s {{ admins }} -j ACCEPT',
      '-A INPUT -m set --match-set blocked src -j DROP',
      '-A INPUT -p tcp --dport 22 -j NFQUEUE',
      '-A MISSING -j ACCEPT',
      '-A INPUT -j nowhere',
      '-A INPUT --dport 80 -j ACCEPT',
      'garbage',
      '-A INPUT -p udp --dport 53 -j ACCEPT',
    ].join('\n');
    const part = ipt(broken);
    expect(rulesOf(part.firewalls[0])).toEqual(['allow udp 53 from 0.0.0.0/0', 'default deny']);
    // What iptables-restore refuses is a problem; what kube-netlint cannot model (-m set, NFQUEUE) is counted with the templates.
    expect(part.unresolved!.map((u) => u.value)).toEqual([
      '{{ admins }}',
      '-A INPUT -m set --match-set blocked src -j DROP',
      '-A INPUT -p tcp --dport 22 -j NFQUEUE',
    ]);
    expect(part.problems!.map((p) => [slice(broken, p.span), p.message])).toEqual([
      ['MISSING', 'there is no chain "MISSING" in *filter (declare it with `:MISSING - [0:0]`): iptables-restore refuses the line'],
      ['garbage', 'a line of iptables-save output is a table (*filter), a chain (:INPUT DROP [0:0]), a rule (-A INPUT …) or COMMIT'],
      ['*filter', 'the table *filter has no COMMIT line: iptables-restore applies none of it'],
      ['nowhere', 'there is no chain "nowhere" to jump to: iptables-restore refuses the line'],
      ['--dport', '--dport needs a protocol with ports first (-p tcp, -p udp)'],
    ]);
  });

  it('takes the kernel policy (ACCEPT) when the file has no :INPUT line', () => {
    expect(rulesOf(ipt(['*filter', '-A INPUT -p tcp --dport 23 -j DROP', 'COMMIT'].join('\n')).firewalls[0])).toEqual([
      'deny tcp 23 from 0.0.0.0/0',
      'default allow',
    ]);
  });
});

describe('detection', () => {
  it('claims nftables rulesets by content or by the .nft name, never YAML or JSON', () => {
    expect(isRulesetFile('table inet filter {\n  chain input {\n  }\n}\n')).toBe(true);
    expect(isRulesetFile('#!/usr/sbin/nft -f\nflush ruleset\n')).toBe(true);
    expect(isRulesetFile('insert rule inet filter input tcp dport 22 accept\n')).toBe(true);
    expect(isRulesetFile('', 'fw.nft')).toBe(true);
    expect(isRulesetFile('table inet filter {\n  chain input {\n  }\n}\n', 'cloud-init.yaml')).toBe(false);
    // A ruleset inside a YAML block scalar is indented: not a ruleset file.
    expect(isRulesetFile('write_files:\n  - content: |\n      table inet filter {\n        chain input {\n')).toBe(false);
    expect(isRulesetFile('[kube_control_plane]\nnode1\n')).toBe(false);
    expect(isRulesetFile('*filter\n:INPUT DROP [0:0]\nCOMMIT\n')).toBe(false);
  });

  it('claims iptables-save output by content or by its usual names, never YAML or JSON', () => {
    const save = '*filter\n:INPUT DROP [0:0]\n-A INPUT -i lo -j ACCEPT\nCOMMIT\n';
    expect(isSaveFile(save)).toBe(true);
    expect(isSaveFile(save, 'rules.yaml')).toBe(false);
    expect(isSaveFile('*nat\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n')).toBe(false);
    expect(isSaveFile('*nat\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n', '/etc/iptables/rules.v4')).toBe(true);
    // A udev rules file is named .rules too.
    expect(isSaveFile('SUBSYSTEM=="net", ACTION=="add", NAME="eth0"\n', '70-net.rules')).toBe(false);
    expect(isSaveFile('table inet filter {\n chain input {\n }\n}\n')).toBe(false);
  });

  it('is what the engine detects a file named on the command line as', () => {
    const text = 'table inet filter {\n  chain input {\n    type filter hook input priority 0; policy drop;\n  }\n}\n';
    expect(lint(text, { filePath: 'fw.nft' }).isPlan).toBe(true);
    expect(lint('*filter\n:INPUT DROP [0:0]\nCOMMIT\n', { filePath: 'rules.v4' }).isPlan).toBe(true);
    expect(lint('just: yaml\n', { filePath: 'x.yaml' }).isPlan).toBe(false);
  });
});

describe('the fixtures of fixtures/inputs/{nftables,iptables}', () => {
  const dir = join(__dirname, '..', 'fixtures', 'inputs');
  // Their goldens are empty for the correct cases: the firewalls must be there, read whole, for that to mean anything.
  it.each([
    ['nftables', 'kubeadm/control-plane.nft', 7],
    ['nftables', 'kubeadm/worker.nft', 4],
    ['nftables', 'k3s/ruleset.nft', 6],
    ['nftables', 'sets-jumps/ruleset.nft', 11],
    ['iptables', 'kubeadm/control-plane.rules', 8],
    ['iptables', 'kubeadm/worker.rules', 5],
    ['iptables', 'k3s/rules.v4', 7],
  ] as const)('%s %s is read whole, into %i rules', (format, file, count) => {
    const path = join(dir, format, file);
    const part = partOf(format === 'nftables' ? nftables : iptables, readFileSync(path, 'utf8'), path)!;
    expect(part.problems).toEqual([]);
    expect(part.unresolved).toEqual([]);
    expect(part.firewalls[0].rules).toHaveLength(count);
  });
});

describe('property: the readers never throw, and every span stays in the text', () => {
  const NFT_WORDS = [
    'table',
    'inet',
    'ip',
    'ip6',
    'filter',
    'chain',
    'input',
    'type',
    'hook',
    'priority',
    'policy',
    'drop',
    'accept',
    'tcp',
    'udp',
    'dport',
    'saddr',
    'jump',
    'goto',
    'return',
    'set',
    'elements',
    '=',
    '{',
    '}',
    ';',
    ',',
    '\n',
    '22',
    '10.0.0.0/8',
    '1-2',
    '$x',
    '@s',
    'define',
    'x',
    'vmap',
    ':',
    'ct',
    'state',
    'new',
    '"eth0"',
    'iifname',
    'meta',
    'l4proto',
    '!=',
    'insert',
    'add',
    'rule',
    '{{ v }}',
    '#c',
    '\\\n',
  ];
  const IPT_WORDS = [
    '*filter',
    '*nat',
    'COMMIT',
    ':INPUT',
    'DROP',
    'ACCEPT',
    '[0:0]',
    '-A',
    'INPUT',
    'X',
    ':X',
    '-',
    '-s',
    '-p',
    'tcp',
    '--dport',
    '22:23',
    '-m',
    'multiport',
    '--dports',
    '1,2',
    '-j',
    'RETURN',
    '-g',
    '!',
    '"q',
    '10.0.0.0/8',
    '\n',
    '--ctstate',
    'NEW',
    '-i',
    'lo',
    '{{ v }}',
  ];
  const soup = (words: string[]) => fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 4 })), { maxLength: 60 }).map((ws) => ws.join(' '));

  const check = (format: InputFormat, filePath: string) => (text: string) => {
    const base = 7;
    const part = partOf(format, text, filePath, base);
    if (!part) return;
    const inText = (s: readonly [number, number]) => s[0] >= base && s[1] <= base + text.length && s[0] <= s[1];
    for (const f of part.firewalls) {
      expect(inText(f.span) && inText(f.name!.span)).toBe(true);
      for (const r of f.rules) {
        for (const s of [r.span, r.action.span, ...(r.from ?? []).map((x) => x.span), ...(r.ports ?? []).map((x) => x.span)]) expect(inText(s)).toBe(true);
      }
    }
    for (const p of [...(part.problems ?? []), ...(part.unresolved ?? [])]) expect(inText(p.span)).toBe(true);
  };

  it('nftables, on ruleset-like soup and arbitrary text', () => {
    fc.assert(fc.property(fc.oneof(soup(NFT_WORDS), fc.string({ maxLength: 200 })), check(nftables, 'x.nft')), { numRuns: 400 });
  });

  it('iptables, on save-file-like soup and arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          soup(IPT_WORDS).map((t) => `*filter\n${t}`),
          fc.string({ maxLength: 200 }),
        ),
        check(iptables, 'x.v4'),
      ),
      { numRuns: 400 },
    );
  });
});

// A tiny ruleset language, written out as nft and as iptables-save, and evaluated directly: the model the
// readers build must decide every packet as the ruleset does.
type Cond =
  | { kind: 'saddr'; cidr: string; negated: boolean }
  | { kind: 'dport'; proto: 'tcp' | 'udp'; first: number; last: number; negated: boolean }
  | { kind: 'proto'; proto: 'tcp' | 'udp' | 'icmp' }
  | { kind: 'ct'; isNew: boolean };
type Action = { kind: 'accept' | 'drop' | 'return' } | { kind: 'jump' | 'goto'; to: number };
interface Rule {
  conds: Cond[];
  action: Action;
}
interface Ruleset {
  policyDrop: boolean;
  chains: Rule[][];
}
interface Packet {
  src: IpAddress;
  proto: number;
  port: number;
}

const CIDRS = ['10.0.0.0/8', '10.1.0.0/16', '10.1.2.0/24', '192.168.0.0/16', '192.168.1.7/32', '0.0.0.0/1'];
const PROTO = { tcp: 6, udp: 17, icmp: 1 };

const condArb: fc.Arbitrary<Cond> = fc.oneof(
  fc.record({ kind: fc.constant('saddr' as const), cidr: fc.constantFrom(...CIDRS), negated: fc.boolean() }),
  fc
    .record({
      kind: fc.constant('dport' as const),
      proto: fc.constantFrom('tcp' as const, 'udp' as const),
      first: fc.integer({ min: 20, max: 30 }),
      span: fc.integer({ min: 0, max: 5 }),
      negated: fc.boolean(),
    })
    .map(({ span, ...c }) => ({ ...c, last: c.first + span })),
  fc.record({ kind: fc.constant('proto' as const), proto: fc.constantFrom('tcp' as const, 'udp' as const, 'icmp' as const) }),
  fc.record({ kind: fc.constant('ct' as const), isNew: fc.boolean() }),
);

/** Chains 0 (the base chain) to 3; a jump or goto goes only to a later chain, as loops do not load. */
const rulesetArb: fc.Arbitrary<Ruleset> = fc.integer({ min: 1, max: 4 }).chain((count) =>
  fc.record({
    policyDrop: fc.boolean(),
    chains: fc.tuple(
      ...Array.from({ length: count }, (_, c) =>
        fc.array(
          fc.record({
            // One protocol condition per rule at most: iptables takes one -p.
            conds: fc.array(condArb, { maxLength: 3 }).filter((cs) => cs.filter((x) => x.kind === 'dport' || x.kind === 'proto').length <= 1),
            action:
              c + 1 < count
                ? fc.oneof(
                    fc.record({ kind: fc.constantFrom('accept' as const, 'drop' as const, 'return' as const) }),
                    fc.record({ kind: fc.constantFrom('jump' as const, 'goto' as const), to: fc.integer({ min: c + 1, max: count - 1 }) }),
                  )
                : fc.record({ kind: fc.constantFrom('accept' as const, 'drop' as const, 'return' as const) }),
          }),
          { maxLength: 5 },
        ),
      ),
    ),
  }),
);

const packetArb: fc.Arbitrary<Packet> = fc.record({
  src: fc
    .constantFrom('10.1.2.3', '10.1.9.9', '10.200.0.1', '192.168.1.7', '192.168.2.2', '8.8.8.8', '200.1.1.1')
    .map((a) => (parseIp(a) as { ok: true; value: IpAddress }).value),
  proto: fc.constantFrom(6, 17, 1),
  port: fc.integer({ min: 18, max: 37 }),
});

function holds(c: Cond, p: Packet): boolean {
  switch (c.kind) {
    case 'saddr': {
      const cidr = (parseCidr(c.cidr) as { ok: true; value: { first: bigint; last: bigint } }).value;
      return (p.src.value >= cidr.first && p.src.value <= cidr.last) !== c.negated;
    }
    case 'dport':
      return p.proto === PROTO[c.proto] && (p.port >= c.first && p.port <= c.last) !== c.negated;
    case 'proto':
      return p.proto === PROTO[c.proto];
    case 'ct':
      return c.isNew; // every packet checked opens a connection
  }
}

/** The ruleset run on a packet: `accept`, `drop`, or `return` when the chain ends without a verdict. */
function run(rs: Ruleset, chain: number, p: Packet): 'accept' | 'drop' | 'return' {
  for (const rule of rs.chains[chain]) {
    if (!rule.conds.every((c) => holds(c, p))) continue;
    const a: Action = rule.action;
    if (!('to' in a)) return a.kind;
    const r = run(rs, a.to, p);
    if (r !== 'return') return r;
    if (a.kind === 'goto') return 'return';
  }
  return 'return';
}

const reference = (rs: Ruleset, p: Packet): boolean => {
  const r = run(rs, 0, p);
  return r === 'return' ? !rs.policyDrop : r === 'accept';
};

/** The model's first-match decision. */
function decide(fw: Firewall, p: Packet): boolean {
  for (const r of fw.rules) {
    if (r.protocol !== 'any' && r.protocol !== p.proto) continue;
    if (r.ports && !((r.protocol !== 'any' || [6, 17, 132].includes(p.proto)) && r.ports.some((x) => x.range && p.port >= x.range[0] && p.port <= x.range[1])))
      continue;
    if (
      r.from &&
      !r.from.some(
        (f) =>
          f.value === 'any' || ((c) => c.ok && c.value.family === 4 && p.src.value >= c.value.first && p.src.value <= c.value.last)(parseCidr(f.value, true)),
      )
    )
      continue;
    return r.action.value === 'allow';
  }
  return fw.defaultAction === 'allow';
}

function nftText(rs: Ruleset, family: 'ip' | 'inet'): string {
  const cond = (c: Cond) => {
    switch (c.kind) {
      case 'saddr':
        return `ip saddr ${c.negated ? '!= ' : ''}${c.cidr}`;
      case 'dport':
        return `${c.proto} dport ${c.negated ? '!= ' : ''}${c.first === c.last ? c.first : `${c.first}-${c.last}`}`;
      case 'proto':
        return `meta l4proto ${c.proto}`;
      case 'ct':
        return c.isNew ? 'ct state new' : 'ct state established,related';
    }
  };
  const action = (a: Action) => (a.kind === 'jump' || a.kind === 'goto' ? `${a.kind} c${a.to}` : a.kind);
  const chains = rs.chains.map((rules, i) => {
    const head = i === 0 ? `    type filter hook input priority 0; policy ${rs.policyDrop ? 'drop' : 'accept'};\n` : '';
    return `  chain c${i} {\n${head}${rules.map((r) => `    ${[...r.conds.map(cond), 'counter', action(r.action)].join(' ')}\n`).join('')}  }\n`;
  });
  return `table ${family} t {\n${chains.join('')}}\n`;
}

function iptablesText(rs: Ruleset): string {
  const cond = (c: Cond) => {
    switch (c.kind) {
      case 'saddr':
        return `${c.negated ? '! ' : ''}-s ${c.cidr}`;
      case 'dport':
        return `-p ${c.proto} -m ${c.proto} ${c.negated ? '! ' : ''}--dport ${c.first === c.last ? c.first : `${c.first}:${c.last}`}`;
      case 'proto':
        return `-p ${c.proto}`;
      case 'ct':
        return `-m conntrack --ctstate ${c.isNew ? 'NEW' : 'RELATED,ESTABLISHED'}`;
    }
  };
  const name = (i: number) => (i === 0 ? 'INPUT' : `C${i}`);
  const action = (a: Action) => (a.kind === 'jump' ? `-j ${name(a.to)}` : a.kind === 'goto' ? `-g ${name(a.to)}` : `-j ${a.kind.toUpperCase()}`);
  const lines = ['*filter', `:INPUT ${rs.policyDrop ? 'DROP' : 'ACCEPT'} [0:0]`, ...rs.chains.slice(1).map((_, i) => `:${name(i + 1)} - [0:0]`)];
  rs.chains.forEach((rules, i) => rules.forEach((r) => lines.push([`-A ${name(i)}`, ...r.conds.map(cond), action(r.action)].join(' '))));
  return [...lines, 'COMMIT', ''].join('\n');
}

describe('property: the model decides packets as the ruleset does', () => {
  it('nftables (ip and inet tables)', () => {
    fc.assert(
      fc.property(rulesetArb, fc.constantFrom('ip' as const, 'inet' as const), fc.array(packetArb, { minLength: 1, maxLength: 20 }), (rs, family, packets) => {
        const part = nft(nftText(rs, family));
        expect(part.problems).toEqual([]);
        for (const p of packets) expect(decide(part.firewalls[0], p)).toBe(reference(rs, p));
      }),
      { numRuns: 500 },
    );
  });

  it('iptables', () => {
    fc.assert(
      fc.property(rulesetArb, fc.array(packetArb, { minLength: 1, maxLength: 20 }), (rs, packets) => {
        const part = ipt(iptablesText(rs));
        expect(part.problems).toEqual([]);
        for (const p of packets) expect(decide(part.firewalls[0], p)).toBe(reference(rs, p));
      }),
      { numRuns: 500 },
    );
  });
});

describe('the real nftables template of ../shared/corpus/realworld/firewalls, imported by a plan', () => {
  const file = 'k3s-ansible.roles.prereq.templates.k3s.nft.j2';

  function lintImporting(): { diagnostics: Diagnostic[]; path: string } {
    const path = join(corpus('firewalls'), file);
    const result = lintImportedBy(path, {
      distribution: 'k3s',
      format: 'nftables',
      appliesTo: 'all',
      nodes: [
        ...[1, 2, 3].map((i) => `{name: server-${i}, roles: [control-plane, etcd], interfaces: [{name: eth0, addresses: [192.168.10.1${i}/24]}]}`),
        '{name: agent-1, roles: [worker], interfaces: [{name: eth0, addresses: [192.168.10.21/24]}]}',
      ],
    });
    expect(result.isPlan).toBe(true);
    expect(result.diagnostics.filter((d) => ['invalid-import', 'rule-crash', 'input-syntax'].includes(d.ruleId))).toEqual([]);
    return { diagnostics: result.diagnostics.filter((d) => d.filePath === path), path };
  }

  it('reads the rules it inserts, reports the ports they open to everyone at their lines, and counts the templated parts', () => {
    const { diagnostics, path } = lintImporting();
    const text = readFileSync(path, 'utf8');
    const at = (d: Diagnostic) => `${d.range.start.line} ${d.ruleId}`;
    expect(diagnostics.map(at)).toEqual(expect.arrayContaining(['13 etcd-public', '17 kubelet-public', '18 overlay-public', '26 nodeport-public']));
    const etcd = diagnostics.find((d) => d.ruleId === 'etcd-public')!;
    expect(text.slice(etcd.range.start.offset, etcd.range.end.offset)).toBe('insert rule inet filter input tcp dport 2379-2381 accept');
    expect(etcd.message).toContain('rule "tcp dport 2379-2381 accept"');
    const unresolved = diagnostics.find((d) => d.ruleId === 'import-unresolved')!;
    // Eight `{% %}` statements, three `{{ }}` values and the chain the template adds to, declared elsewhere.
    expect(unresolved.message).toMatch(/^12 values were not checked/);
  });
});
