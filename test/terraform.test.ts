// Terraform security groups (src/formats/terraform): the parser prepared only when a run meets a Terraform
// file, HCL read with positions and bounded, each provider's rules as the provider reads them, `select` and
// rules that name other groups, the CLI's path through the façade, and the real Terraform files of
// ../shared/corpus/realworld/firewalls imported by a plan. The golden fixtures are test/formats.test.ts's.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAST_DEADLINE } from '../src/core/deadline';
import type { Diagnostic } from '../src/core/types';
import { NOT_PREPARED, type ImportContext } from '../src/formats/input-format';
import { terraform } from '../src/formats/terraform';
import { hclParser, prepareGrammar } from '../src/formats/terraform/grammar';
import { parseHcl, type HclFile } from '../src/formats/terraform/hcl';
import { lint, lintPrepared } from '../src/linter';
import type { Firewall, PlanPart, Selector } from '../src/model/types';
import { ImporterIndex } from '../src/workspace/importers';
import { fileSystemHost } from '../src/workspace/input-host';
import { corpus, lintImportedBy } from './support/corpus';
import { FIXTURES } from './support/fixtures';
import { clock } from '../src/core/clock';

const INPUTS = join(FIXTURES, 'inputs', 'terraform');
const host = fileSystemHost;

/** A temporary folder with these files. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'knl-terraform-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** A plan of two kubeadm nodes that imports files, each import written as YAML flow. */
const planImporting = (...imports: string[]) =>
  [
    'apiVersion: kube-netlint/v1',
    'kind: ClusterPlan',
    'spec:',
    '  imports:',
    ...imports.map((i) => `    - ${i}`),
    '  networks: {nodes: [10.0.1.0/24]}',
    '  nodes:',
    '    - {name: cp-1, roles: [control-plane, etcd], interfaces: [{name: eth0, addresses: [10.0.1.11/24]}]}',
    '    - {name: worker-1, roles: [worker], interfaces: [{name: eth0, addresses: [10.0.1.21/24]}]}',
    '',
  ].join('\n');

const SG = `resource "aws_security_group" "k8s" {
  ingress {
    from_port   = 2379
    to_port     = 2380
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`;

describe('the parser, prepared only when a Terraform file is met', () => {
  it('a run without Terraform files never loads it', async () => {
    const result = await lintPrepared(readFileSync(join(FIXTURES, 'examples', 'ha-cluster.yaml'), 'utf8'), { filePath: 'ha-cluster.yaml' });
    expect(result.isPlan).toBe(true);
    expect(result.needs).toBeUndefined();
    expect(hclParser()).toBeUndefined();
  });

  it('until it is prepared, a lint says the input needs the terraform format, with no findings rather than guessed ones', () => {
    const dir = folder({ 'sg.tf': SG, 'plan.yaml': planImporting('{path: sg.tf, format: terraform, appliesTo: all}') });
    expect(lint(SG, { filePath: join(dir, 'sg.tf') })).toEqual({ isPlan: false, diagnostics: [], needs: ['terraform'] });
    const plan = join(dir, 'plan.yaml');
    expect(lint(readFileSync(plan, 'utf8'), { filePath: plan, host })).toEqual({ isPlan: true, diagnostics: [], needs: ['terraform'] });
    expect(terraform.parse!(SG, { base: 0, filePath: 'sg.tf' })).toBe(NOT_PREPARED);
    // Not a Terraform file: not the format's to say.
    expect(terraform.parse!(SG, { base: 0, filePath: 'sg.yaml' })).toBeUndefined();
  });

  it('lintPrepared prepares it and lints again; later lints need nothing', async () => {
    const dir = folder({ 'sg.tf': SG, 'plan.yaml': planImporting('{path: sg.tf, format: terraform, appliesTo: all}') });
    const plan = join(dir, 'plan.yaml');
    const result = await lintPrepared(readFileSync(plan, 'utf8'), { filePath: plan, host });
    expect(result.needs).toBeUndefined();
    expect(result.diagnostics.map((d) => `${d.range.start.line} ${d.ruleId}`)).toContain('2 etcd-public');
    expect(lint(readFileSync(plan, 'utf8'), { filePath: plan, host })).toEqual(result);
  });
});

/** The text a span covers. */
const at = (text: string, span: readonly [number, number]) => text.slice(span[0], span[1]);

