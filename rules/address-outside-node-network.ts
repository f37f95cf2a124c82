import { defineRule } from '../src/engine/rule';

// STUB: to be implemented.
export default defineRule({
  meta: {
    id: 'address-outside-node-network',
    defaultSeverity: 'warning',
    category: 'addressing',
    description: 'TODO',
    rationale: 'TODO',
    messages: {},
  },
  check() {},
});
