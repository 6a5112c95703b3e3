// Publish-readiness of the manifest without running vsce (scripts/check-package.mjs does that):
// .vscodeignore keeps the development folders out and the shipped files in, and every file the
// manifest points at exists in the repository or is written by esbuild.mjs.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { COMMANDS } from '../../compute/commands';

const root = path.resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string; svg?: string };
  completionEvents?: string[];
}
interface Manifest {
  name: string;
  publisher: string;
  version: string;
  license: string;
  main: string;
  browser: string;
  icon: string;
  galleryBanner: { color: string; theme: string };
  repository: { type: string; url: string };
  categories: string[];
  keywords: string[];
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
  contributes: {
    commands: { command: string; icon?: string }[];
    snippets: { language: string; path: string }[];
    viewsContainers: Record<string, { id: string; icon: string }[]>;
    views: Record<string, { id: string; icon?: string }[]>;
    walkthroughs: { id: string; steps: Step[] }[];
  };
}
const manifest = JSON.parse(read('package.json')) as Manifest;

/** One .vscodeignore pattern as vsce matches it: minimatch with { dot: true }, anchored at the root. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // "**/" matches zero or more folders; a trailing "**" matches anything below.
      if (glob[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** The ignore and negate lists vsce builds from .vscodeignore (see collectFiles in @vscode/vsce). */
function ignoreRules() {
  const lines = read('.vscodeignore')
    .split(/[\n\r]/)
    .map((s) => s.trim())
    .filter((s) => s && !s.startsWith('#'));
  // vsce also treats every pattern without a "*" in its last segment as a folder.
  const all = [...lines, ...lines.filter((l) => !/(^|\/)[^/]*\*[^/]*$/.test(l)).map((l) => (l.endsWith('/') ? `${l}**` : `${l}/**`))];
  const ignore = all.filter((l) => !l.startsWith('!')).map(globToRegExp);
  const negate = [...all.filter((l) => l.startsWith('!')).map((l) => l.slice(1)), 'package.json', 'README.md'].map(globToRegExp);
  return (file: string) => ignore.some((r) => r.test(file)) && !negate.some((r) => r.test(file));
}

/** Files the manifest points at, relative to the root ("./dist/x.js" → "dist/x.js"). */
function referencedFiles(): { file: string; what: string }[] {
  const rel = (p: string) => path.posix.normalize(p.replace(/^\.\//, ''));
  const c = manifest.contributes;
  const files = [
    { file: rel(manifest.main), what: 'main' },
    { file: rel(manifest.browser), what: 'browser' },
    { file: rel(manifest.icon), what: 'icon' },
    ...c.snippets.map((s) => ({ file: rel(s.path), what: `${s.language} snippets` })),
    ...Object.values(c.viewsContainers)
      .flat()
      .map((v) => ({ file: rel(v.icon), what: `view container ${v.id} icon` })),
    ...Object.values(c.views)
      .flat()
      .filter((v) => v.icon)
      .map((v) => ({ file: rel(v.icon!), what: `view ${v.id} icon` })),
    ...c.walkthroughs.flatMap((w) =>
      w.steps.flatMap((s) => Object.values(s.media).map((m) => ({ file: rel(m as string), what: `walkthrough step ${s.id} media` }))),
    ),
  ];
  // Codicon references such as "$(play)" are not files.
  return files.filter((f) => !f.file.startsWith('$('));
}

/** Files esbuild.mjs writes: outfile / outdir of each bundle and the assets written in its hooks. */
function esbuildOutputs(): { files: Set<string>; dirs: Set<string> } {
  const source = read('esbuild.mjs');
  const files = new Set([...source.matchAll(/outfile:\s*'([^']+)'/g)].map((m) => m[1]));
  for (const m of source.matchAll(/writeFileSync\('([^']+)'/g)) files.add(m[1]);
  for (const m of source.matchAll(/writeIfChanged\(`snippets\/\$\{language\}\.json`/g)) void m;
  const dirs = new Set([...source.matchAll(/outdir:\s*'([^']+)'/g)].map((m) => m[1]));
  return { files, dirs };
}

describe('packaging (.vscodeignore and manifest)', () => {
  const ignored = ignoreRules();

  it('keeps sources, tests, fixtures, bench, scripts, examples, node_modules and unshipped bundles out', () => {
    const devFiles = [
      'extension/extension.ts',
      'compute/index.ts',
      'webview/main.ts',
      'shared/protocol.ts',
      'cli/main.ts',
      'test/unit/package.test.ts',
      'test/fixtures/README.md',
      'test/integration/index.ts',
      'bench/run.mjs',
      'scripts/render-math.mjs',
      'scripts/real-vscode/e2e.mjs',
      'examples/training.py',
      'docs/screenshots/conv-lab-dark.png',
      'node_modules/katex/package.json',
      'dist/cli.js',
      'dist/compute.js',
      'dist/test/integration.js',
      'dist/test/suite.js',
      'dist/extension.js.map',
      'dist/webview/main.js.map',
      'esbuild.mjs',
      'tsconfig.json',
      'eslint.config.mjs',
      '.vscode/launch.json',
      '.ci/run',
      'test-results/hover-adam-dark.png',
      'media/icon.svg',
      'ml-lens-0.1.0.vsix',
    ];
    const shipped = devFiles.filter((f) => !ignored(f));
    assert.deepEqual(shipped, [], `.vscodeignore lets these into the .vsix: ${shipped.join(', ')}`);
  });

  it('ships what runs: bundles, webview assets, hover math, snippets, media and the docs', () => {
    const runtime = [
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'dist/extension.js',
      'dist/web/extension.js',
      'dist/webview/main.js',
      'dist/webview/main.css',
      'dist/webview/worker.js',
      'dist/webview/KaTeX_Main-Regular-ARRPAO67.woff2',
      'dist/math.json',
      ...referencedFiles().map((f) => f.file),
    ];
    const dropped = runtime.filter(ignored);
    assert.deepEqual(dropped, [], `.vscodeignore drops files the extension needs: ${dropped.join(', ')}`);
    for (const doc of ['README.md', 'CHANGELOG.md', 'LICENSE']) assert.ok(existsSync(path.join(root, doc)), `${doc} is missing`);
    assert.match(read('LICENSE'), /^MIT License[\s\S]*ML Lens contributors/);
  });

  it('every file the manifest references exists or is produced by esbuild.mjs', () => {
    const { files, dirs } = esbuildOutputs();
    const built = (f: string) => files.has(f) || [...dirs].some((d) => f.startsWith(`${d}/`));
    const missing = referencedFiles().filter(({ file }) => (file.startsWith('dist/') ? !built(file) : !existsSync(path.join(root, file))));
    assert.deepEqual(missing, [], `missing: ${missing.map((m) => `${m.what} (${m.file})`).join(', ')}`);
    // The built files the .vsix needs beyond main/browser: the webview bundles and the hover math.
    assert.ok(files.has('dist/math.json') && dirs.has('dist/webview'), 'esbuild.mjs no longer writes dist/math.json or dist/webview/');
    // Snippet files are regenerated by the build but committed, so they exist without one.
    for (const s of manifest.contributes.snippets) assert.ok(existsSync(path.join(root, s.path)), s.path);
  });

  it('has the fields vsce needs to package without prompts', () => {
    assert.equal(`${manifest.publisher}.${manifest.name}`, 'ml-lens.ml-lens');
    assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
    assert.equal(manifest.license, 'MIT');
    assert.match(manifest.repository.url, /^https:\/\/github\.com\//);
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
    assert.ok(manifest.categories.length > 0 && manifest.keywords.length > 0 && manifest.keywords.length <= 30);
    assert.match(manifest.icon, /\.png$/, 'vsce accepts only a PNG icon');
    const png = readFileSync(path.join(root, manifest.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'icon is 128×128');
    assert.match(manifest.scripts.package, /package:build.*&&.*vsce package/, 'npm run package builds in production mode first');
    assert.ok(manifest.devDependencies['@vscode/vsce']);
  });

  it('the Getting Started walkthrough: five steps with media, completion events and command buttons', () => {
    const walkthrough = manifest.contributes.walkthroughs.find((w) => w.id === 'mlLens.gettingStarted');
    assert.ok(walkthrough, 'walkthrough mlLens.gettingStarted');
    assert.deepEqual(
      walkthrough.steps.map((s) => s.title),
      ['Hover a term', 'Insert a derivative identity', 'Simulate a selection', 'See shapes as you type', 'Open a lab'],
    );
    const ours = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const step of walkthrough.steps) {
      const media = step.media.markdown;
      assert.ok(media && /^media\/walkthrough\/[\w-]+\.md$/.test(media), `${step.id}: markdown media under media/walkthrough/`);
      assert.ok(existsSync(path.join(root, media)) && statSync(path.join(root, media)).size > 200, `${step.id}: ${media} exists and says something`);
      assert.ok(step.completionEvents?.length, `${step.id}: completion events`);
      for (const event of step.completionEvents) {
        const command = /^onCommand:(.+)$/.exec(event)?.[1];
        assert.ok(command, `${step.id}: ${event} is an onCommand event`);
        if (command.startsWith('mlLens.')) assert.ok(ours.has(command), `${step.id}: ${command} is contributed`);
      }
      // "command:toSide:" runs the command with the editor group beside the walkthrough active,
      // so commands that need a text editor find the one the user opened there.
      const buttons = [...step.description.matchAll(/^\[[^\]]+\]\(command:(?:toSide:)?([\w.]+)(?:\?([^)]*))?\)$/gm)];
      assert.ok(buttons.length > 0, `${step.id}: at least one command button (a link alone on its line)`);
      for (const [, command, args] of buttons) {
        if (command.startsWith('mlLens.')) assert.ok(ours.has(command), `${step.id}: button runs ${command}, which is contributed`);
        if (args) assert.doesNotThrow(() => JSON.parse(decodeURIComponent(args)), `${step.id}: ${command} arguments are URL-encoded JSON`);
      }
    }
    const commands = walkthrough.steps.flatMap((s) => [...s.description.matchAll(/command:(?:toSide:)?(mlLens\.\w+)/g)].map((m) => m[1]));
    for (const c of ['mlLens.insertIdentity', 'mlLens.simulateSelection', 'mlLens.openLab']) assert.ok(commands.includes(c), `a button runs ${c}`);
  });
});

describe('command ids (compute/commands.ts)', () => {
  it('every command the manifest contributes is in the one table, and the palette commands are contributed', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { commands: { command: string }[] } };
    const contributed = manifest.contributes.commands.map((c) => c.command);
    const ids: readonly string[] = Object.values(COMMANDS);
    for (const id of contributed) assert.ok(ids.includes(id), `${id} is contributed but not in COMMANDS`);
    // applyToCode and reanalyzeModel are run by the lab webview, not from the palette.
    for (const id of ids.filter((i) => i !== COMMANDS.applyToCode && i !== COMMANDS.reanalyzeModel))
      assert.ok(contributed.includes(id), `${id} is not contributed`);
  });
});

describe('README settings table', () => {
  it('lists every contributed setting with its default', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { default: unknown }> } };
    };
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const [key, spec] of Object.entries(manifest.contributes.configuration.properties)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${key}\` |`));
      assert.ok(row, `README's settings table has no row for ${key}`);
      if (typeof spec.default !== 'object') assert.ok(row.includes(`\`${String(spec.default)}\``), `README gives another default for ${key}: ${row}`);
    }
  });
});