describe('HCL, read with positions', () => {
  beforeAll(() => prepareGrammar());
  const hcl = (text: string, deadline = Infinity): HclFile => parseHcl(hclParser()!, text, 0, deadline, () => {});

  it('reads literals, lists and references, each located; any other expression is kept as its text', () => {
    const text = [
      'resource "aws_security_group_rule" "r" {',
      '  a = "10.0.0.0/8"',
      '  b = -1',
      '  c = ["x", 2, var.y, "${local.z}/32", null]',
      '  d = aws_security_group.w[0].id',
      '  e = cidrsubnet("10.0.0.0/8", 8, 1)',
      '  f = "a\\"b$${c}"',
      '  g = true',
      '}',
    ].join('\n');
    const [block] = hcl(text).blocks;
    expect(block.labels.map((l) => l.value)).toEqual(['aws_security_group_rule', 'r']);
    expect(at(text, block.header)).toBe('resource "aws_security_group_rule" "r"');
    const v = (name: string) => block.attributes.get(name)!.value;
    const a = v('a');
    expect(a).toMatchObject({ kind: 'string', value: '10.0.0.0/8' });
    expect(at(text, a.span)).toBe('10.0.0.0/8');
    expect(v('b')).toMatchObject({ kind: 'number', value: -1 });
    const c = v('c');
    expect(c.kind === 'tuple' && c.items.map((i) => [i.kind, at(text, i.span)])).toEqual([
      ['string', 'x'],
      ['number', '2'],
      ['reference', 'var.y'],
      ['expression', '"${local.z}/32"'],
      ['null', 'null'],
    ]);
    expect(v('d')).toMatchObject({ kind: 'reference', parts: ['aws_security_group', 'w', 'id'], text: 'aws_security_group.w[0].id' });
    expect(v('e')).toMatchObject({ kind: 'expression', text: 'cidrsubnet("10.0.0.0/8", 8, 1)' });
    expect(v('f')).toMatchObject({ kind: 'string', value: 'a"b${c}' });
    expect(v('g')).toMatchObject({ kind: 'bool', value: true });
  });

  it('reads blocks three deep (resource, dynamic, content), and reports an argument set twice', () => {
    const text = 'resource "a" "b" {\n  x = 1\n  x = 2\n  dynamic "ingress" {\n    content {\n      deep { y = 1 }\n      z = 3\n    }\n  }\n}\n';
    const { blocks, problems } = hcl(text);
    const content = blocks[0].blocks[0].blocks[0];
    expect([blocks[0].type, blocks[0].blocks[0].type, content.type]).toEqual(['resource', 'dynamic', 'content']);
    expect(content.blocks).toEqual([]);
    expect([...content.attributes.keys()]).toEqual(['z']);
    expect(problems.map((p) => [p.message, at(text, p.span)])).toEqual([['the argument "x" is set twice in this block: Terraform refuses the file', 'x']]);
  });

  it('reports what does not parse at its place, and does not read the block that holds it', () => {
    const text = 'resource "aws_security_group" "a" {\n  ingress {\n    cidr_blocks = ["0.0.0.0/0"\n  }\n}\n\nresource "aws_security_group" "b" {}\n';
    const { blocks, problems } = hcl(text);
    expect(blocks.map((b) => b.labels[1].value)).toEqual(['b']);
    expect(problems.map((p) => p.message)).toEqual(['a "]" is missing here: Terraform cannot parse the file']);
    expect(text.slice(0, problems[0].span[0]).split('\n').length).toBe(4);
    const garbage = hcl('resource "a" "b" {\n  x = = 1\n}\n');
    expect(garbage.problems[0].message).toMatch(/^Terraform cannot parse this: /);
  });

  it("keeps the `#` comments that may be directives, as YAML's", () => {
    const text = '# kube-netlint-disable-next-line etcd-public -- lab\nresource "a" "b" {} // kube-netlint-disable\n# other\n';
    expect(hcl(text).comments.map((c) => c.text)).toEqual(['# kube-netlint-disable-next-line etcd-public -- lab', '# other']);
  });

  it('stops past the deadline, and parses the next text as usual', () => {
    expect(() => hcl('a = '.repeat(20000), clock.now() - 1)).toThrow(PAST_DEADLINE);
    expect(hcl('resource "a" "b" {}').blocks).toHaveLength(1);
  });

  it("bounds tree-sitter's error recovery, slow on garbage far from HCL, by the time budget", () => {
    const garbage = `resource "aws_security_group" "g" {}\n${'a = '.repeat(20000)}`;
    const result = lint(garbage, { filePath: 'sg.tf', config: { limits: { timeBudgetMs: 200 } } });
    expect(result.diagnostics.map((d) => [d.ruleId, d.messageId])).toEqual([['resource-limit', 'timeBudget']]);
  });

  it('never throws, and every span stays inside the text (property)', () => {
    const alphabet = fc.constantFrom(
      ...'ab =-/"\\$%{}[]()#\n\t*,.:01'.split(''),
      'resource ',
      '"aws_security_group" ',
      'ingress ',
      '${',
      '<<EOF\n',
      'EOF\n',
      '/*',
      '*/',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), fc.integer({ min: 0, max: 500 }), (parts, base) => {
        const text = parts.join('');
        const inside = ([s, e]: readonly [number, number]) => base <= s && s <= e && e <= base + text.length;
        const file = parseHcl(hclParser()!, text, base, Infinity, () => {});
        for (const p of [...file.problems, ...file.comments]) expect(inside(p.span)).toBe(true);
        for (const b of file.blocks) expect(inside(b.span) && inside(b.header)).toBe(true);
        const parsed = terraform.parse!(text, { base, filePath: 'x.tf', force: true });
        if (parsed && parsed !== NOT_PREPARED && parsed.ok) terraform.read(parsed.documents[0].doc, () => {}, { imported: [], appliesToOf: () => undefined });
      }),
      { numRuns: 300 },
    );
  });
});

