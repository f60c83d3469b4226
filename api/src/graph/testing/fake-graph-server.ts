import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  /** Path after the version segment, still URL-encoded, e.g. `/users/a%2Bb/events`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON when the body is JSON, else the text; undefined when empty. */
  body: unknown;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON unless it is a string. */
  body?: unknown;
  /** Held this long before answering (to make requests overlap). */
  delayMs?: number;
}

export interface FakeGraph {
  /** `http://127.0.0.1:PORT/v1.0` */
  baseUrl: string;
  origin: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

/** A tiny Graph stand-in on loopback: every request is recorded and answered by `handle`. */
export async function startFakeGraph(
  handle: (req: FakeRequest) => FakeReply | Promise<FakeReply>,
): Promise<FakeGraph> {
  const requests: FakeRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text === '' ? undefined : text;
      if (text !== '' && (req.headers['content-type'] ?? '').includes('json')) {
        try {
          body = JSON.parse(text) as unknown;
        } catch {
          body = text;
        }
      }
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
      const fake: FakeRequest = {
        method: req.method ?? 'GET',
        path: rawPath.replace(/^\/v1\.0/, ''),
        query: url.searchParams,
        headers: req.headers,
        body,
      };
      requests.push(fake);
      void Promise.resolve(handle(fake)).then(
        (reply) => respond(res, reply),
        (err: unknown) =>
          respond(res, {
            status: 500,
            body: { error: { code: 'FakeFailure', message: String(err) } },
          }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    baseUrl: `${origin}/v1.0`,
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function respond(res: ServerResponse, reply: FakeReply): void {
  const send = () => {
    const status = reply.status ?? 200;
    const headers: Record<string, string> = { ...(reply.headers ?? {}) };
    let payload: string | undefined;
    if (reply.body !== undefined) {
      if (typeof reply.body === 'string') {
        payload = reply.body;
        headers['content-type'] ??= 'text/plain';
      } else {
        payload = JSON.stringify(reply.body);
        headers['content-type'] ??= 'application/json';
      }
    }
    res.writeHead(status, headers);
    res.end(payload);
  };
  if (reply.delayMs !== undefined && reply.delayMs > 0) setTimeout(send, reply.delayMs);
  else send();
}

/** Graph's error body. */
export function graphErrorBody(code: string, message: string, requestId = 'req-fake'): unknown {
  return {
    error: { code, message, innerError: { 'request-id': requestId, date: '2025-01-01T00:00:00' } },
  };
}
