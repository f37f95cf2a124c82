// Large inputs for the fuzzer, of the shapes only size reveals (the audit's fuzz inputs were all under 3 KB,
// so none of its size defects B1-B7 could show): plans of thousands of nodes written with anchors, aliases
// and merge keys, some damaged, and hostile shapes: alias and merge fan-outs, bombs, firewalls that shadow,
// long lines, wide mappings, masses of schema errors, many documents, deep nesting. A case (shape, seed,
// size) gives the same text every time, so a failure is replayed from the three numbers fast-check prints.
import { damage, type Op } from './damage';

export const SHAPES = [
  'anchored-plan',
  'alias-fan-out',
  'merge-fan-out',
  'bomb',
  'firewalls',
  'long-line',
  'wide-mapping',
  'schema-errors',
  'many-documents',
  'deep-nesting',
] as const;
export type Shape = (typeof SHAPES)[number];

export interface LargeCase {
  shape: Shape;
  seed: number;
  /** The text's size in KB (1,000 bytes), reached or passed by a little. */
  kb: number;
}

export interface LargeInput {
  text: string;
  /**
   * Rule ids of which lint() must report at least one (resource-limit always does): the mistake planted
   * at the end of the plan, or the finding that says why it was not reached. Undefined for a damaged text,
   * of which nothing is known.
   */
  expects?: readonly string[];
}

export function largeInput({ shape, seed, kb }: LargeCase): LargeInput {
  return GENERATORS[shape](random(seed), kb * 1000);
}

/** Counter-based: each draw is a hash of (seed, draw number), so that near seeds give unrelated texts. */
function random(seed: number) {
  const mix = (x: number) => {
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
    return (x ^ (x >>> 16)) >>> 0;
  };
  const base = mix(seed);
  let draws = 0;
  const next = () => mix(base + Math.imul(++draws, 0x9e3779b1)) / 2 ** 32;
  const int = (n: number) => Math.floor(next() * n);
  return {
    int,
    between: (min: number, max: number) => min + int(max - min + 1),
    pick: <T>(xs: readonly T[]): T => xs[int(xs.length)],
    chance: (p: number) => next() < p,
  };
}
type Random = ReturnType<typeof random>;

const HEAD = 'apiVersion: kube-netlint/v1\nkind: ClusterPlan\nmetadata: {name: large}\nspec:\n';
const NETWORKS = '  networks: {nodes: [10.0.0.0/8], pods: [172.16.0.0/12], services: [192.168.0.0/16]}\n';
/** The mistake planted last in a plan: found only if the engine reads the plan to its end. */
const PLANTED = '    - {name: Bad_Name, roles: [worker]}\n';
const HOSTNAME = 'invalid-hostname';

const mac = (i: number) => `52:54:00:${[(i >> 16) & 255, (i >> 8) & 255, i & 255].map((b) => b.toString(16).padStart(2, '0')).join(':')}`;
/** Host i + 1 of 10.0.0.0/8, so never its network address. */
const address = (i: number) => `10.${((i + 1) >> 16) & 255}.${((i + 1) >> 8) & 255}.${(i + 1) & 255}/8`;
const ownInterface = (i: number) => `[{name: eth0, mac: "${mac(i)}", addresses: [${address(i)}]}]`;

/** Appends `item(i)` for i = 0, 1, … until `parts` (joined without separator) holds `bytes` characters. */
function fill(parts: string[], bytes: number, item: (i: number) => string): string[] {
  let size = parts.reduce((n, p) => n + p.length, 0);
  for (let i = 0; size < bytes; i++) {
    const p = item(i);
    parts.push(p);
    size += p.length;
  }
  return parts;
}

/**
 * Worker nodes as inventories write them: node templates merged (`<<: *worker`, `<<: [*worker, *rack-a]`),
 * shared roles and interfaces (`roles: *r`, `interfaces: *ifs`, which make duplicates), in block and flow style.
 * The anchors are defined under `x-templates`, which comes first.
 */
const TEMPLATES = [
  '  x-templates:',
  '    worker: &worker',
  '      roles: [worker]',
  '      sysctls: {net.ipv4.ip_forward: "1"}',
  '      routes: [{to: default, via: 10.0.0.1}]',
  '    rack-a: &rack-a {labels: {rack: a, zone: eu-1a}}',
  '    rack-b: &rack-b {labels: {rack: b, zone: eu-1b}}',
  '    roles: &r [worker]',
  '    interfaces: &ifs [{name: eth0, mac: "52:54:00:ff:ff:ff", addresses: [10.255.255.254/8]}]',
  '',
].join('\n');

