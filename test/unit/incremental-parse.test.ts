/**
 * Incremental parsing (lezer TreeFragments) is used only for edits inside one line's code, and
 * there the tree equals a fresh parse: checked on every corpus model for comment additions, and
 * for a character typed into a word (often breaking the code) and deleted again. Edits that add
 * or remove lines, or touch indentation, get a fresh parse: with @lezer/python 1.1.19 reuse there
 * can nest a class inside the def before it (the regression case below).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parser } from '@lezer/python';
import { parsePython } from '../../compute/python/syntax';

const corpus = join(__dirname, '..', 'model-corpus');
const files = ['resnet.py', 'densenet.py', 'mobilenet.py', 'inception.py', 'transformer.py', 'unet.py', 'vit.py'];
// The same preprocessing parsePython does (trailing-dot floats), for the fresh parse to compare with.
const fresh = (t: string) => parser.parse(t.replace(/(?<![\w.])(\d+)\.(?=[\s)\],:;+\-*/%<>=!&|^}]|$)/gm, '$1 ')).toString();

describe('incremental parsing equals a fresh parse where it is used', () => {
  it('comments added at the end of code lines, one after another', () => {
    for (const f of files) {
      let text = readFileSync(join(corpus, f), 'utf8');
      parsePython(text);
      const count = text.split('\n').length;
      for (let i = 0; i < 40; i++) {
        const lines = text.split('\n');
        const ln = 3 + ((i * 53) % (count - 6));
        if (!lines[ln].trim()) continue;
        lines[ln] += '  # note';
        text = lines.join('\n');
        assert.equal(parsePython(text).toString(), fresh(text), `${f} line ${ln + 1}`);
      }
    }
  });

  it('a character typed into a word and deleted again', () => {
    for (const f of files) {
      const original = readFileSync(join(corpus, f), 'utf8');
      let text = original;
      parsePython(text);
      const lines = original.split('\n');
      for (let i = 0; i < 40; i++) {
        const ln = 3 + ((i * 53) % (lines.length - 6));
        const m = /\w/.exec(lines[ln]);
        if (!m) continue;
        const at = lines.slice(0, ln).join('\n').length + 1 + m.index + 1;
        const broken = text.slice(0, at) + 'q' + text.slice(at);
        parsePython(broken);
        text = broken.slice(0, at) + broken.slice(at + 1);
        assert.equal(parsePython(text).toString(), fresh(text), `${f} line ${ln + 1}`);
      }
    }
  });

  it('an indented comment on an empty line (reuse would nest a class in a def) is parsed afresh', () => {
    const original = readFileSync(join(corpus, 'resnet.py'), 'utf8');
    parsePython(original);
    const lines = original.split('\n');
    const empty = lines.findIndex((l, i) => i > 10 && l === '' && lines[i + 1]?.startsWith('def '));
    lines[empty] = '  # c';
    const text = lines.join('\n');
    assert.equal(parsePython(text).toString(), fresh(text));
  });
});
