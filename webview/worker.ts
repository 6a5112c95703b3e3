/**
 * The lab's compute worker: runs requests off the UI thread. Each request carries an id; the
 * reply carries the same id, so the UI can drop replies to requests it has since replaced.
 */
import { simulate } from '../compute';

export interface WorkerRequest {
  id: number;
  request: unknown;
}

export type WorkerReply = { id: number; result: unknown } | { id: number; error: string };

const scope = self as unknown as { onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null; postMessage(reply: WorkerReply): void };

scope.onmessage = (event) => {
  const { id, request } = event.data;
  try {
    scope.postMessage({ id, result: simulate(request) });
  } catch (e) {
    scope.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
};
