/**
 * After an edit inside a definition, the whole-file analysis keeps the results of the models that
 * did not use the edited definition: the answer must equal a fresh analysis of the edited text,
 * for edits in every class and function body of a five-family model file.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyzeFile } from '../../compute/program/file-analysis';

const corpus = join(__dirname, '..', 'model-corpus');
const zoo = ['vgg.py', 'densenet.py', 'mobilenet.py', 'resnet.py', 'squeezenet.py'].map((f) => readFileSync(join(corpus, f), 'utf8')).join('\n');
const strip = (a: ReturnType<typeof analyzeFile>) => ({ models: a.models, hints: a.hints, diagnostics: a.diagnostics, notes: a.notes });

/** Lines inside a def or class body (indented, with code) where an edit stays inside a definition. */
const bodyLines = zoo
  .split('\n')
  .map((l, i) => ({ l, i }))
  .filter(({ l }) => /^\s{4,}\S/.test(l) && !/^\s*(def|class|@)/.test(l));

describe('whole-file analysis reused after an edit inside a definition', () => {
  it('equals a fresh analysis of the edited text', () => {
    let text = zoo;
    analyzeFile(text, { path: 'zoo.py' });
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 0, max: 2 }), (n, kind) => {
        const { i } = bodyLines[n % bodyLines.length];
        const lines = text.split('\n');
        const line = lines[i];
        // A comment, a changed literal (which changes the model), or a character typed into a name.
        if (kind === 0) lines[i] = `${line}  # edited`;
        else if (kind === 1 && /\b(\d+)\b/.test(line)) lines[i] = line.replace(/\b(\d+)\b/, (d) => String(Number(d) + 1));
        else lines[i] = line.replace(/([A-Za-z_]\w*)/, '$1');
        text = lines.join('\n');
        const reused = analyzeFile(text, { path: 'zoo.py' });
        const fresh = analyzeFile(text, { path: `fresh-${n}-${kind}.py` });
        // Paths differ only in notes that name the file; compare the rest.
        assert.deepEqual(strip(reused), { ...strip(fresh), notes: strip(fresh).notes });
      }),
      { numRuns: 25, seed: 1206 },
    );
  });
});

describe('a comment that states the input shape is read again when edited', () => {
  it('editing # x: (N, 1, 28, 28) changes the shapes, other comments do not', () => {
    const text = readFileSync(join(__dirname, '..', 'model-corpus-mismatch', 'mnist_linear.py'), 'utf8');
    const first = analyzeFile(text, { path: 'shape-comment.py' });
    assert.deepEqual(first.models[0].inputShape, ['N', 1, 28, 28]);
    const edited = text.replace('# x: (N, 1, 28, 28)', '# x: (N, 1, 32, 32)');
    const second = analyzeFile(edited, { path: 'shape-comment.py' });
    assert.deepEqual(second.models[0].inputShape, ['N', 1, 32, 32]);
    assert.deepEqual(second, { ...analyzeFile(edited, { path: 'shape-comment-fresh.py' }), ms: second.ms });
  });
});
