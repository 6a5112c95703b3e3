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
    // On a call ML Lens can simulate, the hover ends with a link that opens exactly that call.
    assert.match((hit.json as { markdown: string }).markdown, /Simulate this optimizer\]\(command:mlLens\.simulateSelection\?%5B%22file%3A/);
  });

  it('terms and identities have the fields per docs/cli.md', () => {
    const [term] = cli('terms').json as Record<string, unknown>[];
    for (const field of ['id', 'title', 'aliases', 'summary', 'formulas', 'related']) assert.ok(field in term, field);
    const [identity] = cli('identities').json as { check: { maxRelError: number }; languages: string[] }[];
    assert.ok(identity.check.maxRelError < 1e-6);
    assert.deepEqual(identity.languages, ['latex', 'markdown', 'python']);
  });

  function simulateJson(request: unknown) {
    const run = spawnSync(process.execPath, ['dist/cli.js', 'simulate', '-'], { input: JSON.stringify(request), encoding: 'utf8' });
    return { status: run.status, result: run.status === 0 ? JSON.parse(run.stdout) : undefined, stderr: run.stderr };
  }

  it('simulate runs an optimizer request per docs/cli.md (steps + 1 points, lr per step, divergence)', () => {
    const { status, result, stderr } = simulateJson({
      kind: 'optimizer',
      optimizer: { name: 'adam', framework: 'pytorch', hyperparameters: { lr: 0.01 } },
      objective: { expr: '(1 - x)**2 + 100*(y - x**2)**2' },
      start: [-1.5, 2],
      steps: 50,
    });
    assert.equal(status, 0, stderr);
    assert.equal(result.trajectory.length, 51);
    assert.equal(result.loss.length, 51);
    assert.equal(result.lr.length, 50);
    assert.deepEqual(result.trajectory[0], [-1.5, 2]);
    assert.deepEqual(result.optimizer.defaultsUsed, ['betas', 'eps', 'weight_decay', 'amsgrad', 'maximize']);
    const diverging = simulateJson({
      kind: 'optimizer',
      optimizer: { name: 'sgd', framework: 'pytorch', hyperparameters: { lr: 1.5 } },
      objective: { expr: 'x**2' },
      start: [1],
      steps: 100,
    });
    assert.equal(diverging.result.diverged.step, 20);
  });

  it('simulate runs a flow request per docs/cli.md (outputs and log|det J| per point)', () => {
    const { status, result, stderr } = simulateJson({
      kind: 'flow',
      layers: [
        { type: 'affine_coupling', mask: [1, 0], s: '0.5*tanh(x0)', t: 'x0**2 - 1' },
        { type: 'planar', u: [0.5, 0.3], w: [1, -1], b: 0.1 },
        { type: 'radial', z0: [0, 0], alpha: 1, beta: 0.5 },
      ],
      points: [
        [0.1, 0.2],
        [1, -1],
      ],
      check: true,
    });
    assert.equal(status, 0, stderr);
    assert.equal(result.outputs.length, 2);
    assert.equal(result.logDet.length, 2);
    assert.ok(result.check.inverseMaxError < 1e-12 && result.check.logDetMaxError < 1e-6);
    const bad = simulateJson({ kind: 'flow', layers: [{ type: 'affine_coupling', mask: [1, 0], s: 'x1', t: '0' }], points: [[0, 0]] });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /x1/);
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
