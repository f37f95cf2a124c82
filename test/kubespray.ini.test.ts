// The Ansible INI inventory reader of the kubespray format (src/formats/kubespray/ansible-ini.ts): every
// construct with its positions checked by slicing the text at the span, malformed lines as problems,
// ranges and their limits, kubespray's real inventories, and a property: no input throws or escapes the text.
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Span } from '../src/core/types';
import { expandHostPattern, parseAnsibleIni, type IniInventory, type IniProblemCode } from '../src/formats/kubespray/ansible-ini';
import { KUBESPRAY_DEFAULTS, calicoEncapsulation, kubesprayDefault, kubesprayGroup } from '../src/formats/kubespray/defaults';

const at = (text: string, span: Span, base = 0) => text.slice(span[0] - base, span[1] - base);
const host = (inv: IniInventory, name: string) => inv.hosts.find((h) => h.name.value === name);
const codes = (inv: IniInventory): IniProblemCode[] => inv.problems.map((p) => p.code);
const names = (inv: IniInventory) => inv.hosts.map((h) => h.name.value);

describe('Ansible INI inventory: sections, hosts, children, vars', () => {
  const text = [
    '# kubespray inventory',
    'bastion ansible_host=203.0.113.9',
    '[kube_control_plane]',
    'node1 ansible_host=10.0.0.1 ip=10.0.0.1 etcd_member_name=etcd1',
    '  node2   ansible_host=10.0.0.2  ',
    '',
    '[etcd:children]  # stacked',
    'kube_control_plane',
    '',
    '[kube_node]',
    'node3',
    'node1',
    '; a semicolon comment',
    '[k8s_cluster:children]',
    'kube_control_plane',
    'kube_node # the workers',
    '[k8s_cluster:vars]',
    'kube_pods_subnet = 10.233.64.0/18',
    'kube_network_node_prefix=24',
    '',
  ].join('\n');
  const inv = parseAnsibleIni(text);

  it('reads it without problems', () => expect(inv.problems).toEqual([]));

  it('lists the groups in order of first mention, hosts before any section in ungrouped', () => {
    expect([...inv.groups.keys()]).toEqual(['ungrouped', 'kube_control_plane', 'etcd', 'kube_node', 'k8s_cluster']);
    expect(inv.groups.get('ungrouped')?.hosts.map((e) => e.name.value)).toEqual(['bastion']);
    expect(inv.groups.get('ungrouped')?.sections).toEqual([]);
  });

  it('lists the hosts in order of first occurrence, each with every entry and group', () => {
    expect(names(inv)).toEqual(['bastion', 'node1', 'node2', 'node3']);
    const node1 = host(inv, 'node1')!;
    expect(node1.groups).toEqual(['kube_control_plane', 'kube_node']);
    expect(node1.entries.map((e) => at(text, e.span))).toEqual(['node1 ansible_host=10.0.0.1 ip=10.0.0.1 etcd_member_name=etcd1', 'node1']);
    expect(at(text, node1.name.span)).toBe('node1');
    expect(at(text, host(inv, 'node2')!.name.span)).toBe('node2');
  });

  it('locates every key and value of a host line', () => {
    const vars = host(inv, 'node1')!.entries[0].vars;
    expect(vars.map((v) => [v.key.value, v.value.value])).toEqual([
      ['ansible_host', '10.0.0.1'],
      ['ip', '10.0.0.1'],
      ['etcd_member_name', 'etcd1'],
    ]);
    for (const v of vars) {
      expect(at(text, v.key.span)).toBe(v.key.value);
      expect(at(text, v.value.span)).toBe(v.value.value);
      expect(v.value.keySpan).toEqual(v.key.span);
      expect(v.value.at).toBe(v.value.span[0]);
      expect(at(text, v.span)).toBe(`${v.key.value}=${v.value.value}`);
    }
  });

  it('reads section headers, children and vars with positions', () => {
    const etcd = inv.groups.get('etcd')!;
    expect(etcd.sections.map((s) => [s.kind, at(text, s.group.span), at(text, s.span)])).toEqual([['children', 'etcd', '[etcd:children]']]);
    expect(etcd.children.map((c) => at(text, c.span))).toEqual(['kube_control_plane']);
    const cluster = inv.groups.get('k8s_cluster')!;
    expect(cluster.sections.map((s) => s.kind)).toEqual(['children', 'vars']);
    expect(cluster.children.map((c) => c.value)).toEqual(['kube_control_plane', 'kube_node']);
    expect(cluster.vars.map((v) => [at(text, v.key.span), at(text, v.value.span), v.value.value])).toEqual([
      ['kube_pods_subnet', '10.233.64.0/18', '10.233.64.0/18'],
      ['kube_network_node_prefix', '24', '24'],
    ]);
    expect(at(text, cluster.vars[0].span)).toBe('kube_pods_subnet = 10.233.64.0/18');
  });

  it('returns every comment, full-line and trailing, with its span', () => {
    expect(inv.comments.map((c) => c.text)).toEqual(['# kubespray inventory', '# stacked', '; a semicolon comment', '# the workers']);
    for (const c of inv.comments) expect(at(text, c.span)).toBe(c.text);
  });
});

