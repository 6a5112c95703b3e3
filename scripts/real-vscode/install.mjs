// Installs a real VS Code (code-server, VS Code's server + web workbench) from npm, without
// any download other than the npm registry. See shared/notes/real-vscode-offline.md.
//
// The install is cached in the user's cache folder (override with ML_LENS_CACHE) so that a
// fresh clone (CI) reuses it. A marker file is written only once every step succeeded; a
// folder without the marker is a half-done install and is wiped and redone.
//
//   node scripts/real-vscode/install.mjs      # install (or confirm the cached install)

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// 4.100.3 (VS Code 1.100) is the newest code-server that runs on Node 20.
export const CODE_SERVER_VERSION = '4.100.3';

export function cacheRoot() {
  return process.env.ML_LENS_CACHE || path.join(os.homedir(), '.cache', 'ml-lens');
}

export function installDir() {
  return path.join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
}

const MARKER = '.ml-lens-install-complete';

/** Absolute path of `cmd` if it is an executable on PATH, else null (like `command -v`). */
export function which(cmd) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, cmd);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return null;
}

/** Throws with the exact apt-get line to run when a Debian package we rely on is missing. */
export function checkPrerequisites() {
  const missing = [];
  if (!which('chromium')) missing.push('chromium'); // the browser Playwright drives
  if (!which('rg')) missing.push('ripgrep'); // stands in for @vscode/ripgrep's download
  // kerberos (a VS Code native module) compiles against libkrb5's headers.
  const krbHeaders = ['/usr/include/krb5.h', '/usr/include/gssapi/gssapi.h', '/usr/include/gssapi.h'];
  if (!krbHeaders.some((f) => fs.existsSync(f))) missing.push('libkrb5-dev');
  // node-gyp needs a compiler toolchain and Python for the native rebuilds.
  if (!which('make')) missing.push('make');
  if (!which('g++')) missing.push('g++');
  if (!which('python3')) missing.push('python3');
  if (missing.length) {
    throw new Error(
      `Missing system packages for the real VS Code tests: ${missing.join(', ')}.\n` + `Run: apt-get update && apt-get install -y ${missing.join(' ')}`,
    );
  }
}

// node-gyp (native rebuilds) downloads Node's headers unless told where they are; that download
// fails here ("... is related to network connectivity"). Debian-style installs ship them in
// <prefix>/include/node, so point node-gyp there when they exist.
function nodeHeadersEnv() {
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return fs.existsSync(path.join(prefix, 'include', 'node', 'common.gypi')) ? { npm_config_nodedir: prefix } : {};
}

/** Runs a command, streaming its output to our stderr; rejects on a non-zero exit. */
/** @param {string} cmd @param {string[]} args @param {{ cwd?: string, env?: NodeJS.ProcessEnv }} [options] */
function run(cmd, args, { cwd, env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, ...nodeHeadersEnv(), ...env },
      stdio: ['ignore', 'inherit', 'inherit'], // no stdin: nothing may wait for a "yes"
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`\`${cmd} ${args.join(' ')}\` in ${cwd} failed (${signal || `exit ${code}`})`));
    });
  });
}

/** Replaces whatever is at `linkPath` with a symlink to `target`. */
function symlink(target, linkPath) {
  fs.rmSync(linkPath, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(linkPath), { recursive: true });
  fs.symlinkSync(target, linkPath);
}

/**
 * Makes sure code-server is installed in the cache and returns `{ entry }`, the absolute path
 * of its `out/node/entry.js` (start it with `node <entry> ...`).
 */
export async function ensureCodeServer({ log = (msg) => console.error(msg) } = {}) {
  const dir = installDir();
  const pkg = path.join(dir, 'node_modules', 'code-server');
  const entry = path.join(pkg, 'out', 'node', 'entry.js');
  const marker = path.join(dir, MARKER);

  if (fs.existsSync(marker) && fs.existsSync(entry)) {
    log(`[real-vscode] code-server ${CODE_SERVER_VERSION} cached at ${dir}`);
    return { entry };
  }

  checkPrerequisites();

  const t0 = Date.now();
  const step = async (title, fn) => {
    const t = Date.now();
    log(`[real-vscode] ${title} ...`);
    await fn();
    log(`[real-vscode] ${title}: done in ${((Date.now() - t) / 1000).toFixed(1)}s`);
  };
  const npmQuiet = ['--no-audit', '--no-fund', '--loglevel=error'];

  // A folder without the marker is a half-done install: start from scratch.
  if (fs.existsSync(dir)) log(`[real-vscode] removing incomplete install at ${dir}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // Our own package.json so npm treats this folder as the project (and not some parent).
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true }, null, 2) + '\n');

  // --ignore-scripts: code-server's postinstall downloads things that cannot be fetched here;
  // the steps after this one do its work by hand.
  await step(`npm install code-server@${CODE_SERVER_VERSION}`, () =>
    run('npm', ['install', '--ignore-scripts', ...npmQuiet, `code-server@${CODE_SERVER_VERSION}`], { cwd: dir }),
  );
  await step('npm rebuild argon2', () => run('npm', ['rebuild', ...npmQuiet, 'argon2'], { cwd: dir }));

  const vscode = path.join(pkg, 'lib', 'vscode');
  await step('lib/vscode: npm install --omit=dev', () => run('npm', ['install', '--omit=dev', '--ignore-scripts', ...npmQuiet], { cwd: vscode }));
  // @vscode/ripgrep's install script skips its GitHub download when bin/ exists, so link
  // Debian's rg in first.
  symlink(which('rg'), path.join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'));
  // npm_config_yes: node-pty's script runs `npx node-gyp`, which would otherwise ask to install.
  await step('lib/vscode: npm rebuild (native modules)', () => run('npm', ['rebuild', ...npmQuiet], { cwd: vscode, env: { npm_config_yes: 'true' } }));
  // What code-server's postinstall would link.
  symlink('node_modules', path.join(vscode, 'node_modules.asar'));
  symlink('code-linux.sh', path.join(vscode, 'bin', 'remote-cli', 'code-server'));
  symlink('browser-linux.sh', path.join(vscode, 'bin', 'helpers', 'browser.sh'));

  await step('lib/vscode/extensions: npm install --omit=dev', () =>
    run('npm', ['install', '--omit=dev', '--ignore-scripts', ...npmQuiet], { cwd: path.join(vscode, 'extensions') }),
  );

  if (!fs.existsSync(entry)) throw new Error(`code-server installed but ${entry} is missing`);
  fs.writeFileSync(marker, `code-server ${CODE_SERVER_VERSION} installed ${new Date().toISOString()}\n`);
  log(`[real-vscode] code-server ${CODE_SERVER_VERSION} installed in ${((Date.now() - t0) / 1000).toFixed(1)}s at ${dir}`);
  return { entry };
}

// Runnable directly: `node scripts/real-vscode/install.mjs`.
if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  ensureCodeServer()
    .then(({ entry }) => console.log(entry))
    .catch((err) => {
      console.error(err.message);
      process.exit(1);
    });
}