function templatedNodes(r: Random, bytes: number, parts: string[]): string[] {
  const shared = r.pick([0, 0.001, 0.05, 0.5]);
  parts.push('  nodes:\n');
  for (let i = 0; i < 3; i++) parts.push(`    - {name: cp-${i + 1}, roles: [control-plane, etcd], interfaces: ${ownInterface(i)}}\n`);
  return fill(parts, bytes, (n) => {
    const i = n + 3;
    const ifs = r.chance(shared) ? '*ifs' : ownInterface(i);
    switch (r.int(5)) {
      case 0:
        return `    - <<: *worker\n      name: w-${i}\n      interfaces: ${ifs}\n`;
      case 1:
        return `    - <<: [*worker, ${r.pick(['*rack-a', '*rack-b'])}]\n      name: w-${i}\n      interfaces: ${ifs}\n`;
      case 2:
        return `    - name: w-${i}\n      roles: *r\n      interfaces: ${ifs}\n`;
      case 3:
        return `    - {<<: *worker, name: w-${i}, interfaces: ${ifs}}\n`;
      default:
        return `    - {<<: [*rack-b, *worker], name: w-${i}, roles: *r, interfaces: ${ifs}}\n`;
    }
  });
}

/** Firewalls that share their rules by alias, so that the plan is a whole one. */
const FIREWALLS = [
  '  firewalls:',
  '    - name: workers',
  '      appliesTo: {roles: [worker]}',
  '      rules: &rules',
  '        - {action: allow, protocol: tcp, ports: 10250, from: ["role:control-plane"]}',
  '        - {action: allow, protocol: udp, ports: 4789, from: [nodes]}',
  '    - name: control-plane',
  '      appliesTo: {roles: [control-plane]}',
  '      rules: [{action: allow, protocol: tcp, ports: 6443, from: [nodes]}, {action: allow, protocol: tcp, ports: "2379-2380", from: ["role:etcd"]}]',
  '    - {name: again, appliesTo: all, rules: *rules}',
  '',
].join('\n');

/** A realistic plan of about `bytes`, its nodes templated, the planted mistake last among them. */
function anchoredPlan(r: Random, bytes: number): string {
  const parts = templatedNodes(r, bytes - FIREWALLS.length, [HEAD, '  cni: {plugin: calico, mode: vxlan}\n', NETWORKS, TEMPLATES]);
  return parts.join('') + PLANTED + FIREWALLS;
}

