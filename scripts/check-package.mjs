// Packages ML Lens and checks what the .vsix holds.
//
//   node scripts/check-package.mjs          # npm run package (production build + vsce), then check
//   node scripts/check-package.mjs --ls     # only `vsce ls` against the current dist/ (fast)
//   node scripts/check-package.mjs --web    # then install the .vsix in code-server and run the
//                                           # web extension e2e on it (scripts/real-vscode/web-e2e.mjs)
//
// Fails when a file outside the allow-list is packaged (sources, tests, node_modules, the CLI,
// source maps, …) or when a file the extension needs is missing. Prints the size of the .vsix and
// its largest entries.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsixName = `${manifest.name}-${manifest.version}.vsix`;
const lsOnly = process.argv.includes('--ls');
const web = process.argv.includes('--web') && !lsOnly;

const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^CHANGELOG\.md$/,
  /^LICENSE$/,
  /^dist\/extension\.js$/,
  /^dist\/web\/extension\.js$/,
  /^dist\/math\.json$/,
  /^dist\/webview\/(main\.js|main\.css|worker\.js|KaTeX_[\w-]+\.woff2)$/,
  /^snippets\/(latex|markdown|python)\.json$/,
  /^media\/(icon\.png|activity\.svg)$/,
  /^media\/walkthrough\/[\w-]+\.md$/,
];
const REQUIRED = [
  'package.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'dist/extension.js',
  'dist/web/extension.js',
  'dist/math.json',
  'dist/webview/main.js',
  'dist/webview/main.css',
  'dist/webview/worker.js',
  'snippets/latex.json',
  'snippets/markdown.json',
  'snippets/python.json',
  'media/icon.png',
  'media/activity.svg',
  ...manifest.contributes.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.markdown)),
];

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
if (!lsOnly) execFileSync('npm', ['run', 'package'], { cwd: root, stdio: 'inherit' });
const listed = execFileSync(npx, ['vsce', 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  .split('\n')
  .map((l) => l.trim())
  .filter(Boolean);

const problems = [];
for (const f of listed) if (!ALLOWED.some((re) => re.test(f))) problems.push(`packaged but not allowed: ${f}`);
for (const f of REQUIRED) if (!listed.includes(f)) problems.push(`required but not packaged: ${f}`);
console.log(`vsce ls: ${listed.length} files`);

/** Entries of a zip file from its central directory: name, compressed and uncompressed size. */
function zipEntries(file) {
  const buf = fs.readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    entries.push({
      name: buf.toString('utf8', at + 46, at + 46 + nameLen),
      compressed: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      method: buf.readUInt16LE(at + 10),
      local: buf.readUInt32LE(at + 42),
    });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return { buf, entries };
}

const vsix = path.join(root, vsixName);
if (!lsOnly) {
  if (!fs.existsSync(vsix)) problems.push(`${vsixName} was not written`);
  else {
    const { buf, entries } = zipEntries(vsix);
    const total = fs.statSync(vsix).size;
    const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
    console.log(`${vsixName}: ${(total / 1024 / 1024).toFixed(2)} MB, ${entries.length} entries`);
    for (const e of [...entries].sort((a, b) => b.compressed - a.compressed).slice(0, 6)) {
      console.log(
        `  ${e.name.padEnd(44)} ${kb(e.size).padStart(8)} → ${kb(e.compressed).padStart(7)} (${((100 * e.compressed) / total).toFixed(0)}% of the .vsix)`,
      );
    }
    // vsce renames the docs inside the package.
    const renamed = { 'readme.md': 'README.md', 'changelog.md': 'CHANGELOG.md', 'LICENSE.txt': 'LICENSE' };
    const names = entries.map((e) => e.name.replace(/^extension\//, '')).map((n) => renamed[n] ?? n);
    for (const f of REQUIRED) if (!names.includes(f)) problems.push(`not in ${vsixName}: ${f}`);
    const read = (name) => {
      const e = entries.find((x) => x.name === `extension/${name}`);
      if (!e) return undefined;
      const start = e.local + 30 + buf.readUInt16LE(e.local + 26) + buf.readUInt16LE(e.local + 28);
      const data = buf.subarray(start, start + e.compressed);
      return (e.method === 8 ? inflateRawSync(data) : data).toString('utf8');
    };
    // The shipped manifest is the one in the repository.
    const pkg = read('package.json');
    if (pkg && JSON.parse(pkg).version !== manifest.version) problems.push('the packaged package.json has another version');
    // Production bundles only: a development build (e.g. another `npm run build` writing dist/
    // while this one packaged) links source maps that the package does not hold.
    for (const bundle of ['dist/extension.js', 'dist/web/extension.js', 'dist/webview/main.js', 'dist/webview/worker.js']) {
      const text = read(bundle);
      if (text && /\/\/# sourceMappingURL=/.test(text)) problems.push(`${bundle} is a development build (it links a source map); run npm run package again`);
    }
  }
}

if (problems.length) {
  for (const p of problems) console.error(`✖ ${p}`);
  process.exit(1);
}
console.log('✔ package contents as expected');

if (web) {
  const { runWebE2E } = await import('./real-vscode/web-e2e.mjs');
  process.exit(await runWebE2E({ vsix }));
}
