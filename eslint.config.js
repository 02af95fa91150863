// Lint, plus the import boundaries of DESIGN.md: only the Electron door imports `electron`,
// the renderer never reaches into main, shared code depends on nothing of ours outside shared.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronOnly = {
  name: 'electron',
  message: 'Only src/main/index.ts, src/main/ipc and src/preload may import electron.',
};

export default tseslint.config(
  {
    ignores: [
      'out',
      'dist',
      'release',
      'node_modules',
      'test-results',
      'playwright-report',
      '.cache',
      '.data',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [electronOnly] }],
    },
  },
  {
    files: ['src/main/index.ts', 'src/main/ipc/**', 'src/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // We do not run the React Compiler, so hooks like useVirtualizer need no memo-safety.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronOnly,
            { name: 'better-sqlite3', message: 'The renderer has no database.' },
          ],
          patterns: [
            { regex: '(^|/)main/', message: 'The renderer talks to main only through window.api.' },
            {
              regex: '(^|/)storage/',
              message: 'src/storage is Node-only; the renderer has no database.',
            },
            { regex: '^node:', message: 'The renderer runs in a browser sandbox.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            {
              regex: '(^|/)(main|storage|renderer|preload)/',
              message: 'shared imports only shared.',
            },
            { regex: '^node:', message: 'shared runs in every process, the renderer included.' },
          ],
        },
      ],
    },
  },
  {
    // How an action changes a database, for the desk and the central API alike: the shared
    // rules and the write repositories beside the intents, never the desk's own code.
    files: ['src/intents/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            {
              regex: '(^|/)main/|(^|/)central-api/',
              message: 'Intents import only src/shared and one another.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/central-api/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            {
              regex: '(^|/)main/',
              message:
                "The central API shares the desk's code through src/storage, src/intents and src/shared, never src/main.",
            },
          ],
        },
      ],
    },
  },
  {
    // Node-only code the desk and the central API both run (the database, the demo seed, the log):
    // it depends on neither of them, nor on the renderer.
    files: ['src/storage/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            {
              regex: '(^|/)(main|central-api|renderer)/',
              message: 'src/storage imports only src/storage and src/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            {
              regex: '(^|/)(db|repositories|services|ipc|web)/',
              message: 'Domain rules are pure.',
            },
          ],
        },
      ],
    },
  },
);
