// firewalld's zone files and firewalld.conf (src/formats/firewalld): XML read with exact positions, a zone
// file read into the same zones as the scripts, several files read together into one configuration, what is
// set aside or refused, detection, and the bounds. The fixtures of fixtures/inputs/firewalld/xml-* lint them
// through plans (test/formats.test.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PAST_DEADLINE } from '../src/core/deadline';
import { firewalld } from '../src/formats/firewalld';
import { parseXml, type XmlElement } from '../src/formats/firewalld/xml';
import type { PlanPart } from '../src/model/types';
import { lintImportedBy } from './support/corpus';
import { rulesOf } from './support/format-read';

/** The documents of files as the engine parses them (each at its own offset, as in one input set). */
function docsOf(files: Record<string, string>): { docs: Document.Parsed[]; text: string } {
  let text = '';
  const docs = Object.entries(files).map(([path, content]) => {
    const parsed = firewalld.parse!(content, { base: text.length, filePath: path });
    text += content;
    if (typeof parsed !== 'object' || !parsed.ok) throw new Error(`${path} is not firewalld's`);
    expect(firewalld.claims(parsed.documents[0], parsed.documents, path)).toBe(true);
    return parsed.documents[0].doc;
  });
  return { docs, text };
}

/** Files read together, as one import entry's are. */
const together = (files: Record<string, string>): PlanPart & { text: string } => {
  const { docs, text } = docsOf(files);
  return { ...firewalld.readTogether!(docs, () => {}), text };
};

const zone = (body: string, attributes = '') => `<?xml version="1.0" encoding="utf-8"?>\n<zone${attributes}>\n${body}\n</zone>\n`;
const at = (text: string, span: readonly [number, number]) => text.slice(span[0], span[1]);

describe('XML with positions', () => {
  const find = (e: XmlElement, name: string): XmlElement | undefined => (e.name === name ? e : e.children.map((c) => find(c, name)).find(Boolean));

  it('locates each element, start tag, attribute and value where it is written (quotes, blanks, CRLF, entities)', () => {
    const text = `<?xml version="1.0"?>\r\n<zone target="DROP">\r\n  <port  port = '2379-2380' protocol="tcp"/>\r\n  <rule><source address="a&amp;b"/><accept/></rule>\r\n</zone>`;
    const { root, error } = parseXml(text, 100);
    expect(error).toBeUndefined();
    const shifted = (span: readonly [number, number]) => at(text, [span[0] - 100, span[1] - 100]);
    expect(shifted(root!.startTag)).toBe('<zone target="DROP">');
    const port = find(root!, 'port')!;
    expect(shifted(port.span)).toBe(`<port  port = '2379-2380' protocol="tcp"/>`);
    expect(port.attributes.map((a) => [a.value, shifted(a.span), shifted(a.valueSpan)])).toEqual([
      ['2379-2380', "port = '2379-2380'", '2379-2380'],
      ['tcp', 'protocol="tcp"', 'tcp'],
    ]);
    const rule = find(root!, 'rule')!;
    expect(shifted(rule.span)).toBe('<rule><source address="a&amp;b"/><accept/></rule>');
    const address = find(rule, 'source')!.attributes[0];
    expect([address.value, shifted(address.valueSpan)]).toEqual(['a&b', 'a&amp;b']);
  });

  it('reports the first error where the parser stopped, naming the element left open', () => {
    const cases: [string, string, string][] = [
      ['<zone>\n  <source address="10.0.0.0/8">\n</zone>', '</zone> comes before the end of <source>', '</zone>'],
      ['<zone>\n  <port port="1" protocol="tcp"/>\n', '<zone> is never closed', '<zone>'],
      ['<zone><service name="&foo;"/></zone>', 'undefined entity', ';'],
      ['<zone/>\n<zone/>', 'documents may contain only one root', '/'],
    ];
    for (const [text, message, where] of cases) {
      const { error } = parseXml(text, 0);
      expect(error?.message, text).toBe(message);
      expect(at(text, error!.span), text).toBe(where);
    }
  });

  it('never throws, and locates everything inside the text, whatever the text', () => {
    const piece = fc.constantFrom(
      '<zone',
      '<zone>',
      '</zone>',
      '<port port="1" protocol="tcp"/>',
      '<rule>',
      '</rule>',
      '"',
      "'",
      '=',
      '&amp;',
      '&x;',
      '<!--',
      '-->',
      '<?xml?>',
      '\n',
      ' ',
      'a',
      '>',
      '/>',
      '<',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        const { root, error } = parseXml(text, 0);
        const inside = (s: readonly [number, number]) => s[0] >= 0 && s[0] <= s[1] && s[1] <= text.length;
        if (error) expect(inside(error.span)).toBe(true);
        const visit = (e: XmlElement): void => {
          expect(inside(e.span) && inside(e.startTag)).toBe(true);
          for (const a of e.attributes) expect(inside(a.span) && inside(a.valueSpan)).toBe(true);
          e.children.forEach(visit);
        };
        if (root) visit(root);
      }),
    );
  });

  it('reads kube-netlint comments as directives of the same length, located character by character', () => {
    const text = '<zone>\n  <!-- kube-netlint-disable-next-line kubelet-public -->\n  <!-- other -->\n</zone>';
    const { comments } = parseXml(text, 0);
    expect(comments).toHaveLength(1);
    const [c] = comments;
    expect(at(text, c.span)).toBe('<!-- kube-netlint-disable-next-line kubelet-public -->');
    expect(c.text.length).toBe(c.span[1] - c.span[0]);
    expect(c.text.startsWith('#')).toBe(true);
    expect(at(text, [c.span[0] + c.text.indexOf('kubelet-public'), c.span[0] + c.text.indexOf('kubelet-public') + 14])).toBe('kubelet-public');
  });
});

