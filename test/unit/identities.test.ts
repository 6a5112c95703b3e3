import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkIdentity, IDENTITIES, snippetFile, type Identity } from '../../compute';
import { defineIdentity, matrix, vector } from '../../compute/identities/define';
import { mul, sym, T, tr } from '../../compute/identities/formula';
import { plainText, snippetText } from '../../compute/identities/template';

const TOLERANCE = 1e-6;

/** The same identity with its two layouts' claims exchanged. */
function swapLayouts(identity: Identity): Identity {
  return {
    ...identity,
    check: {
      ...identity.check,
      sample: (rng, n) => {
        const { claimed, reference } = identity.check.sample(rng, n);
        return { claimed: { numerator: claimed.denominator, denominator: claimed.numerator }, reference };
      },
    },
  };
}

describe('derivative identities', () => {
  it('the catalog has at least 60 identities with unique ids and `deriv-<id>` prefixes', () => {
    assert.ok(IDENTITIES.length >= 60, `only ${IDENTITIES.length}`);
    assert.equal(new Set(IDENTITIES.map((i) => i.id)).size, IDENTITIES.length);
    assert.equal(new Set(IDENTITIES.map((i) => i.prefix)).size, IDENTITIES.length);
    // Names key the snippet files: a duplicate would silently drop a snippet.
    assert.equal(new Set(IDENTITIES.map((i) => i.name)).size, IDENTITIES.length);
    for (const identity of IDENTITIES) {
      assert.match(identity.id, /^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/);
      assert.equal(identity.prefix, `deriv-${identity.id}`);
    }
  });

  it('every kind is represented', () => {
    const kinds = new Set(IDENTITIES.map((i) => i.kind));
    for (const kind of ['scalar-by-vector', 'vector-by-vector', 'scalar-by-matrix', 'vector-by-matrix', 'ml', 'rule'] as const)
      assert.ok(kinds.has(kind), kind);
  });

  for (const identity of IDENTITIES) {
    it(`${identity.id}: both layouts' right-hand sides match finite differences (rel. error ≤ 1e-6)`, () => {
      const error = checkIdentity(identity);
      assert.ok(error <= TOLERANCE, `max rel. error ${error}`);
    });
  }

  it('swapping the layouts is caught for every identity whose two TeX forms differ', () => {
    const differing = IDENTITIES.filter((i) => i.template.numerator !== i.template.denominator);
    assert.ok(differing.length >= 40, `only ${differing.length}`);
    for (const identity of differing) assert.ok(checkIdentity(swapLayouts(identity)) > 0.01, identity.id);
  });

  it('a wrong claim is caught by the same check', () => {
    const first = IDENTITIES[0];
    const doubled: Identity = {
      ...first,
      check: {
        ...first.check,
        sample: (rng, n) => {
          const { claimed, reference } = first.check.sample(rng, n);
          const twice = (m: (typeof claimed)['numerator']) => ({ ...m, data: m.data.map((v) => 2 * v) });
          return { claimed: { numerator: twice(claimed.numerator), denominator: twice(claimed.denominator) }, reference };
        },
      },
    };
    assert.ok(checkIdentity(doubled) > 0.1);
  });

  it('a wrong TeX in one layout is caught: tr(AXB) with the numerator written AᵀBᵀ', () => {
    const [A, X, B] = ['A', 'X', 'B'].map(sym);
    const spec = {
      id: 'wrong',
      name: 'wrong',
      kind: 'scalar-by-matrix' as const,
      symbols: { A: matrix(1, 'A', 'k', 'm'), X: matrix(2, 'X', 'm', 'n'), B: matrix(3, 'B', 'n', 'k') },
      f: tr(mul(A, X, B)),
      wrt: 'X',
      denominator: mul(T(A), T(B)),
      assumptions: [],
      python: { numpy: '', torch: '' },
    };
    assert.ok(checkIdentity(defineIdentity({ ...spec, numerator: mul(B, A) })) <= TOLERANCE);
    assert.ok(checkIdentity(defineIdentity({ ...spec, numerator: mul(T(A), T(B)) })) > 0.01);
  });

  it('a gradient written as a column in the numerator layout is caught (shape)', () => {
    const [a, x] = ['a', 'x'].map(sym);
    const spec = {
      id: 'w',
      name: 'w',
      kind: 'scalar-by-vector' as const,
      symbols: { a: vector(1, 'a'), x: vector(2, 'x') },
      f: mul(T(a), x),
      wrt: 'x',
      assumptions: [],
      python: { numpy: '', torch: '' },
    };
    assert.ok(checkIdentity(defineIdentity({ ...spec, numerator: T(a), denominator: a })) <= TOLERANCE);
    assert.equal(checkIdentity(defineIdentity({ ...spec, numerator: a, denominator: a })), Infinity);
  });

  it('every identity has TeX in both layouts, Python bodies and tab stops', () => {
    for (const identity of IDENTITIES) {
      for (const tex of Object.values(identity.template)) {
        assert.match(tex, /«1:[^»]+»/, identity.id);
        assert.ok(tex.endsWith('«0»'), identity.id);
        assert.equal((tex.match(/\{/g) ?? []).length, (tex.match(/\}/g) ?? []).length, identity.id);
        assert.equal((tex.match(/\\left/g) ?? []).length, (tex.match(/\\right/g) ?? []).length, identity.id);
      }
      for (const code of Object.values(identity.python)) assert.match(code, /«\d+:[^»]+»[\s\S]*«0»$/, identity.id);
      assert.ok(identity.assumptions.length > 0, identity.id);
    }
  });

  it('templates give display TeX and escaped snippet syntax', () => {
    assert.equal(plainText(String.raw`\mathbf{«1:x»}^\top «2:A»«0»`), String.raw`\mathbf{x}^\top A`);
    assert.equal(snippetText(String.raw`\mathbf{«1:x»} + «2:\beta_{1}» costs $5«0»`), '\\mathbf{${1:x}} + ${2:\\\\beta_{1\\}} costs \\$5$0');
  });

  it('every generated NumPy and PyTorch body was executed and matched PyTorch autograd (test/fixtures/check_identity_code.py)', () => {
    interface Result {
      id: string;
      executed: boolean;
      passed?: boolean;
      maxRelError?: Record<string, number | null>;
      python: Identity['python'];
    }
    const fixture = JSON.parse(readFileSync('test/fixtures/identity_code_check.json', 'utf8')) as { tolerance: number; results: Result[] };
    const byId = new Map(fixture.results.map((r) => [r.id, r]));
    assert.ok(fixture.tolerance <= 1e-8);
    for (const identity of IDENTITIES) {
      const result = byId.get(identity.id);
      assert.ok(result, `${identity.id} is not in the fixture: rerun the script`);
      assert.deepEqual(result.python, identity.python, `${identity.id}: the bodies changed since the fixture was made: rerun the script`);
      if (identity.kind === 'rule') continue; // schematic bodies in terms of given Jacobians
      assert.ok(result.executed && result.passed, `${identity.id}: ${JSON.stringify(result.maxRelError)}`);
    }
    assert.ok(fixture.results.filter((r) => r.executed && r.passed).length >= 60);
  });

  for (const language of ['latex', 'markdown', 'python'] as const) {
    it(`snippets/${language}.json is generated from the catalog (run the build to refresh)`, () => {
      assert.deepEqual(JSON.parse(readFileSync(`snippets/${language}.json`, 'utf8')), snippetFile(language));
    });
  }
});
