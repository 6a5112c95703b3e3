// Starts code-server (a real VS Code server + web workbench) on a free loopback port.
// See shared/notes/real-vscode-offline.md.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureCodeServer } from './install.mjs';

// User settings written for every run; `settings` passed to startCodeServer are merged over these.
// Workspace trust stays on (VS Code's default): an untrusted folder opens in Restricted Mode.
export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': true,
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
};

/** A port that was free on 127.0.0.1 a moment ago (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once GET url answers with any HTTP status below 500. */
function httpOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode < 500);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

// Servers still running, killed if this process exits or is interrupted.
const running = new Set();
let exitHooksInstalled = false;

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal); // negative pid: the whole process group (server + extension hosts)
  } catch {
    // already gone
  }
}

function installExitHooks() {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  // 'exit' handlers must be synchronous: SIGKILL whatever is left.
  process.on('exit', () => {
    for (const child of running) killGroup(child.pid, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      for (const child of running) killGroup(child.pid, 'SIGKILL');
      // Exit as the signal would have: 128 + its number.
      process.exit(128 + os.constants.signals[signal]);
    });
  }
}

/**
 * Starts code-server for `workspace` and waits until it answers.
 * Returns { url, port, stop, exited } — `stop()` kills the server's process group and resolves
 * once the server has exited; `exited` resolves with { code, signal } whenever the server exits.
 */
export async function startCodeServer({
  workspace,
  userDataDir,
  extensionsDir,
  settings = {},
  entry, // code-server's entry.js; installed/looked up with ensureCodeServer when not given
  log = (msg) => console.error(msg),
  startTimeoutMs = 60_000,
}) {
  entry ??= (await ensureCodeServer({ log })).entry;

  // Both folders must exist before the server starts: with a missing extensions folder the
  // development extension silently does not load.
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2) + '\n');
  // Our own config file; without --config code-server writes ~/.config/code-server/config.yaml.
  const configFile = path.join(userDataDir, 'code-server.yaml');
  fs.writeFileSync(configFile, 'auth: none\n');

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [
    entry,
    '--config',
    configFile,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--ignore-last-opened',
    workspace,
  ];

  // Don't let a surrounding VS Code (or code-server) session leak into this one.
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key === 'PASSWORD' || key === 'HASHED_PASSWORD' || key === 'PORT') delete env[key];
  }
  // No extension marketplace: without this the workbench queries open-vsx.org (no network here).
  env.EXTENSIONS_GALLERY = JSON.stringify({ serviceUrl: '' });

  log(`[real-vscode] starting code-server on ${url} for ${workspace}`);
  // detached: own process group, so stop() can kill the server and its extension hosts together.
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  installExitHooks();
  running.add(child);

  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      for (const line of lines) if (line.trim()) log(`[code-server] ${line}`);
    });
  }

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      killGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    killGroup(child.pid, 'SIGKILL'); // stragglers left in the group
  }

  // Wait until it answers (or dies, or takes too long).
  const deadline = Date.now() + startTimeoutMs;
  let alive = false;
  while (!alive) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const { code, signal } = await exited;
      throw new Error(`code-server exited before it answered (${signal || `exit ${code}`})`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer ${url}/healthz within ${startTimeoutMs / 1000}s`);
    }
    alive = await httpOk(`${url}/healthz`);
    if (!alive) await new Promise((r) => setTimeout(r, 250));
  }
  log(`[real-vscode] code-server is up on ${url}`);
  return { url, port, stop, exited };
}
