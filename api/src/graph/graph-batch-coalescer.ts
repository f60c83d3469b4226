import { GraphError } from './graph-error.js';
import { BATCH_LIMIT, type BatchRequest, type BatchResponse } from './graph-batch.js';

/** One request as a caller gives it: the coalescer numbers it inside its `$batch`. */
export type CoalescedRequest = Omit<BatchRequest, 'id' | 'dependsOn'>;

export interface BatchCoalescerOptions {
  /** How long the first request of a batch waits for others to join it. */
  lingerMs: number;
  /** Requests a `$batch` carries at most (Graph's limit is 20). */
  limit?: number;
  /** Sends a `$batch` and tells each request's final answer as soon as it is known. */
  batch(requests: BatchRequest[], onResult: (r: BatchResponse) => void): Promise<unknown>;
  /** Sends a request that found no company on its own, without the `$batch` envelope. */
  single(request: CoalescedRequest): Promise<unknown>;
}

interface Pending {
  request: CoalescedRequest;
  resolve(body: unknown): void;
  reject(err: unknown): void;
}

/**
 * Gathers requests made independently (by concurrent jobs) into `$batch` calls of up to 20: a
 * batch leaves when it is full or `lingerMs` after its first request. Each caller gets its own
 * request's answer (the body, or the GraphError it ended in) as soon as that is known; a request
 * throttled inside the batch is retried alone by the batch runner without holding the others.
 */
export class BatchCoalescer {
  private pending: Pending[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly limit: number;

  constructor(private readonly o: BatchCoalescerOptions) {
    this.limit = Math.max(1, Math.min(o.limit ?? BATCH_LIMIT, BATCH_LIMIT));
  }

  submit(request: CoalescedRequest): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.pending.push({ request, resolve, reject });
      if (this.pending.length >= this.limit) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.o.lingerMs);
    });
  }

  /** Sends what is waiting now. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const taken = this.pending;
    this.pending = [];
    const [only] = taken;
    if (only === undefined) return;
    if (taken.length === 1) {
      this.o.single(only.request).then(only.resolve, only.reject);
      return;
    }
    const waiting = new Map<string, Pending>();
    const requests = taken.map((p, i) => {
      const id = String(i + 1);
      waiting.set(id, p);
      return { ...p.request, id };
    });
    const answer = (r: BatchResponse): void => {
      const p = waiting.get(r.id);
      if (p === undefined) return;
      waiting.delete(r.id);
      if (r.ok) p.resolve(r.body);
      else p.reject(r.error);
    };
    this.o.batch(requests, answer).then(
      () => {
        for (const [id, p] of waiting) {
          p.reject(
            new GraphError({
              status: 0,
              code: 'MissingBatchResponse',
              message: `$batch gave no answer for "${id}"`,
            }),
          );
        }
      },
      (err: unknown) => {
        for (const p of waiting.values()) p.reject(err);
      },
    );
  }
}