describe('a zone file', () => {
  const one = (body: string, attributes = '', path = 'zones/public.xml') => together({ [path]: zone(body, attributes) });

  it('is the zone of its file name, replacing the shipped one: no ssh unless the file has it', () => {
    expect(rulesOf(one('  <port port="6443" protocol="tcp"/>').firewalls[0])).toEqual(['allow tcp 6443', 'default deny']);
    expect(rulesOf(one('  <service name="ssh"/>').firewalls[0])).toEqual(['allow tcp 22', 'default deny']);
    // Another zone's file leaves the shipped public zone (ssh) as the default.
    expect(rulesOf(one('  <source address="10.0.0.0/8"/>', ' target="ACCEPT"', 'zones/trusted.xml').firewalls[0])).toEqual([
      'allow any from 10.0.0.0/8',
      'allow tcp 22',
      'default deny',
    ]);
  });

  it("orders a zone's rules as firewalld's chains do, and reads services, protocols and targets", () => {
    const part = one(
      [
        '  <service name="etcd-client"/>',
        '  <port port="10250" protocol="tcp"/>',
        '  <protocol value="ipip"/>',
        '  <rule priority="5"><port port="80" protocol="tcp"/><accept/></rule>',
        '  <rule family="ipv4"><source address="10.1.0.0/255.255.0.0"/><port port="10250" protocol="tcp"/><reject/></rule>',
        '  <rule priority="-1"><service name="ssh"/><drop/></rule>',
        '  <rule><source address="10.2.0.0/16"/><log prefix="x"><limit value="1/m"/></log><accept><limit value="5/m"/></accept></rule>',
        '  <rule><port port="1" protocol="tcp"/><mark set="1"/></rule>',
        '  <rule><masquerade/><accept/></rule>',
      ].join('\n'),
      ' target="ACCEPT"',
    );
    expect(rulesOf(part.firewalls[0])).toEqual([
      'deny tcp 22',
      'deny tcp 10250 from 10.1.0.0/16',
      'allow tcp 2379',
      'allow tcp 10250',
      'allow proto-4',
      'allow any from 10.2.0.0/16',
      'allow tcp 80',
      'default allow',
    ]);
  });

  it('names each rule by its element and zone, located at the element, its values at their attribute values', () => {
    const part = one(
      '  <port port="2379-2380" protocol="tcp"/>\n  <rule family="ipv4">\n    <source address="10.42.0.0/16"/>\n    <reject/>\n  </rule>',
      ' target="%%REJECT%%"',
    );
    const { text } = part;
    const [rich, port] = part.firewalls[0].rules;
    expect(port.name?.value).toBe('<port port="2379-2380" protocol="tcp"/> in zone public');
    expect(at(text, port.span)).toBe('<port port="2379-2380" protocol="tcp"/>');
    expect(at(text, port.ports![0].span)).toBe('2379-2380');
    expect(at(text, port.protocolAt!.span)).toBe('tcp');
    expect(rich.name?.value).toBe('<rule family="ipv4"><source address="10.42.0.0/16"/><reject/></rule> in zone public');
    expect(at(text, rich.span)).toMatch(/^<rule family="ipv4">[\s\S]*<\/rule>$/);
    expect(at(text, rich.from![0].span)).toBe('10.42.0.0/16');
    expect(at(text, rich.action.span)).toBe('<reject/>');
    // The default action at the target; a zone without one, at its `<zone>` tag.
    expect(at(text, part.firewalls[0].defaultActionAt!.span)).toBe('%%REJECT%%');
    const bare = one('  <service name="ssh"/>');
    expect(at(bare.text, bare.firewalls[0].defaultActionAt!.span)).toBe('<zone>');
    expect(bare.firewalls[0].name?.value).toBe('firewalld (public.xml)');
  });

  it('sets aside what it does not model, at the element, and reports what firewalld refuses', () => {
    const part = one(
      [
        '  <forward-port port="80" protocol="tcp" to-port="6443"/>',
        '  <source-port port="53" protocol="udp"/>',
        '  <source ipset="nodes"/>',
        '  <source address="52:54:00:aa:bb:01"/>',
        '  <service name="my-app"/>',
        '  <port port="https" protocol="tcp"/>',
        '  <rule><source address="10.0.0.0/8" invert="true"/><accept/></rule>',
        '  <rule><destination address="10.0.0.1"/><accept/></rule>',
        '  <policy name="x"/>',
        '  <port port="6443" protocol="tcp" comment="api"/>',
        '  <port port="6443"/>',
        '  <port port="1:2" protocol="tcp"/>',
        '  <port port="6443" protocol="icmp"/>',
        '  <accept/>',
        '  <rule><port port="1" protocol="tcp"/><service name="ssh"/><accept/></rule>',
        '  <rule family="ipv5"><accept/></rule>',
        '  <source address="10.0.0.0/8" invert="yes"/>',
        '  <masquerade/>',
        '  <icmp-block name="echo-request"/>',
        '  <interface name="cni0"/>',
      ].join('\n'),
      ' ingress-priority="high"',
    );
    expect(part.unresolved!.map((u) => u.value)).toEqual([
      '<forward-port port="80" protocol="tcp" to-port="6443"/> in zone public',
      '<source-port port="53" protocol="udp"/> in zone public',
      '<source ipset="nodes"/> in zone public',
      '<source address="52:54:00:aa:bb:01"/> in zone public',
      '<port port="https" protocol="tcp"/> in zone public',
      '<rule><source address="10.0.0.0/8" invert="true"/><accept/></rule> in zone public',
      '<rule><destination address="10.0.0.1"/><accept/></rule> in zone public',
      '<policy name="x"/> in zone public',
      'service my-app',
    ]);
    expect(part.problems!.map((p) => `${at(part.text, p.span)}: ${p.message}`)).toEqual([
      'high: ingress-priority "high" is not a whole number: firewalld refuses the zone file',
      'comment="api": `comment` is not an attribute of `<port>`: firewalld refuses the zone file',
      '<port port="6443"/>: `<port>` needs `protocol`: firewalld refuses the zone file',
      '1:2: "1:2" is not a port or range (6443, 2379-2380): firewalld refuses the zone file',
      'icmp: "icmp" is not a port protocol (tcp, udp, sctp or dccp): firewalld refuses the zone file',
      '<accept/>: `<accept>` is not an element of `<zone>`: firewalld refuses the zone file',
      '<service name="ssh"/>: a rule has one element at most: firewalld refuses the zone file',
      'ipv5: family "ipv5" is neither ipv4 nor ipv6: firewalld refuses the zone file',
      'invert="yes": a zone\'s source cannot be inverted: firewalld refuses the zone file',
    ]);
    expect(rulesOf(part.firewalls[0])).toEqual(['default deny']);
  });

  it('loads nothing from a file that is not well-formed, as firewalld', () => {
    const text = '<zone>\n  <port port="22" protocol="tcp"/>\n  <port port="6443" protocol="tcp">\n</zone>\n';
    const part = together({ 'zones/public.xml': text });
    expect(part.problems!.map((p) => [at(part.text, p.span), p.message])).toEqual([
      ['</zone>', 'the zone file is not well-formed XML (firewalld does not load it): </zone> comes before the end of <port>'],
    ]);
    // The shipped public zone stands.
    expect(rulesOf(part.firewalls[0])).toEqual(['allow tcp 22', 'default deny']);
  });

  it('is taken for the default zone when it has no file name (standard input), and says so', () => {
    const parsed = firewalld.parse!(zone('  <service name="kubelet"/>'), { base: 0, force: true });
    if (typeof parsed !== 'object' || !parsed.ok) throw new Error("a zone is firewalld's");
    const part = firewalld.read(parsed.documents[0].doc, () => {});
    expect(rulesOf(part.firewalls[0])).toEqual(['allow tcp 10250', 'default deny']);
    expect(part.unresolved!.map((u) => u.value)).toEqual(['a zone file without a name (its name is the zone): read as the default zone']);
  });
});