describe('host lines are split as shlex.split(line, comments=True) splits them', () => {
  it('unquotes values, keeping the quotes in the span', () => {
    const text = `node1 note="two words" other='single # quoted' esc="a\\"b" plain=a\\ b empty= n='x'"y"`;
    const inv = parseAnsibleIni(text);
    expect(inv.problems).toEqual([]);
    expect(inv.comments).toEqual([]);
    const vars = host(inv, 'node1')!.entries[0].vars;
    expect(vars.map((v) => [v.key.value, v.value.value, v.value.raw, at(text, v.value.span)])).toEqual([
      ['note', 'two words', '"two words"', '"two words"'],
      ['other', 'single # quoted', "'single # quoted'", "'single # quoted'"],
      ['esc', 'a"b', '"a\\"b"', '"a\\"b"'],
      ['plain', 'a b', 'a\\ b', 'a\\ b'],
      ['empty', '', '', ''],
      ['n', 'xy', `'x'"y"`, `'x'"y"`],
    ]);
    expect(vars[0].value.at).toBe(vars[0].value.span[0] + 1);
    expect(vars[2].value.at).toBeUndefined();
    expect(vars[4].value.span[0]).toBe(vars[4].value.span[1]);
  });

  it('evaluates a value that is a Python string literal, as ast.literal_eval does', () => {
    const text = `tomcat3 mysecret="'03#pa33w0rd'" port=22`;
    const v = parseAnsibleIni(text).hosts[0].entries[0].vars;
    expect(v[0].value.value).toBe('03#pa33w0rd');
    expect(at(text, v[0].value.span)).toBe(`"'03#pa33w0rd'"`);
    expect(v[1].value.value).toBe('22');
  });

  it('starts a comment at # outside quotes, even inside a word', () => {
    const text = 'node1 ip=10.0.0.1  # kube-netlint-disable-next-line duplicate-mac\nnode2 a=234#2343 b=1';
    const inv = parseAnsibleIni(text);
    expect(inv.problems).toEqual([]);
    expect(inv.comments.map((c) => at(text, c.span))).toEqual(['# kube-netlint-disable-next-line duplicate-mac', '#2343 b=1']);
    expect(host(inv, 'node2')!.entries[0].vars.map((v) => v.value.value)).toEqual(['234']);
    expect(at(text, host(inv, 'node1')!.entries[0].span)).toBe('node1 ip=10.0.0.1');
  });

  it('reads a port after the host name', () => {
    const text = 'db1:2222 a=1\n10.0.0.5:22\n[fe80::1]:2200';
    const inv = parseAnsibleIni(text);
    expect(inv.problems).toEqual([]);
    expect(inv.hosts.map((h) => [h.name.value, at(text, h.name.span), h.entries[0].port?.value, at(text, h.entries[0].port!.span)])).toEqual([
      ['db1', 'db1', 2222, '2222'],
      ['10.0.0.5', '10.0.0.5', 22, '22'],
      ['fe80::1', 'fe80::1', 2200, '2200'],
    ]);
    expect(at(text, inv.hosts[0].entries[0].pattern.span)).toBe('db1:2222');
  });
});

