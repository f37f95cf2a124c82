// The package's API: the linter façade (what the CLI and the language server use).
export * from './linter';
