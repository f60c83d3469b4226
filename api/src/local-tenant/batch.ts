import { badRequest, graphErrorBody } from './graph-error.js';
import type { GraphRequest, GraphResponse } from './graph-request.js';
import { hash32 } from './prng.js';

const MAX_REQUESTS = 20;
export const JSON_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

interface SubRequest {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

function parse(body: unknown): SubRequest[] {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests))
    throw badRequest('Invalid batch payload format: requests is required.');
  if (requests.length === 0)
    throw badRequest('Invalid batch payload format: requests must not be empty.');
  if (requests.length > MAX_REQUESTS)
    throw badRequest(`Number of requests exceeds the limit of ${MAX_REQUESTS}.`);
  const seen = new Set<string>();
  const parsed = requests.map((r: unknown): SubRequest => {
    const x = (typeof r === 'object' && r !== null ? r : {}) as Record<string, unknown>;
    const id = typeof x.id === 'string' ? x.id : typeof x.id === 'number' ? String(x.id) : '';
    if (id === '') throw badRequest('Invalid batch payload format: every request needs an id.');
    if (seen.has(id))
      throw badRequest(`Invalid batch payload format: request id '${id}' is not unique.`);
    seen.add(id);
    if (typeof x.method !== 'string' || typeof x.url !== 'string')
      throw badRequest(`Invalid batch payload format: request '${id}' needs method and url.`);
    const headers: Record<string, string> = {};
    if (typeof x.headers === 'object' && x.headers !== null) {
      for (const [k, v] of Object.entries(x.headers as Record<string, unknown>))
        headers[k.toLowerCase()] = String(v);
    }
    const dependsOn = Array.isArray(x.dependsOn) ? x.dependsOn.map(String) : [];
    return { id, method: x.method.toUpperCase(), url: x.url, headers, body: x.body, dependsOn };
  });
  const byId = new Map(parsed.map((r) => [r.id, r]));
  const visiting = new Set<string>();
  const visit = (r: SubRequest): void => {
    if (visiting.has(r.id))
      throw badRequest(`Invalid batch payload format: dependsOn of '${r.id}' forms a cycle.`);
    visiting.add(r.id);
    for (const d of r.dependsOn) {
      const dep = byId.get(d);
      if (dep === undefined)
        throw badRequest(
          `Invalid batch payload format: request '${r.id}' depends on unknown id '${d}'.`,
        );
      visit(dep);
    }
    visiting.delete(r.id);
  };
  for (const r of parsed) visit(r);
  return parsed;
}

/**
 * JSON batching: up to 20 requests, run concurrently unless chained with dependsOn (a failed
 * dependency gives 424), answered in an order that is not the request order. The outer answer
 * is 200 whatever happens inside, so callers must read every sub-status.
 */
export async function runBatch(
  outer: GraphRequest,
  run: (req: GraphRequest) => Promise<GraphResponse>,
  shuffleSeed: number,
): Promise<GraphResponse> {
  const subs = parse(outer.body);
  const byId = new Map(subs.map((s) => [s.id, s]));
  const results = new Map<string, Promise<{ id: string; res: GraphResponse }>>();
  const ids = (): GraphRequest['ids'] => outer.ids;
  const resultOf = (id: string): Promise<{ id: string; res: GraphResponse }> | undefined => {
    const existing = results.get(id);
    if (existing !== undefined) return existing;
    const s = byId.get(id);
    if (s === undefined) return undefined;
    const started = execute(s);
    results.set(id, started);
    return started;
  };

  /** A sub-request answered with a Graph error without running it. */
  const refuse = (
    s: SubRequest,
    status: number,
    code: string,
    message: string,
  ): { id: string; res: GraphResponse } => ({
    id: s.id,
    res: { status, body: graphErrorBody(code, message, ids()) },
  });

  const execute = async (s: SubRequest): Promise<{ id: string; res: GraphResponse }> => {
    const deps = await Promise.all(s.dependsOn.map((d) => resultOf(d)));
    if (deps.some((d) => d === undefined || d.res.status >= 400)) {
      return refuse(s, 424, 'FailedDependency', 'A request this request depends on failed.');
    }
    if (s.body !== undefined && s.headers['content-type'] === undefined) {
      return refuse(
        s,
        400,
        'BadRequest',
        `Write request id : ${s.id} does not contain Content-Type header or body.`,
      );
    }
    if (/^https?:/i.test(s.url)) {
      return refuse(s, 400, 'BadRequest', 'Batch request URLs must be relative to the version.');
    }
    const relative = `/${s.url.replace(/^\/+/, '')}`;
    const qIndex = relative.indexOf('?');
    const path = qIndex === -1 ? relative : relative.slice(0, qIndex);
    if (path.toLowerCase() === '/$batch') {
      return refuse(s, 400, 'BadRequest', 'Nested batch requests are not supported.');
    }
    const res = await run({
      method: s.method,
      path,
      query: new URLSearchParams(qIndex === -1 ? '' : relative.slice(qIndex + 1)),
      headers: { ...s.headers },
      body: s.body,
      caller: outer.caller,
      ids: outer.ids,
    });
    return { id: s.id, res };
  };

  const done = await Promise.all(subs.map((s) => resultOf(s.id) ?? execute(s)));
  for (let i = done.length - 1; i > 0; i--) {
    const j = hash32(shuffleSeed, i) % (i + 1);
    const a = done[i];
    const b = done[j];
    if (a !== undefined && b !== undefined) [done[i], done[j]] = [b, a];
  }
  return {
    status: 200,
    body: {
      responses: done.map(({ id, res }) => {
        const headers: Record<string, string> = { ...(res.headers ?? {}) };
        if (res.body !== undefined) headers['Content-Type'] = JSON_CONTENT_TYPE;
        return {
          id,
          status: res.status,
          headers,
          ...(res.body === undefined ? {} : { body: res.body }),
        };
      }),
    },
  };
}