/** The nodes an import applies to, as a plan writes them. */
const roles = (...names: string[]): Selector => ({ span: [0, 0], all: false, roles: names.map((value) => ({ value, span: [0, 0] })), nodes: [] });

/** A Terraform text as an import reads it: every group, or the one selected; `groups` gives the nodes other groups apply to. */
function partOf(text: string, select?: string, groups: Record<string, Selector> = {}): PlanPart {
  const parsed = terraform.parse!(text, { base: 0, filePath: 'sg.tf' });
  if (!parsed || parsed === NOT_PREPARED || !parsed.ok) throw new Error('not read');
  const context: ImportContext = { imported: [], select, appliesToOf: (part) => groups[part] };
  return terraform.read(parsed.documents[0].doc, () => {}, context);
}

/** A firewall's rules as `name: tcp 6443 from 10.0.0.0/8`; `any` for every protocol, nothing after it for every port. */
function rulesOf(firewall: Firewall): string[] {
  return firewall.rules.map((r) => {
    const proto = r.protocol === 'any' ? 'any' : (({ 1: 'icmp', 6: 'tcp', 17: 'udp' } as Record<number, string>)[r.protocol] ?? `proto-${r.protocol}`);
    const ports = r.ports ? ` ${r.ports.map((p) => p.value).join(',')}` : '';
    const from = r.from ? ` from ${r.from.map((f) => f.value).join(',') || 'nothing'}` : '';
    return `${r.name!.value}: ${r.action.value} ${proto}${ports}${from}`;
  });
}

const problemsOf = (part: PlanPart) => (part.problems ?? []).map((p) => p.message);
const unresolvedOf = (part: PlanPart) => (part.unresolved ?? []).map((u) => u.value);

/** One inline ingress block of a group `g`. */
const ingress = (body: string) => `resource "aws_security_group" "g" {\n  ingress {\n${body}\n  }\n}\n`;

