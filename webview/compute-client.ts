/**
 * Runs compute requests in a Web Worker. Webviews cannot start a worker from their resource URL
 * (another origin), so the bundle is fetched and started from a blob URL (CSP: worker-src blob:).
 * A newer request supersedes older ones: their replies are ignored.
 */
import type { WorkerReply, WorkerRequest } from './worker';

export class ComputeClient {
  private nextId = 1;
  private latest = 0;
  private pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  private constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (!waiter) return;
      if ('error' in reply) waiter.reject(new Error(reply.error));
      else waiter.resolve(reply.result);
    };
  }

  static async start(workerUrl: string): Promise<ComputeClient> {
    const response = await fetch(workerUrl);
    if (!response.ok) throw new Error(`Cannot load the compute worker (${response.status}).`);
    const blob = new Blob([await response.text()], { type: 'text/javascript' });
    return new ComputeClient(new Worker(URL.createObjectURL(blob)));
  }

  /** Run a request; resolves to undefined if a newer request was sent meanwhile. */
  run<T>(request: unknown): Promise<T | undefined> {
    const id = this.nextId++;
    this.latest = id;
    return new Promise<unknown>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, request } satisfies WorkerRequest);
    }).then(
      (result) => (id === this.latest ? (result as T) : undefined),
      (error: unknown) => {
        if (id === this.latest) throw error;
        return undefined;
      },
    );
  }
}
