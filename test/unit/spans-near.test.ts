import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { simulatableSpansNear } from '../../compute/hover/spans-near';
import { simulatableSpans } from '../../compute/recognize/spans';

describe('simulatable calls near the cursor (hover links without a whole-file parse)', () => {
  const files = ['examples', 'test/recognize-corpus', 'test/model-corpus'].flatMap((dir) => {
    try {
      return readdirSync(dir)
        .filter((f) => f.endsWith('.py'))
        .map((f) => `${dir}/${f}`);
    } catch {
      return [];
    }
  });

  it('finds the same call as the whole-file reading, for every call of the examples and corpora (but calls of the file’s own layer helpers)', () => {
    let checked = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const span of simulatableSpans(text)) {
        // conv3x3(...) is a layer because of its def; a def more than 40 lines away is not read (no term sits on such a call).
        if (new RegExp(`^\\s*def ${span.callee.replace(/\./g, '\\.')}\\(`, 'm').test(text)) continue;
        for (const at of [span.from, (span.from + span.to) >> 1]) {
          const near = simulatableSpansNear(text, at).find((s) => s.from <= at && at < s.to);
          assert.deepEqual(near, span, `${file}: the call at ${at}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 100, `${checked} positions checked`);
  });

  it('keeps imports by name (Adam imported from torch.optim, far above)', () => {
    const text = `from torch.optim import Adam\n${'x = 1\n'.repeat(200)}opt = Adam(params, lr=1e-3)\n`;
    const at = text.indexOf('Adam(params');
    assert.deepEqual(
      simulatableSpansNear(text, at).map((s) => [s.kind, text.slice(s.from, s.to)]),
      [['optimizer', 'Adam(params, lr=1e-3)']],
    );
  });

  it('reads a bounded window whatever the file size', () => {
    const text = `import torch.nn as nn\n${'y = nn.Conv2d(3, 8, 3)\n'.repeat(20_000)}`;
    const spans = simulatableSpansNear(text, text.length >> 1);
    assert.ok(spans.length > 0 && spans.length <= 82, `${spans.length} spans`);
  });
});
