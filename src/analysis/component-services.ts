// Component ports (src/domain/component-ports.ts) as service key sets, for the exposure rules.
import type { Plan } from '../model/types';
import { COMPONENT_PORTS, componentPort, type ComponentPort } from '../domain/component-ports';
import { RangeSet } from '../values/range-set';
import { serviceSet } from '../values/ports';
import { PROTOCOL_NUMBERS } from '../values/protocols';

export const protocolNumber = (p: ComponentPort['protocol']): number => (typeof p === 'number' ? p : PROTOCOL_NUMBERS[p]);

/** The API server's port: controlPlaneEndpoint's when it names one, else 6443. */
export const apiPort = (plan: Plan): number => plan.controlPlaneEndpoint?.endpoint?.port ?? componentPort('apiserver').ports![0];

export function componentServices(ids: readonly string[]): RangeSet {
  return ids.reduce((set, id) => {
    const c = componentPort(id);
    return set.union(serviceSet(protocolNumber(c.protocol), c.ports && [c.ports]));
  }, RangeSet.EMPTY);
}

/** `kube-proxy metrics on tcp 10249`, or `IP-in-IP encapsulation (calico)`: the component a key reaches, of `ids`. */
export function describeComponentAt(ids: readonly string[], key: bigint): string {
  const id = ids.find((i) => componentServices([i]).has(key)) ?? ids[0];
  const c = componentPort(id);
  return c.ports ? `${c.component} on ${c.protocol} ${c.ports[0] === c.ports[1] ? c.ports[0] : c.ports.join('-')}` : c.component;
}

/** The catalog's components listening within a port range (any protocol): what a port in a rule is for. */
export function componentsOnPorts([first, last]: readonly [number, number]): ComponentPort[] {
  return COMPONENT_PORTS.filter((c) => c.ports && c.ports[0] <= last && first <= c.ports[1]);
}
