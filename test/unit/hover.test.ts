import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { jsCommentRanges, pythonCommentStart } from '../../compute/hover/find';
import { termInDocument } from '../../compute/hover/document';
import { hoverAt, termAt, TERMS, termById, THEME_INK, type MathTable } from '../../compute';

const math = JSON.parse(readFileSync('dist/math.json', 'utf8')) as MathTable;
const options = { math, theme: 'dark' as const, fontSize: 14 };

/** The term id hovered at the first occurrence of `needle` (+ offset) on a line, or undefined. */
function hovered(line: string, needle: string, offset: number, languageId: string): string | undefined {
  return termAt(line, line.indexOf(needle) + offset, languageId)?.term.id;
}

describe('term hovers', () => {
  it('matches dotted code names and their suffixes', () => {
    const line = 'optimizer = torch.optim.Adam(model.parameters(), lr=3e-4)';
    assert.equal(hovered(line, 'Adam', 0, 'python'), 'adam');
    assert.equal(hovered(line, 'Adam', 3, 'python'), 'adam');
    assert.deepEqual(
      (({ start, end }) => [start, end])(termAt(line, line.indexOf('Adam'), 'python')!),
      [line.indexOf('torch'), line.indexOf('(')],
      'the whole dotted name is the hover range',
    );
    assert.equal(hovered('opt = optax.adam(1e-3)', 'adam', 1, 'python'), 'adam');
    assert.equal(hovered('from torch.optim import Adam', 'Adam', 1, 'python'), 'adam');
  });

  it('does not match inside longer identifiers, other names, or unrelated code', () => {
    assert.equal(hovered('adam_count = 0', 'adam', 1, 'python'), undefined);
    assert.equal(hovered('x = max(a, b)', 'max', 1, 'python'), undefined);
    assert.equal(hovered('sigma = 0.1', 'sigma', 1, 'python'), undefined);
    assert.equal(hovered('my.AdaBelief(1)', 'AdaBelief', 1, 'python'), undefined);
    assert.equal(hovered('An adamant reader', 'adamant', 1, 'markdown'), undefined);
    assert.equal(hovered('s = "torch.optim.Adam"', 'optim', 1, 'python'), undefined);
  });

  it('matches prose in Markdown, LaTeX and Python comments', () => {
    assert.equal(hovered('Adam keeps running averages', 'Adam', 2, 'markdown'), 'adam');
    assert.equal(hovered('we use adaptive moment estimation here', 'moment', 1, 'latex'), 'adam', 'a phrase matches anywhere inside it');
    assert.equal(hovered('optimizer.step()  # one Adam update', 'Adam', 1, 'python'), 'adam');
    const line = `tag = "#1 'x'"; lr = 0.1  # Adam`;
    assert.equal(pythonCommentStart(line), line.lastIndexOf('#'), 'a # inside a string is not a comment');
  });

  it('renders formulas as SVG data images coloured for the theme, never raw TeX', () => {
    const line = 'torch.optim.Adam';
    const dark = hoverAt(line, 12, 'python', options)!;
    assert.equal(dark.term, 'adam');
    const images = [...dark.markdown.matchAll(/\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/g)];
    assert.equal(images.length, termById('adam')!.formulas.length);
    const svg = Buffer.from(images[0][1], 'base64').toString('utf8');
    assert.match(svg, /^<svg width="[\d.]+px" height="[\d.]+px"/);
    assert.ok(svg.includes(THEME_INK.dark) && !svg.includes('currentColor'));
    const light = hoverAt(line, 12, 'python', { ...options, theme: 'light' })!;
    assert.ok(
      Buffer.from(/base64,([^)]+)\)/.exec(light.markdown)![1], 'base64')
        .toString()
        .includes(THEME_INK.light),
    );
    assert.match(dark.markdown, /\[Full entry\]\(command:mlLens\.lookUpTerm\?/);
    assert.match(dark.markdown, /\[Open in lab\]\(command:mlLens\.openLab\?/);
  });

  it('every catalog formula was rendered by MathJax at build time and related ids resolve', () => {
    for (const term of TERMS) {
      for (const tex of term.formulas) assert.ok(math[tex]?.svg.startsWith('<svg'), `rendered: ${tex}`);
      for (const id of term.related) assert.ok(termById(id), `${term.id} relates to a known entry ${id}`);
    }
  });

  it('rejects the usual false friends in ordinary code', () => {
    for (const [line, needle] of [
      ['relu_count = relu_count + 1', 'relu'],
      ['mean = values.mean()', 'mean'],
      ['loss = criterion(out, y)', 'loss'],
      ['x = x + 1', 'x'],
      ['sigma = np.std(x)', 'sigma'],
      ['self.channel = channel', 'channel'],
      ['padding = 4  # extra padding around the box', 'padding'],
      ['ax.set_title("stride length")', 'stride'],
      ['trace = traceback.format_exc()', 'trace'],
    ] as const) {
      for (let c = 0; c < line.length; c++) assert.equal(termAt(line, c, 'python'), undefined, `${line} @${c} (${needle})`);
    }
  });

  it('matches whole phrases, longest first, across hyphens, dashes and plurals', () => {
    const line = 'the conditional mutual information of the features';
    assert.equal(hovered(line, 'mutual', 1, 'markdown'), 'conditional-mutual-information');
    assert.equal(hovered('only mutual information here', 'mutual', 1, 'markdown'), 'mutual-information');
    for (const spelling of ['Kullback–Leibler', 'Kullback-Leibler', 'Kullback--Leibler', 'Kullback Leibler', 'KL divergence', 'KL-divergence']) {
      const text = `The ${spelling} divergence is asymmetric.`;
      assert.equal(hovered(text, spelling, 2, 'markdown'), 'kl-divergence', spelling);
    }
    assert.equal(hovered('Two GANs and three LSTMs', 'GANs', 1, 'markdown'), 'gan');
    assert.equal(hovered('Two GANs and three LSTMs', 'LSTMs', 1, 'markdown'), 'lstm');
    assert.equal(hovered('we use heavy ball momentum', 'ball', 1, 'markdown'), 'momentum');
    assert.equal(hovered('Polyak averaging of the iterates', 'averaging', 1, 'markdown'), 'polyak-averaging');
    assert.equal(hovered('the Robbins–Monro conditions', 'Monro', 1, 'latex'), 'robbins-monro');
    assert.equal(hovered("by Bayes' rule", 'rule', 1, 'markdown'), 'bayes-rule');
    // A phrase spans the whole range; hovering any word of it gives the same range.
    const m = termAt('a max pooling layer', 3, 'markdown')!;
    assert.deepEqual([m.term.id, m.start, m.end], ['max-pooling', 2, 13]);
  });

  it('reads docstrings and strings in code as prose only for multi-word phrases', () => {
    assert.equal(hovered('    """Computes the KL divergence of two Gaussians."""', 'divergence', 1, 'python'), 'kl-divergence');
    assert.equal(hovered('print("Gaussian noise added")', 'Gaussian', 1, 'python'), undefined, 'one prose word in a string is not enough');
    assert.equal(hovered('p.add_argument("--lr", help="learning rate")', 'rate', 1, 'python'), 'learning-rate');
    assert.equal(hovered('d = leaky - relu', 'leaky', 1, 'python'), undefined, 'a subtraction is not a phrase');
  });

  it('reads // and block comments of TypeScript as comments', () => {
    const js = 'const a = "//x"; // real';
    assert.deepEqual(jsCommentRanges(js), [[js.indexOf('// real'), js.length]]);
    assert.equal(hovered('const lr = 0.1; // Adam step size', 'Adam', 1, 'typescript'), 'adam');
    assert.equal(hovered(' * uses the softmax function', 'softmax', 1, 'typescript'), 'softmax');
    assert.equal(hovered('const adam = 1;', 'adam', 1, 'typescript'), 'adam', 'a bare distinctive code name');
    assert.equal(hovered('const adamCount = 1;', 'adam', 1, 'typescript'), undefined);
  });

  it('finds no term in ordinary code except on lines marked "hover: <ids>"', () => {
    const dir = 'test/corpus';
    const files = readdirSync(dir).filter((f) => /\.(py|ts|md|tex)$/.test(f));
    const language: Record<string, string> = { py: 'python', ts: 'typescript', md: 'markdown', tex: 'latex' };
    const marker = /(?:#|\/\/|%|<!--) hover: ([a-z0-9, -]+?)\s*(?:-->)?\s*$/;
    let lines = 0;
    let marked = 0;
    for (const file of files) {
      const lang = language[file.split('.').pop()!];
      const text = readFileSync(`${dir}/${file}`, 'utf8');
      text.split('\n').forEach((line, i) => {
        lines++;
        const m = marker.exec(line);
        const end = m ? m.index : line.length;
        const want = new Set(m ? m[1].split(',').map((s) => s.trim()) : []);
        const got = new Set<string>();
        for (let c = 0; c < end; c++) {
          const hit = termInDocument(text, i, c, lang);
          if (hit && hit.start < end) got.add(hit.term.id);
        }
        if (m) marked++;
        assert.deepEqual([...got].sort(), [...want].sort(), `${file}:${i + 1}: ${line}`);
      });
    }
    assert.ok(lines > 500 && marked >= 30, `${lines} lines, ${marked} marked`);
  });

  it('looks up a hover on a 5,000-line Python file in well under a millisecond (p99)', () => {
    const source = ['train.py', 'data.py', 'plots.py', 'cli.py', 'server.py']
      .map((f) => readFileSync(`test/corpus/${f}`, 'utf8'))
      .join('\n')
      .split('\n');
    const doc: string[] = [];
    while (doc.length < 5000) doc.push(...source);
    doc.length = 5000;
    termAt(doc[0], 0, 'python'); // build the indexes
    const times: number[] = [];
    let seed = 1;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 20000; i++) {
      const line = doc[Math.floor(next() * doc.length)];
      const column = Math.floor(next() * Math.max(1, line.length));
      const t0 = process.hrtime.bigint();
      termAt(line, column, 'python');
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    times.sort((a, b) => a - b);
    const p99 = times[Math.floor(times.length * 0.99)];
    assert.ok(p99 < 1, `p99 ${p99.toFixed(3)} ms`);
  });
});
