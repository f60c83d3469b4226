import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { ProblemError } from './problem.js';

/** What Node's HTTP parser reports before any request object exists. */
interface ClientError extends Error {
  code?: string;
}

function problemFor(err: ClientError): ProblemError {
  if (err.code === 'HPE_HEADER_OVERFLOW')
    return new ProblemError({
      status: 431,
      type: 'headers-too-large',
      title: 'The request headers are too large',
      detail: 'Send fewer or smaller headers (at most 16 kB in all).',
    });
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT' || err.code === 'HPE_REQUEST_TIMEOUT')
    return new ProblemError({
      status: 408,
      type: 'request-timeout',
      title: 'The request took too long to arrive',
    });
  return new ProblemError({
    status: 400,
    type: 'malformed-request',
    title: 'The request is not valid HTTP',
  });
}

/**
 * Node's `clientError`: a request the HTTP parser refused (headers over the limit, a broken
 * request line). Node would answer with a bare status line; this answers problem+json like every
 * other error, then closes the connection, whose framing can no longer be trusted.
 */
export function answerClientError(err: ClientError, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const problem = problemFor(err);
  const body = JSON.stringify(problem.toJSON());
  socket.end(
    [
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? ''}`,
      'Content-Type: application/problem+json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Cache-Control: no-store',
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}
