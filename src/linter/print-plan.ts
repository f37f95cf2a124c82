// `--print-plan`: the plan as kube-netlint read it, written as a ClusterPlan with a comment after each
// value saying where it came from (`group_vars/k8s_cluster/k8s-cluster.yml:78`, or whose default it is).
// It is how a user checks what an importer read, and a start for a hand-kept plan.
import { basename, dirname, relative } from 'node:path';
import { stringify } from 'yaml';
import type { Span } from '../core/types';
import type { Place } from '../engine/lint';
import { ruleRegistry } from '../engine/registry';
import type { AddressLiteral, EffectiveNetwork, Firewall, Located, NetworkEntry, Plan, PlanNode, PortItem, Selector } from '../model/types';
import { lint, type LinterOptions } from './lint';

const NO_RULES = ruleRegistry([]);

/** The plan of the text's first plan document, as ClusterPlan YAML; undefined when the text is no input kube-netlint reads. */
export function printPlan(text: string, options: LinterOptions = {}): string | undefined {
  let found: { plan: Plan; place: (span: Span) => Place } | undefined;
  lint(text, { ...options, registry: NO_RULES, onPlan: (plan, place) => (found ??= { plan, place }) });
  return found && new PlanWriter(found.plan, found.place, options.filePath).write();
}

/** A scalar as YAML writes it in flow context (quoted when it must be). */
const scalar = (v: string | number | boolean): string => stringify(v, { lineWidth: 0 }).trimEnd();
const flow = (values: readonly (string | number | boolean)[]): string => `[${values.map(scalar).join(', ')}]`;

class PlanWriter {
  private readonly lines: string[] = [];

  constructor(
    private readonly plan: Plan,
    private readonly place: (span: Span) => Place,
    private readonly filePath: string | undefined,
  ) {}

  /** `file:line` of a span, the file relative to the linted file's folder. */
  private where(span: Span | undefined): string | undefined {
    if (!span) return undefined;
    const { filePath, line } = this.place(span);
    const file = filePath ?? this.filePath;
    const shown = file === undefined ? '<text>' : this.filePath === undefined ? file : relative(dirname(this.filePath), file) || basename(file);
    return `${shown}:${line}`;
  }

