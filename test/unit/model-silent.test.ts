/**
 * Never silently wrong, as properties over the model corpus (fast-check):
 * - code the evaluator cannot read, injected into a forward or an __init__ that runs, is named in
 *   a warning with its line, and the answer says it is partial;
 * - on damaged files (slices cut out, lines repeated) only ComputeError escapes, and every
 *   analysis ends within its budget.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ComputeError } from '../../compute/errors';
import { analyzeModel } from '../../compute/program/trace';
import type { ModelTreeNode } from '../../compute/program/model-types';

interface FixtureCase {
  id: string;
  file: string;
  select: string;
  input: number[];
}

const root = join(__dirname, '..', '..');
const cases = (JSON.parse(readFileSync(join(root, 'test/fixtures/models.json'), 'utf8')) as FixtureCase[]).filter((c) => !c.id.includes('transformer'));
const source = (file: string) => readFileSync(join(root, 'test/model-corpus', file), 'utf8');
const analyze = (text: string, c: FixtureCase) => {
  const at = text.indexOf(c.select);
  return analyzeModel(text, { from: at + 1, to: at + 1, path: c.file, inputShape: c.input, budget: { maxMs: 4000 } });
};

/** Classes whose forward the unmutated trace runs. */
function calledClasses(tree: ModelTreeNode, out = new Set<string>()): Set<string> {
  if (tree.calls > 0) out.add(tree.type);
  tree.children.forEach((c) => calledClasses(c, out));
  return out;
}

interface Site {
  line: number; // 0-based
  kind: 'forward' | 'init';
}

/** Statements at the top level of a method body (so they run whenever the method does). */
function sites(text: string, classes: Set<string>): Site[] {
  const lines = text.split('\n');
  const out: Site[] = [];
  let cls: string | undefined;
  let method: { kind: Site['kind']; indent: number } | undefined;
  let returned = false;
  lines.forEach((line, i) => {
    const c = /^class (\w+)\(/.exec(line);
    if (c) {
      cls = c[1];
      method = undefined;
      return;
    }
    const m = /^(\s+)def (forward|__init__)\(self/.exec(line);
    if (m && cls && classes.has(cls)) {
      method = { kind: m[2] === 'forward' ? 'forward' : 'init', indent: -1 };
      returned = false;
      return;
    }
    if (/^\s*def /.test(line)) method = undefined;
    if (!method || returned) return;
    const indent = /^(\s*)/.exec(line)![1].length;
    if (!line.trim() || line.trim().startsWith('#')) return;
    if (method.indent < 0) method.indent = indent;
    if (indent < method.indent) {
      method = undefined;
      return;
    }
    if (indent !== method.indent) return;
    if (/^\s*return\b/.test(line)) returned = true;
    const single = !/[([{,\\]\s*$/.test(line) && !/:\s*$/.test(line);
    if (method.kind === 'forward' && /^\s+\w+ = .+/.test(line) && single) out.push({ line: i, kind: 'forward' });
    if (method.kind === 'init' && /^\s+self\.\w+ = nn\.[A-Z]\w*\(.*\)\s*$/.test(line)) out.push({ line: i, kind: 'init' });
  });
  return out;
}

function mutate(text: string, site: Site): string {
  const lines = text.split('\n');
  const line = lines[site.line];
  if (site.kind === 'forward') lines[site.line] = line.replace(/^(\s+\w+) = (.+)$/, '$1 = mystery_op($2)');
  else lines[site.line] = line.replace(/= nn\.[A-Z]\w*\(/, '= thirdparty.Block(');
  lines.push('import thirdparty', '');
  return lines.join('\n');
}

describe('never silently wrong (properties over the model corpus)', () => {
  const prepared = cases
    .map((c) => {
      const text = source(c.file);
      const base = analyze(text, c);
      return { c, text, sites: base ? sites(text, calledClasses(base.tree)) : [] };
    })
    .filter((p) => p.sites.length > 0);

  it('has mutation sites in most corpus models', () => {
    assert.ok(prepared.length >= 30, `${prepared.length} cases with sites`);
  });

  it('code that is not read, where it runs, is named with its line and the answer is partial', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (i, j) => {
        const p = prepared[i % prepared.length];
        const site = p.sites[j % p.sites.length];
        const r = analyze(mutate(p.text, site), p.c);
        assert.ok(r, 'still a model answer');
        const line = site.line + 1;
        assert.ok(r.partial, `${p.c.id} line ${line}: partial`);
        assert.ok(
          r.warnings.some((w) => w.startsWith(`line ${line}:`)),
          `${p.c.id}: line ${line} (${p.text.split('\n')[site.line].trim()}) is named; warnings: ${r.warnings.slice(0, 4).join(' | ')}`,
        );
      }),
      { numRuns: 120, seed: 1206 },
    );
  });

  it('on damaged files only ComputeError escapes, within the time budget', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat({ max: 400 }), fc.boolean(), (i, at, len, repeat) => {
        const { c, text } = prepared[i % prepared.length];
        const cut = at % text.length;
        const damaged = repeat ? text.slice(0, cut) + text.slice(cut, cut + len) + text.slice(cut) : text.slice(0, cut) + text.slice(cut + len);
        const started = Date.now();
        try {
          analyze(damaged, c);
        } catch (e) {
          assert.ok(e instanceof ComputeError, `only ComputeError escapes, not ${(e as Error)?.name}: ${(e as Error)?.message}`);
        }
        assert.ok(Date.now() - started < 8000, 'ends within the budget');
      }),
      { numRuns: 80, seed: 612 },
    );
  });
});

describe('a bug in ML Lens is never shown as a statement about the code', () => {
  it('TypeErrors become a sentence that says it is an internal error; ours keep their words', async () => {
    const { userMessage } = await import('../../compute/recognize/index');
    assert.match(
      userMessage(new TypeError("Cannot read properties of undefined (reading 'shape')")),
      /^ML Lens could not read this code because of an internal error \(a bug in ML Lens, not in your code\): TypeError\./,
    );
    assert.match(userMessage(new RangeError('Maximum call stack size exceeded')), /nests too deeply/);
    assert.equal(userMessage(new ComputeError('line 3: the loop runs 20,000 times.')), 'line 3: the loop runs 20,000 times.');
  });
});
