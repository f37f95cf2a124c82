import { defineRule } from '../src/engine/rule';

// STUB: to be implemented.
export default defineRule({
  meta: {
    id: 'cidr-host-bits',
    defaultSeverity: 'warning',
    category: 'addressing',
    description: 'TODO',
    rationale: 'TODO',
    messages: {},
  },
  check() {},
});
