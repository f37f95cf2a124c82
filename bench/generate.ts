// Realistic plans of any size: three control-plane nodes, the rest workers spread over /22 subnets,
// unique names, MACs and addresses, a default route and forwarding on for each node, and firewalls
// per role. Deterministic, so runs compare.

export interface GenerateOptions {
  nodes: number;
  /** Workers per node subnet (a /22 holds 1,022 hosts). */
  perSubnet?: number;
  /**
   * Workers written as inventories write them: the first anchored (`&worker`), the others merging it
   * (`<<: *worker`) and giving only what differs. The same plan as without, once merged.
   */
  template?: boolean;
}

const mac = (i: number) => `52:54:${[(i >> 24) & 255, (i >> 16) & 255, (i >> 8) & 255, i & 255].map((b) => b.toString(16).padStart(2, '0')).join(':')}`;

export function generatePlan({ nodes, perSubnet = 1000, template = false }: GenerateOptions): string {
  const subnets = Math.max(1, Math.ceil(nodes / perSubnet));
  const subnet = (s: number) => `10.${16 + (s >> 6)}.${(s & 63) * 4}.0/22`;
  const address = (s: number, host: number) => `10.${16 + (s >> 6)}.${(s & 63) * 4 + (host >> 8)}.${host & 255}/22`;
  const gateway = (s: number) => `10.${16 + (s >> 6)}.${(s & 63) * 4}.1`;
  const lines = [
    'apiVersion: kube-netlint/v1',
    'kind: ClusterPlan',
    'metadata:',
    `  name: bench-${nodes}`,
    'spec:',
    '  distribution: kubeadm',
    '  cni: {plugin: calico, mode: vxlan}',
    '  controlPlaneEndpoint: 10.16.0.5:6443',
    '  networks:',
    `    nodes: [${Array.from({ length: subnets }, (_, s) => subnet(s)).join(', ')}]`,
    '    pods: [172.16.0.0/12]',
    '    services: [192.168.0.0/16]',
    '    clusterDNS: 192.168.0.10',
    '    nodeCidrMaskSize: 26',
    '    trusted: [10.250.0.0/16]',
    '    reserved:',
    '      - {name: office-vpn, cidr: 10.8.0.0/16}',
    '  nodes:',
  ];
  for (let i = 0; i < nodes; i++) {
    const s = Math.floor(i / perSubnet);
    const host = 10 + (i % perSubnet);
    const role = i < 3 ? 'control-plane, etcd' : 'worker';
    const name = `name: ${i < 3 ? `cp-${i + 1}` : `worker-${i - 2}`}`;
    const roles = `      roles: [${role}]`;
    const own = [
      '      interfaces:',
      '        - name: eth0',
      `          mac: "${mac(i)}"`,
      `          addresses: [${address(s, host)}]`,
      '          dhcp: false',
      '      routes:',
      `        - {to: default, via: ${gateway(s)}}`,
    ];
    const sysctls = '      sysctls: {net.ipv4.ip_forward: "1"}';
    if (template && i > 3) lines.push('    - <<: *worker', `      ${name}`, ...own);
    else if (template && i === 3) lines.push('    - &worker', `      ${name}`, roles, ...own, sysctls);
    else lines.push(`    - ${name}`, roles, ...own, sysctls);
  }
  lines.push('  firewalls:');
  // The flows kubeadm and Calico VXLAN need, then a few hundred rules as real firewalls accumulate them.
  const required = {
    'control-plane': [
      '{action: allow, protocol: tcp, ports: 6443, from: [nodes, trusted]}',
      '{action: allow, protocol: tcp, ports: "2379-2380", from: ["role:etcd"]}',
      '{action: allow, protocol: tcp, ports: [10250, 10257, 10259], from: ["role:control-plane"]}',
    ],
    worker: ['{action: allow, protocol: tcp, ports: 10250, from: ["role:control-plane"]}', '{action: allow, protocol: tcp, ports: 6379, from: [nodes]}'],
  };
  for (const [name, role] of [
    ['control-plane', 'control-plane'],
    ['workers', 'worker'],
  ] as const) {
    lines.push(`    - name: ${name}`, `      appliesTo: {roles: [${role}]}`, '      defaultAction: deny', '      rules:');
    for (const rule of [...required[role], '{action: allow, protocol: udp, ports: 4789, from: [nodes]}']) lines.push(`        - ${rule}`);
    for (let r = 0; r < 200; r++) lines.push(`        - {action: allow, protocol: tcp, ports: ${20000 + r}, from: ["10.${100 + (r >> 8)}.${r & 255}.0/24"]}`);
  }
  lines.push('  services:', '    - {name: redis, protocol: tcp, port: 6379, runsOn: {roles: [worker]}, exposure: internal}');
  return lines.join('\n') + '\n';
}
