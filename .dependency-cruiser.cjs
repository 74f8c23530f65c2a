// The layering of src/, enforced by `npm test` (scripts/check-deps.ts) — README "Architecture".
// Layers, lowest first: errors, records, tasks, config, sandbox → models → agents → suites →
// metrics, report → routers, sale → runner → repro → cli. A layer imports only layers below it, except where a
// rule below says otherwise. Test files are not cruised (they may reach anywhere to set up a case).
//
// One stated exception: a low layer may import *types* (type-only imports) from a higher layer's
// `types.ts` — the attempt record embeds the shapes of chat messages, tool calls and grades, and the
// config names the call types. Type-only imports of types.ts files carry no code and no cycle.
const LOW = '^src/(errors\\.ts|records/|tasks/|config/|sandbox/)';
const ABOVE_LOW = '^src/(models|agents|suites|metrics|report|routers|sale|runner|repro|cli)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: the modules on it cannot be understood (or tested) one at a time.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'low-layer-imports-higher',
      severity: 'error',
      comment: 'records, tasks, config, sandbox and errors are the floor: they import no higher layer (type-only imports of a types.ts excepted).',
      from: { path: LOW },
      to: { path: ABOVE_LOW, pathNot: '^src/[^/]+/types\\.ts$' },
    },
    {
      name: 'low-layer-imports-higher',
      severity: 'error',
      comment: 'records, tasks, config, sandbox and errors are the floor: only type-only imports of a higher layer\'s types.ts.',
      from: { path: LOW },
      to: { path: '^src/[^/]+/types\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'models-know-no-suite',
      severity: 'error',
      comment: 'A provider speaks to engines; it knows no suite, router, SALE, runner, report or CLI (sim protocols live with their suite).',
      from: { path: '^src/models/' },
      to: { path: '^src/(suites|routers|sale|runner|report|cli)/' },
    },
    {
      name: 'report-reads-records-only',
      severity: 'error',
      comment: 'metrics and report read run folders through src/records/; they import no runner, model or CLI code.',
      from: { path: '^src/(metrics|report)/' },
      to: { path: '^src/(runner|models|cli)/' },
    },
    {
      name: 'systems-below-runner',
      severity: 'error',
      comment: 'sale and routers are systems: they import no CLI, report or runner code (the runner drives them through the System seam in src/routers/types.ts).',
      from: { path: '^src/(sale|routers)/' },
      to: { path: '^src/(cli|report|runner)/' },
    },
    {
      name: 'systems-use-no-model-client',
      severity: 'error',
      comment: 'sale and routers reach models through the client they are handed (src/models/types.ts), never a concrete provider or the provider registry.',
      from: { path: '^src/(sale|routers)/' },
      to: { path: '^src/models/(ollama|llamacpp|sim)/|^src/models/(registry|index)\\.ts$' },
    },
    {
      name: 'repro-below-cli-only',
      severity: 'error',
      comment: '`sale repro` (src/repro/) drives whole protocols: only the CLI imports it, and it imports no CLI code (the CLI hands it the bench commands to run).',
      from: { pathNot: '^src/(cli|repro)/' },
      to: { path: '^src/repro/' },
    },
    {
      name: 'repro-below-cli-only',
      severity: 'error',
      comment: 'src/repro/ imports no CLI code: the CLI hands it a function that runs one `sale bench` command.',
      from: { path: '^src/repro/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'sale-holds-no-model-client',
      severity: 'error',
      comment: 'SALE makes model calls only through its System context (ctx.call; the runner builds its embedder): it imports no code from src/models/, only types.',
      from: { path: '^src/sale/' },
      to: { path: '^src/models/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'only-cli-prints',
      severity: 'error',
      comment: 'Terminal colours and progress bars belong to src/cli/.',
      from: { pathNot: '^src/cli/' },
      to: { path: 'node_modules/(chalk|cli-progress)/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    exclude: { path: '\\.test\\.ts$' },
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
