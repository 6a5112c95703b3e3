import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pythonCommentStart } from '../../compute/hover/find';
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
    assert.equal(hovered('my.Adamax(1)', 'Adamax', 1, 'python'), undefined);
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
    assert.ok(Buffer.from(/base64,([^)]+)\)/.exec(light.markdown)![1], 'base64').toString().includes(THEME_INK.light));
    assert.match(dark.markdown, /\[Full entry\]\(command:mlLens\.lookUpTerm\?/);
    // Adam's lab (optimizer) is not in this build, so no link to it yet.
    assert.doesNotMatch(dark.markdown, /Open in lab/);
  });

  it('every catalog formula was rendered by MathJax at build time and related ids resolve', () => {
    for (const term of TERMS) {
      for (const tex of term.formulas) assert.ok(math[tex]?.svg.startsWith('<svg'), `rendered: ${tex}`);
      for (const id of term.related) assert.ok(termById(id), `${term.id} relates to a known entry ${id}`);
    }
  });
});
