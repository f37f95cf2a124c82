// One list per domain fact: where the plan schema must repeat one (its enums), a test holds them equal.
import { describe, expect, it } from 'vitest';
import planSchema from '../schema/cluster-plan.schema.json';
import { ROLES } from '../src/domain/roles';

describe('the plan schema and the domain lists', () => {
  it('lists the roles of src/domain/roles.ts, for nodes and for selectors', () => {
    expect(planSchema.definitions.node.properties.roles.items.enum).toEqual([...ROLES]);
    const selector = planSchema.definitions.selector.anyOf[1] as { properties: { roles: { items: { enum: string[] } } } };
    expect(selector.properties.roles.items.enum).toEqual([...ROLES]);
  });
});
