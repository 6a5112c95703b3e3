/**
 * Python's // and % on numbers (compute/python/arithmetic.ts) against CPython 3: the values below
 * were printed by `[[a, b, a // b, a % b] for a, b in cases]` (exact float reprs), signed zeros
 * included.
 */
import * as assert from 'node:assert/strict';
import { pyFloorDiv, pyMod } from '../../compute/python/arithmetic';

const CPYTHON: [number, number, number, number][] = [
  [1, 0.1, 9.0, 0.09999999999999995],
  [7, 2, 3, 1],
  [-7, 2, -4, 1],
  [7, -2, -4, -1],
  [-7, -2, 3, -1],
  [7.5, 2, 3.0, 1.5],
  [7.5, -2, -4.0, -0.5],
  [-7.5, 2, -4.0, 0.5],
  [0.3, 0.1, 2.0, 0.09999999999999998],
  [5.5, 0.1, 54.0, 0.0999999999999997],
  [1.0000000000000002e16, 3, 3333333333333334.0, 0.0],
  [224, 32, 7, 0],
  [2048, 7, 292, 4],
  [0.0, 3, 0.0, 0.0],
  [-0.0, 3, -0.0, 0.0],
  [3, 7, 0, 3],
  [-3, 7, -1, 4],
  [1e-300, 1e300, 0.0, 1e-300],
  [10, 0.5, 20.0, 0.0],
];

describe("Python's // and % on numbers", () => {
  for (const [a, b, div, mod] of CPYTHON)
    it(`${a} // ${b} = ${Object.is(div, -0) ? '-0.0' : div}, ${a} % ${b} = ${mod}`, () => {
      assert.ok(Object.is(pyFloorDiv(a, b), div), `// gave ${pyFloorDiv(a, b)}`);
      assert.ok(Object.is(pyMod(a, b), mod), `% gave ${pyMod(a, b)}`);
    });

  it('differs from Math.floor(a / b) where a / b rounds up to an integer', () => {
    assert.equal(Math.floor(1 / 0.1), 10);
    assert.equal(pyFloorDiv(1, 0.1), 9);
  });
});
