// Lint and architecture rules. The boundaries below are the architecture of ../DESIGN (see README):
//   contracts <- messaging <- platform <- service libraries <- apps;  e2e tests see contracts only.
import nx from '@nx/eslint-plugin';

const NO_KAFKA = ['kafkajs'];
const NO_MAIL = ['nodemailer'];
const FRAMEWORKS = ['@nestjs/*', 'typeorm', 'pg', '@electric-sql/*', 'express', 'rxjs', 'reflect-metadata', 'pino', 'nestjs-pino'];

const DEP_CONSTRAINTS = [
  // Layers
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [], bannedExternalImports: [...FRAMEWORKS, ...NO_KAFKA, ...NO_MAIL] },
  { sourceTag: 'type:messaging', onlyDependOnLibsWithTags: ['type:contracts'], bannedExternalImports: NO_MAIL },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts', 'type:messaging', 'type:platform'], bannedExternalImports: [...NO_KAFKA, ...NO_MAIL] },
  { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:contracts', 'type:messaging', 'type:platform'], bannedExternalImports: NO_KAFKA },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:service', 'type:platform', 'type:messaging', 'type:contracts'], bannedExternalImports: NO_KAFKA },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts'], bannedExternalImports: [...NO_KAFKA, ...NO_MAIL] },
  { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:contracts', 'type:messaging', 'type:platform', 'type:service'], bannedExternalImports: [...NO_KAFKA, ...NO_MAIL] },
  { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['type:contracts', 'type:messaging', 'type:platform', 'type:service'], bannedExternalImports: [...NO_KAFKA, ...NO_MAIL] },
  // Services own their data: a service never imports another service's code.
  { sourceTag: 'scope:ingestion', onlyDependOnLibsWithTags: ['scope:ingestion', 'scope:shared'], bannedExternalImports: NO_MAIL },
  { sourceTag: 'scope:editorial', onlyDependOnLibsWithTags: ['scope:editorial', 'scope:shared'], bannedExternalImports: NO_MAIL },
  { sourceTag: 'scope:publishing', onlyDependOnLibsWithTags: ['scope:publishing', 'scope:shared'], bannedExternalImports: NO_MAIL },
  { sourceTag: 'scope:newsletter', onlyDependOnLibsWithTags: ['scope:newsletter', 'scope:shared'] },
  // The command line talks HTTP to a running deployment: it imports nothing of the services.
  { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: [], bannedExternalImports: [...FRAMEWORKS, ...NO_KAFKA, ...NO_MAIL] },
  { sourceTag: 'scope:standalone', onlyDependOnLibsWithTags: ['scope:ingestion', 'scope:editorial', 'scope:publishing', 'scope:newsletter', 'scope:shared'], bannedExternalImports: NO_MAIL },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist/**', '**/node_modules/**', '.cache/**', 'data/**', 'tmp/**', '.nx/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: DEP_CONSTRAINTS,
        },
      ],
    },
  },
  {
    // The newsletter bench runs a plain loop of nodemailer beside the service, for comparison: that file alone may import it.
    files: ['bench/src/newsletter.bench.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: DEP_CONSTRAINTS.map((c) => (c.sourceTag === 'type:bench' ? { ...c, bannedExternalImports: NO_KAFKA } : c)),
        },
      ],
    },
  },
];
