// Lint rules for the whole workspace: type-checked TypeScript rules everywhere, plus the
// architecture's import boundaries (DESIGN.md "Boundaries"), enforced rather than hoped for.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const driverImports = ['better-sqlite3', 'pg', 'ioredis', 'bullmq'];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'test-results/**',
      'playwright-report/**',
      '**/*.d.ts',
      'apps/server/bin/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  {
    files: ['apps/console/**/*.{ts,tsx}', 'apps/client/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Domain modules: no transport, no drivers, no wall clock.
    files: ['apps/server/src/modules/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'fastify', message: 'modules/* never import the HTTP framework; transports live in http/.' },
            ...driverImports.map((name) => ({ name, message: 'database and queue drivers stay in db/ and adapters.' })),
          ],
          patterns: [{ group: ['**/http/**'], message: 'modules/* never import http/.' }],
        },
      ],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'read time from the injected Clock.' }],
    },
  },
  {
    // Everything but db/, adapters and composition roots stays driver-free.
    files: ['apps/server/src/**/*.ts'],
    ignores: [
      'apps/server/src/db/**',
      'apps/server/src/testing/**',
      'apps/server/src/jobs/**',
      'apps/server/src/realtime/**',
      '**/*.test.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: driverImports.map((name) => ({ name, message: 'database and queue drivers stay in db/ and adapters.' })) },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
