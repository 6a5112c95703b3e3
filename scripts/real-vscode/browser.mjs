// Drives Debian's chromium with playwright-core (no browser download) and builds the workbench
// URL that loads an extension in development mode. See shared/notes/real-vscode-offline.md.

import { chromium } from 'playwright-core';
import { which } from './install.mjs';

/** Launches headless chromium from PATH (`apt-get install -y chromium`). */
export async function launchBrowser() {
  const executablePath = which('chromium');
  if (!executablePath) throw new Error('chromium is not on PATH. Run: apt-get update && apt-get install -y chromium');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox', // we run as root
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking', // no network here: keep chromium from trying
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * The workbench URL for `workspace` with the extension at `extensionPath` in development mode
 * and, if `testsPath` is given, the test module (exporting `run()`) to run in the extension
 * host, and `openFile`, a file to open in the editor. All paths are absolute paths on the
 * server's file system.
 */
/** @param {{ url: string, port: number, workspace: string, extensionPath: string, testsPath?: string, openFile?: string }} options */
export function workbenchUrl({ url, port, workspace, extensionPath, testsPath, openFile }) {
  const base = url || `http://127.0.0.1:${port}`;
  const remote = `vscode-remote://127.0.0.1:${port}`; // the authority code-server answers to
  const payload = [['extensionDevelopmentPath', `${remote}${extensionPath}`]];
  if (testsPath) payload.push(['extensionTestsPath', `${remote}${testsPath}`]);
  if (openFile) payload.push(['openFile', `${remote}${openFile}`]);
  return `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