describe('AWS security groups', () => {
  beforeAll(() => prepareGrammar());

  it('reads each group as a security group: its inline ingress rules, then the rule resources attached to it; egress is not read', () => {
    const text = `resource "aws_security_group_rule" "early" {
  type              = "ingress"
  protocol          = "udp"
  from_port         = 8472
  to_port           = 8472
  cidr_blocks       = ["10.0.1.0/24"]
  security_group_id = aws_security_group.g.id
}

resource "aws_security_group" "g" {
  ingress {
    from_port   = 6443
    to_port     = 6443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "out" {
  type              = "egress"
  protocol          = "-1"
  from_port         = 0
  to_port           = 0
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.g.id
}

resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = aws_security_group.g.id
  cidr_ipv6         = "2001:db8::/32"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
}
`;
    const [group] = partOf(text).firewalls;
    expect(group).toMatchObject({ type: 'security-group', defaultAction: 'deny', name: { value: 'aws_security_group.g' } });
    expect(at(text, group.name!.span)).toBe('resource "aws_security_group" "g"');
    expect(rulesOf(group)).toEqual([
      'aws_security_group_rule.early: allow udp 8472 from 10.0.1.0/24',
      'aws_security_group.g ingress #1: allow tcp 6443 from 10.0.0.0/8',
      'aws_vpc_security_group_ingress_rule.ssh: allow tcp 22 from 2001:db8::/32',
    ]);
    expect(at(text, group.rules[1].span)).toBe('ingress');
    expect(at(text, group.rules[1].protocolAt!.span)).toBe('tcp');
    expect(at(text, group.rules[1].ports![0].span)).toBe('6443');
  });

  it('reads protocols and ports as AWS does: -1 (or all) every protocol and port, 0-65535 every port, a protocol number without ports every port', () => {
    const rule = (protocol: string, from: string, to: string) =>
      rulesOf(partOf(ingress(`    protocol = ${protocol}\n    from_port = ${from}\n    to_port = ${to}\n    cidr_blocks = ["10.0.0.0/8"]`)).firewalls[0])[0];
    expect(rule('"-1"', '0', '0')).toBe('aws_security_group.g ingress #1: allow any from 10.0.0.0/8');
    expect(rule('"tcp"', '0', '65535')).toBe('aws_security_group.g ingress #1: allow tcp from 10.0.0.0/8');
    expect(rule('"tcp"', '0', '1024')).toBe('aws_security_group.g ingress #1: allow tcp 1-1024 from 10.0.0.0/8');
    expect(rule('"TCP"', '"2379"', '2380')).toBe('aws_security_group.g ingress #1: allow tcp 2379-2380 from 10.0.0.0/8');
    expect(rule('"6"', '22', '22')).toBe('aws_security_group.g ingress #1: allow tcp 22 from 10.0.0.0/8');
    expect(rule('"icmp"', '-1', '-1')).toBe('aws_security_group.g ingress #1: allow icmp from 10.0.0.0/8');
    expect(rule('"4"', '80', '80')).toBe('aws_security_group.g ingress #1: allow proto-4 from 10.0.0.0/8');
    const all = `resource "aws_security_group_rule" "r" {\n  type = "ingress"\n  protocol = "all"\n  from_port = 1\n  to_port = 100\n  cidr_blocks = ["10.0.0.0/8"]\n  security_group_id = "sg-0abc"\n}\n`;
    expect(rulesOf(partOf(all).firewalls[0])).toEqual(['aws_security_group_rule.r: allow any from 10.0.0.0/8']);
    expect(partOf(all).firewalls[0].name!.value).toBe('sg-0abc');
  });

  it('reports what AWS or the provider refuses, at its place, and leaves the rule out', () => {
    const refused = (body: string) => {
      const part = partOf(ingress(body));
      return [problemsOf(part), rulesOf(part.firewalls[0])];
    };
    expect(refused('    protocol = "tcp"\n    from_port = -1\n    to_port = -1\n    cidr_blocks = ["10.0.0.0/8"]')).toEqual([
      ['-1--1 is not a port range AWS takes (0-65535, from_port first)'],
      [],
    ]);
    expect(refused('    protocol = "-1"\n    from_port = 1\n    to_port = 65535\n    cidr_blocks = ["10.0.0.0/8"]')[0]).toEqual([
      'with protocol "-1" the AWS provider takes from_port and to_port 0 only: it refuses this rule',
    ]);
    expect(refused('    protocol = "gre"\n    from_port = 0\n    to_port = 0')[0]).toEqual([
      '"gre" is not a protocol AWS takes (tcp, udp, icmp, icmpv6, -1 for all, or a number 0-255)',
    ]);
    expect(refused('    protocol = "tcp"\n    from_port = 22\n    to_port = 22\n    cidr_blocks = ["::/0", "ten"]')).toEqual([
      ['"::/0" is an IPv6 CIDR in cidr_blocks: the provider takes it only in ipv6_cidr_blocks', '"ten" is not a CIDR block'],
      ['aws_security_group.g ingress #1: allow tcp 22 from nothing'],
    ]);
  });

  it('counts what Terraform computes, and reads the rest of the rule', () => {
    const part = partOf(
      ingress('    protocol = "tcp"\n    from_port = 22\n    to_port = 22\n    cidr_blocks = [var.admin, "10.0.0.0/8"]\n    prefix_list_ids = ["pl-123"]'),
    );
    expect(rulesOf(part.firewalls[0])).toEqual(['aws_security_group.g ingress #1: allow tcp 22 from 10.0.0.0/8']);
    expect(unresolvedOf(part)).toEqual(['var.admin', 'prefix list pl-123']);
    // A group none of whose rules can be read would deny all that its unread rules may allow: counted, not modelled.
    const ports = partOf(ingress('    protocol = "tcp"\n    from_port = var.port\n    to_port = var.port\n    cidr_blocks = ["10.0.0.0/8"]'));
    expect(ports.firewalls).toEqual([]);
    expect(unresolvedOf(ports)).toEqual(['var.port', 'var.port']);
  });

  it('reads a rule allowing a group (self, security_groups, source or referenced group) as the nodes its import names', () => {
    const text = `resource "aws_security_group" "cp" {
  ingress {
    from_port       = 2379
    to_port         = 2380
    protocol        = "tcp"
    self            = true
  }
  ingress {
    from_port       = 6443
    to_port         = 6443
    protocol        = "tcp"
    security_groups = [aws_security_group.workers.id, "sg-0bastion"]
  }
}

resource "aws_security_group_rule" "kubelet" {
  type                     = "ingress"
  protocol                 = "tcp"
  from_port                = 10250
  to_port                  = 10250
  source_security_group_id = aws_security_group.cp.id
  security_group_id        = aws_security_group.workers.id
}
`;
    const groups = { 'aws_security_group.cp': roles('control-plane'), 'aws_security_group.workers': roles('worker') };
    expect(rulesOf(partOf(text, 'aws_security_group.cp', groups).firewalls[0])).toEqual([
      'aws_security_group.cp ingress #1: allow tcp 2379-2380 from role:control-plane',
      'aws_security_group.cp ingress #2: allow tcp 6443 from role:worker',
    ]);
    expect(unresolvedOf(partOf(text, 'aws_security_group.cp', groups))).toEqual(['sg-0bastion']);
    expect(rulesOf(partOf(text, 'aws_security_group.workers', groups).firewalls[0])).toEqual([
      'aws_security_group_rule.kubelet: allow tcp 10250 from role:control-plane',
    ]);
    // No import names the other groups' nodes: the sources are not guessed.
    const alone = partOf(text, 'aws_security_group.cp');
    expect(rulesOf(alone.firewalls[0])).toEqual([
      'aws_security_group.cp ingress #1: allow tcp 2379-2380 from nothing',
      'aws_security_group.cp ingress #2: allow tcp 6443 from nothing',
    ]);
    expect(unresolvedOf(alone)).toEqual(['self (the members of aws_security_group.cp)', 'aws_security_group.workers.id', 'sg-0bastion']);
  });

  it('offers each group to `select`, and skips a resource with count = 0', () => {
    const text = `${SG}\nresource "aws_security_group" "gone" {\n  count = 0\n}\n\nresource "aws_security_group" "maybe" {\n  count = var.on ? 1 : 0\n}\n`;
    const parsed = terraform.parse!(text, { base: 0, filePath: 'sg.tf' });
    if (!parsed || parsed === NOT_PREPARED || !parsed.ok) throw new Error('not read');
    expect(terraform.selectable!(parsed.documents[0].doc)).toEqual(['aws_security_group.k8s', 'aws_security_group.maybe']);
    expect(partOf(text, 'aws_security_group.maybe').firewalls.map((f) => f.name!.value)).toEqual(['aws_security_group.maybe']);
    expect(unresolvedOf(partOf(text, 'aws_security_group.maybe'))).toEqual(['var.on ? 1 : 0']);
  });
});

