// The folder layout is the architecture (docs/architecture.md): imports point down only.
// Each rule names the layer it protects; a wrong rule is changed here and in the doc together.
const layer = (name) => `^src/${name}/`;

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'domain-is-pure',
      comment: 'domain holds types and schemas only: no Node built-ins, no packages but the schema library',
      severity: 'error',
      from: { path: layer('domain') },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg'], pathNot: '^node_modules/typebox/' },
    },
    {
      name: 'domain-imports-nothing-above',
      severity: 'error',
      from: { path: layer('domain') },
      to: { path: '^src/(contracts|platform|engines|operations|app)/' },
    },
    {
      name: 'contracts-use-domain-only',
      severity: 'error',
      from: { path: layer('contracts') },
      to: { path: '^src/(platform|engines|operations|app)/' },
    },
    {
      name: 'platform-imports-down-only',
      severity: 'error',
      from: { path: layer('platform') },
      to: { path: '^src/(engines|operations|app)/' },
    },
    {
      name: 'engines-import-down-only',
      severity: 'error',
      from: { path: layer('engines') },
      to: { path: '^src/(operations|app)/' },
    },
    {
      name: 'engines-reach-siblings-through-index',
      comment: 'an engine uses another engine only through its index.ts',
      severity: 'error',
      from: { path: '^src/engines/([^/]+)/' },
      to: { path: '^src/engines/([^/]+)/', pathNot: ['^src/engines/$1/', '^src/engines/[^/]+/index\\.ts$'] },
    },
    {
      name: 'operations-import-down-only',
      severity: 'error',
      from: { path: layer('operations') },
      to: { path: '^src/app/' },
    },
    {
      name: 'operations-reach-siblings-through-index',
      severity: 'error',
      from: { path: '^src/operations/([^/]+)/' },
      to: { path: '^src/operations/([^/]+)/', pathNot: ['^src/operations/$1/', '^src/operations/[^/]+/index\\.ts$'] },
    },
    {
      name: 'only-runtime-wires-implementations',
      comment: 'api and cli receive wired parts from runtime; they never construct stores or buses themselves',
      severity: 'error',
      from: { path: '^src/app/(api|cli)/' },
      to: { path: '^src/platform/(bus|store)/(sqlite|nats|postgres|in-process)' },
    },
    {
      name: 'web-uses-domain-and-contracts-only',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/', pathNot: '^src/(domain|contracts)/' },
    },
    {
      name: 'src-never-imports-tests-or-bench',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.test\\.ts$' },
      to: { path: '(^test/|^bench/|\\.test\\.ts$)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^web/dist/|^node_modules/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
