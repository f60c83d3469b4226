import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { ProblemError } from '../app/index.js';
import { createOnBehalfOfTokenProvider, oboErrorToProblem } from './on-behalf-of.js';

const TENANT = '72f988bf-0000-4000-8000-00000000cafe';
const GUEST_TENANT = 'deadbeef-0000-4000-8000-000000000bad';
const CLIENT_ID = '00000000-0000-4000-8000-00000000a11e';
const GRAPH_SCOPE = 'https://graph.microsoft.com/Calendars.ReadWrite';

function fakeJwt(claims: Record<string, unknown>): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${part({ alg: 'RS256', kid: 'k', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}
const userToken = fakeJwt({
  aud: CLIENT_ID,
  tid: TENANT,
  oid: '11111111-2222-4333-8444-555555555555',
  scp: 'access_as_user',
  exp: Math.floor(Date.now() / 1000) + 3600,
});

interface TokenCall {
  url: string;
  body: URLSearchParams;
}

/** A canned Entra behind MSAL's network seam: metadata for any tenant, and a scripted token endpoint. */
function fakeEntra(tokenAnswer: () => { status: number; body: Record<string, unknown> }) {
  const calls: TokenCall[] = [];
  const network: INetworkModule = {
    async sendGetRequestAsync<T>(url: string): Promise<NetworkResponse<T>> {
      const tenant = /login\.microsoftonline\.com\/([^/]+)\//.exec(url)?.[1] ?? 'common';
      const base = `https://login.microsoftonline.com/${tenant}`;
      const body = {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        issuer: `${base}/v2.0`,
        jwks_uri: `https://login.microsoftonline.com/${tenant}/discovery/v2.0/keys`,
      };
      return { status: 200, headers: {}, body: body as T };
    },
    async sendPostRequestAsync<T>(
      url: string,
      options?: NetworkRequestOptions,
    ): Promise<NetworkResponse<T>> {
      calls.push({ url, body: new URLSearchParams(options?.body ?? '') });
      const answer = tokenAnswer();
      return { status: answer.status, headers: {}, body: answer.body as T };
    },
  };
  return { network, calls };
}

const provider = (network: INetworkModule) =>
  createOnBehalfOfTokenProvider({
    tenantId: TENANT,
    clientId: CLIENT_ID,
    clientSecret: 'test-secret',
    networkClient: network,
  });

async function problemOf(promise: Promise<unknown>): Promise<ProblemError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ProblemError) return err;
    throw err;
  }
  throw new Error('no problem was raised');
}

function aadError(code: number, error: string, extra: Record<string, unknown> = {}) {
  return {
    status: 400,
    body: {
      error,
      error_description: `AADSTS${code}: Something the tenant said. Trace ID: x Correlation ID: y`,
      error_codes: [code],
      ...extra,
    },
  };
}

