// The layers of kube-netlint, from the bottom: a module may import from its own layer and the layers
// below it, never from one above. `npm run lint:layers` checks it, and test/layering.test.ts runs it in
// the suite. Where an input format, a rule or a surface plugs in: see "Architecture" in the README.
/** [name, path pattern], lowest first. */
const LAYERS = [
  ['core', '^src/(core|io)/|^src/package-info[.]ts$'], // spans, diagnostics, fixes, rule metadata; bounded reads
  ['values', '^src/values/'], // IP, CIDR, MAC, endpoint and port parsers, and their set algebra
  ['domain', '^src/domain/'], // catalogs: ports, required flows, network defaults, special-use ranges
  ['input', '^src/(source|schema)/'], // YAML text to located values; the plan schema
  ['model', '^src/model/'], // the cluster model: its types, and the merge of the parts of a plan
  ['formats', '^src/formats/'], // input formats: which documents are theirs, what they import, their parts of the model
  ['analysis', '^src/analysis/'], // shared analysis: networks, firewalls, reachability, exposure
  ['rule-kinds', '^src/rule-kinds/'], // the rule contract and the declarative rule kinds
  ['rules', '^rules/'], // one rule per module, and the built-in registry
  ['engine', '^src/engine/'], // parse, build, run the rules it is given, suppress
  ['linter', '^src/linter/|^src/index[.]ts$'], // the façade: the engine with the built-in rules
  ['config', '^src/(config|workspace)/'], // .kube-netlint.yaml; reading files and finding the plans they belong to
  ['formatters', '^src/formatters/'], // stylish, JSON, SARIF, GitHub, JUnit
  ['surfaces', '^src/(cli|action)/|^server/'], // the CLI, the GitHub Action and the language server
];

const above = (i) =>
  LAYERS.slice(i + 1)
    .map(([, path]) => `(${path})`)
    .join('|');

module.exports = {
  forbidden: [
    ...LAYERS.slice(0, -1).map(([name, path], i) => ({
      name: `layer-${name}`,
      comment: `${name} may import only from its own layer and those below it`,
      severity: 'error',
      from: { path },
      to: { path: above(i) },
    })),
    {
      name: 'engine-without-rules',
      comment: 'the engine runs the rules it is given (src/linter passes the built-in ones); it imports none',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: '^rules/' },
    },
    {
      name: 'surfaces-through-the-facade',
      comment: 'the CLI, the action and the language server translate what the façade (src/linter) says: they reach no layer below it',
      severity: 'error',
      from: { path: '^(src/(cli|action)|server)/' },
      to: { path: '^(src/(values|domain|source|schema|model|formats|analysis|rule-kinds|engine)/|rules/)' },
    },
    {
      name: 'no-circular',
      comment: 'no module reaches itself through its imports',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'every import names a module that exists',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Packages that name their files in `exports` only (web-tree-sitter, whose types the Terraform format imports).
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'default', 'types'] },
  },
};