describe(':vars values are the rest of the line', () => {
  const text = [
    '[all:vars]',
    'kube_network_node_prefix=24 # per node',
    'kube_pods_subnet=10.233.64.0/18 # pods',
    'quoted="10.0.0.0/8 # not a comment"  # but this is',
    "single='a\\tb'",
    'url=http://example.com/#anchor',
    'spaced = with spaces inside ',
    'empty=',
    'jinja={{ kube_service_addresses | ansible.utils.ipaddr("net") }}',
  ].join('\n');
  const inv = parseAnsibleIni(text);
  const vars = inv.groups.get('all')!.vars;
  const byKey = (k: string) => vars.find((v) => v.key.value === k)!;

  it('reads them without problems', () => expect(inv.problems).toEqual([]));

  it('keeps the raw text and its span, and the comment apart', () => {
    expect(vars.map((v) => at(text, v.value.span))).toEqual([
      '24',
      '10.233.64.0/18',
      '"10.0.0.0/8 # not a comment"',
      "'a\\tb'",
      'http://example.com/#anchor',
      'with spaces inside',
      '',
      '{{ kube_service_addresses | ansible.utils.ipaddr("net") }}',
    ]);
    for (const v of vars) expect(v.value.raw).toBe(at(text, v.value.span));
    expect(inv.comments.map((c) => at(text, c.span))).toEqual(['# per node', '# pods', '# but this is']);
  });

  it('unquotes a Python string literal', () => {
    expect(byKey('quoted').value.value).toBe('10.0.0.0/8 # not a comment');
    expect(byKey('quoted').value.at).toBe(byKey('quoted').value.span[0] + 1);
    expect(byKey('single').value.value).toBe('a\tb');
  });

  it('says when Ansible keeps the comment in the value (a value that is not a Python literal)', () => {
    expect(byKey('kube_network_node_prefix').commentInValue).toBeUndefined();
    expect(byKey('kube_pods_subnet').commentInValue).toBe(true);
    expect(byKey('quoted').commentInValue).toBeUndefined();
    expect(byKey('url').commentInValue).toBeUndefined();
  });
});

