import { defineRule } from '../src/rule-kinds/rule';
import { MAX_SCHEMA_PROBLEMS } from '../src/schema/validate';

export default defineRule({
  meta: {
    id: 'plan-schema',
    defaultSeverity: 'error',
    category: 'syntax',
    description:
      "A document does not match its input format's schema (the ClusterPlan schema for plans): unknown field, wrong type, bad enum value or missing required field.",
    rationale:
      'Field names are the contract between the plan and every tool that reads it: a misspelt key (`adresses`) is silently ' +
      'ignored by loose readers, so the plan says less than its author thinks. IP, CIDR and MAC syntax is not checked here ' +
      'but by the rules for those values, which explain what is wrong with them.',
    messages: {
      schema: '{message}',
      more: '… and {count} more schema problems, the first of them here: only the first {limit} of a document are reported one by one',
    },
  },
  check(plan, context) {
    for (const { value, document, reader, validate } of plan.documents) {
      if (!validate) continue;
      const { problems, more } = validate(value, document.contents, reader, document);
      for (const problem of problems) {
        context.report({ messageId: 'schema', data: { message: problem.message }, at: problem.span, severity: problem.severity });
      }
      if (more) context.report({ messageId: 'more', data: { count: more.count.toLocaleString('en-US'), limit: MAX_SCHEMA_PROBLEMS }, at: more.span });
    }
  },
});
