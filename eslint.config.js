import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import da06 from './eslint-rules/index.js';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.da06/', 'e2e/artifacts/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', fetch: 'readonly', performance: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Blob: 'readonly', window: 'readonly', document: 'readonly', navigator: 'readonly', localStorage: 'readonly', sessionStorage: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Boundaries (tested in src/lint-rules.test.ts): code outside a module imports only its index.ts
    // (and its testing.ts from test code), at any depth and from every folder; the platform imports no
    // module; inside a module, routes → service → store.
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { da06 },
    rules: {
      'da06/module-boundaries': 'error',
      'da06/module-layers': 'error',
    },
  },
  {
    // Request parts are typed by the route's schemas, never cast.
    files: ['**/*.{ts,tsx}'],
    rules: { 'da06/no-request-casts': 'error' },
  },
);