describe('several files, one configuration', () => {
  it('takes the default zone from firewalld.conf, and the source-bound zones first, by priority then name', () => {
    const part = together({
      'fw/firewalld.conf': '# the default zone\nDefaultZone = drop\nFirewallBackend=nftables\n',
      'fw/zones/ops.xml': zone('  <source address="172.16.8.0/24"/>\n  <service name="ssh"/>'),
      'fw/zones/internal.xml': zone('  <source address="10.0.10.0/24"/>\n  <port port="6443" protocol="tcp"/>'),
      'fw/zones/first.xml': zone('  <source address="10.9.0.0/16"/>', ' ingress-priority="-10" target="ACCEPT"'),
    });
    expect(rulesOf(part.firewalls[0])).toEqual([
      'allow any from 10.9.0.0/16',
      'allow tcp 6443 from 10.0.10.0/24',
      'deny any from 10.0.10.0/24',
      'allow tcp 22 from 172.16.8.0/24',
      'deny any from 172.16.8.0/24',
      'default deny',
    ]);
    expect(at(part.text, part.firewalls[0].defaultActionAt!.span)).toBe('drop');
    expect(part.firewalls[0].name?.value).toBe('firewalld (firewalld.conf, ops.xml and 2 more)');
  });

  it('binds a source to one zone only (the first holds), and lets a later file of a zone replace the earlier', () => {
    const part = together({
      'a/zones/internal.xml': zone('  <source address="10.0.0.0/8"/>\n  <port port="1" protocol="tcp"/>'),
      'b/zones/trusted.xml': zone('  <source address="10.0.0.0/8"/>\n  <source address="192.168.0.0/16"/>', ' target="ACCEPT"'),
      'c/zones/internal.xml': zone('  <source address="10.0.0.0/8"/>\n  <port port="2" protocol="tcp"/>'),
    });
    expect(part.problems!.map((p) => `${at(part.text, p.span)}: ${p.message}`)).toEqual([
      '10.0.0.0/8: 10.0.0.0/8 is already bound to zone internal: firewalld binds it to one zone only',
    ]);
    expect(rulesOf(part.firewalls[0])).toEqual([
      'allow tcp 2 from 10.0.0.0/8',
      'deny any from 10.0.0.0/8',
      'allow any from 192.168.0.0/16',
      'allow tcp 22',
      'default deny',
    ]);
  });

  it("runs a script's commands on top of the zone files read with it", () => {
    const part = together({
      'fw/setup.sh': '#!/bin/sh\nfirewall-cmd --permanent --zone=internal --add-port=10250/tcp\nfirewall-cmd --zone=public --remove-service=ssh\n',
      'fw/zones/internal.xml': zone('  <source address="10.0.10.0/24"/>\n  <port port="6443" protocol="tcp"/>'),
    });
    expect(rulesOf(part.firewalls[0])).toEqual([
      'allow tcp 6443 from 10.0.10.0/24',
      'allow tcp 10250 from 10.0.10.0/24',
      'deny any from 10.0.10.0/24',
      'default deny',
    ]);
  });

  it('reads a zone bound to interfaces as the packets that come in through them; interfaces of the default zone change nothing', () => {
    const part = together({
      'zones/internal.xml': zone('  <interface name="eth1"/>\n  <interface name="flannel.1"/>\n  <port port="10250" protocol="tcp"/>'),
      'zones/public.xml': zone('  <interface name="eth0"/>'),
    });
    expect(part.unresolved).toEqual([]);
    expect(rulesOf(part.firewalls[0])).toEqual(['allow tcp 10250 on eth1,flannel.1', 'deny any on eth1,flannel.1', 'default deny']);
  });
});

