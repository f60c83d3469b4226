import { GraphError, graphErrorFromResponse, invalidRequest, isGraphError } from './graph-error.js';
import type { GraphStats } from './graph-stats.js';
import {
  RETRYABLE_STATUSES,
  backoffDelayMs,
  isRetrySafe,
  parseRetryAfterMs,
} from './retry-policy.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One request inside `$batch`. `url` is relative to the base URL, e.g. `/users/{id}/mailboxSettings`. */
export interface BatchRequest {
  id: string;
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Ids of requests in the same call that must succeed first (kept in the same chunk). */
  dependsOn?: string[];
}

/** The answer to one request: its body, or the GraphError it ended in. Never both. */
export type BatchResponse<T = unknown> =
  | { id: string; ok: true; status: number; headers: Record<string, string>; body: T }
  | { id: string; ok: false; status: number; headers: Record<string, string>; error: GraphError };

/** What a batch needs from the client: the `$batch` call and a single request for retries. */
export interface BatchTransport {
  /** POSTs `$batch`; resolves with the parsed body of a 2xx answer, throws GraphError otherwise. */
  postBatch(body: { requests: WireRequest[] }): Promise<unknown>;
  /** Sends one request on its own; throws GraphError unless 2xx. */
  sendOne(
    request: BatchRequest,
  ): Promise<{ status: number; headers: Record<string, string>; body: unknown }>;
  /** The URL form Graph wants inside `$batch` (relative, no version). */
  relativeUrl(url: string): string;
  sleep(ms: number): Promise<void>;
  stats: GraphStats;
  maxRetryDelayMs: number;
  baseDelayMs: number;
  /** `$batch` calls in flight at once. */
  chunkConcurrency: number;
}

/** A request as it goes into the `$batch` body: the same fields, `url` made relative. */
type WireRequest = BatchRequest;

interface WireResponse {
  id?: unknown;
  status?: unknown;
  headers?: unknown;
  body?: unknown;
}

export const BATCH_LIMIT = 20;

export interface BatchRunOptions {
  /**
   * Told each request's final answer as soon as it is known (once per request), so a caller
   * waiting for one request does not wait for another's throttling retry.
   */
  onResult?: (response: BatchResponse) => void;
}

function findHeader(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === lower) return value;
  }
  return undefined;
}

function validate(requests: readonly BatchRequest[]): void {
  const ids = new Set<string>();
  for (const r of requests) {
    if (typeof r.id !== 'string' || r.id === '')
      throw invalidRequest('Every batch request needs an id');
    if (ids.has(r.id)) throw invalidRequest(`Duplicate batch request id "${r.id}"`);
    ids.add(r.id);
  }
  for (const r of requests) {
    for (const dep of r.dependsOn ?? []) {
      if (!ids.has(dep))
        throw invalidRequest(`Batch request "${r.id}" depends on unknown "${dep}"`);
    }
  }
}

/**
 * Splits requests into `$batch` calls of at most 20, keeping every `dependsOn` chain inside one
 * call (Graph only resolves dependencies within a call) and the input order otherwise.
 */
export function chunkRequests(
  requests: readonly BatchRequest[],
  limit: number = BATCH_LIMIT,
): BatchRequest[][] {
  const parent = new Map<string, string>();
  const root = (id: string): string => {
    let current = id;
    for (;;) {
      const up = parent.get(current) ?? current;
      if (up === current) return current;
      current = up;
    }
  };
  for (const r of requests) parent.set(r.id, r.id);
  for (const r of requests) {
    for (const dep of r.dependsOn ?? []) parent.set(root(r.id), root(dep));
  }
  const groups = new Map<string, BatchRequest[]>();
  for (const r of requests) {
    const key = root(r.id);
    const group = groups.get(key) ?? [];
    group.push(r);
    groups.set(key, group);
  }
  const chunks: BatchRequest[][] = [];
  for (const group of groups.values()) {
    if (group.length > limit) {
      throw invalidRequest(
        `A dependsOn chain of ${group.length} requests exceeds ${limit} per $batch`,
      );
    }
    const fits = chunks.find((c) => c.length + group.length <= limit);
    if (fits === undefined) chunks.push([...group]);
    else fits.push(...group);
  }
  return chunks;
}

function toWire(r: BatchRequest, relativeUrl: (url: string) => string): WireRequest {
  const wire: WireRequest = { id: r.id, method: r.method, url: relativeUrl(r.url) };
  const headers = { ...(r.headers ?? {}) };
  if (r.body !== undefined) {
    // Graph rejects a sub-request body without it, even though the outer call has one.
    if (findHeader(headers, 'content-type') === undefined)
      headers['Content-Type'] = 'application/json';
    wire.body = r.body;
  }
  if (Object.keys(headers).length > 0) wire.headers = headers;
  if (r.dependsOn !== undefined && r.dependsOn.length > 0) wire.dependsOn = r.dependsOn;
  return wire;
}

function stringHeaders(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string') out[key] = v;
    else if (typeof v === 'number') out[key] = String(v);
  }
  return out;
}

function fromWire(id: string, wire: WireResponse): BatchResponse {
  const status = typeof wire.status === 'number' ? wire.status : 0;
  const headers = stringHeaders(wire.headers);
  if (status >= 200 && status < 300) return { id, ok: true, status, headers, body: wire.body };
  const error = graphErrorFromResponse({
    status,
    body: wire.body,
    requestId: findHeader(headers, 'request-id'),
    retryAfterMs: parseRetryAfterMs(findHeader(headers, 'retry-after')),
  });
  return { id, ok: false, status, headers, error };
}