describe('Hetzner Cloud firewalls', () => {
  beforeAll(() => prepareGrammar());

  it('reads the inbound rules, port "any" as every port, and lets the private Networks through, which Hetzner does not filter', () => {
    const text = `resource "hcloud_firewall" "fw" {
  rule {
    direction  = "in"
    protocol   = "tcp"
    port       = "30000-32767"
    source_ips = ["0.0.0.0/0", "::/0"]
  }
  rule {
    direction  = "in"
    protocol   = "udp"
    port       = "any"
    source_ips = ["203.0.113.0/24"]
  }
  rule {
    direction  = "in"
    protocol   = "icmp"
    source_ips = ["0.0.0.0/0"]
  }
  rule {
    direction       = "out"
    protocol        = "tcp"
    port            = "any"
    destination_ips = ["0.0.0.0/0"]
  }
  rule {
    direction  = "in"
    protocol   = "tcp"
    source_ips = ["0.0.0.0/0"]
  }
}
`;
    const part = partOf(text);
    expect(part.firewalls[0].type).toBe('security-group');
    expect(rulesOf(part.firewalls[0])).toEqual([
      'hcloud_firewall.fw rule #1: allow tcp 30000-32767 from 0.0.0.0/0,::/0',
      'hcloud_firewall.fw rule #2: allow udp from 203.0.113.0/24',
      'hcloud_firewall.fw rule #3: allow icmp from 0.0.0.0/0',
      'private Networks (Hetzner Cloud Firewalls filter public interfaces only): allow any from 10.0.0.0/8,172.16.0.0/12,192.168.0.0/16',
    ]);
    expect(problemsOf(part)).toEqual(['port is required for tcp ("any" for every port)']);
  });
});

