// Reported by the engine when a limit stops it: a file too large to read, or a lint past its time
// budget. Either way the plan was not fully checked, and a silent pass would claim it was.
import type { RuleMeta } from '../../core/types';

export const resourceLimit: RuleMeta = {
  id: 'resource-limit',
  defaultSeverity: 'error',
  category: 'syntax',
  description: 'The plan was not fully checked: the file is larger than the size limit, or linting it ran past the time budget.',
  rationale:
    'A linter that runs on every commit and every keystroke must stay fast and bounded whatever the input. Files above ' +
    'the size limit (20 MB by default) are not parsed at all, and a lint that runs past its time budget (10 s by default) ' +
    'stops before the next rule. Both are reported as findings rather than passed silently, because the rules that did ' +
    'not run may have found problems.',
  messages: {
    tooLarge: 'the file is {size}, larger than the limit of {limit}, so it was not checked: split the plan, or raise limits.maxFileSizeMB (--max-file-size)',
    timeBudget:
      'linting stopped after {elapsed} ms, past the time budget of {budget} ms, so {count} did not run ({rules}): raise limits.timeBudgetMs (--time-budget)',
  },
};
