// What the plan's written ports match: firewall rules' port items and declared services, as sets of
// protocol × port keys.
import type { PlanService, PortItem } from '../model/types';
import { serviceSet } from '../values/ports';
import type { RangeSet } from '../values/range-set';

/**
 * What written port items match: every port when there are none (undefined), else the ports of the
 * valid items. An invalid item (`"0-65535"`, `port: 65536`: reported by invalid-port or plan-schema)
 * adds none, so a broken port never widens a rule or a service to every port.
 */
export function portItemsSet(protocol: number | 'any', items: readonly PortItem[] | undefined): RangeSet {
  return serviceSet(
    protocol,
    items?.flatMap((p) => (p.range ? [p.range] : [])),
  );
}

/** What a `services` entry listens on: every port of its protocol when it gives none. */
export const declaredServiceSet = (service: Pick<PlanService, 'protocol' | 'ports'>): RangeSet =>
  portItemsSet(service.protocol, service.ports.length === 0 ? undefined : service.ports);
