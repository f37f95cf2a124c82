import { defineRule } from '../src/engine/rule';

// STUB: to be implemented.
export default defineRule({
  meta: {
    id: 'dual-stack-mismatch',
    defaultSeverity: 'warning',
    category: 'addressing',
    description: 'TODO',
    rationale: 'TODO',
    messages: {},
  },
  check() {},
});
