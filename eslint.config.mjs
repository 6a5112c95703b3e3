// Lint: TypeScript rules plus the borders between folders. Only extension/ may import 'vscode';
// selected code is parsed, never run, so eval and new Function are banned everywhere.
//
// Imports run one way (docs/architecture.md): compute/ ← shared/ ← webview/, and extension/ and
// cli/ on top. Inside compute/, the building blocks (python/, expr/, conv/, flow/, optim/,
// terms/, identities/) never import the readers built on them (recognize/, program/, hover/,
// editor/, notebook/). test/unit/borders.test.ts checks that a wrong-way import fails lint.
import tseslint from 'typescript-eslint';

const VSCODE = { name: 'vscode', message: "Only extension/ (and the in-VS Code tests) may import 'vscode'. Keep this module pure." };
const away = (folder, why) => ({ regex: `(^|/)${folder}(/|$)`, message: why });
/** @returns {any} */
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { paths: [VSCODE], patterns }] });

const NOT_UP_FROM_COMPUTE = [
  away('webview', 'compute/ is the bottom layer: it must not import the webview.'),
  away('extension', 'compute/ is the bottom layer: it must not import the extension.'),
  away('shared', 'compute/ is the bottom layer: shared/ builds on it, not the other way.'),
];
const NOT_UP_FROM_BLOCKS = ['recognize', 'program', 'hover', 'editor', 'notebook'].map((f) =>
  away(f, `The compute building blocks must not import ${f}/, which is built on them.`),
);

export default tseslint.config(
  { ignores: ['dist/**', '.tsbuild/**', 'node_modules/**', 'out/**', '.vscode-test/**', 'snippets/**'] },
  ...tseslint.configs.recommended,
  {
    // Type-aware rules: a promise nobody awaits or handles, a switch that misses a case of a union.
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  { files: ['test/unit/**/*.ts', 'bench/**'], rules: restrict() },
  { files: ['compute/**/*.ts'], rules: restrict(...NOT_UP_FROM_COMPUTE) },
  {
    files: ['compute/{python,expr,conv,flow,optim,terms,identities}/**/*.ts', 'compute/{errors,random,text,tensor,progress,count-format}.ts'],
    rules: restrict(...NOT_UP_FROM_COMPUTE, ...NOT_UP_FROM_BLOCKS),
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      away('webview', 'shared/ is below the webview: move what both need into shared/.'),
      away('extension', 'shared/ must not import the extension.'),
    ),
  },
  { files: ['webview/**/*.ts'], rules: restrict(away('extension', 'The webview runs in the browser: it must not import the extension.')) },
  {
    files: ['cli/**/*.ts'],
    rules: restrict(away('webview', 'The CLI must not import the webview.'), away('extension', 'The CLI must not import the extension.')),
  },
);
