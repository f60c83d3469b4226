import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../api/src/store/testing.js';
import { LOCAL_CLIENT_ID, LOCAL_TENANT_ID, loadConfig } from '../../api/src/config/index.js';
import type { Me } from '../../api/src/contract/api-types.js';
import { startTestIssuer, type TestIssuer } from '../../api/src/identity/test-issuer.js';
import { startLocalTenant, type LocalTenant } from '../../api/src/local-tenant/index.js';
import { startServer, type RunningServer } from '../../api/src/server.js';

const FOREIGN_TENANT = '99999999-9999-4999-8999-999999999999';

/**
 * Every way a bearer token can be wrong, proven through the running app on `/api/me`. The app
 * trusts a test OpenID provider (as it would trust Entra's metadata), so each token differs from
 * a valid one in exactly the claim under test.
 */
describe('bearer tokens through the app', () => {
  let issuer: TestIssuer;
  let tenant: LocalTenant;
  let app: RunningServer;
  let personId: string;

  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    issuer = await startTestIssuer({ tenantId: LOCAL_TENANT_ID, clientId: LOCAL_CLIENT_ID });
    tenant = await startLocalTenant({
      port: 0,
      people: 30,
      tenantId: LOCAL_TENANT_ID,
      clientId: LOCAL_CLIENT_ID,
    });
    app = await startServer(
      loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        LOG_LEVEL: 'silent',
        ...database.env,
        GRAPH_BASE_URL: tenant.baseUrl,
        AUTH_OPENID_METADATA_URL: issuer.metadataUrl,
      }),
    );
    await app.firstSync;
    const someone = tenant.state.directory.records.find((r) => r.removed === null);
    if (someone === undefined) throw new Error('empty tenant');
    personId = someone.person.id;
  });
  afterAll(async () => {
    await app.close();
    await database.cleanup();
    await tenant.close();
    await issuer.close();
  });

  const me = (token: string) =>
    fetch(`${app.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });

  async function refusedBecause(token: string): Promise<string | undefined> {
    const res = await me(token);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    const body = (await res.json()) as { type: string; reason?: string };
    expect(body.type).toMatch(/unauthenticated$/);
    return body.reason;
  }

  it('accepts a valid token and answers with the caller’s person record', async () => {
    const res = await me(await issuer.sign({ oid: personId }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Me;
    expect(body.id).toBe(personId);
    expect(body.isAdmin).toBe(false);
  });

  it('refuses the api://<domain>/<clientId> audience of a domain the app does not serve', async () => {
    const token = await issuer.sign({ oid: personId, aud: `api://rm.example/${LOCAL_CLIENT_ID}` });
    expect(await refusedBecause(token)).toBe('wrong-audience');
  });

  it('refuses a wrong audience', async () => {
    expect(
      await refusedBecause(await issuer.sign({ oid: personId, aud: 'api://someone-else' })),
    ).toBe('wrong-audience');
  });

  it('refuses an issuer that is not the configured identity provider', async () => {
    const token = await issuer.sign({
      oid: personId,
      iss: `https://login.microsoftonline.com/${LOCAL_TENANT_ID}/v2.0`,
    });
    expect(await refusedBecause(token)).toBe('wrong-issuer');
  });

  it('refuses a token from a tenant the app does not serve', async () => {
    const token = await issuer.sign({
      oid: personId,
      tid: FOREIGN_TENANT,
      iss: issuer.issuer(FOREIGN_TENANT),
    });
    expect(await refusedBecause(token)).toBe('tenant-not-allowed');
  });

  it('refuses an expired token (beyond the clock skew)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await issuer.sign({
      oid: personId,
      iat: now - 7200,
      nbf: now - 7200,
      exp: now - 600,
    });
    expect(await refusedBecause(token)).toBe('expired');
  });

  it('refuses a token signed by a key the provider does not publish', async () => {
    await issuer.addKey('rogue', { publish: false });
    expect(await refusedBecause(await issuer.sign({ oid: personId }, { kid: 'rogue' }))).toBe(
      'unknown-key',
    );
  });

  it('refuses a token without the access_as_user scope', async () => {
    expect(await refusedBecause(await issuer.sign({ oid: personId, scp: 'User.Read' }))).toBe(
      'missing-scope',
    );
  });

  it('answers 404 not-in-directory for a valid token of someone the org sync does not know', async () => {
    const res = await me(await issuer.sign({ oid: '00000000-0000-4000-8000-0000000000ff' }));
    expect(res.status).toBe(404);
    expect(((await res.json()) as { type: string }).type).toMatch(/not-in-directory$/);
  });

  it('answers 401 on every API route for a refused token, never as if anonymous', async () => {
    const forged = await issuer.sign({ oid: personId, aud: 'api://someone-else' });
    const res = await fetch(`${app.url}/api/audit`, {
      headers: { authorization: `Bearer ${forged}` },
    });
    expect(res.status).toBe(401);
  });
});
