/**
 * Entry of the suite that runs inside a real VS Code (code-server harness or
 * @vscode/test-electron): the `run()` contract both harnesses call.
 */
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: 'spec' });
  // Install suite/test as globals, then load the suites bundled into this file.
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  require('./extension.test');
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
      else resolve();
    });
  });
}