describe('host ranges', () => {
  it('expands zero-padded numbers, keeping the span of the pattern for every host', () => {
    const text = '[kube_node]\nnode[01:10] ip=10.0.0.1';
    const inv = parseAnsibleIni(text);
    expect(inv.problems).toEqual([]);
    expect(names(inv)).toEqual(['node01', 'node02', 'node03', 'node04', 'node05', 'node06', 'node07', 'node08', 'node09', 'node10']);
    for (const h of inv.hosts) {
      expect(at(text, h.name.span)).toBe('node[01:10]');
      expect(h.entries[0].pattern.value).toBe('node[01:10]');
      expect(h.entries[0].vars.map((v) => v.value.value)).toEqual(['10.0.0.1']);
    }
    expect(inv.groups.get('kube_node')!.hosts).toHaveLength(10);
  });

  it('expands letters, steps, several ranges, a leading range and a range before a port', () => {
    const expand = (p: string) => (expandHostPattern(p) as { hosts: string[] }).hosts;
    expect(expand('node[a:f]')).toEqual(['nodea', 'nodeb', 'nodec', 'noded', 'nodee', 'nodef']);
    expect(expand('n[1:10:2]')).toEqual(['n1', 'n3', 'n5', 'n7', 'n9']);
    expect(expand('n[:2]')).toEqual(['n0', 'n1', 'n2']);
    expect(expand('r[1:2]-n[a:b].lan')).toEqual(['r1-na.lan', 'r1-nb.lan', 'r2-na.lan', 'r2-nb.lan']);
    expect(expand('10.0.0.[1:3]')).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3']);
    expect(expand('x[y:B]')).toEqual(['xy', 'xz', 'xA', 'xB']);
    const text = '[a:c]-node\nweb[1:2]:8080';
    const inv = parseAnsibleIni(text);
    expect(inv.problems).toEqual([]);
    expect(names(inv)).toEqual(['a-node', 'b-node', 'c-node', 'web1', 'web2']);
    expect(at(text, host(inv, 'web2')!.name.span)).toBe('web[1:2]');
    expect(host(inv, 'web2')!.entries[0].port?.value).toBe(8080);
  });

  it('reports ranges Ansible cannot expand, located at the range', () => {
    const cases: [string, string][] = [
      ['node[10:01]', '[10:01]'],
      ['node[01:100]', '[01:100]'],
      ['node[1:]', '[1:]'],
      ['node[1:3:0]', '[1:3:0]'],
      ['node[1:2:3:4]', '[1:2:3:4]'],
      ['node[a:5]', '[a:5]'],
      ['node[f:a]', '[f:a]'],
      ['node[1:3', '[1:3'],
      ['no]de[1:3]', ']'],
    ];
    for (const [line, range] of cases) {
      const text = `[g]\n${line} ip=1`;
      const inv = parseAnsibleIni(text);
      expect(codes(inv), line).toEqual(['range']);
      expect(at(text, inv.problems[0].span), line).toBe(range);
      expect(inv.hosts, line).toEqual([]);
    }
    expect(parseAnsibleIni('node[10:01]').problems[0].message).toMatch(/empty/);
  });

  it('caps the hosts of one pattern, and of the whole file, and says so', () => {
    const text = 'n[1:20000]';
    const inv = parseAnsibleIni(text);
    expect(inv.hosts).toHaveLength(10_000);
    expect(inv.hosts[9999].name.value).toBe('n10000');
    expect(codes(inv)).toEqual(['range-limit']);
    expect(inv.problems[0].message).toMatch(/20000 hosts: only the first 10000/);
    expect(at(text, inv.problems[0].span)).toBe('n[1:20000]');

    const small = parseAnsibleIni('a[1:5]\nb[1:5]\nc[1:5]\nd[1:5]', { maxHostsPerLine: 4, maxExpandedHosts: 10 });
    expect(names(small)).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'b3', 'b4', 'c1', 'c2']);
    expect(small.problems.map((p) => p.message.replace(/ \(.*/, ''))).toEqual([
      'host pattern "a[1:5]" expands to 5 hosts: only the first 4 are read',
      'host pattern "b[1:5]" expands to 5 hosts: only the first 4 are read',
      'host pattern "c[1:5]" expands to 5 hosts: only the first 2 are read',
    ]);

    // Huge ranges are counted, not walked; long names lower the cap.
    const huge = expandHostPattern('n[0:99999999999999999999][0:99999999999999999999]');
    expect(huge.ok && [huge.hosts.length, huge.total]).toEqual([10_000, 10n ** 40n]);
    const long = expandHostPattern(`${'x'.repeat(2000)}[1:5000]`);
    expect(long.ok && long.hosts.length).toBeLessThan(5000);
  });
});

