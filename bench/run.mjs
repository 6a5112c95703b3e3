// `npm run bench`: each suite in bench/suites/*.mjs measures our compute module against a peer
// (where one exists) on identical inputs, in this process and this run, after a warm-up.
// Prints a table, or with --json: [{name, ours_ms, peer, peer_ms, ratio}] (ratio = peer/ours,
// above 1 means we are faster). `--filter TEXT` runs only cases whose name contains TEXT.
//
// A suite file's default export: async ({ compute }) => [{ name, ours, peer?, reps? , setup? }]
//   ours: () => void | Promise<void>        the measured work
//   peer: { name, run: () => void | Promise<void> } | null
//   reps: repetitions after one warm-up (default 7); the median is reported
//   notes: optional string printed under the table (targets, sizes)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..');
const json = process.argv.includes('--json');
const filterAt = process.argv.indexOf('--filter');
const filter = filterAt >= 0 ? process.argv[filterAt + 1] : undefined;
const compute = require(path.join(root, 'dist', 'compute.js'));

async function median(fn, reps) {
  await fn(); // warm-up: JIT, caches, lazy initialisation
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], all: times };
}

const rows = [];
const notes = [];
const suiteDir = path.join(root, 'bench', 'suites');
for (const file of readdirSync(suiteDir)
  .filter((f) => f.endsWith('.mjs'))
  .sort()) {
  const suite = (await import(pathToFileURL(path.join(suiteDir, file)).href)).default;
  for (const c of await suite({ compute, root })) {
    if (filter && !c.name.includes(filter)) continue;
    const reps = c.reps ?? 7;
    const ours = await median(c.ours, reps);
    const peer = c.peer ? await median(c.peer.run, reps) : undefined;
    const row = {
      name: c.name,
      ours_ms: +ours.median.toFixed(3),
      peer: c.peer?.name ?? null,
      peer_ms: peer ? +peer.median.toFixed(3) : null,
      ratio: peer ? +(peer.median / ours.median).toFixed(2) : null,
      ...(c.extra ? c.extra(ours) : {}),
    };
    rows.push(row);
    const extra = Object.entries(row).filter(([k]) => !['name', 'ours_ms', 'peer', 'peer_ms', 'ratio'].includes(k));
    if (c.notes || extra.length) notes.push(`${c.name}: ${[...extra.map(([k, v]) => `${k} ${v}`), c.notes].filter(Boolean).join('; ')}`);
    if (!json) process.stderr.write(`  ${row.name}: ${row.ours_ms} ms${peer ? ` vs ${row.peer} ${row.peer_ms} ms` : ''}\n`);
  }
}

// Activation: cold `require` + `activate()` in fresh processes (bench/activation.mjs), no peer.
if (!filter || 'activation'.includes(filter) || filter.includes('activation')) {
  const child = spawnSync(process.execPath, [path.join(root, 'bench', 'activation.mjs'), '--json', '--runs', '9'], { encoding: 'utf8' });
  if (child.status === 0) {
    const a = JSON.parse(child.stdout.trim().split('\n').pop());
    rows.push({
      name: 'extension activation (cold require + activate, median of 9 processes)',
      ours_ms: +a.total_ms.toFixed(3),
      peer: null,
      peer_ms: null,
      ratio: null,
    });
    notes.push(
      `extension activation: require ${a.require_ms.toFixed(1)} ms + activate() ${a.activate_ms.toFixed(1)} ms; lazy onLanguage/onWebviewPanel events, no "*"`,
    );
  } else {
    process.stderr.write(`activation bench failed: ${child.stderr || child.stdout}\n`);
    process.exitCode = 1;
  }
}

if (json) {
  process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
} else {
  const header = ['case', 'ours (ms)', 'peer', 'peer (ms)', 'ratio (peer/ours)'];
  const lines = rows.map((r) => [r.name, r.ours_ms.toString(), r.peer ?? '—', r.peer_ms?.toString() ?? '—', r.ratio?.toString() ?? '—']);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(fmt(header));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const l of lines) console.log(fmt(l));
  if (notes.length) console.log('');
  for (const n of notes) console.log(`- ${n}`);
}
