import { defineRule } from '../src/engine/rule';

// STUB: to be implemented.
export default defineRule({
  meta: {
    id: 'node-without-address',
    defaultSeverity: 'error',
    category: 'identity',
    description: 'TODO',
    rationale: 'TODO',
    messages: {},
  },
  check() {},
});
