// Invalid ports (audit B8, row 48): reported on their value, and read as no port by every other check,
// never as every port.
import { describe, expect, it } from 'vitest';
import { lint } from '../src/linter';

const plan = (rest: string) =>
  `apiVersion: kube-netlint/v1\nkind: ClusterPlan\nmetadata: {name: x}\nspec:\n  networks: {nodes: [192.168.10.0/24]}\n  nodes:\n` +
  `    - {name: cp-1, roles: [control-plane, etcd], interfaces: [{name: eth0, mac: '52:54:00:aa:bb:01', addresses: [192.168.10.11/24]}]}\n${rest}`;
const firewall = (rule: string) => `  firewalls:\n    - name: fw\n      appliesTo: all\n      rules:\n        - ${rule}\n`;
const findings = (text: string) => lint(text).diagnostics.map((d) => `${d.ruleId}: ${d.message}`);

describe('invalid ports', () => {
  it('reports "0-65535" on its value instead of dropping the rule silently (the audit\'s reproducer)', () => {
    const text = plan(`${firewall('{action: allow, protocol: tcp, from: [any], ports: "0-65535"}')}        - {action: allow, protocol: any, from: [nodes]}\n`);
    const found = lint(text).diagnostics.filter((d) => d.ruleId === 'invalid-port');
    expect(found.map((d) => [d.range.start.line, d.range.start.column, d.severity])).toEqual([[12, 62, 'error']]);
    expect(found[0].message).toMatch(/^range "0-65535" includes port 0, which is not a valid port \(ports are 1-65535\): write "1-65535"/);
  });

  const udp53 = firewall('{action: allow, protocol: udp, from: [any], ports: 53}');

  it('does not read a service with port 65536 as listening on every port (row 48)', () => {
    expect(findings(plan(`${udp53}  services:\n    - {name: u, protocol: udp, port: 65536}\n`)).filter((f) => f.includes('service "u"'))).toEqual([]);
  });

  it('does not read a service whose port is not a number at all as listening on every port', () => {
    expect(findings(plan(`${udp53}  services:\n    - {name: u, protocol: udp, port: true}\n`)).filter((f) => f.includes('service "u"'))).toEqual([]);
  });

  it('still reads a service without any port as every port of its protocol', () => {
    const found = findings(plan(`${udp53}  services:\n    - {name: u, protocol: udp}\n`)).filter((f) => f.includes('service "u"'));
    expect(found).toEqual([expect.stringMatching(/^service-public: udp 1\.0\.0\.0 → "cp-1" \(192\.168\.10\.11\):53 is allowed by rule 1 of firewall "fw"/)]);
  });

  it('keeps the valid items of a rule beside an invalid one', () => {
    const found = findings(plan(firewall('{action: allow, protocol: tcp, from: [any], ports: ["99999", 2379]}')));
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^invalid-port: port 99999 /),
        expect.stringMatching(/^etcd-public: tcp 1\.0\.0\.0 → "cp-1" \(192\.168\.10\.11\):2379 /),
      ]),
    );
  });
});