describe('malformed lines are problems with a span, never exceptions', () => {
  const problemsOf = (text: string) => parseAnsibleIni(text).problems.map((p) => [p.code, at(text, p.span)]);

  it('an unterminated quote: the rest of the line is dropped, the host kept', () => {
    const text = 'node1 ip=10.0.0.1 name="oops';
    const inv = parseAnsibleIni(text);
    expect(problemsOf(text)).toEqual([['quote', '"oops']]);
    expect(host(inv, 'node1')!.entries[0].vars.map((v) => v.key.value)).toEqual(['ip']);
    expect(problemsOf('node1 a=b\\')).toEqual([['quote', '\\']]);
    // In :vars, only a value that starts with a quote: `it's` is a plain string to Ansible.
    expect(problemsOf('[all:vars]\nkube_pods_subnet="10.0.0.0/8\nmotd=it\'s fine')).toEqual([['quote', '"10.0.0.0/8']]);
  });

  it('a word without = on a host line, or with nothing before it', () => {
    const text = 'node1 ip=10.0.0.1 etcd ;c =x';
    const inv = parseAnsibleIni(text);
    expect(problemsOf(text)).toEqual([
      ['host', 'etcd'],
      ['host', ';c'],
      ['host', '=x'],
    ]);
    expect(host(inv, 'node1')!.entries[0].vars).toHaveLength(1);
    expect(problemsOf('ansible_host=10.0.0.1')).toEqual([['host', 'ansible_host=10.0.0.1']]);
    expect(problemsOf('node1: a=1')).toEqual([['host', 'node1:']]);
    expect(problemsOf('---')).toEqual([['host', '---']]);
  });

  it('section headers: no ], spaces, an unknown type, a ; comment', () => {
    expect(problemsOf('[kube_node\nnode1')).toEqual([['section', '[kube_node']]);
    expect(parseAnsibleIni('[kube_node\nnode1').hosts).toEqual([]);
    expect(problemsOf('[kube node]')).toEqual([['section', '[kube node]']]);
    expect(problemsOf('[kube_node:child]\nx')).toEqual([['section', 'child']]);
    expect(problemsOf('[kube_node] ; workers\nnode1')).toEqual([['section', '; workers']]);
    expect(problemsOf('[kube_node] node1')).toEqual([['section', 'node1']]);
    // `[a:c] x=1` is a host line of a range, as Ansible reads it.
    expect(names(parseAnsibleIni('[a:c] x=1'))).toEqual(['a', 'b', 'c']);
  });

  it(':children and :vars lines', () => {
    expect(problemsOf('[g]\n[p:children]\ng other')).toEqual([['child', 'g other']]);
    expect(problemsOf('[p:children]\ng ; note\n[g]')).toEqual([['child', 'g ; note']]);
    expect(problemsOf('[all:vars]\nkube_pods_subnet')).toEqual([['variable', 'kube_pods_subnet']]);
    expect(problemsOf('[all:vars]\n= 10.0.0.0/8')).toEqual([['variable', '=']]);
    expect(problemsOf('[all:vars]\nkube pods = 10.0.0.0/8')).toEqual([['variable', 'kube pods']]);
  });

  it('undefined groups and cycles, as Ansible checks them after reading', () => {
    expect(problemsOf('[k8s_cluster:children]\nkube_node\ncalico_rr\n[kube_node]\nn1')).toEqual([['undefined-group', 'calico_rr']]);
    expect(problemsOf('[kube_node:vars]\na=1')).toEqual([['undefined-group', 'kube_node']]);
    expect(problemsOf('[all:vars]\na=1\n[ungrouped:vars]\nb=2')).toEqual([]);
    expect(problemsOf('[a:children]\nb\n[b:children]\nc\n[c:children]\na')).toEqual([['group-cycle', 'a']]);
    expect(problemsOf('[a:children]\na')).toEqual([['group-cycle', 'a']]);
  });
});

