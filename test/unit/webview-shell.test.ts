import * as assert from 'node:assert/strict';
import { parseFromWebview, parseLabState, parseToWebview } from '../../shared/protocol';
import { createNonce } from '../../extension/nonce';
import { labHtml } from '../../shared/webview-html';
import { recognize, type ConvRecognition } from '../../compute';
import { axisFormula } from '../../webview/conv-formula';

describe('extension ↔ webview protocol', () => {
  it('accepts well-formed messages and drops malformed ones', () => {
    assert.deepEqual(parseFromWebview({ type: 'ready' }), { type: 'ready' });
    assert.equal(parseFromWebview({ type: 'error' }), undefined);
    assert.equal(parseFromWebview('ready'), undefined);
    assert.equal(parseToWebview({ type: 'showLab', lab: 'sorcery' }), undefined);
    assert.equal(parseToWebview({ type: 'showLab', lab: 'conv', request: { kind: 'conv' } }), undefined);
    assert.ok(parseToWebview({ type: 'showLab', lab: 'optimizer' }));
    assert.equal(parseToWebview(null), undefined);
    assert.deepEqual(parseLabState({ lab: 'conv', requests: { conv: 7, flow: { kind: 'flow', layers: [] } } }), {
      lab: 'conv',
      requests: { flow: { kind: 'flow', layers: [] } },
    });
    assert.equal(
      parseToWebview({ type: 'showLab', lab: 'flow', request: { kind: 'conv', layers: [], inputShape: [] } }),
      undefined,
      'a request must fit its lab',
    );
  });
});

describe('webview HTML', () => {
  it('has a strict CSP: no default source, nonce on every script, nothing remote or inline', () => {
    const nonce = createNonce();
    assert.match(nonce, /^[A-Za-z0-9]{32}$/);
    const html = labHtml({
      cspSource: 'https://x.vscode-resource.vscode-cdn.net',
      nonce,
      scriptUri: 'https://x/main.js',
      styleUri: 'https://x/main.css',
      workerUri: 'https://x/worker.js',
      host: 'panel',
    });
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1];
    assert.match(csp, /^default-src 'none';/);
    assert.doesNotMatch(csp, /unsafe-eval|unsafe-inline|\*/);
    const scripts = [...html.matchAll(/<script([^>]*)>/g)];
    assert.ok(scripts.length > 0 && scripts.every(([, attrs]) => attrs.includes(`nonce="${nonce}"`)));
    assert.doesNotMatch(html, /<script[^>]*>[^<]/, 'no inline script bodies');
  });
});

describe('output-size formula', () => {
  it('substitutes the layer numbers', () => {
    const r = recognize('nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3)') as ConvRecognition;
    const f = axisFormula(r.layers[0], 0);
    assert.match(f.symbolic, /\\left\\lfloor/);
    assert.equal(f.substituted, String.raw`H_{\text{out}} = \left\lfloor \frac{224 + 2\cdot 3 - 1\cdot(7 - 1) - 1}{2} \right\rfloor + 1 = 112`);
    const t = recognize('nn.ConvTranspose2d(64, 3, 4, stride=2, padding=1)', { inputShape: [1, 64, 16, 16] }) as ConvRecognition;
    assert.match(axisFormula(t.layers[0], 1).substituted, /= 32$/);
  });
});

describe('lab HTML with its first message', () => {
  it('writes the first message as a JSON data block that cannot close the element or run', () => {
    const first = { type: 'showLab', lab: 'conv', note: '</script><script>alert(1)</script>' };
    const html = labHtml({
      cspSource: 'vscode-resource:',
      nonce: 'n0nce',
      scriptUri: 'main.js',
      styleUri: 'main.css',
      workerUri: 'worker.js',
      host: 'panel',
      first,
    });
    const block = /<script type="application\/json" id="ml-lens-first">(.*?)<\/script>/.exec(html);
    assert.ok(block, 'the data block is there');
    assert.doesNotMatch(block[1], /</, 'no < inside the block');
    assert.deepEqual(JSON.parse(block[1]), first);
    assert.equal((html.match(/<script nonce=/g) ?? []).length, 1, 'the bundle is still the only script that runs');
    assert.doesNotMatch(labHtml({ cspSource: 'x', nonce: 'n', scriptUri: 'm', styleUri: 's', workerUri: 'w', host: 'view' }), /ml-lens-first/);
  });
});