describe('detection', () => {
  const takes = (text: string, filePath?: string, force = false) => firewalld.parse!(text, { base: 0, filePath, force }) !== undefined;

  it('claims a *.xml file whose root element is <zone>, and firewalld.conf with a DefaultZone= line', () => {
    expect(takes(zone(''), '/etc/firewalld/zones/public.xml')).toBe(true);
    expect(takes('<!-- a comment -->\n<!DOCTYPE zone>\n<zone/>', 'k8s.XML')).toBe(true);
    expect(takes('<?xml version="1.0"?>\n<service><port port="6443" protocol="tcp"/></service>', 'services/k8s.xml')).toBe(false);
    expect(takes(zone(''), 'zone.yaml')).toBe(false);
    expect(takes('DefaultZone=public\n', '/etc/firewalld/firewalld.conf')).toBe(true);
    expect(takes('DefaultZone=public\n', 'other.conf')).toBe(false);
    expect(takes('IndividualCalls=no\n', 'firewalld.conf')).toBe(false);
    expect(firewalld.looksLike(zone(''))).toBe(true);
  });

  it('takes a zone or a DefaultZone= text under any name when the format is named', () => {
    expect(takes(zone(''), 'public.txt', true)).toBe(true);
    expect(takes('DefaultZone=drop\n', undefined, true)).toBe(true);
    expect(takes('#!/bin/sh\nfirewall-cmd --add-port=6443/tcp\n', 'x.txt', true)).toBe(true);
  });
});

