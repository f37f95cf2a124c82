// Reported by the engine itself while parsing (no plan model exists for a document that does not parse).
import type { RuleMeta } from '../../core/types';

export const yamlSyntax: RuleMeta = {
  id: 'yaml-syntax',
  defaultSeverity: 'error',
  category: 'syntax',
  description: 'The file is not valid YAML or JSON (syntax error, duplicate key, alias bomb).',
  rationale:
    'A plan that does not parse cannot be checked, and the tools that install the cluster will reject it too. ' +
    'Duplicate keys are errors because YAML loaders disagree on which value wins. Documents with syntax errors get only ' +
    'their syntax diagnostics: the other rules would judge a half-read plan.',
  messages: {},
};
