/**
 * The whole-document matcher (compute/hover/document.ts, regions.ts): docstrings are prose, Markdown
 * fences/HTML/URLs are masked, common words need ML context, and the false hovers the issue
 * measured on real text are gone.
 */
import * as assert from 'node:assert/strict';
import { termInDocument } from '../../compute/hover/document';

/** Ids hovered anywhere over `needle` (first occurrence after `after`) in a document. */
function idsOver(text: string, needle: string, languageId: string, after = 0): string[] {
  const at = text.indexOf(needle, after);
  assert.ok(at >= 0, `no "${needle}"`);
  const line = text.slice(0, at).split('\n').length - 1;
  const column = at - (text.lastIndexOf('\n', at - 1) + 1);
  const ids = new Set<string>();
  for (let c = column; c < column + needle.length; c++) {
    const m = termInDocument(text, line, c, languageId);
    if (m) ids.add(m.term.id);
  }
  return [...ids];
}

const ML_MD = '# Training notes\n\nWe train a ResNet with Adam and batch normalization.\n\n';

describe('hover precision on whole documents', () => {
  it('an English word that is also a code name hovers in prose only in an ML phrase', () => {
    for (const [text, needle] of [
      [`${ML_MD}We keep backward compatibility with old checkpoints.`, 'backward'],
      [`${ML_MD}Seeds are chosen as if we flip a coin.`, 'flip'],
      [`${ML_MD}The loader uses a connection pool and Connection Pooling.`, 'Pooling'],
      [`${ML_MD}No human intervention is needed to restart a run.`, 'intervention'],
      [`${ML_MD}Expectation propagation is another approximate inference method.`, 'Expectation'],
    ] as const)
      assert.deepEqual(idsOver(text, needle, 'markdown'), [], `${needle} in: ${text.split('\n').pop()}`);
    assert.deepEqual(idsOver(`${ML_MD}The backward pass reuses the activations.`, 'backward', 'markdown'), ['backpropagation']);
    assert.deepEqual(idsOver(`${ML_MD}Max pooling halves the resolution.`, 'pooling', 'markdown'), ['max-pooling']);
  });

  it('Markdown skips HTML tags and attributes, link targets and URLs', () => {
    const md = `${ML_MD}<div style="margin-right: 2em"><img src="https://example.org/pooling-margin.png" width="300"></div>\n\n![max pooling](https://example.org/img/pooling.png) and https://example.org/softmax`;
    assert.deepEqual(idsOver(md, 'margin-right', 'markdown'), []);
    assert.deepEqual(idsOver(md, 'pooling-margin', 'markdown'), []);
    assert.deepEqual(idsOver(md, 'pooling.png', 'markdown'), []);
    assert.deepEqual(idsOver(md, 'softmax', 'markdown', md.indexOf('https://example.org/softmax')), []);
    assert.deepEqual(idsOver(md, 'max pooling', 'markdown'), ['max-pooling']);
  });

  it('a CSS fence is not read; a Python fence is read as Python', () => {
    const md = `${ML_MD}\`\`\`css\n.card { margin: 0; padding: 4px; transform: scale(2); }\n\`\`\`\n\n\`\`\`python\nx = F.softmax(logits, dim=-1)\n\`\`\`\n`;
    for (const word of ['margin', 'padding', 'transform']) assert.deepEqual(idsOver(md, word, 'markdown'), [], word);
    assert.deepEqual(idsOver(md, 'F.softmax', 'markdown'), ['softmax']);
  });

  it('the false hovers measured on real text now reach the right entry', () => {
    assert.deepEqual(idsOver(`${ML_MD}Adam's exponential decay rate for the first moment is β₁.`, 'exponential decay rate', 'markdown'), ['moment-estimates']);
    assert.deepEqual(idsOver('import torch.nn as nn\nemb = nn.Embedding(30522, 768)\n', 'nn.Embedding', 'python'), ['embedding']);
    assert.deepEqual(idsOver(`${ML_MD}BERT learns a position embedding per index.`, 'position embedding', 'markdown'), ['positional-encoding']);
    assert.deepEqual(
      idsOver(
        'from fairlearn.metrics import MetricFrame\nmf = MetricFrame(metrics=m, y_true=y, y_pred=p, sensitive_features=s)\n',
        'MetricFrame(',
        'python',
      ).filter(Boolean),
      ['group-metrics'],
    );
    assert.deepEqual(idsOver(`${ML_MD}The logit transform maps probabilities to the real line.`, 'logit transform', 'markdown'), ['logits']);
    assert.deepEqual(idsOver(`${ML_MD}The generator and discriminator improve by adversarial training.`, 'adversarial training', 'markdown'), []);
    assert.deepEqual(idsOver(`${ML_MD}Adversarial training with PGD makes the classifier robust.`, 'Adversarial training', 'markdown'), [
      'adversarial-training',
    ]);
  });

  it('docstrings and comments are prose: words and phrases hover there, with generic words only in a file that imports an ML framework', () => {
    const py =
      'import torch\n\n\ndef train(model):\n    """Train with RMSProp; the variance of the gradient estimate\n    shrinks with the batch size, and the discriminator is updated first.\n\n    Usage: python train.py --epochs 20\n    """\n    # zero padding keeps the resolution\n    return model\n';
    assert.deepEqual(idsOver(py, 'RMSProp', 'python'), ['rmsprop']);
    assert.deepEqual(idsOver(py, 'variance', 'python'), ['variance']);
    assert.deepEqual(idsOver(py, 'discriminator', 'python'), ['gan']);
    assert.deepEqual(idsOver(py, 'batch size', 'python'), ['batch-size']);
    assert.deepEqual(idsOver(py, 'epochs', 'python'), [], 'a command-line flag is not prose');
    assert.deepEqual(idsOver(py, 'zero padding', 'python'), ['padding']);
    const plain = 'import csv\n\n\ndef export(rows):\n    """Write the rows."""\n    # zero padding for the legacy system, 8 digits\n    return rows\n';
    assert.deepEqual(idsOver(plain, 'zero padding', 'python'), []);
  });

  it("a word in another sense on its line (notNear) does not reach the entry: BatchNorm momentum, Adam's moving averages, padded token sequences", () => {
    // Momentum of a batch-norm layer is its running-statistics weight, not heavy-ball momentum.
    assert.deepEqual(idsOver(`${ML_MD}Lower the BatchNorm momentum for small batches.`, 'momentum', 'markdown'), []);
    assert.deepEqual(idsOver(`${ML_MD}SGD with momentum 0.9 converges faster here.`, 'momentum 0.9', 'markdown'), ['momentum']);
    // Adam's moment estimates are exponential moving averages of the gradients, not weight EMA.
    assert.deepEqual(idsOver(`${ML_MD}Adam keeps an exponential moving average of the gradients.`, 'exponential moving average', 'markdown'), []);
    assert.deepEqual(idsOver(`${ML_MD}We evaluate with an exponential moving average of the weights.`, 'exponential moving average', 'markdown'), [
      'weight-ema',
    ]);
    // Padding token sequences to one length is not a convolution's padding.
    assert.deepEqual(idsOver(`${ML_MD}The collate function applies padding to the token sequences.`, 'padding', 'markdown'), []);
    assert.deepEqual(idsOver(`${ML_MD}Zero padding keeps the border pixels in play.`, 'padding', 'markdown'), ['padding']);
  });

  it('text that is not about ML gets no hover from common words', () => {
    const web =
      '# Deploying the API\n\nThe server keeps a connection pool; tune pooling and the retry policy.\nRequests back off with exponential decay of the rate.\nThe kernel entropy pool seeds TLS keys; the epoch is stored as Unix time.\nSet the margin and padding of the layout.\n';
    const hovers: string[] = [];
    web.split('\n').forEach((line, l) => {
      for (let c = 0; c < line.length; c++) {
        const m = termInDocument(web, l, c, 'markdown');
        if (m) hovers.push(`${l + 1}:${line.slice(m.start, m.end)}→${m.term.id}`);
      }
    });
    assert.deepEqual([...new Set(hovers)], []);
    const client = 'import requests\n\n\ndef fetch(url):\n    """Retry with exponential decay of the request rate."""\n    return requests.get(url)\n';
    assert.deepEqual(idsOver(client, 'exponential decay', 'python'), []);
    assert.deepEqual(idsOver('.a { padding: 4px; margin: 0 }\n', 'padding', 'css'), []);
  });
});
