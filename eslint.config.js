// Layers may only import downward: core/ is the engine (no DOM, no React, never web/);
// web/ talks to core only through the worker protocol and the public types.
import tseslint from 'typescript-eslint';
import globals from 'globals';

const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'fetch', 'XMLHttpRequest', 'HTMLElement', 'requestAnimationFrame', 'self', 'postMessage', 'indexedDB'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'tests/artifacts/**', 'public/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/cli/**'],
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/web/**', '../web/*', 'react', 'react-dom', 'react/*', '@xyflow/*', 'zustand', 'monaco-editor', 'monaco-editor/*'], message: 'core/ must not import web/, React or browser libraries.' },
          { group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'core/ runs in the browser too: Node modules only in core/cli.' },
        ],
      }],
      'no-restricted-globals': ['error', ...DOM_GLOBALS.map((name) => ({ name, message: 'core/ has no DOM.' }))],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'Use the simulated clock (SimClock).' },
        { object: 'Math', property: 'random', message: 'Use the seeded Rng.' },
        { object: 'performance', property: 'now', message: 'Use the simulated clock (SimClock).' },
      ],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'new Date() reads the wall clock; pass simulated time.' }],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '(^|/)core/(?!protocol\\.ts$|api/types\\.ts$)', message: 'web/ talks to core only through the worker protocol and public types (core/protocol.ts, core/api/types.ts); the engine worker is the exception.' }],
      }],
    },
  },
  {
    files: ['web/engine/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['tests/**/*.{ts,mjs,js}', 'bin/**/*.{js,mjs}', '*.config.{ts,js}', 'vite.config.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
