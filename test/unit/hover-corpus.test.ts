/**
 * Hovers on a labelled corpus of realistic text (test/hover-corpus/, measured by
 * scripts/hover-eval.ts): the labels are well-formed, and the matcher meets the quality targets
 * (recall in Python and in prose, precision, and no hover at all in the non-ML files).
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { termById } from '../../compute';
import { combined, evaluateCorpus, type Report } from '../../scripts/hover-eval';

/** Quality targets for the hover matcher on the corpus. */
const TARGETS = { pythonRecall: 0.9, proseRecall: 0.9, precision: 0.9, nonMlHovers: 0 };

describe('hover corpus', function () {
  let report: Report;
  before(function () {
    report = evaluateCorpus(join(__dirname, '..', 'hover-corpus'));
  });

  it('has ML and non-ML files, each with a .labels sidecar', () => {
    assert.ok(report.files.filter((f) => !f.nonMl).length >= 10);
    assert.ok(report.files.filter((f) => f.nonMl).length >= 5);
    assert.ok(report.labels.length > 500);
  });

  it('labels parse and every TEXT is on its line', () => {
    assert.deepEqual(report.labelErrors, []);
    for (const l of report.labels) assert.ok(l.start >= 0, `${l.file}.labels:${l.labelLine}`);
  });

  it('every EXPECT is a catalog id or arg:<name>', () => {
    const bad = report.labels.flatMap((l) =>
      l.expect.filter((id) => !/^arg:[A-Za-z_][A-Za-z0-9_]*$/.test(id) && !termById(id)).map((id) => `${l.file}.labels:${l.labelLine}: ${id}`),
    );
    assert.deepEqual(bad, []);
  });

  it(`TARGET: recall >= ${TARGETS.pythonRecall} in Python code`, () => {
    const s = report.groups.python!;
    assert.ok(s.recall >= TARGETS.pythonRecall, `python recall ${s.recall.toFixed(3)}`);
  });

  it(`TARGET: recall >= ${TARGETS.proseRecall} in prose (Markdown + LaTeX)`, () => {
    const s = combined(report, ['markdown', 'latex']);
    assert.ok(s.recall >= TARGETS.proseRecall, `prose recall ${s.recall.toFixed(3)}`);
  });

  it(`TARGET: precision >= ${TARGETS.precision} on the ML files`, () => {
    assert.ok(report.total.precision >= TARGETS.precision, `precision ${report.total.precision.toFixed(3)}`);
  });

  it(`TARGET: ${TARGETS.nonMlHovers} hovers in non-ML text`, () => {
    assert.ok(report.nonMl.length <= TARGETS.nonMlHovers, report.nonMl.map((h) => `${h.file}:${h.line + 1} ${h.text} -> ${h.term}`).join('\n'));
  });
});