  private put(depth: number, text: string, comment?: string): void {
    this.lines.push(`${'  '.repeat(depth)}${text}${comment ? `  # ${comment}` : ''}`);
  }

  private value(depth: number, key: string, lit: Located<string | number | boolean> | undefined): void {
    if (lit) this.put(depth, `${key}: ${scalar(lit.value)}`, this.where(lit.span));
  }

  write(): string {
    const { plan } = this;
    const from = this.filePath ? basename(this.filePath) : 'standard input';
    this.lines.push(`# The plan kube-netlint read from ${from} (with the files it imports), as a ClusterPlan: each value is`);
    this.lines.push('# followed by the file and line it came from, or by whose default it is.');
    this.put(0, 'apiVersion: kube-netlint/v1');
    this.put(0, 'kind: ClusterPlan');
    this.put(0, `metadata: {name: ${scalar(this.filePath ? basename(this.filePath).replace(/\.[^.]*$/, '') : 'plan')}}`);
    this.put(0, 'spec:');
    const implied = plan.distribution === 'kubeadm' ? 'not written: the default, or what the input format installs' : 'not written: what the input format is';
    this.put(1, `distribution: ${plan.distribution}`, this.where(plan.distributionAt?.span) ?? implied);
    this.put(1, 'cni:');
    this.put(2, `plugin: ${plan.cni.plugin}`, this.where(plan.cni.pluginAt?.span) ?? `not written: the default of ${plan.distribution} or of the installer`);
    if (plan.cni.mode)
      this.put(2, `mode: ${scalar(plan.cni.mode)}`, this.where(plan.cni.modeAt?.span) ?? `not written: the default for ${plan.cni.plugin} here`);
    if (plan.controlPlaneEndpoint) this.value(1, 'controlPlaneEndpoint', plan.controlPlaneEndpoint);
    this.networks();
    if (plan.nodes.length > 0) {
      this.put(1, 'nodes:');
      for (const node of plan.nodes) this.node(node);
    }
    if (plan.firewalls.length > 0) {
      this.put(1, 'firewalls:');
      for (const f of plan.firewalls) this.firewall(f);
    }
    if (plan.declaredServices.length > 0) {
      this.put(1, 'services:');
      for (const s of plan.declaredServices) {
        const ports = s.ports.map((p) => p.value);
        this.put(
          2,
          `- {name: ${scalar(s.name?.value ?? 'service')}, protocol: ${protocolText(s.protocol)}, ports: ${flow(ports)}, exposure: ${s.exposure}}`,
          this.where(s.span),
        );
      }
    }
    for (const values of plan.unresolved) {
      for (const v of values) this.lines.push(`# not read, a template fills it in: ${scalar(v.value)}  (${this.where(v.span)})`);
    }
    return `${this.lines.join('\n')}\n`;
  }

  private networks(): void {
    const { plan } = this;
    this.put(1, 'networks:');
    const list = (key: string, entries: readonly (NetworkEntry | EffectiveNetwork)[]) => {
      if (entries.length === 0) return;
      this.put(2, `${key}:`);
      for (const e of entries) {
        if ('defaultOf' in e && e.defaultOf) this.put(3, `- ${scalar(e.text)}`, `default: ${e.defaultOf}`);
        else this.put(3, `- ${scalar('value' in e ? e.value : e.text)}`, this.where(e.span));
      }
    };
    list('nodes', plan.networks.lists.nodes ?? []);
    list('pods', plan.pods);
    list('services', plan.services);
    list('trusted', plan.networks.lists.trusted ?? []);
    const reserved = plan.networks.lists.reserved ?? [];
    if (reserved.length > 0) {
      this.put(2, 'reserved:');
      for (const r of reserved) this.put(3, `- {name: ${scalar(r.name ?? 'reserved')}, cidr: ${scalar(r.value)}}`, this.where(r.span));
    }
    const n = plan.networks;
    this.value(2, 'nodeCidrMaskSize', n.nodeCidrMaskSize);
    this.value(2, 'nodeCidrMaskSizeIPv6', n.nodeCidrMaskSizeIPv6);
    this.value(2, 'maxPods', n.maxPods);
    this.value(2, 'clusterDNS', n.clusterDNS);
    this.value(2, 'nodePortRange', n.nodePortRange && { ...n.nodePortRange, value: String(n.nodePortRange.value) });
  }

  private node(node: PlanNode): void {
    this.put(2, `- name: ${node.name ? scalar(node.name.value) : '""'}`, this.where(node.name?.span ?? node.span));
    if (node.roles.length > 0) this.put(3, `roles: ${flow(node.roles.map((r) => r.value))}`, this.where(node.roles[0].span));
    const interfaces = node.interfaces.filter((i) => i.addresses.length > 0 || i.mac || i.dhcp || i.name || i.addressUnknown);
    if (interfaces.length > 0) {
      this.put(3, 'interfaces:');
      for (const [i, iface] of interfaces.entries()) {
        const fields = [
          // The plan format names every interface; an input that does not gets a placeholder to replace.
          `name: ${iface.name ? scalar(iface.name.value) : `nic${i}`}`,
          iface.mac && `mac: ${scalar(iface.mac.value)}`,
          iface.dhcp && `dhcp: ${String(iface.dhcp.value)}`,
          iface.addresses.length > 0 && `addresses: ${flow(iface.addresses.map((a: AddressLiteral) => a.value))}`,
        ].filter(Boolean);
        const notes = [
          iface.addressUnknown ? 'an address the input does not say' : this.where(iface.addresses[0]?.span ?? iface.mac?.span ?? iface.span),
          !iface.name && 'the name is not in the input',
          iface.addresses.some((a) => a.subnetUnknown) && 'the subnet is not in the input: add the prefix (bare, the address is a host route)',
        ].filter(Boolean);
        const note = notes.join('; ');
        this.put(4, `- {${fields.join(', ')}}`, note);
      }
    }
    if (node.routes.length > 0) {
      this.put(3, 'routes:');
      for (const r of node.routes) this.put(4, `- {to: ${scalar(r.to?.value ?? 'default')}, via: ${scalar(r.via?.value ?? '')}}`, this.where(r.span));
    }
  }

  private firewall(f: Firewall): void {
    this.put(2, `- name: ${scalar(f.name?.value ?? `firewall ${f.index + 1}`)}`, this.where(f.name?.span ?? f.span));
    if (f.type !== 'host') this.put(3, `type: ${f.type}`);
    if (f.appliesTo) this.put(3, `appliesTo: ${selectorText(f.appliesTo)}`, this.where(f.appliesTo.span));
    this.put(3, `defaultAction: ${f.defaultAction}`, this.where(f.defaultActionAt?.span) ?? 'not written');
    if (f.rules.length === 0) return;
    this.put(3, 'rules:');
    for (const r of f.rules) {
      const fields = [...(r.name ? [`name: ${scalar(r.name.value)}`] : []), `action: ${r.action.value}`, `protocol: ${protocolText(r.protocol)}`];
      if (r.ports) fields.push(`ports: ${flow(r.ports.map((p: PortItem) => p.value))}`);
      if (r.from) fields.push(`from: ${flow(r.from.map((s) => s.value))}`);
      if (r.arrivesOn) fields.push(`arrivesOn: ${flow(r.arrivesOn.map((s) => s.value))}`);
      this.put(4, `- {${fields.join(', ')}}`, this.where(r.span));
    }
  }
}

const protocolText = (p: number | 'any'): string => (p === 6 ? 'tcp' : p === 17 ? 'udp' : String(p));

function selectorText(s: Selector): string {
  if (s.all) return 'all';
  const parts = [
    s.roles.length > 0 && `roles: ${flow(s.roles.map((r) => r.value))}`,
    s.nodes.length > 0 && `nodes: ${flow(s.nodes.map((n) => n.value))}`,
  ].filter(Boolean);
  return `{${parts.join(', ')}}`;
}
