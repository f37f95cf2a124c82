import { defineRule } from '../src/engine/rule';

// STUB: to be implemented.
export default defineRule({
  meta: {
    id: 'invalid-mac',
    defaultSeverity: 'error',
    category: 'identity',
    description: 'TODO',
    rationale: 'TODO',
    messages: {},
  },
  check() {},
});
