// Lint: typescript-eslint's recommended rules, and the grain of the house written as rules. Each room
// of src/ may import only the rooms beneath it (CONTRIBUTING.md has the picture):
//   document ← read, clean, extract (siblings) ← reconcile ← store ← ingest ← serve ← cli
// and web/ talks to the server over HTTP only, so it imports nothing from src/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const ROOMS = ['document', 'read', 'clean', 'extract', 'reconcile', 'store', 'ingest', 'watch', 'auth', 'serve', 'cli'];

/** What each room may import besides itself; everything else in src/ is upward or sideways. */
const MAY_IMPORT = {
  document: [],
  read: ['document'],
  clean: ['document'],
  extract: ['document'],
  reconcile: ['document', 'extract'],
  store: ['document', 'extract', 'reconcile', 'pipeline'],
  ingest: ['document', 'read', 'clean', 'extract', 'reconcile', 'store', 'pipeline'],
  watch: ['document', 'read', 'clean', 'extract', 'reconcile', 'store', 'ingest', 'pipeline'],
  auth: ['document', 'store'],
  serve: ['document', 'read', 'clean', 'extract', 'reconcile', 'store', 'ingest', 'watch', 'auth', 'pipeline'],
  cli: ['document', 'read', 'clean', 'extract', 'reconcile', 'store', 'ingest', 'watch', 'auth', 'serve', 'pipeline'],
};

/** Import patterns that reach a room from a file one level inside src/<room>/ or deeper. */
function patternsFor(room) {
  const forbidden = [...ROOMS, 'pipeline'].filter((r) => r !== room && !MAY_IMPORT[room].includes(r));
  const group = forbidden.flatMap((r) =>
    r === 'pipeline' ? ['**/src/pipeline.ts', '../pipeline.ts', '../../pipeline.ts'] : [`../${r}/*`, `../../${r}/*`, `../${r}`, `**/src/${r}/*`],
  );
  return [{ group, message: `src/${room} may import only ${MAY_IMPORT[room].join(', ') || 'nothing of src/'} (see CONTRIBUTING.md: the grain)` }];
}

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'data/', 'dist/', '**/*.min.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // The lexicon regexes escape '-' and '[' inside classes for the reader's sake.
      'no-useless-escape': 'off',
      'no-control-regex': 'off',
      'no-irregular-whitespace': 'off',
      'no-misleading-character-class': 'off',
    },
  },
  ...ROOMS.filter((room) => patternsFor(room)[0].group.length > 0).map((room) => ({
    files: [`src/${room}/**/*.ts`],
    ignores: [`src/${room}/**/*.test.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: patternsFor(room) }] },
  })),
  // Small rooms (CONTRIBUTING.md, Conventions): no source file over 500 lines, no function over 80
  // (blank lines and comments not counted). Tests may be longer: a table of cases is one thing.
  {
    files: ['src/**/*.{ts,tsx}', 'web/src/**/*.{ts,tsx}', 'scripts/**/*.{ts,tsx,js,mjs}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', 'test/**'],
    rules: {
      'max-lines': ['error', { max: 500, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['src/pipeline.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['./store/*', './ingest/*', './serve/*', './cli/*', './watch/*', './auth/*'],
              message: 'the pipeline composes read → clean → extract → reconcile (its per-report stage) only',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    // web/ may name the API's answer types (erased at build); any runtime import of src/ fails.
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/*', '../../src/*', '../../../src/*'],
              allowTypeImports: true,
              message: 'web/ talks to the JSON API only: import types, never the server’s modules',
            },
          ],
        },
      ],
    },
  },
);
