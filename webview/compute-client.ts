/**
 * Runs compute requests in a Web Worker. Webviews cannot start a worker from their resource URL
 * (another origin), so the bundle is fetched once and started from a blob URL (CSP: worker-src
 * blob:).
 *
 * A newer request supersedes older ones: their replies are ignored. When the request it replaces
 * has already run for a while (a long optimizer run, a big density grid), the worker is stopped
 * and a fresh one started, so the newer request does not queue behind work nobody wants.
 * `cancel()` does the same on demand. Listeners hear when a request has been running long
 * enough to show progress, and when it ends.
 */
import { unpack } from '../shared/transfer';
import type { WorkerReply, WorkerRequest } from './worker';

/** A request still running after this long is stopped (not waited for) when a newer one arrives. */
export const RESTART_AFTER_MS = 150;

/** What the shell shows: the running request's start time and fraction done (when known), or undefined when idle. */
export type BusyListener = (running: { since: number; fraction?: number } | undefined) => void;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  started: number;
  fraction?: number;
}

export class ComputeClient {
  private worker: Worker;
  private nextId = 1;
  private latest = 0;
  private pending = new Map<number, Pending>();
  private readonly listeners = new Set<BusyListener>();
  /** Workers started so far (1 + restarts), read by the e2e run. */
  restarts = 0;

  private constructor(private readonly url: string) {
    this.worker = this.spawn();
  }

  static async start(workerUrl: string): Promise<ComputeClient> {
    const response = await fetch(workerUrl);
    if (!response.ok) throw new Error(`Cannot load the compute worker (${response.status}).`);
    const blob = new Blob([await response.text()], { type: 'text/javascript' });
    return new ComputeClient(URL.createObjectURL(blob));
  }

  /** Listen for busy/idle changes; returns a function that stops listening. */
  onBusy(listener: BusyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Run a request; resolves to undefined if a newer request was sent meanwhile or it was cancelled. */
  run<T>(request: unknown): Promise<T | undefined> {
    const running = this.pending.get(this.latest);
    if (running && performance.now() - running.started > RESTART_AFTER_MS) this.restart();
    const id = this.nextId++;
    this.latest = id;
    const result = new Promise<unknown>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, started: performance.now() });
      this.worker.postMessage({ id, request } satisfies WorkerRequest);
    });
    this.notify();
    return result.then(
      (value) => (id === this.latest ? (value as T) : undefined),
      (error: unknown) => {
        if (id === this.latest) throw error;
        return undefined;
      },
    );
  }

  /** Stop whatever is running; its caller gets undefined, as for a superseded request. */
  cancel(): void {
    if (!this.pending.size) return;
    this.latest = this.nextId++;
    this.restart();
    this.notify();
  }

  private spawn(): Worker {
    const worker = new Worker(this.url);
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      const waiter = this.pending.get(reply.id);
      if ('progress' in reply) {
        if (waiter) waiter.fraction = reply.progress;
        if (reply.id === this.latest) this.notify();
        return;
      }
      this.pending.delete(reply.id);
      if (waiter) {
        if ('error' in reply) waiter.reject(new Error(reply.error));
        else waiter.resolve(unpack(reply.result));
      }
      this.notify();
    };
    return worker;
  }

  /** Terminate the worker (dropping its queue) and start a fresh one. */
  private restart(): void {
    this.worker.terminate();
    for (const waiter of this.pending.values()) waiter.resolve(undefined);
    this.pending.clear();
    this.restarts++;
    this.worker = this.spawn();
  }

  private notify(): void {
    const running = this.pending.get(this.latest);
    const state = running ? { since: running.started, fraction: running.fraction } : undefined;
    for (const listener of this.listeners) listener(state);
  }
}
