import { describe, expect, it } from 'vitest';
import { BatchCoalescer, type CoalescedRequest } from './graph-batch-coalescer.js';
import type { BatchRequest, BatchResponse } from './graph-batch.js';
import { GraphError } from './graph-error.js';

const create = (n: number): CoalescedRequest => ({
  method: 'POST',
  url: `/users/u${n}/events`,
  body: { transactionId: `t${n}` },
});

/** A coalescer whose `$batch` answers every request with its own transactionId. */
function recording(o: { lingerMs?: number; fail?: (r: BatchRequest) => GraphError | undefined }) {
  const batches: BatchRequest[][] = [];
  const singles: CoalescedRequest[] = [];
  const coalescer = new BatchCoalescer({
    lingerMs: o.lingerMs ?? 5,
    batch: async (requests, onResult) => {
      batches.push(requests);
      for (const r of requests) {
        const error = o.fail?.(r);
        const answer: BatchResponse =
          error === undefined
            ? { id: r.id, ok: true, status: 201, headers: {}, body: r.body }
            : { id: r.id, ok: false, status: error.status, headers: {}, error };
        onResult(answer);
      }
      return undefined;
    },
    single: async (r) => {
      singles.push(r);
      return r.body;
    },
  });
  return { coalescer, batches, singles };
}

describe('BatchCoalescer', () => {
  it('sends creates made at about the same time in one $batch, each caller getting its own event', async () => {
    const { coalescer, batches, singles } = recording({});
    const answers = await Promise.all([1, 2, 3].map((n) => coalescer.submit(create(n))));
    expect(batches).toHaveLength(1);
    expect(batches[0]?.map((r) => r.url)).toEqual([
      '/users/u1/events',
      '/users/u2/events',
      '/users/u3/events',
    ]);
    expect(answers).toEqual([
      { transactionId: 't1' },
      { transactionId: 't2' },
      { transactionId: 't3' },
    ]);
    expect(singles).toHaveLength(0);
  });

  it('sends a lone create as a plain request, without the $batch envelope', async () => {
    const { coalescer, batches, singles } = recording({});
    await expect(coalescer.submit(create(1))).resolves.toEqual({ transactionId: 't1' });
    expect(batches).toHaveLength(0);
    expect(singles).toHaveLength(1);
  });

  it('never puts more than 20 in a $batch: a full one leaves at once, the rest after the wait', async () => {
    const { coalescer, batches } = recording({ lingerMs: 10_000 });
    const first = Array.from({ length: 20 }, (_, i) => coalescer.submit(create(i)));
    await Promise.all(first);
    expect(batches.map((b) => b.length)).toEqual([20]);
    const more = Array.from({ length: 3 }, (_, i) => coalescer.submit(create(20 + i)));
    coalescer.flush();
    await Promise.all(more);
    expect(batches.map((b) => b.length)).toEqual([20, 3]);
  });

  it('fails only the caller whose request Graph refused', async () => {
    const { coalescer } = recording({
      fail: (r) =>
        r.url === '/users/u2/events'
          ? new GraphError({ status: 400, code: 'ErrorInvalidRecipients', message: 'no' })
          : undefined,
    });
    const results = await Promise.allSettled([1, 2, 3].map((n) => coalescer.submit(create(n))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const refused = results[1];
    if (refused?.status === 'rejected') expect(refused.reason).toMatchObject({ status: 400 });
  });

  it('fails every caller when the $batch call itself is lost, so each job resends its own id', async () => {
    const coalescer = new BatchCoalescer({
      lingerMs: 1,
      batch: async () => {
        throw new GraphError({ status: 0, code: 'NetworkError', message: 'socket hang up' });
      },
      single: async () => undefined,
    });
    const results = await Promise.allSettled([1, 2].map((n) => coalescer.submit(create(n))));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