function failed(id: string, error: GraphError): BatchResponse {
  return { id, ok: false, status: error.status, headers: {}, error };
}

async function sendChunk(
  chunk: readonly BatchRequest[],
  t: BatchTransport,
  results: Map<string, BatchResponse>,
): Promise<void> {
  let answer: unknown;
  try {
    answer = await t.postBatch({ requests: chunk.map((r) => toWire(r, t.relativeUrl)) });
  } catch (err) {
    // The whole call failed: every request in it carries that error, the other chunks stand.
    const error = isGraphError(err)
      ? err
      : new GraphError({ status: 0, code: 'NetworkError', message: String(err) }, { cause: err });
    for (const r of chunk) results.set(r.id, failed(r.id, error));
    return;
  }
  const responses = (answer as { responses?: unknown } | undefined)?.responses;
  const byId = new Map<string, WireResponse>();
  if (Array.isArray(responses)) {
    for (const item of responses as WireResponse[]) {
      if (typeof item === 'object' && item !== null && typeof item.id === 'string')
        byId.set(item.id, item);
    }
  }
  for (const r of chunk) {
    const wire = byId.get(r.id);
    if (wire === undefined) {
      results.set(
        r.id,
        failed(
          r.id,
          new GraphError({
            status: 0,
            code: 'MissingBatchResponse',
            message: `$batch gave no answer for "${r.id}"`,
          }),
        ),
      );
      continue;
    }
    const result = fromWire(r.id, wire);
    if (RETRYABLE_STATUSES.has(result.status)) t.stats.throttled += 1;
    results.set(r.id, result);
  }
}

async function sendAlone(r: BatchRequest, t: BatchTransport): Promise<BatchResponse> {
  t.stats.retries += 1;
  try {
    const answer = await t.sendOne(r);
    return { id: r.id, ok: true, ...answer };
  } catch (err) {
    if (!isGraphError(err)) throw err;
    return failed(r.id, err);
  }
}

/** Waits out a throttled sub-request's `Retry-After` and sends it on its own. */
async function retryThrottled(
  r: BatchRequest,
  previous: BatchResponse,
  t: BatchTransport,
): Promise<BatchResponse> {
  if (previous.ok || !RETRYABLE_STATUSES.has(previous.status)) return previous;
  if (!isRetrySafe(r.method, r.url, r.body)) return previous;
  const retryAfterMs = previous.error.retryAfterMs;
  if (retryAfterMs !== undefined && retryAfterMs > t.maxRetryDelayMs) return previous;
  await t.sleep(
    retryAfterMs ?? backoffDelayMs(0, { baseMs: t.baseDelayMs, capMs: t.maxRetryDelayMs }),
  );
  return sendAlone(r, t);
}

async function inPool<T>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await work(item);
    }
  });
  await Promise.all(workers);
}

/**
 * Runs any number of requests through `$batch`: chunks of at most 20, every sub-status checked
 * (the outer 200 says nothing), throttled sub-requests retried on their own after their
 * `Retry-After` (Graph does not retry them, nor does the SDK), requests that failed only
 * because a dependency was throttled (424) sent again once it succeeded, and a failure turned
 * into a GraphError in that request's result. Results come back in input order, matched by id
 * (Graph answers in any order).
 */
export async function runBatch(
  requests: readonly BatchRequest[],
  t: BatchTransport,
  o: BatchRunOptions = {},
): Promise<BatchResponse[]> {
  validate(requests);
  const chunks = chunkRequests(requests);
  const results = new Map<string, BatchResponse>();
  const settled = new Set<string>();
  const settle = (r: BatchResponse): void => {
    if (o.onResult === undefined || settled.has(r.id)) return;
    settled.add(r.id);
    o.onResult(r);
  };
  // Each request is retried as soon as its own chunk answered, not after the slowest chunk.
  const retries: Promise<void>[] = [];
  let thrown: { err: unknown } | undefined;
  await inPool(chunks, t.chunkConcurrency, async (chunk) => {
    await sendChunk(chunk, t, results);
    for (const r of chunk) {
      const previous = results.get(r.id);
      if (previous === undefined) continue;
      retries.push(
        retryThrottled(r, previous, t).then(
          (result) => {
            results.set(r.id, result);
            // A 424 may still be sent again below, once its dependency succeeded.
            if (result.ok || result.status !== 424) settle(result);
          },
          (err: unknown) => {
            thrown ??= { err };
          },
        ),
      );
    }
  });
  await Promise.all(retries);
  if (thrown !== undefined) throw thrown.err;

  // Dependents that Graph refused with 424 only because their dependency was throttled.
  for (let progress = true; progress;) {
    progress = false;
    for (const r of requests) {
      const previous = results.get(r.id);
      if (previous === undefined || previous.ok || previous.status !== 424) continue;
      const depsOk = (r.dependsOn ?? []).every((d) => results.get(d)?.ok === true);
      if (!depsOk || !isRetrySafe(r.method, r.url, r.body)) continue;
      results.set(r.id, await sendAlone(r, t));
      progress = true;
    }
  }

  const answers = requests.map(
    (r) =>
      results.get(r.id) ??
      failed(
        r.id,
        new GraphError({
          status: 0,
          code: 'MissingBatchResponse',
          message: `No answer for "${r.id}"`,
        }),
      ),
  );
  for (const a of answers) settle(a);
  return answers;
}
