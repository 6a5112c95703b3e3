// Lint: TypeScript rules plus the three borders. Only extension/ may import 'vscode'; selected
// code is parsed, never run, so eval and new Function are banned everywhere.
import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'vscode', message: "Only extension/ (and the in-VS Code tests) may import 'vscode'. Keep this module pure." }],
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', '.vscode-test/**', 'snippets/**'] },
  ...tseslint.configs.recommended,
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
  { files: ['compute/**/*.ts', 'webview/**/*.ts', 'shared/**/*.ts', 'cli/**/*.ts', 'test/unit/**/*.ts', 'bench/**'], rules: noVscode },
);
