import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkIdentity, IDENTITIES, snippetFile } from '../../compute';
import { plainText, snippetText } from '../../compute/identities/template';

describe('derivative identities', () => {
  for (const identity of IDENTITIES) {
    it(`${identity.id}: the claimed derivative matches finite differences (rel. error ≤ 1e-6)`, () => {
      assert.ok(checkIdentity(identity) <= 1e-6);
    });
  }

  it('a wrong claim is caught by the same check', () => {
    const wrong = { ...IDENTITIES[0], check: { sample: (rng: Parameters<typeof IDENTITIES[0]['check']['sample']>[0], n: number) => {
      const { claimed, reference } = IDENTITIES[0].check.sample(rng, n);
      return { claimed: claimed.map((v) => 2 * v), reference };
    } } };
    assert.ok(checkIdentity(wrong) > 0.1);
  });

  it('templates give display TeX and escaped snippet syntax', () => {
    assert.equal(plainText(String.raw`\mathbf{«1:x»}^\top «2:A»«0»`), String.raw`\mathbf{x}^\top A`);
    assert.equal(snippetText(String.raw`\mathbf{«1:x»} + «2:\beta_{1}» costs $5«0»`), '\\mathbf{${1:x}} + ${2:\\\\beta_{1\\}} costs \\$5$0');
  });

  for (const language of ['latex', 'markdown', 'python'] as const) {
    it(`snippets/${language}.json is generated from the catalog (run the build to refresh)`, () => {
      assert.deepEqual(JSON.parse(readFileSync(`snippets/${language}.json`, 'utf8')), snippetFile(language));
    });
  }
});
