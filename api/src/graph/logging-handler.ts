import type { Context } from '@microsoft/microsoft-graph-client';
import { ChainedMiddleware } from './chained-middleware.js';
import { networkError } from './graph-error.js';
import type { GraphLogger } from './graph-logger.js';
import type { GraphStats } from './graph-stats.js';
import { requestMethod, requestUrl } from './request-policy.js';

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * Path and the names of query parameters, never their values: skip and delta tokens are
 * bearer-like, filters may hold personal data.
 */
export function loggablePath(url: string): string {
  const parsed = new URL(url);
  const names = [...new Set(parsed.searchParams.keys())];
  return names.length > 0 ? `${parsed.pathname}?${names.join('&')}` : parsed.pathname;
}

/**
 * The last of our handlers, right before the SDK's HTTPMessageHandler: counts and logs every
 * attempt that actually goes out (method, path, status, duration, Graph's `request-id`), turns
 * a fetch failure into a GraphError (status 0, `NetworkError`), and reads the body before
 * returning so the duration and the mailbox slot cover the whole exchange.
 */
export class LoggingHandler extends ChainedMiddleware {
  constructor(
    private readonly logger: GraphLogger,
    private readonly stats: GraphStats,
  ) {
    super();
  }

  async execute(context: Context): Promise<void> {
    const url = requestUrl(context);
    const entry = { method: requestMethod(context), path: loggablePath(url) };
    const started = performance.now();
    this.stats.requests += 1;
    try {
      await this.callNext(context);
    } catch (err) {
      const durationMs = Math.round(performance.now() - started);
      this.logger.warn({ ...entry, status: 0, durationMs, err }, 'graph request failed');
      throw networkError(err, entry.path);
    }
    const response = context.response;
    if (response === undefined) throw networkError(new Error('no response'), entry.path);
    let buffered: Response;
    try {
      const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
      buffered = new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (err) {
      throw networkError(err, entry.path);
    }
    context.response = buffered;
    const status = buffered.status;
    const fields = {
      ...entry,
      status,
      durationMs: Math.round(performance.now() - started),
      requestId: buffered.headers.get('request-id') ?? undefined,
    };
    if (status === 429 || status >= 500)
      this.logger.warn(fields, 'graph request throttled or failed');
    else if (status >= 400 && status !== 404) this.logger.info(fields, 'graph request rejected');
    else this.logger.debug(fields, 'graph request');
  }
}
