/**
 * The lab's compute worker: runs requests off the UI thread. Each request carries an id; the
 * reply carries the same id, so the UI can drop replies to requests it has since replaced.
 * Long runs also send `{id, progress}` (the fraction done), at most every 100 ms.
 */
import { simulate } from '../compute/simulate';
import { pack } from '../shared/transfer';

export interface WorkerRequest {
  id: number;
  request: unknown;
}

export type WorkerReply = { id: number; result: unknown } | { id: number; error: string } | { id: number; progress: number };

/** Least time between two progress messages. */
const PROGRESS_MS = 100;

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(reply: WorkerReply, transfer?: Transferable[]): void;
};

scope.onmessage = (event) => {
  const { id, request } = event.data;
  let last = performance.now();
  const onProgress = (fraction: number) => {
    const now = performance.now();
    if (now - last < PROGRESS_MS) return;
    last = now;
    scope.postMessage({ id, progress: fraction });
  };
  try {
    // Numeric arrays travel as moved typed arrays (shared/transfer.ts); the client unpacks them.
    const transfer: ArrayBuffer[] = [];
    const result = pack(simulate(request, { onProgress }), transfer);
    scope.postMessage({ id, result }, transfer);
  } catch (e) {
    scope.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
};
