import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

function cli(...args: string[]): { status: number | null; json: unknown; stderr: string } {
  const run = spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });
  let json: unknown;
  try {
    json = JSON.parse(run.stdout);
  } catch {
    json = undefined;
  }
  return { status: run.status, json, stderr: run.stderr };
}

describe('dist/cli.js (built bundle)', () => {
  it('recognize + simulate answer for the ResNet stem conv', () => {
    const r = cli('recognize', 'examples/resnet_stem.py', '--range', '12:22-12:88');
    assert.equal(r.status, 0, r.stderr);
    const request = r.json as { kind: string; layers: { outShape: number[]; params: number; macs: number; receptiveField: unknown }[] };
    assert.equal(request.kind, 'conv');
    assert.deepEqual(request.layers[0].outShape, [1, 64, 112, 112]);
    assert.equal(request.layers[0].params, 9408);
    const s = spawnSync(process.execPath, ['dist/cli.js', 'simulate', '-'], { input: JSON.stringify(request), encoding: 'utf8' });
    assert.equal(s.status, 0, s.stderr);
    assert.deepEqual(JSON.parse(s.stdout).layers[0].outShape, [1, 64, 112, 112]);
  });

  it('recognize takes --input', () => {
    const r = cli('recognize', 'examples/resnet_stem.py', '--range', '12:22-12:88', '--input', '8,3,32,32');
    assert.deepEqual((r.json as { layers: { outShape: number[] }[] }).layers[0].outShape, [8, 64, 16, 16]);
  });

  it('hover prints exactly the provider text, or null', () => {
    const hit = cli('hover', 'examples/training.py', '13:25');
    assert.equal((hit.json as { term: string }).term, 'adam');
    assert.equal(cli('hover', 'examples/training.py', '14:3').json, null);
  });

  it('terms and identities follow the DESIGN.md fields', () => {
    const [term] = cli('terms').json as Record<string, unknown>[];
    for (const field of ['id', 'title', 'aliases', 'summary', 'formulas', 'related']) assert.ok(field in term, field);
    const [identity] = cli('identities').json as { check: { maxRelError: number }; languages: string[] }[];
    assert.ok(identity.check.maxRelError < 1e-6);
    assert.deepEqual(identity.languages, ['latex', 'markdown', 'python']);
  });

  it('bad input: one clear line and a non-zero exit', () => {
    const missing = cli('simulate', 'no-such-file.json');
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /Cannot read no-such-file\.json/);
    assert.equal(cli('frobnicate').status, 2);
    assert.equal(cli('hover', 'examples/training.py', 'x').status, 2);
    const none = cli('recognize', 'examples/training.py', '--range', '15:1-15:10');
    assert.equal(none.status, 1);
    assert.match((none.json as { error: string }).error, /No layer found/);
  });
});
