/**
 * When the whole-file analysis runs, for the editor surfaces: after edits, debounced; once per
 * version of a unit (a file, or a notebook read as one program); never synchronously for a
 * reader. Readers either wait for the analysis of the version they see (inlay hints: the editor
 * keeps the old hints meanwhile) or take the last finished one if it is still current (hovers).
 * Pure (timers are injected), so the extension's adapter stays thin and this is tested in Node.
 */

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface Finished<R> {
  version: string;
  result: R;
}

interface Pending<R> {
  version: string;
  /** Order of scheduling: an older analysis finishing late never replaces a newer one. */
  seq: number;
  timer: unknown;
  run: () => Promise<R>;
  waiters: ((result: R | undefined) => void)[];
}

export class AnalysisScheduler<R> {
  private readonly finished = new Map<string, Finished<R> & { seq: number }>();
  private seq = 0;
  private readonly pending = new Map<string, Pending<R>>();
  /** Units whose analysis is running now, with its version and the promise of its result. */
  private readonly running = new Map<string, { version: string; done: Promise<R | undefined> }>();
  /** Called with each finished result (diagnostics are published from here). */
  onFinished: (unit: string, finished: Finished<R>) => void = () => {};

  constructor(private readonly timers: Timers) {}

  /** The last finished analysis of a unit, whatever its version. */
  last(unit: string): Finished<R> | undefined {
    const done = this.finished.get(unit);
    return done && { version: done.version, result: done.result };
  }

  /** The finished analysis of exactly this version, or undefined (never starts one). */
  current(unit: string, version: string): R | undefined {
    const done = this.finished.get(unit);
    return done?.version === version ? done.result : undefined;
  }

  /**
   * Ask for the analysis of `version`, running `run` after `delayMs` unless a newer version is
   * scheduled first (then this one resolves with undefined). A finished or already scheduled
   * analysis of the same version is reused.
   */
  schedule(unit: string, version: string, run: () => Promise<R> | R, delayMs: number): Promise<R | undefined> {
    const done = this.finished.get(unit);
    if (done?.version === version) return Promise.resolve(done.result);
    const now = this.running.get(unit);
    if (now?.version === version) return now.done;
    const pending = this.pending.get(unit);
    if (pending?.version === version) {
      // The same version asked for again (e.g. right after an edit, by a provider): keep the timer.
      return new Promise((resolve) => pending.waiters.push(resolve));
    }
    if (pending) {
      this.timers.clear(pending.timer);
      for (const w of pending.waiters) w(undefined);
    }
    return new Promise((resolve) => {
      const next: Pending<R> = { version, seq: ++this.seq, timer: undefined, run: async () => run(), waiters: [resolve] };
      next.timer = this.timers.set(() => void this.fire(unit, next), Math.max(0, delayMs));
      this.pending.set(unit, next);
    });
  }

  private async fire(unit: string, job: Pending<R>): Promise<void> {
    if (this.pending.get(unit) !== job) return;
    this.pending.delete(unit);
    let result: R | undefined;
    const done = (async () => {
      try {
        result = await job.run();
      } catch {
        result = undefined;
      }
      return result;
    })();
    const running = { version: job.version, done };
    this.running.set(unit, running);
    await done;
    // Forgotten meanwhile (closed): nothing is kept.
    const kept = this.running.get(unit) === running;
    if (kept) this.running.delete(unit);
    if (kept && result !== undefined && (this.finished.get(unit)?.seq ?? -1) < job.seq) {
      this.finished.set(unit, { version: job.version, result, seq: job.seq });
      // A newer version already scheduled will publish; this one is kept for hovers only.
      if (!this.pending.has(unit)) this.onFinished(unit, { version: job.version, result });
    }
    for (const w of job.waiters) w(result);
  }

  /** Forget a unit (closed): its timer stops and readers waiting on it get undefined. */
  forget(unit: string): void {
    const pending = this.pending.get(unit);
    if (pending) {
      this.timers.clear(pending.timer);
      for (const w of pending.waiters) w(undefined);
    }
    this.pending.delete(unit);
    this.finished.delete(unit);
    this.running.delete(unit);
  }

  /** Forget every unit (a setting changed how analyses are made). */
  clear(): void {
    for (const unit of new Set([...this.pending.keys(), ...this.finished.keys(), ...this.running.keys()])) this.forget(unit);
  }
}