const GENERATORS: Record<Shape, (r: Random, bytes: number) => LargeInput> = {
  'anchored-plan'(r, bytes) {
    // Damage as editing leaves it (test/support/damage.ts) in half of them, anywhere in the plan; drawn
    // first, so that a seed is damaged or not at every size.
    const ops: Op[] = r.chance(0.5) ? [] : Array.from({ length: r.between(1, 6) }, () => [r.int(2 ** 31), r.int(2 ** 31), r.int(9)]);
    const text = anchoredPlan(r, bytes);
    return ops.length === 0 ? { text, expects: [HOSTNAME] } : { text: damage(text, ops) };
  },

  'alias-fan-out'(r, bytes) {
    const parts = [HEAD, NETWORKS];
    switch (r.int(4)) {
      case 0: // every node the same node: as many duplicate names as aliases
        parts.push('  nodes:\n    - &n {name: same, roles: [worker]}\n');
        return { text: fill(parts, bytes, () => '    - *n\n').join('') + PLANTED, expects: [HOSTNAME, 'yaml-syntax'] };
      case 1: // one rule's sources, in one flow list
        parts.push('  nodes: [{name: cp, roles: [control-plane, etcd], interfaces: [{name: eth0, addresses: [10.0.0.1/8]}]}, {name: Bad_Name}]\n');
        parts.push('  firewalls: [{name: f, appliesTo: all, rules: [{action: allow, protocol: tcp, ports: 22, from: [&c 10.1.0.0/16');
        return { text: `${fill(parts, bytes, () => ', *c').join('')}]}]}]\n`, expects: [HOSTNAME, 'yaml-syntax'] };
      case 2: // an unknown field, so the schema sees every alias
        parts.push('  x: [&a v');
        return { text: `${fill(parts, bytes, () => ', *a').join('')}]\n  nodes:\n${PLANTED}`, expects: ['plan-schema', 'yaml-syntax'] };
      default: // a shared role list on every node
        parts.push('  x-roles: &r [worker]\n  nodes:\n');
        return { text: fill(parts, bytes, (i) => `    - {name: w-${i}, roles: *r}\n`).join('') + PLANTED, expects: [HOSTNAME, 'yaml-syntax'] };
    }
  },

  'merge-fan-out'(r, bytes) {
    // One map of `keys` keys merged into every node's labels, or into the items of an unknown field (which
    // the schema reads whole): past the expansion limit it is refused as a bomb.
    const keys = r.pick([10, 100, 1000, 5000]);
    const labels = Array.from({ length: keys }, (_, k) => `k${k}: v${k}`).join(', ');
    const parts = [HEAD, NETWORKS, `  x-labels: &labels {${labels}}\n`];
    const into = r.int(3);
    if (into === 2) {
      parts.push(`  nodes:\n${PLANTED}  copies:\n`);
      return { text: fill(parts, bytes, (i) => `    - {<<: *labels, id: ${i}}\n`).join(''), expects: [HOSTNAME, 'plan-schema', 'yaml-syntax'] };
    }
    parts.push('  nodes:\n');
    const node =
      into === 0
        ? (i: number) => `    - {name: w-${i}, labels: {<<: *labels, own: x}}\n`
        : (i: number) => `    - name: w-${i}\n      labels:\n        <<: [*labels]\n`;
    return { text: fill(parts, bytes, node).join('') + PLANTED, expects: [HOSTNAME, 'yaml-syntax'] };
  },

  bomb(r, bytes) {
    // Exponential: each level `width` aliases (or merges) of the one before, at least 10^7 values in all.
    const width = r.between(2, 10);
    const levels = Math.ceil(7 / Math.log10(width)) + r.int(3);
    const merge = r.chance(0.5);
    const bomb = ['  x-bomb:', `    l0: &l0 {a: 1, b: 2}`];
    for (let l = 1; l <= levels; l++) {
      const items = Array.from({ length: width }, (_, k) => (merge ? `k${k}: {<<: *l${l - 1}}` : `*l${l - 1}`));
      bomb.push(merge ? `    l${l}: &l${l} {${items.join(', ')}}` : `    l${l}: &l${l} [${items.join(', ')}]`);
    }
    // In front of a templated plan, used nowhere or in a place the model reads (every worker's labels).
    const plan = anchoredPlan(r, bytes).replace('  x-templates:', `${bomb.join('\n')}\n  x-templates:`);
    const text = r.chance(0.5) ? plan : plan.replace('      roles: [worker]\n', `      roles: [worker]\n      labels: *l${levels}\n`);
    return { text, expects: ['yaml-syntax'] };
  },

  firewalls(r, bytes) {
    // Many firewalls on every node, many rules each from a small pool (so that rules shadow each other),
    // some with long port lists or many port ranges.
    const nodes = Array.from(
      { length: 20 },
      (_, i) => `    - {name: n-${i}, roles: [${i < 3 ? 'control-plane, etcd' : 'worker'}], interfaces: ${ownInterface(i)}}\n`,
    );
    const parts = [HEAD, NETWORKS, '  nodes:\n', ...nodes, PLANTED, '  firewalls:\n'];
    const perFirewall = r.pick([10, 100, 1000]);
    const pool = r.pick([5, 50, 5000]);
    const lists = r.pick([0, 0.002, 0.05]); // the share of rules with a long port list or many ranges
    const ports = () => {
      if (!r.chance(lists)) return String(1 + ((r.int(pool) * 7919) % 65535));
      if (r.chance(0.5)) return `[${Array.from({ length: r.between(10, 2000) }, () => 1 + r.int(65535)).join(', ')}]`;
      return `[${Array.from({ length: r.between(10, 500) }, () => {
        const p = 1 + r.int(65000);
        return `"${p}-${p + r.int(500)}"`;
      }).join(', ')}]`;
    };
    const rule = () =>
      `        - {action: ${r.pick(['allow', 'allow', 'deny'])}, protocol: ${r.pick(['tcp', 'udp'])}, ports: ${ports()}, from: [${r.pick(['any', 'nodes', `10.${r.int(pool) & 255}.0.0/16`])}]}\n`;
    const twice = '        - {action: allow, protocol: tcp, ports: 22, from: [any]}\n';
    fill(parts, bytes, (i) =>
      i % (perFirewall + 1) === 0
        ? `    - name: fw-${i}\n      appliesTo: ${r.pick(['all', '{roles: [worker]}', '{nodes: [n-5, n-6]}'])}\n      rules:\n${twice}${twice}`
        : rule(),
    );
    return { text: parts.join(''), expects: ['firewall-rule-shadowed'] };
  },

  'long-line'(r, bytes) {
    // One line of about `bytes`: a flow sequence where the model reads it, or where only the schema does.
    const line = (open: string, item: (i: number) => string, close: string) =>
      `${fill([open], bytes, (i) => (i === 0 ? '' : ', ') + item(i)).join('')}${close}\n`;
    const plan = (spec: string) => `${HEAD}${NETWORKS}${spec}`;
    switch (r.int(4)) {
      case 0:
        return { text: plan(line('  nodes: [', () => 'a', ']')), expects: ['plan-schema'] };
      case 1:
        return { text: plan(line('  nodes: [', (i) => `{name: w-${i}, roles: [worker]}`, `, {name: Bad_Name}]`)), expects: [HOSTNAME] };
      case 2:
        return {
          text: plan(
            `  nodes:\n${PLANTED}${line('  firewalls: [{name: f, appliesTo: all, rules: [{action: allow, protocol: tcp, ports: [', () => String(1 + r.int(65535)), ']}]}]')}`,
          ),
          expects: [HOSTNAME],
        };
      default:
        return { text: plan(`  nodes:\n${PLANTED}${line('  x-map: {', (i) => `k${i}: ${i}`, '}')}`), expects: [HOSTNAME] };
    }
  },

  'wide-mapping'(r, bytes) {
    // One mapping of tens of thousands of keys, block style (the flow form is long-line's): a node's
    // labels or sysctls, or an extension field; in some, a few keys repeated.
    const repeats = r.pick([0, 0.001]);
    const key = (i: number) => `k${r.chance(repeats) ? 0 : i}`;
    const [open, item] = r.pick([
      ['    - name: w-0\n      labels:\n', (i: number) => `        ${key(i)}: v\n`],
      ['    - name: w-0\n      sysctls:\n', (i: number) => `        net.${key(i)}: 1\n`],
      ['  x-map:\n', (i: number) => `    ${key(i)}: ${i}\n`],
    ] as const);
    const text = fill([HEAD, NETWORKS, `  nodes:\n${PLANTED}`, open], bytes, item).join('');
    return { text, expects: repeats ? ['yaml-syntax'] : [HOSTNAME] };
  },

  'schema-errors'(r, bytes) {
    // Hundreds of thousands of items of the wrong type, block style (the flow form is long-line's).
    const parts = [HEAD, NETWORKS];
    switch (r.int(3)) {
      case 0:
        parts.push('  nodes:\n');
        fill(parts, bytes, (i) => `    - ${i}\n`);
        break;
      case 1:
        parts.push('  nodes:\n');
        fill(parts, bytes, (i) => `    - {name: ${i}, roles: worker, interfaces: {}}\n`);
        break;
      default:
        parts.push('  firewalls:\n    - name: f\n      appliesTo: all\n      rules:\n');
        fill(parts, bytes, (i) => `        - {action: ${i}, ports: [x], from: 1}\n`);
    }
    return { text: parts.join(''), expects: ['plan-schema'] };
  },

  'many-documents'(r, bytes) {
    // Tens of thousands of documents: empty ones, other kinds, small plans; a plan with the mistake last.
    const plans = r.pick([0, 0.001, 0.05]);
    const parts = fill([], bytes, (i) => {
      if (r.chance(plans)) return `---\n${HEAD}  nodes: [{name: n-${i}, roles: [control-plane]}]\n`;
      return r.pick(['---\n', '---\n', '--- {}\n', `---\nkind: ConfigMap\ndata: {k: "${i}"}\n`, '...\n---\n# a comment\n']);
    });
    return { text: `${parts.join('')}---\n${HEAD}  nodes:\n${PLANTED}`, expects: [HOSTNAME] };
  },

  'deep-nesting'(r, bytes) {
    // Nesting past the limit, in flow or block style, in one place or repeated until the size.
    const depth = Math.min(r.pick([65, 1000, 100_000]), Math.floor(bytes / 10));
    const blockDepth = Math.min(depth, Math.floor(Math.sqrt(bytes)));
    const deep = [
      (i = 0) => `  x${i}: ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
      (i = 0) => `  x${i}: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`,
      (i = 0) => `  x${i}: ${'['.repeat(depth)}\n`,
      (i = 0) => `  x${i}:\n${Array.from({ length: blockDepth }, (_, d) => `${'  '.repeat(d + 2)}k${d}:`).join('\n')} 1\n`,
    ][r.int(4)];
    const text = r.chance(0.5) ? `${HEAD}${fill([], bytes, deep).join('')}` : anchoredPlan(r, bytes).replace(NETWORKS, `${NETWORKS}${deep()}`);
    return { text, expects: ['yaml-syntax'] };
  },
};
