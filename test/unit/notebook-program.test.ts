import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { cellLinesIn, fromCell, joinCells, lineToCell, pythonOfCell, rangeToCell, toCell, type NotebookCellText } from '../../compute/notebook/program';
import { recognizeRequest } from '../../compute';

const code = (text: string, language = 'python'): NotebookCellText => ({ text, kind: 'code', language });
const markdown = (text: string): NotebookCellText => ({ text, kind: 'markup', language: 'markdown' });

describe('notebook as one program', () => {
  it('joins the code cells in order, skipping Markdown and other languages', () => {
    const cells = [markdown('# Title'), code('C = 64'), code('SELECT 1', 'sql'), code('conv = nn.Conv2d(3, C, 7)')];
    const program = joinCells(cells);
    assert.equal(program.text, 'C = 64\nconv = nn.Conv2d(3, C, 7)\n');
    assert.deepEqual(program.cells, [
      { cell: 1, from: 0, to: 6 },
      { cell: 3, from: 7, to: 32 },
    ]);
    assert.equal(joinCells(cells, 2).text, 'C = 64\n', 'only the cells up to the one asked for');
  });

  it('maps every offset both ways between the joined text and the cells', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ text: fc.string({ maxLength: 30 }), md: fc.boolean() }), { maxLength: 8 }), (raw) => {
        const cells = raw.map((c) => (c.md ? markdown(c.text) : code(c.text)));
        const program = joinCells(cells);
        cells.forEach((cell, i) => {
          if (cell.kind !== 'code') {
            assert.equal(fromCell(program, i, 0), undefined);
            return;
          }
          for (let o = 0; o <= cell.text.length; o++) {
            const at = fromCell(program, i, o);
            assert.ok(at !== undefined);
            assert.deepEqual(toCell(program, at), { cell: i, offset: o });
          }
          // Plain Python keeps its characters.
          if (!/[%!?]/.test(cell.text)) assert.equal(program.text.slice(fromCell(program, i, 0), fromCell(program, i, cell.text.length)), cell.text);
        });
        for (let at = 0; at < program.text.length; at++) assert.ok(toCell(program, at), `offset ${at} belongs to a cell`);
      }),
    );
  });

  it('blanks IPython syntax without moving offsets', () => {
    assert.equal(
      pythonOfCell('%matplotlib inline\nimport torch\n!pip install x\nmodel?\nfiles = !ls'),
      ['%matplotlib inline', 'import torch', '!pip install x', 'model?', 'files = !ls'].map((l, i) => (i === 1 ? l : ' '.repeat(l.length))).join('\n'),
    );
    assert.equal(pythonOfCell('%%bash\necho hi'), '      \n       ');
    assert.equal(pythonOfCell('%%time\nx = 1'), '      \nx = 1');
    assert.equal(pythonOfCell('%env A=\\\n  B\nx = 1'), '        \n   \nx = 1', 'a continued magic');
    assert.equal(pythonOfCell('if a != b:\n    y = x % 2'), 'if a != b:\n    y = x % 2', 'operators are not magics');
  });

  it('a range inside one cell maps back; one across cells does not', () => {
    const program = joinCells([code('a = 1'), code('b = 2')]);
    assert.deepEqual(rangeToCell(program, 6, 11), { cell: 1, from: 0, to: 5 });
    assert.equal(rangeToCell(program, 2, 8), undefined);
  });

  it('Simulate Selection in a cell reads the names of the cells above (C = 64 from cell 1)', () => {
    const cells = [
      code('import torch.nn as nn\nC = 64\nlr = 0.0123'),
      markdown('The stem:'),
      code('stem = nn.Conv2d(3, C, kernel_size=7, stride=2, padding=3)'),
    ];
    const alone = recognizeRequest(cells[2].text, { from: 7, to: 58 });
    assert.ok('error' in alone, 'the cell alone does not know C');
    const program = joinCells(cells, 2);
    const from = fromCell(program, 2, 7)!;
    const result = recognizeRequest(program.text, { from, to: fromCell(program, 2, 58)! });
    assert.ok(!('error' in result), JSON.stringify(result));
    assert.equal(result.kind, 'conv');
    const layers = (result as { layers: { out_channels: number; outShape: number[] }[] }).layers;
    assert.equal(layers[0].out_channels, 64);
    assert.deepEqual(layers[0].outShape, [1, 64, 112, 112]);
    const source = (result as { source: { from: number; to: number } }).source;
    assert.deepEqual(rangeToCell(program, source.from, source.to), { cell: 2, from: 7, to: 58 });
  });

  it('says lines of the joined program as cells and their lines', () => {
    const program = joinCells([code('a = 1\nb = 2'), markdown('text'), code('c = 3\nd = 4\ne = 5')]);
    assert.deepEqual(lineToCell(program, 1), { cell: 0, line: 0 });
    assert.deepEqual(lineToCell(program, 2), { cell: 0, line: 1 });
    assert.deepEqual(lineToCell(program, 5), { cell: 2, line: 2 });
    assert.equal(lineToCell(program, 9), undefined);
    assert.equal(cellLinesIn(program, 'Linear receives [N, 9216] (line 4); see line 1'), 'Linear receives [N, 9216] (cell 3, line 2); see cell 1, line 1');
  });
});
