// Which sources come in through a node interface (src/analysis/arrival.ts), as routing decides it: the
// interface's subnets, then routes through it, then the default route's interface for the rest; pods through
// the CNI's interfaces.
import { describe, expect, it } from 'vitest';
import { arrivingThrough } from '../src/analysis/arrival';
import { AddressSet } from '../src/values/address-set';
import { parseCidr } from '../src/values/ip';
import { planOf } from './support/plan-of';

const HEAD = ['apiVersion: kube-netlint/v1', 'kind: ClusterPlan', 'spec:', '  distribution: k3s', '  networks:', '    nodes: [10.0.1.0/24]', '  nodes:'];
const plan = (...nodes: string[]) => planOf([...HEAD, ...nodes].join('\n') + '\n');
const set = (...cidrs: string[]) =>
  AddressSet.ofAll(
    cidrs.map((c) => {
      const r = parseCidr(c, true);
      if (!r.ok) throw new Error(c);
      return r.value;
    }),
  );
const v4 = (s: AddressSet) => s.subtract(set('::/0'));
/** Every IPv4 address except the given CIDRs. */
const v4Except = (...cidrs: string[]) => set('0.0.0.0/0').subtract(set(...cidrs));
const PODS = '10.42.0.0/16'; // k3s's default cluster CIDR

const hosted = (routes: string) =>
  plan(
    '    - name: n1',
    '      interfaces:',
    '        - {name: ens10, addresses: [10.0.1.11/24]}',
    '        - {name: eth0, addresses: [95.216.40.11/26]}',
    `      routes: ${routes}`,
  );

describe('arrivingThrough', () => {
  it('gives an interface its subnets, and the default route interface every other source but the pods', () => {
    const p = hosted('[{to: default, via: 95.216.40.1}]');
    expect(v4(arrivingThrough(p, 'ens10'))).toEqual(set('10.0.1.0/24'));
    expect(v4(arrivingThrough(p, 'eth0'))).toEqual(v4Except('10.0.1.0/24', PODS));
  });

  it('adds what a route through an interface reaches, and takes the first address interface as the default without routes', () => {
    const routed = hosted('[{to: default, via: 95.216.40.1}, {to: 10.0.0.0/16, via: 10.0.1.1}]');
    expect(v4(arrivingThrough(routed, 'ens10'))).toEqual(set('10.0.0.0/16'));
    const bare = hosted('[]');
    expect(v4(arrivingThrough(bare, 'ens10'))).toEqual(v4Except('95.216.40.0/26', PODS));
    expect(v4(arrivingThrough(bare, 'eth0'))).toEqual(set('95.216.40.0/26'));
  });

  it('takes the node network for an address written without a prefix, and matches eth+ and ens* by prefix', () => {
    const p = plan(
      '    - name: n1',
      '      interfaces:',
      '        - {name: ens10, addresses: [10.0.1.11]}',
      '        - {name: eth0, addresses: [95.216.40.11/26]}',
    );
    expect(v4(arrivingThrough(p, 'ens10'))).toEqual(v4Except('95.216.40.0/26', PODS));
    expect(arrivingThrough(p, 'ens*')).toEqual(arrivingThrough(p, 'ens10'));
    expect(v4(arrivingThrough(p, 'eth+'))).toEqual(set('95.216.40.0/26'));
  });

  it('gives the CNI interfaces the pods, local interfaces and names no node has nothing', () => {
    const p = hosted('[{to: default, via: 95.216.40.1}]');
    expect(arrivingThrough(p, 'cni0')).toEqual(set(PODS));
    expect(arrivingThrough(p, 'flannel.1')).toEqual(set(PODS));
    expect(arrivingThrough(p, 'cali+')).toEqual(set(PODS));
    for (const name of ['lo', 'docker0', 'kube-ipvs0', 'eth7', 'bond0']) expect(arrivingThrough(p, name).isEmpty).toBe(true);
  });

  it('joins the nodes that have the interface, each with its own subnets', () => {
    const p = plan(
      '    - {name: n1, interfaces: [{name: ens10, addresses: [10.0.1.11/24]}, {name: eth0, addresses: [95.216.40.11/26]}], routes: [{to: default, via: 95.216.40.1}]}',
      '    - {name: n2, interfaces: [{name: ens10, addresses: [10.0.2.12/24]}, {name: eth0, addresses: [95.216.41.12/26]}], routes: [{to: default, via: 95.216.41.1}]}',
      '    - {name: n3, interfaces: [{name: eth0, addresses: [10.0.1.13/24]}]}',
    );
    expect(v4(arrivingThrough(p, 'ens10'))).toEqual(set('10.0.1.0/24', '10.0.2.0/24'));
  });
});
