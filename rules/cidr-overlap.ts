import { defineRule } from '../src/engine/rule';

// STUB: to be implemented.
export default defineRule({
  meta: {
    id: 'cidr-overlap',
    defaultSeverity: 'error',
    category: 'addressing',
    description: 'TODO',
    rationale: 'TODO',
    messages: {},
  },
  check() {},
});
