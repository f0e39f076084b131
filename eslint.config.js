import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// The domain and the policies are pure: no framework, no I/O, no clock. This rule keeps them so.
const pureLibraryImports = {
  patterns: [
    { group: ['@nestjs/*', 'rxjs', 'reflect-metadata'], message: 'libs/domain and libs/policies stay framework-free.' },
    { group: ['better-sqlite3', 'pg', 'kysely', 'bullmq', 'ioredis', '@eventstore/*'], message: 'No I/O in the pure libraries.' },
    { group: ['node:fs', 'node:fs/*', 'fs', 'node:net', 'node:http', 'node:child_process'], message: 'No I/O in the pure libraries.' },
    { group: ['@kam/event-store', '@kam/projections', '@kam/evaluation', '@kam/application', '@kam/config'], message: 'Arrows point down: pure libraries import nothing above them.' },
    { group: ['**/apps/**'], message: 'A lib never imports an app.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'bin/**', '*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['libs/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/**'], message: 'A lib never imports an app.' }] }],
    },
  },
  {
    files: ['libs/domain/src/**/*.ts', 'libs/policies/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', pureLibraryImports],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time arrives in the command; do not read the clock.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Time arrives in the command; do not read the clock.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Pure code takes its randomness as an argument.' },
      ],
    },
  },
  prettier,
);