describe('line ends, BOM and offsets', () => {
  const lines = ['# c', '[kube_node]', 'node1 ip=10.0.0.1 # w', '[all:vars]', 'kube_pods_subnet=10.233.64.0/18'];
  const lf = parseAnsibleIni(lines.join('\n'));

  it('reads CRLF and a BOM as LF, every span still exact', () => {
    const text = '\ufeff' + lines.join('\r\n') + '\r\n';
    const inv = parseAnsibleIni(text);
    expect(inv.problems).toEqual([]);
    expect(names(inv)).toEqual(['node1']);
    const v = host(inv, 'node1')!.entries[0].vars[0];
    expect(at(text, v.value.span)).toBe('10.0.0.1');
    expect(inv.comments.map((c) => at(text, c.span))).toEqual(['# c', '# w']);
    expect(inv.groups.get('all')!.vars[0].value.value).toBe('10.233.64.0/18');
    expect(inv.comments.map((c) => c.text)).toEqual(lf.comments.map((c) => c.text));
    // CR alone, and the other line breaks of str.splitlines().
    expect(names(parseAnsibleIni('[g]\ra\rb\u2028c\x85d'))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('adds the base offset to every span', () => {
    const text = lines.join('\n');
    const base = 1000;
    const inv = parseAnsibleIni(text, { base });
    const v = host(inv, 'node1')!.entries[0].vars[0];
    expect(v.value.span).toEqual([lf.hosts[0].entries[0].vars[0].value.span[0] + base, lf.hosts[0].entries[0].vars[0].value.span[1] + base]);
    expect(v.value.at).toBe(v.value.span[0]);
    expect(at(text, v.value.span, base)).toBe('10.0.0.1');
    expect(at(text, inv.comments[1].span, base)).toBe('# w');
    expect(at(text, inv.groups.get('all')!.sections[0].span, base)).toBe('[all:vars]');
    const bad = parseAnsibleIni('node[3:1]', { base });
    expect(at('node[3:1]', bad.problems[0].span, base)).toBe('[3:1]');
  });

  it('ticks once per line and per host, and lets the tick stop the parse', () => {
    let ticks = 0;
    parseAnsibleIni('a\nb[1:3]\n', { tick: () => ticks++ });
    expect(ticks).toBe(3 + 4);
    expect(() =>
      parseAnsibleIni('a\n'.repeat(100), {
        tick: () => {
          throw new Error('past the deadline');
        },
      }),
    ).toThrow('past the deadline');
  });
});

describe("kubespray's real inventories", () => {
  const dir = resolve(__dirname, '../../shared/corpus/realworld/kubespray');

  it('are all read without problems', () => {
    // Not a skip: the corpus is part of the workspace, and a missing one must fail here.
    if (!existsSync(dir)) throw new Error(`the kubespray corpus is missing: ${dir}`);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ini'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      const inv = parseAnsibleIni(text);
      expect(inv.problems, f).toEqual([]);
      for (const c of inv.comments) expect(at(text, c.span), f).toBe(c.text);
    }
  });

  it("kubespray's sample: stacked etcd, hosts only in comments", () => {
    const text = readFileSync(join(dir, 'kubespray-sample.inventory.ini'), 'utf8');
    const inv = parseAnsibleIni(text);
    expect(inv.hosts).toEqual([]);
    expect(inv.groups.get('etcd')!.children.map((c) => c.value)).toEqual(['kube_control_plane']);
    expect(inv.comments.some((c) => c.text.startsWith('# node1 ansible_host=95.54.0.12'))).toBe(true);
  });

  it('llaoj: hosts with ansible_host under [all], roles from group sections', () => {
    const text = readFileSync(join(dir, 'llaoj.inventory.ini'), 'utf8');
    const inv = parseAnsibleIni(text);
    expect(names(inv)).toEqual(['node1', 'node2', 'node3', 'node4', 'node5']);
    expect(host(inv, 'node1')!.groups).toEqual(['all', 'kube_control_plane', 'etcd']);
    expect(host(inv, 'node4')!.groups).toEqual(['all', 'kube_node']);
    const v = host(inv, 'node5')!.entries[0].vars[0];
    expect([v.key.value, at(text, v.value.span)]).toEqual(['ansible_host', '10.138.228.202']);
    expect(inv.groups.get('k8s_cluster')!.children.map((c) => c.value)).toEqual(['kube_control_plane', 'kube_node', 'calico_rr']);
  });
});

describe('no input throws or places a span outside the text', () => {
  const fragment = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(
      '[',
      ']',
      ':',
      '=',
      '#',
      ';',
      '"',
      "'",
      '\\',
      ' ',
      '\t',
      ':children',
      ':vars',
      'node',
      '[01:10]',
      '[a:c]',
      '[1:3:2]',
      '[9:1]',
      '\ufeff',
      '\r',
    ),
  );
  const line = fc.array(fragment, { maxLength: 8 }).map((parts) => parts.join(''));
  const inventory = fc.tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), fc.nat({ max: 50 }));

  it('holds for arbitrary lines', () => {
    fc.assert(
      fc.property(inventory, ([lines, eol, base]) => {
        const text = lines.join(eol);
        const inv = parseAnsibleIni(text, { base, maxHostsPerLine: 50 });
        const spans: Span[] = [...inv.comments.map((c) => c.span), ...inv.problems.map((p) => p.span)];
        for (const g of inv.groups.values()) {
          spans.push(...g.sections.flatMap((s) => [s.span, s.group.span]), ...g.children.map((c) => c.span));
          spans.push(...g.vars.flatMap((v) => [v.span, v.key.span, v.value.span]));
        }
        for (const h of inv.hosts) {
          spans.push(h.name.span);
          for (const e of h.entries)
            spans.push(e.span, e.pattern.span, ...(e.port ? [e.port.span] : []), ...e.vars.flatMap((v) => [v.span, v.key.span, v.value.span]));
        }
        for (const [start, end] of spans) {
          expect(start).toBeGreaterThanOrEqual(base);
          expect(end).toBeGreaterThanOrEqual(start);
          expect(end).toBeLessThanOrEqual(base + text.length);
        }
        for (const c of inv.comments) expect(at(text, c.span, base)).toBe(c.text);
        for (const h of inv.hosts) for (const e of h.entries) for (const v of e.vars) expect(at(text, v.value.span, base)).toBe(v.value.raw);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('kubespray defaults', () => {
  it('hold the network facts with their sources', () => {
    expect(KUBESPRAY_DEFAULTS.kube_pods_subnet).toMatchObject({ value: '10.233.64.0/18', source: 'roles/kubespray_defaults/defaults/main/main.yml:256' });
    expect(KUBESPRAY_DEFAULTS.kube_service_addresses.value).toBe('10.233.0.0/18');
    expect(KUBESPRAY_DEFAULTS.skydns_server.derived?.reads).toEqual(['kube_service_subnets']);
    for (const d of Object.values(KUBESPRAY_DEFAULTS)) expect(d.source).toMatch(/^[\w./-]+\.ya?ml:\d+$/);
    expect(kubesprayDefault('kube_network_plugin')?.value).toBe('calico');
    expect(kubesprayDefault('toString')).toBeUndefined();
  });

  it('map groups to roles and calico modes to the encapsulation', () => {
    expect(kubesprayGroup('kube-master')).toMatchObject({ role: 'control-plane', aliasOf: 'kube_control_plane' });
    expect(kubesprayGroup('kube_node')?.role).toBe('worker');
    expect(calicoEncapsulation(KUBESPRAY_DEFAULTS.calico_ipip_mode.value as string, KUBESPRAY_DEFAULTS.calico_vxlan_mode.value as string)).toEqual({
      encapsulation: 'vxlan',
      crossSubnetOnly: false,
    });
    expect(calicoEncapsulation('CrossSubnet', 'Never')).toEqual({ encapsulation: 'ipip', crossSubnetOnly: true });
    expect(calicoEncapsulation('Always', 'Always')).toBeUndefined();
  });
});
