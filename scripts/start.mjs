// `npm start`: open VS Code with ML Lens (development mode) on examples/, with
// examples/mnist_mismatch.py in the editor: its shapes as inlay hints, the planted mismatch as a
// warning with its quick fix (Ctrl+.), shape hovers. Desktop VS Code when `code` is on PATH;
// otherwise a browser VS Code (code-server) on loopback, whose URL is printed.
// Runs until Ctrl+C, then stops the server it started.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { workbenchUrl } from './real-vscode/browser.mjs';
import { cacheRoot, ensureCodeServer, which } from './real-vscode/install.mjs';
import { startCodeServer } from './real-vscode/server.mjs';

const root = path.resolve(import.meta.dirname, '..');
const workspace = path.join(root, 'examples');
const modelFile = path.join(workspace, 'mnist_mismatch.py');

if (which('code') && !process.argv.includes('--browser')) {
  console.log('Opening VS Code with ML Lens on examples/ …');
  spawn('code', [`--extensionDevelopmentPath=${root}`, workspace, modelFile], { stdio: 'inherit', detached: true }).unref();
} else {
  const { entry } = await ensureCodeServer();
  // A profile kept between runs, so settings and opened files persist like a normal install.
  const profile = path.join(cacheRoot(), 'start-profile');
  fs.mkdirSync(profile, { recursive: true });
  const server = await startCodeServer({
    entry,
    workspace,
    userDataDir: path.join(profile, 'user'),
    extensionsDir: path.join(profile, 'ext'),
    settings: { 'git.openRepositoryInParentFolders': 'never' },
  });
  const url = workbenchUrl({ url: server.url, port: server.port, workspace, extensionPath: root, openFile: modelFile });
  console.log(`\nML Lens is running in a browser VS Code (loopback only). Open:\n\n  ${url}\n\nPress Ctrl+C to stop.`);
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await server.exited;
}
