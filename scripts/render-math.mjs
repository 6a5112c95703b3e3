/**
 * Build step: render every formula the hovers show to SVG with MathJax in Node (hovers cannot run
 * KaTeX: no CSS or fonts there). Writes {tex: {svg, widthEx, heightEx, valignEx}} as JSON.
 * A formula MathJax cannot parse fails the build with its message.
 */
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { SVG } from 'mathjax-full/js/output/svg.js';
import { liteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import { AllPackages } from 'mathjax-full/js/input/tex/AllPackages.js';

export function createRenderer() {
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  // Without 'noundefined' an unknown macro is an error instead of red text.
  const tex = new TeX({
    packages: AllPackages.filter((p) => p !== 'noundefined'),
    formatError: (_jax, err) => {
      throw err;
    },
  });
  const svg = new SVG({ fontCache: 'local' });
  const doc = mathjax.document('', { InputJax: tex, OutputJax: svg });

  /** Render one display formula; returns the table entry. */
  return function render(source) {
    let node;
    try {
      node = doc.convert(source, { display: true });
    } catch (e) {
      throw new Error(`MathJax cannot render ${JSON.stringify(source)}: ${e.message}`);
    }
    const html = adaptor.innerHTML(node);
    const m = /^<svg([^>]*)>/.exec(html);
    if (!m) throw new Error(`MathJax produced no SVG for ${JSON.stringify(source)}`);
    const attrs = m[1];
    const num = (re) => Number((re.exec(attrs) ?? [])[1] ?? 0);
    const widthEx = num(/\bwidth="([\d.]+)ex"/);
    const heightEx = num(/\bheight="([\d.]+)ex"/);
    const valignEx = num(/vertical-align:\s*(-?[\d.]+)ex/);
    if (html.includes('data-mjx-error') || html.includes('merror')) {
      throw new Error(`MathJax reported an error in ${JSON.stringify(source)}`);
    }
    const cleaned = html
      .replace(/^<svg([^>]*)>/, (_, a) => `<svg${a.replace(/\s(width|height|style)="[^"]*"/g, '')}>`)
      .replace(/\srole="img"|\sfocusable="false"|\saria-hidden="true"/g, '');
    return { svg: cleaned, widthEx, heightEx, valignEx };
  };
}

/** Render a list of TeX strings into a table keyed by the source. */
export function renderAll(sources) {
  const render = createRenderer();
  const table = {};
  for (const source of new Set(sources)) table[source] = render(source);
  return table;
}