describe('GCP firewall rules', () => {
  beforeAll(() => prepareGrammar());
  const text = `resource "google_compute_firewall" "internal" {
  source_tags = ["k8s"]
  allow {
    protocol = "tcp"
  }
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
}

resource "google_compute_firewall" "deny_kubelet" {
  priority      = 1000
  source_ranges = ["0.0.0.0/0"]
  deny {
    protocol = "tcp"
    ports    = ["10250"]
  }
}

resource "google_compute_firewall" "api" {
  priority    = 10
  target_tags = ["master"]
  allow {
    protocol = "tcp"
    ports    = [6443, "0-65535"]
  }
}

resource "google_compute_firewall" "off" {
  disabled = true
  allow {
    protocol = "all"
  }
}

resource "google_compute_firewall" "out" {
  direction = "EGRESS"
  allow {
    protocol = "all"
  }
}
`;

  it('orders the ingress rules by priority, a deny before an allow of the same priority, over an implied deny', () => {
    const [firewall] = partOf(text, undefined, { 'tag:k8s': roles('control-plane', 'worker') }).firewalls;
    expect(firewall).toMatchObject({ type: 'host', defaultAction: 'deny', name: { value: 'google_compute_firewall (sg.tf)' } });
    expect(rulesOf(firewall)).toEqual([
      'google_compute_firewall.api: allow tcp from 0.0.0.0/0',
      'google_compute_firewall.deny_kubelet: deny tcp 10250 from 0.0.0.0/0',
      'google_compute_firewall.internal allow #1: allow tcp from role:control-plane,role:worker',
      'google_compute_firewall.internal allow #2: allow udp 8472 from role:control-plane,role:worker',
    ]);
  });

  it('gives a selected tag the rules that target it and those that target every instance', () => {
    const parsed = terraform.parse!(text, { base: 0, filePath: 'sg.tf' });
    if (!parsed || parsed === NOT_PREPARED || !parsed.ok) throw new Error('not read');
    expect(terraform.selectable!(parsed.documents[0].doc)).toEqual(['tag:k8s', 'tag:master']);
    const [worker] = partOf(text, 'tag:k8s').firewalls;
    expect(worker.name!.value).toBe('google_compute_firewall tag:k8s (sg.tf)');
    expect(rulesOf(worker).map((r) => r.split(':')[0])).toEqual([
      'google_compute_firewall.deny_kubelet',
      'google_compute_firewall.internal allow #1',
      'google_compute_firewall.internal allow #2',
    ]);
  });
});

describe('OpenStack security group rules', () => {
  beforeAll(() => prepareGrammar());

  it('groups the ingress rules by security_group_id; no remote is every address of the ethertype, no protocol every protocol, 0-0 every port', () => {
    const text = `resource "openstack_networking_secgroup_v2" "sg" {
  name = "k8s"
}

resource "openstack_networking_secgroup_rule_v2" "any" {
  direction         = "ingress"
  ethertype         = "IPv6"
  security_group_id = openstack_networking_secgroup_v2.sg.id
}

resource "openstack_networking_secgroup_rule_v2" "tcp" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = 0
  port_range_max    = 0
  remote_group_id   = openstack_networking_secgroup_v2.sg.id
  security_group_id = openstack_networking_secgroup_v2.sg.id
}

resource "openstack_networking_secgroup_rule_v2" "wrong_family" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "udp"
  port_range_min    = 8472
  port_range_max    = 8472
  remote_ip_prefix  = "fd00::/8"
  security_group_id = openstack_networking_secgroup_v2.sg.id
}
`;
    const part = partOf(text, undefined, { 'openstack_networking_secgroup_v2.sg': roles('worker') });
    expect(rulesOf(part.firewalls[0])).toEqual([
      'openstack_networking_secgroup_rule_v2.any: allow any from ::/0',
      'openstack_networking_secgroup_rule_v2.tcp: allow tcp from role:worker',
    ]);
    expect(problemsOf(part)).toEqual(['"fd00::/8" is not an IPv4 CIDR, as the rule\'s ethertype says: Neutron refuses the rule']);
  });
});

