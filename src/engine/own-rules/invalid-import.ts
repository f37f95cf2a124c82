// Reported by the engine while it reads a plan's imports (src/engine/input-set.ts): metadata only.
import type { RuleMeta } from '../../core/types';

export const invalidImport: RuleMeta = {
  id: 'invalid-import',
  defaultSeverity: 'error',
  category: 'syntax',
  description: 'An entry of `spec.imports` cannot be read: it matches no file, forms a cycle, or names a file that is unreadable or not a plan.',
  rationale:
    'An import that is not read leaves part of the plan unchecked while the run looks clean: the nodes or firewalls of ' +
    'that file are simply missing, and every rule judges a smaller cluster than the real one. So each import that ' +
    'cannot be followed is an error on the entry that names it.',
  messages: {
    noFile: "imports are read relative to the plan's file, and this text has none (give standard input a --stdin-filename)",
    noMatch: 'the import "{path}" matches no file',
    unreadable: 'cannot read {file}: {error}',
    cycle: '{file} is already on this import chain ({chain}): an import cycle, so it is read once',
    notPlan: '{file} holds no ClusterPlan document (kind: ClusterPlan)',
    notFormat: '{file} holds nothing the {format} format reads',
    unknownFormat: 'there is no input format "{format}" (known: {known})',
    noSelection: '{file} has no "{select}" to import (it has {parts}){suggestion}',
    nothingSelectable: '{file} has no "{select}" to import: nothing in it can be selected',
    tooMany: 'this plan imports more than {limit} files: the rest are not read',
    tooLarge:
      "{file} is not read: with the files read before it, this plan is larger than the size limit of {limit} (limits.maxFileSizeMB counts a plan's files together)",
  },
};