describe('on-behalf-of token exchange', () => {
  it('exchanges the user token once and serves the repeat from the cache', async () => {
    const entra = fakeEntra(() => ({
      status: 200,
      body: {
        token_type: 'Bearer',
        scope: GRAPH_SCOPE,
        expires_in: 3600,
        ext_expires_in: 3600,
        access_token: 'downstream-token',
      },
    }));
    const obo = provider(entra.network);
    const token = await obo.acquireToken({ userToken, scopes: [GRAPH_SCOPE] });
    expect(token.accessToken).toBe('downstream-token');
    expect(token.expiresOn?.getTime()).toBeGreaterThan(Date.now());
    expect(entra.calls).toHaveLength(1);
    const [call] = entra.calls;
    expect(call?.url).toContain(`/${TENANT}/oauth2/v2.0/token`);
    expect(call?.body.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    expect(call?.body.get('requested_token_use')).toBe('on_behalf_of');
    expect(call?.body.get('assertion')).toBe(userToken);
    expect(call?.body.get('client_id')).toBe(CLIENT_ID);

    await obo.acquireToken({ userToken, scopes: [GRAPH_SCOPE] });
    expect(entra.calls).toHaveLength(1);
  });

  it("asks the user's own tenant for a guest of another allowed tenant", async () => {
    const entra = fakeEntra(() => ({
      status: 200,
      body: { token_type: 'Bearer', scope: GRAPH_SCOPE, expires_in: 3600, access_token: 't' },
    }));
    await provider(entra.network).acquireToken({
      userToken,
      scopes: [GRAPH_SCOPE],
      tenantId: GUEST_TENANT,
    });
    expect(entra.calls[0]?.url).toContain(`/${GUEST_TENANT}/oauth2/v2.0/token`);
  });

  it('refuses a tenant id that is not a GUID before any request', async () => {
    const entra = fakeEntra(() => ({ status: 500, body: {} }));
    await expect(
      provider(entra.network).acquireToken({
        userToken,
        scopes: [GRAPH_SCOPE],
        tenantId: 'evil.example/x',
      }),
    ).rejects.toThrow(/GUID/);
    expect(entra.calls).toHaveLength(0);
  });

  it('answers 403 consent-required when the user has not consented (AADSTS65001)', async () => {
    const entra = fakeEntra(() =>
      aadError(65001, 'invalid_grant', { suberror: 'consent_required' }),
    );
    const problem = await problemOf(
      provider(entra.network).acquireToken({ userToken, scopes: [GRAPH_SCOPE] }),
    );
    expect(problem.status).toBe(403);
    expect(problem.type).toBe('consent-required');
    expect(problem.extensions).toMatchObject({ scopes: [GRAPH_SCOPE], errorCode: 'AADSTS65001' });
    expect(JSON.stringify(problem.toJSON())).not.toContain('Something the tenant said');
  });

  it('answers 403 consent-required with the claims challenge when MFA is required (AADSTS50076)', async () => {
    const claims = '{"access_token":{"capolids":{"essential":true,"values":["abc"]}}}';
    const entra = fakeEntra(() =>
      aadError(50076, 'invalid_grant', { suberror: 'basic_action', claims }),
    );
    const problem = await problemOf(
      provider(entra.network).acquireToken({ userToken, scopes: [GRAPH_SCOPE] }),
    );
    expect(problem.type).toBe('consent-required');
    expect(problem.extensions).toMatchObject({ claims, errorCode: 'AADSTS50076' });
  });

  it('answers 403 consent-required for a bare invalid_grant', async () => {
    const entra = fakeEntra(() => aadError(500133, 'invalid_grant'));
    const problem = await problemOf(
      provider(entra.network).acquireToken({ userToken, scopes: [GRAPH_SCOPE] }),
    );
    expect(problem.status).toBe(403);
    expect(problem.type).toBe('consent-required');
  });

  it('answers 502 token-exchange-failed when the app itself is misconfigured', async () => {
    const entra = fakeEntra(() => ({ ...aadError(7000215, 'invalid_client'), status: 401 }));
    const problem = await problemOf(
      provider(entra.network).acquireToken({ userToken, scopes: [GRAPH_SCOPE] }),
    );
    expect(problem.status).toBe(502);
    expect(problem.type).toBe('token-exchange-failed');
    expect(JSON.stringify(problem.toJSON())).not.toContain('AADSTS');
  });

  it('leaves errors that are not from MSAL untouched', () => {
    expect(oboErrorToProblem(new Error('boom'), [GRAPH_SCOPE])).toBeUndefined();
  });

  it('needs a credential and a tenant GUID to start', () => {
    expect(() => createOnBehalfOfTokenProvider({ tenantId: TENANT, clientId: CLIENT_ID })).toThrow(
      /secret or a client certificate/,
    );
    expect(() =>
      createOnBehalfOfTokenProvider({ tenantId: 'common', clientId: CLIENT_ID, clientSecret: 's' }),
    ).toThrow(/GUID/);
  });
});

describe('on-behalf-of against the local tenant (plain http on loopback)', () => {
  async function localTokenEndpoint(
    answer: (form: URLSearchParams) => { status: number; body: Record<string, unknown> },
  ) {
    const requests: { path: string; form: URLSearchParams }[] = [];
    const server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(raw);
        requests.push({ path: req.url ?? '', form });
        const a = answer(form);
        res.writeHead(a.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(a.body));
      });
    });
    server.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const close = () => new Promise<void>((r) => server.close(() => r()));
    return { origin, requests, close };
  }

  it('posts the same jwt-bearer grant MSAL would and returns the delegated token', async () => {
    const idp = await localTokenEndpoint((form) => ({
      status: 200,
      body: {
        token_type: 'Bearer',
        access_token: `delegated-for-${form.get('assertion')?.length ?? 0}`,
        expires_in: 3600,
        scope: form.get('scope') ?? '',
      },
    }));
    try {
      const obo = createOnBehalfOfTokenProvider({
        tenantId: TENANT,
        clientId: CLIENT_ID,
        clientSecret: 'local-tenant',
        localTenantOrigin: idp.origin,
      });
      const token = await obo.acquireToken({ userToken, scopes: [GRAPH_SCOPE] });
      expect(token.accessToken).toBe(`delegated-for-${userToken.length}`);
      expect(token.scopes).toEqual([GRAPH_SCOPE]);
      expect(token.expiresOn?.getTime()).toBeGreaterThan(Date.now());
      const [request] = idp.requests;
      expect(request?.path).toBe(`/${TENANT}/oauth2/v2.0/token`);
      expect(request?.form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
      expect(request?.form.get('requested_token_use')).toBe('on_behalf_of');
      expect(request?.form.get('assertion')).toBe(userToken);
    } finally {
      await idp.close();
    }
  });

  it('maps the consent error of the local tenant to the same 403 consent-required', async () => {
    const idp = await localTokenEndpoint(() =>
      aadError(65001, 'invalid_grant', { suberror: 'consent_required' }),
    );
    try {
      const obo = createOnBehalfOfTokenProvider({
        tenantId: TENANT,
        clientId: CLIENT_ID,
        clientSecret: 'local-tenant',
        localTenantOrigin: idp.origin,
      });
      const problem = await problemOf(obo.acquireToken({ userToken, scopes: [GRAPH_SCOPE] }));
      expect(problem.status).toBe(403);
      expect(problem.type).toBe('consent-required');
      expect(problem.extensions).toMatchObject({ errorCode: 'AADSTS65001' });
    } finally {
      await idp.close();
    }
  });

  it('refuses a local tenant that is not on loopback over plain http', () => {
    expect(() =>
      createOnBehalfOfTokenProvider({
        tenantId: TENANT,
        clientId: CLIENT_ID,
        clientSecret: 's',
        localTenantOrigin: 'http://idp.example',
      }),
    ).toThrow(/https/);
  });
});
