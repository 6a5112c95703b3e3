import * as assert from 'node:assert/strict';
import { AnalysisScheduler, type Timers } from '../../shared/analysis-scheduler';

/** Timers advanced by hand. */
class FakeTimers implements Timers {
  now = 0;
  private queue: { at: number; fn: () => void; id: number }[] = [];
  private next = 0;
  set(fn: () => void, ms: number): unknown {
    const id = ++this.next;
    this.queue.push({ at: this.now + ms, fn, id });
    return id;
  }
  clear(handle: unknown): void {
    this.queue = this.queue.filter((t) => t.id !== handle);
  }
  async advance(ms: number): Promise<void> {
    this.now += ms;
    for (;;) {
      const due = this.queue.filter((t) => t.at <= this.now).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.clear(due.id);
      due.fn();
      await flush();
    }
    await flush();
  }
  get size(): number {
    return this.queue.length;
  }
}
const flush = () => new Promise((r) => setImmediate(r));

describe('analysis scheduler (debounced, once per version, never synchronous)', () => {
  it('debounces edits: only the last version of a burst runs', async () => {
    const timers = new FakeTimers();
    const s = new AnalysisScheduler<string>(timers);
    const runs: string[] = [];
    const run = (v: string) => () => (runs.push(v), `analysis of ${v}`);
    const a = s.schedule('file', 'v1', run('v1'), 400);
    await timers.advance(200);
    const b = s.schedule('file', 'v2', run('v2'), 400);
    await timers.advance(399);
    assert.deepEqual(runs, []);
    await timers.advance(1);
    assert.deepEqual(runs, ['v2']);
    assert.equal(await a, undefined, 'a superseded version resolves with nothing');
    assert.equal(await b, 'analysis of v2');
  });

  it('reuses a finished analysis of the same version and never runs one for a reader', async () => {
    const timers = new FakeTimers();
    const s = new AnalysisScheduler<number>(timers);
    let runs = 0;
    const run = () => ++runs;
    assert.equal(s.current('f', '1'), undefined);
    assert.equal(timers.size, 0, 'current() starts nothing');
    const first = s.schedule('f', '1', run, 0);
    const again = s.schedule('f', '1', run, 0);
    await timers.advance(0);
    assert.equal(await first, 1);
    assert.equal(await again, 1);
    assert.equal(await s.schedule('f', '1', run, 400), 1);
    assert.equal(runs, 1);
    assert.equal(s.current('f', '1'), 1);
    assert.equal(s.current('f', '2'), undefined, 'a newer version has no finished analysis yet');
    assert.deepEqual(s.last('f'), { version: '1', result: 1 });
  });

  it('publishes each finished analysis, never an older one over a newer one', async () => {
    const timers = new FakeTimers();
    const s = new AnalysisScheduler<string>(timers);
    const published: string[] = [];
    s.onFinished = (unit, f) => published.push(`${unit}@${f.version}`);
    let release: (() => void) | undefined;
    const slow = s.schedule('f', '1', () => new Promise<string>((r) => (release = () => r('one'))), 0);
    await timers.advance(0);
    const fast = s.schedule('f', '2', () => 'two', 0);
    await timers.advance(0);
    assert.equal(await fast, 'two');
    release?.();
    assert.equal(await slow, 'one');
    await flush();
    assert.deepEqual(published, ['f@2']);
    assert.deepEqual(s.last('f'), { version: '2', result: 'two' });
  });

  it('a failing analysis resolves with nothing and keeps the last good one', async () => {
    const timers = new FakeTimers();
    const s = new AnalysisScheduler<string>(timers);
    const ok = s.schedule('f', '1', () => 'good', 0);
    await timers.advance(0);
    await ok;
    const bad = s.schedule(
      'f',
      '2',
      () => {
        throw new Error('boom');
      },
      0,
    );
    await timers.advance(0);
    assert.equal(await bad, undefined);
    assert.equal(s.last('f')?.result, 'good');
  });

  it('forgetting a unit stops its timer and drops its results', async () => {
    const timers = new FakeTimers();
    const s = new AnalysisScheduler<string>(timers);
    const waiting = s.schedule('f', '1', () => 'x', 400);
    s.forget('f');
    assert.equal(await waiting, undefined);
    assert.equal(timers.size, 0);
    assert.equal(s.last('f'), undefined);
  });
});
