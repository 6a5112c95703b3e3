/**
 * docs/architecture.md and the README name the code a newcomer should open: every file they name
 * must exist, or the map sends people nowhere. A path with a folder must exist as written; a bare
 * file name (`find.ts`, named under its folder's heading) must be the name of some tracked file.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
const trackedSet = new Set(tracked);
const basenames = new Set(tracked.map((f) => path.posix.basename(f)));
const folders = new Set(
  tracked.flatMap((f) =>
    f
      .split('/')
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
  ),
);
const folderNames = new Set([...folders].map((d) => path.posix.basename(d)));
/** What the build and the test runs write: named in the docs, never tracked. */
const GENERATED = /^(dist|\.tsbuild|test-results|out)(\/|$)/;

/** Code names in backticks: `compute/hover/find.ts`, `natives/layers.ts`, `e2e.mjs`, `labs/model/`. */
function namedPaths(markdown: string): string[] {
  const out: string[] = [];
  for (const m of markdown.matchAll(/`([^`\s]+)`/g)) {
    const name = m[1].replace(/[(:].*$/, '');
    if (/\.(ts|mjs|mts|json|py|css)$/.test(name) || /^[\w.-]+(\/[\w.-]+)*\/$/.test(name)) out.push(name);
  }
  return out;
}

function exists(name: string): boolean {
  if (/[*{]/.test(name)) return true; // a glob (`keras-layers-*.ts`) names a family
  if (GENERATED.test(name) || /^\.\w+$/.test(name)) return true; // build output, or an extension (`.mjs`)
  const clean = name.replace(/\/$/, '');
  if (!clean.includes('/')) return basenames.has(clean) || folderNames.has(clean);
  // A path written from its folder (`labs/model/`, `natives/layers.ts`) is a suffix of a tracked one.
  if (trackedSet.has(clean) || folders.has(clean)) return true;
  return tracked.some((f) => f.endsWith(`/${clean}`)) || [...folders].some((d) => d.endsWith(`/${clean}`));
}

describe('docs name files that exist', () => {
  for (const doc of ['docs/architecture.md', 'docs/cli.md', 'README.md']) {
    it(doc, () => {
      const names = namedPaths(readFileSync(path.join(root, doc), 'utf8'));
      assert.ok(names.length > 0, `${doc} names no files`);
      const missing = [...new Set(names)].filter((n) => !exists(n));
      assert.deepEqual(missing, [], `${doc} names files that are not in the repository`);
    });
  }
});

describe('docs/architecture.md maps every source folder', () => {
  it('names each folder of compute/, shared/, webview/, extension/ and cli/', () => {
    const doc = readFileSync(path.join(root, 'docs/architecture.md'), 'utf8');
    const sourceFolders = [...folders].filter((d) => /^(compute|shared|webview|extension|cli)(\/|$)/.test(d));
    const unnamed = sourceFolders.filter(
      (d) => !doc.includes(`${d}/`) && !doc.includes(`\`${path.posix.basename(d)}/`) && !doc.includes(`${path.posix.basename(d)}/\``),
    );
    assert.deepEqual(unnamed, []);
  });
});
