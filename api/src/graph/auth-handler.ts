import type { Context } from '@microsoft/microsoft-graph-client';
import { ChainedMiddleware } from './chained-middleware.js';
import { GraphError, isGraphError } from './graph-error.js';
import { setHeader } from './request-policy.js';
import type { TokenProvider } from './token-provider.js';

/**
 * Attaches the bearer token to every request, whatever the host and scheme. The SDK's own
 * AuthenticationHandler only does so for Graph hosts over https, which would leave the local
 * tenant (http on loopback) unauthenticated.
 */
export class AuthHandler extends ChainedMiddleware {
  constructor(private readonly tokens: TokenProvider) {
    super();
  }

  async execute(context: Context): Promise<void> {
    let token: string;
    try {
      token = await this.tokens.getToken();
    } catch (err) {
      if (isGraphError(err)) throw err;
      const reason = err instanceof Error ? err.message : String(err);
      throw new GraphError(
        { status: 401, code: 'TokenAcquisitionFailed', message: `No token for Graph: ${reason}` },
        { cause: err },
      );
    }
    setHeader(context, 'Authorization', `Bearer ${token}`);
    await this.callNext(context);
  }
}
