import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalTenant, type LocalTenant } from './local-tenant.js';

let tenant: LocalTenant;
const clientId = '11111111-2222-4333-8444-555555555555';

beforeAll(async () => {
  tenant = await startLocalTenant({ people: 300, clientId });
});
afterAll(() => tenant.close());

describe('identity endpoints', () => {
  it('publishes OpenID metadata and JWKS that verify the dev user tokens as Entra v2 tokens', async () => {
    const meta = (await (await fetch(tenant.openIdMetadataUrl)).json()) as {
      issuer: string;
      jwks_uri: string;
      token_endpoint: string;
    };
    expect(meta.issuer).toBe(`${tenant.origin}/${tenant.tenantId}/v2.0`);
    expect(meta.jwks_uri).toBe(tenant.jwksUrl);
    expect(meta.token_endpoint).toBe(tenant.tokenUrl);

    const admin = tenant.state.org.programAdminIds[0] ?? '';
    const res = await fetch(`${tenant.origin}/_local/users/${admin}/token`, { method: 'POST' });
    const { access_token: token } = (await res.json()) as { access_token: string };
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(meta.jwks_uri)), {
      issuer: meta.issuer,
      audience: clientId,
    });
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
    expect(payload).toMatchObject({
      tid: tenant.tenantId,
      oid: admin,
      scp: 'access_as_user',
      roles: ['Program.Admin'],
      ver: '2.0',
    });
    expect(payload.preferred_username).toContain('@contoso.example');
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600);

    const someone = tenant.state.org.people[150]?.id ?? '';
    const other = (await (
      await fetch(`${tenant.origin}/_local/users/${someone}/token`, { method: 'POST' })
    ).json()) as { access_token: string };
    const { payload: p2 } = await jwtVerify(
      other.access_token,
      createRemoteJWKSet(new URL(meta.jwks_uri)),
      { audience: clientId },
    );
    expect(p2.roles).toBeUndefined();
  });

  it('issues app-only Graph tokens for client credentials and refuses a request without a secret', async () => {
    const ok = await fetch(tenant.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: 'x',
      }),
    });
    const body = (await ok.json()) as {
      token_type: string;
      expires_in: number;
      access_token: string;
    };
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    const { payload } = await jwtVerify(
      body.access_token,
      createRemoteJWKSet(new URL(tenant.jwksUrl)),
      { audience: 'https://graph.microsoft.com' },
    );
    expect(payload.roles).toEqual(
      expect.arrayContaining(['User.Read.All', 'Calendars.ReadWrite', 'MailboxSettings.Read']),
    );
    const bad = await fetch(tenant.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId }),
    });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: string }).error).toBe('invalid_client');
  });

  it('refuses a user token for our API when calling Graph', async () => {
    const someone = tenant.state.org.people[5]?.id ?? '';
    const { access_token: token } = (await (
      await fetch(`${tenant.origin}/_local/users/${someone}/token`, { method: 'POST' })
    ).json()) as { access_token: string };
    const r = await fetch(`${tenant.baseUrl}/users`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(r.status).toBe(401);
  });
});
