// Lint rules, including the layer import rules of shared/docs/architecture.md §2.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*'], message: 'shared/ is pure: no node:* imports.' };
const electronPkg = {
  name: 'electron',
  message: 'Only electron/main and electron/preload may import electron.',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'test-results',
      'playwright-report',
      '.cache',
      '.stryker-tmp',
      'reports',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
      },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronPkg],
          patterns: [
            nodeBuiltins,
            {
              group: ['**/electron/**', '**/renderer/**', '**/test/**'],
              message: 'shared/ imports nothing of the other layers.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronPkg],
          patterns: [
            {
              group: ['**/electron/**'],
              message: 'renderer/ talks to the core only through window.connector.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer: React hooks rules; only renderer/bridge reads window.connector.
    files: ['renderer/**/*.{ts,tsx}', 'test/unit/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs['recommended-latest'].rules },
  },
  {
    // Value imports of the contract's validators bring zod into the window's bundle; the names
    // (shared/contract/connector-names.ts) carry no zod.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/dev/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/shared/contract/connector-contract*'],
              allowTypeImports: true,
              message:
                'Import types only; runtime names are in shared/contract/connector-names.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // Every contract schema is built with shared/contract/zod.ts (jitless, for the strict CSPs
    // of the window, the admin console and the dev mock), whatever module loads first.
    files: ['shared/contract/**/*.ts'],
    ignores: ['shared/contract/zod.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'zod',
              allowTypeImports: true,
              message: "Build schemas with shared/contract/zod.ts's z (jitless).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/bridge/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[property.name='connector'][object.name=/^(window|globalThis|self)$/]",
          message: 'Only renderer/bridge reads window.connector.',
        },
      ],
    },
  },
  {
    // Small files with one job, functions that read as named steps: a source file stays under
    // 400 lines, a function under 80 (blank lines and comments aside). Tests are lists of cases
    // and are not held to it. React components (.tsx) are held to the file limit only: most of
    // their length is JSX markup.
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: {
      'max-lines': ['error', { max: 400 }],
      'max-lines-per-function': [
        'error',
        { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true },
      ],
    },
  },
  { files: ['**/*.tsx'], rules: { 'max-lines-per-function': 'off' } },
  {
    // Declarative tables, long because they list things, not because they do many things.
    files: [
      'shared/errors/session-codes.ts', // the session status codes, one entry each
      'electron/cloud/policy/seed.ts', // the demo tenant's segments and rules
      'electron/cloud/policy/operands.ts', // one case per policy operand type
      'renderer/store/connector-store.ts', // the store's actions, one per contract call
      'renderer/dev/mock-fixtures.ts', // the dev mock's scenarios
      'renderer/dev/mock-decisions.ts', // the dev mock's canned policy decisions
    ],
    rules: { 'max-lines': 'off', 'max-lines-per-function': 'off' },
  },
  {
    // Not split yet (outside issue 9's list): this list may only shrink.
    files: [
      'electron/connector/cli.ts',
      'electron/web-shell/main.ts',
      'electron/web-shell/server.ts',
      'electron/cloud/idp/provisioning/vendors/okta.ts',
    ],
    rules: { 'max-lines-per-function': 'warn' },
  },
  {
    files: ['electron/cloud/**/*.ts', 'electron/connector/**/*.ts', 'electron/web-shell/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronPkg],
          patterns: [
            { group: ['**/renderer/**'], message: 'The core never imports the renderer.' },
          ],
        },
      ],
    },
  },
);
