import { afterEach, describe, expect, it } from 'vitest';
import { createLocalTokenProvider } from './local-token-provider.js';
import { startFakeGraph, type FakeGraph } from './testing/fake-graph-server.js';

let fake: FakeGraph | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('createLocalTokenProvider', () => {
  it('reports the endpoint error without the secret', async () => {
    fake = await startFakeGraph(() => ({
      status: 401,
      body: {
        error: 'invalid_client',
        error_description: 'AADSTS7000215: Invalid client secret provided.',
      },
    }));
    const provider = createLocalTokenProvider({
      tokenUrl: `${fake.origin}/t/oauth2/v2.0/token`,
      clientId: 'c',
      clientSecret: 'hunter2',
    });
    const err: unknown = await provider.getToken().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain('401');
    expect((err as Error).message).toContain('Invalid client secret');
    expect((err as Error).message).not.toContain('hunter2');
  });

  it('uses the given scope', async () => {
    fake = await startFakeGraph(() => ({ body: { access_token: 'tok', expires_in: 3599 } }));
    const provider = createLocalTokenProvider({
      tokenUrl: `${fake.origin}/t/oauth2/v2.0/token`,
      clientId: 'c',
      clientSecret: 's',
      scope: 'api://x/.default',
    });
    expect(await provider.getToken()).toBe('tok');
    expect(new URLSearchParams(String(fake.requests[0]?.body)).get('scope')).toBe(
      'api://x/.default',
    );
    expect(fake.requests[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });
});