describe('bounds', () => {
  it('reads a large zone file in one pass, and ticks as it goes (the time budget)', () => {
    const body = Array.from({ length: 20_000 }, (_, i) => `  <port port="${1 + i}" protocol="tcp"/>`).join('\n');
    const part = together({ 'zones/public.xml': zone(body) });
    expect(part.firewalls[0].rules).toHaveLength(20_000);
    let ticks = 0;
    const tick = () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- the engine's sentinel
      if (++ticks > 1000) throw PAST_DEADLINE;
    };
    expect(() => firewalld.parse!(zone(body), { base: 0, filePath: 'public.xml', tick })).toThrow();
    expect(ticks).toBe(1001);
  });
});

describe('through a plan', () => {
  it('silences a finding with a directive in an XML comment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'knl-zone-'));
    const path = join(dir, 'public.xml');
    const plan = {
      distribution: 'kubeadm',
      format: 'firewalld',
      appliesTo: 'all',
      nodes: ['{name: cp-1, roles: [control-plane], interfaces: [{name: eth0, addresses: [192.168.10.11/24]}]}'],
    };
    const lintWith = (comment: string) => {
      writeFileSync(path, zone(`${comment}  <service name="kubelet"/>\n  <service name="kube-apiserver"/>`));
      return lintImportedBy(path, plan)
        .diagnostics.filter((d) => d.filePath === path)
        .map((d) => `${d.range.start.line} ${d.ruleId}`);
    };
    expect(lintWith('')).toEqual(expect.arrayContaining(['3 kubelet-public', '4 apiserver-public']));
    const silenced = lintWith('  <!-- kube-netlint-disable-next-line kubelet-public, kubelet-unrestricted -->\n');
    expect(silenced).not.toContain('4 kubelet-public');
    expect(silenced).toContain('5 apiserver-public');
  });
});