describe('imports with select', () => {
  beforeAll(() => prepareGrammar());

  it('imports each group a file defines once per select, and reports a select that names none, with the closest', async () => {
    const dir = folder({
      'sg.tf': `${SG}\nresource "aws_security_group" "workers" {}\n`,
      'plan.yaml': planImporting(
        '{path: sg.tf, format: terraform, select: aws_security_group.k8s, appliesTo: {roles: [control-plane]}}',
        '{path: sg.tf, format: terraform, select: aws_security_group.workers, appliesTo: {roles: [worker]}}',
        '{path: sg.tf, format: terraform, select: aws_security_group.k8z}',
      ),
    });
    const plan = join(dir, 'plan.yaml');
    const text = readFileSync(plan, 'utf8');
    const result = await lintPrepared(text, { filePath: plan, host });
    const invalid = result.diagnostics.filter((d) => d.ruleId === 'invalid-import');
    expect(invalid.map((d) => d.message)).toEqual([
      'sg.tf has no "aws_security_group.k8z" to import (it has aws_security_group.k8s and aws_security_group.workers); did you mean "aws_security_group.k8s"?',
    ]);
    expect(text.slice(invalid[0].range.start.offset, invalid[0].range.end.offset)).toBe('aws_security_group.k8z');
    // etcd is public on the control plane only; the workers' group allows nothing.
    expect(result.diagnostics.filter((d) => d.ruleId === 'etcd-public').map((d) => d.message)).toEqual([expect.stringContaining('"cp-1"')]);
    expect(result.diagnostics.some((d) => d.ruleId === 'kubelet-unreachable' && d.message.includes('security group "aws_security_group.workers"'))).toBe(true);
  });

  it('says that a file of another format has nothing to select', async () => {
    const dir = folder({
      'nodes.yaml': 'apiVersion: kube-netlint/v1\nkind: ClusterPlan\nspec: {}\n',
      'plan.yaml': planImporting('{path: nodes.yaml, select: aws_security_group.k8s}'),
    });
    const plan = join(dir, 'plan.yaml');
    const result = await lintPrepared(readFileSync(plan, 'utf8'), { filePath: plan, host });
    expect(result.diagnostics.filter((d) => d.ruleId === 'invalid-import').map((d) => d.message)).toEqual([
      'nodes.yaml has no "aws_security_group.k8s" to import: nothing in it can be selected',
    ]);
  });
});

