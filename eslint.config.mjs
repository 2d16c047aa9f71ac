// Root ESLint flat config: shared rules, the Nx module-boundary layering from CONVENTIONS.md,
// and the "only env.ts reads process.env" rule. Projects extend this file.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const TYPE_CONSTRAINTS = [
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [
      'type:feature',
      'type:ui',
      'type:data-access',
      'type:engine',
      'type:contracts',
      'type:util',
    ],
  },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: ['type:feature', 'type:ui', 'type:data-access', 'type:contracts', 'type:util'],
  },
  // ui may use contracts for the types of its props (e.g. the shell's, shared with the server that builds them).
  { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:contracts', 'type:util'] },
  {
    sourceTag: 'type:data-access',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:contracts', 'type:util'],
  },
  // engine: a system's long-running worker process (IGNIS's dev sessions and builds) and its client.
  {
    sourceTag: 'type:engine',
    onlyDependOnLibsWithTags: ['type:engine', 'type:data-access', 'type:contracts', 'type:util'],
  },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
  {
    sourceTag: 'type:e2e',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:contracts', 'type:util', 'type:tool'],
  },
  {
    sourceTag: 'type:tool',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:engine', 'type:contracts', 'type:util', 'type:tool'],
  },
];
// `identity` is the local OpenID provider (apps/identity), not one of the six systems.
const SCOPES = ['landing', 'slate', 'ignition', 'spark', 'ignis', 'waypoint', 'identity'];
const SCOPE_CONSTRAINTS = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...SCOPES.map((scope) => ({
    sourceTag: `scope:${scope}`,
    onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'],
  })),
];
const INFRA_CLIENTS = ['@prisma/client', 'ioredis', '@nats-io/transport-node', '@nats-io/jetstream', 'pg'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/dist',
      '**/.next',
      '**/out-tsc',
      '**/test-output',
      '**/generated/**',
      '**/next-env.d.ts',
      '**/vitest.config.*.timestamp*',
      '.lumenforge/**',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          // The runner imports these lazily: their Prisma client is generated after it starts.
          checkDynamicDependenciesExceptions: ['@lumenforge/db', '@lumenforge/prisma'],
          depConstraints: [...TYPE_CONSTRAINTS, ...SCOPE_CONSTRAINTS],
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through the env.ts of this app or lib.',
        },
      ],
    },
  },
  {
    // Type-aware rules catch the async mistakes that matter in servers.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Config is read in exactly these places; tests and build configs run outside the apps.
    files: [
      '**/env.ts',
      '**/*.env.ts',
      '**/instrumentation.ts',
      '**/*.config.{ts,mts,mjs,js,cjs}',
      '**/next-config.mjs',
      '**/*.test.ts',
      '**/*.test.tsx',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
];

/** For ui and contracts libs (add to their eslint.config.mjs): no infrastructure clients. */
export const noInfrastructureClients = {
  rules: {
    'no-restricted-imports': [
      'error',
      { paths: INFRA_CLIENTS.map((name) => ({ name, message: 'ui and contracts libs do no I/O.' })) },
    ],
  },
};

/** For tools, scripts and tests that run outside the apps (add to their eslint.config.mjs). */
export const mayReadProcessEnv = { rules: { 'no-restricted-properties': 'off' } };
