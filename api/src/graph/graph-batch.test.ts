import { describe, expect, it } from 'vitest';
import { chunkRequests, runBatch, type BatchRequest, type BatchTransport } from './graph-batch.js';
import { GraphError } from './graph-error.js';
import { emptyStats } from './graph-stats.js';

const get = (id: string, dependsOn?: string[]): BatchRequest => ({
  id,
  method: 'GET',
  url: `/users/${id}`,
  ...(dependsOn ? { dependsOn } : {}),
});

function transport(over: Partial<BatchTransport>): BatchTransport {
  return {
    postBatch: async () => ({ responses: [] }),
    sendOne: async () => ({ status: 200, headers: {}, body: {} }),
    relativeUrl: (u) => u,
    sleep: async () => undefined,
    stats: emptyStats(),
    maxRetryDelayMs: 30_000,
    baseDelayMs: 1,
    chunkConcurrency: 2,
    ...over,
  };
}

describe('chunkRequests', () => {
  it('cuts at 20 and keeps input order', () => {
    const chunks = chunkRequests(Array.from({ length: 41 }, (_, i) => get(`r${i}`)));
    expect(chunks.map((c) => c.length)).toEqual([20, 20, 1]);
    expect(chunks[0]?.[0]?.id).toBe('r0');
  });

  it('keeps a dependsOn chain in one call', () => {
    const requests = [
      ...Array.from({ length: 19 }, (_, i) => get(`r${i}`)),
      get('a'),
      get('b', ['a']),
    ];
    const chunks = chunkRequests(requests);
    const withB = chunks.find((c) => c.some((r) => r.id === 'b'));
    expect(withB?.some((r) => r.id === 'a')).toBe(true);
    expect(chunks.every((c) => c.length <= 20)).toBe(true);
  });
});

describe('runBatch', () => {
  it('rejects duplicate ids and unknown dependencies before calling', async () => {
    let calls = 0;
    const t = transport({ postBatch: async () => ((calls += 1), { responses: [] }) });
    await expect(runBatch([get('a'), get('a')], t)).rejects.toMatchObject({
      code: 'InvalidRequest',
    });
    await expect(runBatch([get('a', ['zzz'])], t)).rejects.toMatchObject({
      code: 'InvalidRequest',
    });
    expect(calls).toBe(0);
  });

  it('resends a dependent refused with 424 once its throttled dependency succeeded alone', async () => {
    const sent: string[] = [];
    const t = transport({
      postBatch: async () => ({
        responses: [
          {
            id: 'b',
            status: 424,
            body: { error: { code: 'FailedDependency', message: 'a failed' } },
          },
          { id: 'a', status: 429, headers: { 'retry-after': '0' } },
        ],
      }),
      sendOne: async (r) => {
        sent.push(r.id);
        return { status: 200, headers: {}, body: { id: r.id } };
      },
    });
    const results = await runBatch([get('a'), get('b', ['a'])], t);
    expect(sent).toEqual(['a', 'b']);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(t.stats).toEqual({ requests: 0, retries: 2, throttled: 1 });
  });

  it('keeps a throttled answer whose Retry-After is beyond the cap, with retryAfterMs', async () => {
    const t = transport({
      maxRetryDelayMs: 1_000,
      postBatch: async () => ({
        responses: [{ id: 'a', status: 429, headers: { 'Retry-After': '30' } }],
      }),
      sendOne: async () => {
        throw new Error('must not be called');
      },
    });
    const [result] = await runBatch([get('a')], t);
    expect(result?.ok).toBe(false);
    if (result !== undefined && !result.ok) {
      expect(result.error).toBeInstanceOf(GraphError);
      expect(result.error.retryAfterMs).toBe(30_000);
    }
  });

  it("tells a request's answer at once, while a throttled neighbour still waits for its retry", async () => {
    let releaseRetry = (): void => undefined;
    const order: string[] = [];
    const t = transport({
      postBatch: async () => ({
        responses: [
          { id: 'a', status: 429, headers: { 'retry-after': '0.2' } },
          { id: 'b', status: 201, body: { id: 'event-b' } },
        ],
      }),
      sleep: () => new Promise<void>((resolve) => (releaseRetry = resolve)),
      sendOne: async () => ({ status: 201, headers: {}, body: { id: 'event-a' } }),
    });
    const running = runBatch([get('a'), get('b')], t, {
      onResult: (r) => {
        order.push(r.id);
        if (r.id === 'b') releaseRetry();
      },
    });
    const results = await running;
    // b was told before a's retry was even sent; each request is told exactly once.
    expect(order).toEqual(['b', 'a']);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
  });

  it('reports a request Graph left unanswered instead of dropping it', async () => {
    const t = transport({
      postBatch: async () => ({ responses: [{ id: 'a', status: 200, body: 1 }] }),
    });
    const results = await runBatch([get('a'), get('b')], t);
    expect(results[1]).toMatchObject({ id: 'b', ok: false });
    if (results[1] !== undefined && !results[1].ok)
      expect(results[1].error.code).toBe('MissingBatchResponse');
  });
});