describe("the CLI's path: a Terraform file named is linted through the plan that imports it", () => {
  beforeAll(() => prepareGrammar());

  it('finds the plan, lints it with the format prepared, and reports at the lines of the .tf file', async () => {
    const tf = join(INPUTS, 'broken-exposure', 'sg.tf');
    const plans = new ImporterIndex(host).plansOf(tf);
    expect(plans).toEqual([join(INPUTS, 'broken-exposure', 'hosts.yaml')]);
    const result = await lintPrepared(readFileSync(plans[0], 'utf8'), { filePath: plans[0], host });
    const inTf = result.diagnostics.filter((d) => d.filePath === tf);
    expect(inTf.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.ruleId}`)).toEqual(
      expect.arrayContaining(['11:3 etcd-public', '18:3 kubelet-public', '25:3 overlay-public', '40:3 nodeport-public', '98:1 all-ports-public']),
    );
    const etcd = inTf.find((d) => d.ruleId === 'etcd-public')!;
    expect(etcd.message).toContain('rule "aws_security_group.k3s ingress #2" (2) of security group "aws_security_group.k3s"');
  });

  it('lints a Terraform file alone, with --input-format terraform for a file not named .tf', async () => {
    const alone = await lintPrepared(SG, { filePath: 'sg.tf' });
    expect(alone).toMatchObject({ isPlan: true, diagnostics: [] });
    expect((await lintPrepared(SG, { filePath: 'sg.hcl' })).isPlan).toBe(false);
    expect((await lintPrepared(SG, { filePath: 'sg.hcl', inputFormat: 'terraform' })).isPlan).toBe(true);
  });
});

describe('the editor: an open .tf file is linted through its plan, with its unsaved text', () => {
  it("shows the .tf file's findings, and those of an edit before it is saved", async () => {
    const { DocumentConfigs } = await import('../server/lint-document');
    const tf = join(INPUTS, 'broken-exposure', 'sg.tf');
    const text = readFileSync(tf, 'utf8');
    const shown = await new DocumentConfigs(undefined).lint(text, tf);
    expect(shown.dependsOn).toEqual(expect.arrayContaining([join(INPUTS, 'broken-exposure', 'hosts.yaml')]));
    expect(shown.diagnostics.map((d) => `${d.range.start.line} ${d.ruleId}`)).toContain('11 etcd-public');
    const closed = text.replace(
      'from_port   = 2379\n    to_port     = 2380\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]',
      'from_port   = 2379\n    to_port     = 2380\n    protocol    = "tcp"\n    cidr_blocks = ["172.31.32.0/20"]',
    );
    expect(closed).not.toBe(text);
    const edited = await new DocumentConfigs(undefined).lint(closed, tf);
    expect(edited.diagnostics.some((d) => d.ruleId === 'etcd-public')).toBe(false);
  });
});

describe('the real Terraform files (../shared/corpus/realworld/firewalls), imported by a plan', () => {
  beforeAll(() => prepareGrammar());

  function lintImporting(file: string): { diagnostics: Diagnostic[]; text: string } {
    const path = join(corpus('firewalls'), file);
    const result = lintImportedBy(path, {
      distribution: 'kubeadm',
      format: 'terraform',
      appliesTo: 'all',
      nodes: [
        '{name: master-1, roles: [control-plane, etcd], interfaces: [{name: eth0, addresses: [192.168.10.11/24]}]}',
        '{name: worker-1, roles: [worker], interfaces: [{name: eth0, addresses: [192.168.10.21/24]}]}',
      ],
    });
    expect(result.isPlan).toBe(true);
    expect(result.needs).toBeUndefined();
    expect(result.diagnostics.filter((d) => d.ruleId === 'invalid-import' || d.ruleId === 'rule-crash' || d.ruleId === 'input-syntax')).toEqual([]);
    return { diagnostics: result.diagnostics.filter((d) => d.filePath === path), text: readFileSync(path, 'utf8') };
  }
  const lineOf = (d: Diagnostic) => `${d.range.start.line} ${d.ruleId}`;

  it("haingyen's 7-sg.tf: etcd, the kubelet, ssh and the API server open to 0.0.0.0/0, each at its ingress block", () => {
    const { diagnostics } = lintImporting('haingyen-deploy-to-k8s.terraform.7-sg.tf');
    expect(diagnostics.map(lineOf)).toEqual(expect.arrayContaining(['5 service-public', '11 apiserver-public', '17 etcd-public', '23 kubelet-public']));
    expect(diagnostics.find((d) => d.ruleId === 'etcd-public')!.message).toContain('rule "aws_security_group.sg_k8s ingress #3"');
    expect(diagnostics.filter((d) => d.ruleId === 'import-unresolved')).toEqual([]);
  });

  it("the GKE module's firewall.tf: every rule is computed (count, priorities, ranges, tags), so all is counted and nothing judged", () => {
    const { diagnostics } = lintImporting('terraform-google-kubernetes-engine.firewall.tf');
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['import-unresolved']);
    expect(diagnostics[0].message).toMatch(/^\d+ values were not checked/);
  });

  it("kube-hetzner's main.tf: the firewall's rules come from a dynamic block, counted; the private Network stays unfiltered", () => {
    const { diagnostics } = lintImporting('kube-hetzner.main.tf');
    const unresolved = diagnostics.find((d) => d.ruleId === 'import-unresolved')!;
    expect(unresolved.message).toContain('"dynamic rule"');
    expect(diagnostics.some((d) => d.ruleId.endsWith('-public') && d.ruleId !== 'kubelet-readonly-open')).toBe(false);
  });

  it("terraform-aws-eks's node_groups.tf: its rules are built with for_each, counted, not read", () => {
    const { diagnostics } = lintImporting('terraform-aws-eks.node_groups.tf');
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['import-unresolved']);
  });
});
