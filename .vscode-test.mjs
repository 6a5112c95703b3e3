// `npm run test:electron`: the same integration suite under @vscode/test-electron, for machines
// that can download VS Code. (Offline machines use `npm test`, which runs it in code-server.)
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'dist/test/suite.js',
  workspaceFolder: 'examples',
  version: '1.100.0',
  mocha: { ui: 'tdd', timeout: 60000 },
});
