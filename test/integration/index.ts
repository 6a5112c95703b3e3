/**
 * Entry of the suite that runs inside a real VS Code (code-server harness or
 * @vscode/test-electron): the `run()` contract both harnesses call.
 */
import * as path from 'node:path';
import type MochaType from 'mocha';

export async function run(): Promise<void> {
  // Mocha 12 is ESM-only: require() returns its namespace, whose default export is the class.
  const loaded = require('mocha') as { default?: typeof MochaType } & typeof MochaType;
  const Mocha = loaded.default ?? loaded;
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: 'spec' });
  // The suite is its own bundle (dist/test/suite.js) so @vscode/test-cli can load it directly too.
  mocha.addFile(path.join(__dirname, 'suite.js'));
  await mocha.loadFilesAsync();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} integration test(s) failed.`);
}
