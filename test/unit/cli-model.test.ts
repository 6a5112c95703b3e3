/**
 * The CLI's whole-model answer (dist/cli.js recognize): a factory selected by its def line, the
 * contract's fields, --set for a named unknown, several --input for a forward with more inputs.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });
  return { status: run.status, json: run.stdout ? (JSON.parse(run.stdout) as Record<string, unknown>) : undefined, stderr: run.stderr };
}

interface Answer {
  kind: string;
  inputShape: (number | string)[];
  totals: { params: number | null; trainableParams: number | null; macs: number | null };
  layers: { path: string | null; op: string; inShape: unknown[]; outShape: unknown[]; params: number | null; macs: number | null; receptiveField: unknown }[];
  tree: { type: string; children: unknown[] };
  unknowns: { name: string; where: string; line: number }[];
  warnings: string[];
  boundBy?: { call: string; file: string; line: number };
}

describe('dist/cli.js recognize: whole models', () => {
  it('resnet50() by its def line: torch totals, paths, boundBy, the input tensor the file builds', () => {
    const r = cli('recognize', 'test/model-corpus/resnet.py', '--range', '188:5-188:5');
    assert.equal(r.status, 0, r.stderr);
    const a = r.json as unknown as Answer;
    assert.equal(a.kind, 'conv');
    assert.deepEqual(a.inputShape, [2, 3, 224, 224]); // torch.randn(2, 3, 224, 224) in the file's __main__
    assert.equal(a.totals.params, 25557032); // torch: sum(p.numel() for p in resnet50().parameters())
    assert.equal(a.totals.macs, 2 * 4089184256); // 4.09 G per image (torchvision quotes 4.09 GFLOPS for these MACs)
    assert.equal(a.boundBy?.call, 'resnet50()');
    assert.deepEqual(a.layers[0].path, 'conv1');
    assert.deepEqual(a.layers.at(-1)?.path, 'fc');
    assert.deepEqual(a.layers.at(-1)?.outShape, [2, 1000]);
    assert.equal(a.tree.type, 'ResNet');
    assert.deepEqual(a.unknowns, []);
    assert.deepEqual(a.warnings, []);
  });

  it('an unknown is named with where it comes from; --set gives it a value and the trace goes on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mllens-'));
    const file = join(dir, 'head.py');
    writeFileSync(
      file,
      [
        'import torch.nn as nn',
        '',
        'class Head(nn.Module):',
        '    def __init__(self, width, num_classes=10):',
        '        super().__init__()',
        '        self.fc1 = nn.Linear(64, width)',
        '        self.fc2 = nn.Linear(width, num_classes)',
        '',
        '    def forward(self, x):',
        '        return self.fc2(self.fc1(x))',
        '',
      ].join('\n'),
    );
    const open = cli('recognize', file, '--range', '3:8-3:8');
    const a = open.json as unknown as Answer;
    assert.deepEqual(a.unknowns, [{ name: 'width', where: 'parameter of Head.__init__', line: 4 }]);
    assert.equal(a.totals.params, null);
    const given = cli('recognize', file, '--range', '3:8-3:8', '--set', 'width=32');
    const b = given.json as unknown as Answer;
    assert.deepEqual(b.unknowns, []);
    assert.equal(b.totals.params, 64 * 32 + 32 + 32 * 10 + 10);
    assert.deepEqual(
      b.layers.map((l) => l.outShape),
      [
        ['N', 32],
        ['N', 10],
      ],
    );
    // A value for a name that is not an unknown is said to be unused, not silently dropped.
    const extra = cli('recognize', file, '--range', '3:8-3:8', '--set', 'width=32', '--set', 'num_classes=5').json as unknown as Answer & { notes: string[] };
    assert.ok(
      extra.notes.some((n) => /^num_classes was given a value, but it is not an unknown/.test(n)),
      JSON.stringify(extra.notes),
    );
    assert.deepEqual(extra.layers.at(-1)?.outShape, ['N', 10]);
  });

  it("several --input: the forward's further tensors (a conditional generator's labels)", () => {
    const r = cli(
      'recognize',
      'test/model-corpus/cgan.py',
      '--range',
      `${lineOf('test/model-corpus/cgan.py', 'class ConvCondGenerator(')}:8-${lineOf('test/model-corpus/cgan.py', 'class ConvCondGenerator(')}:8`,
      '--input',
      '2,100',
      '--input',
      '2',
    );
    assert.equal(r.status, 0, r.stderr);
    const a = r.json as unknown as Answer;
    assert.ok(
      a.layers.some((l) => l.path === 'label_emb'),
      JSON.stringify(a.warnings),
    );
  });
});

function lineOf(file: string, needle: string): number {
  const text = require('node:fs').readFileSync(file, 'utf8') as string;
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}
