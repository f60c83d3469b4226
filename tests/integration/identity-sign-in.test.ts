import { createPublicKey } from 'node:crypto';
import { SignJWT, base64url, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../api/src/store/testing.js';
import { loadConfig } from '../../api/src/config/index.js';
import type { DevPerson, DevSignIn, Me } from '../../api/src/contract/api-types.js';
import { startServer, type RunningServer } from '../../api/src/server.js';

interface ProblemBody {
  type: string;
  status: number;
  reason?: string;
}

/**
 * Local mode end to end: the embedded local tenant issues the token, and the API accepts it
 * through the same validator that checks Entra tokens (published keys, issuer, audience, scope).
 */
describe('dev sign-in on the embedded local tenant', () => {
  let app: RunningServer;

  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startServer(
      loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        LOG_LEVEL: 'silent',
        ...database.env,
        LOCAL_TENANT_PEOPLE: '60',
      }),
    );
    await app.firstSync;
  });
  afterAll(async () => {
    await app.close();
    await database.cleanup();
  });

  const get = (path: string, token?: string) =>
    fetch(`${app.url}${path}`, {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });

  async function people(query = ''): Promise<DevPerson[]> {
    const res = await get(`/dev/people?limit=50${query}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { people: DevPerson[] }).people;
  }

  async function signIn(userId: string): Promise<DevSignIn> {
    const res = await fetch(`${app.url}/dev/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as DevSignIn;
  }

  async function refused(token: string): Promise<ProblemBody> {
    const res = await get('/api/me', token);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    return (await res.json()) as ProblemBody;
  }

  it('serves requests Express does not re-prototype (each swap kept them alive past the young generation)', async () => {
    const born: object[] = [];
    const watch = (req: object) => born.push(Object.getPrototypeOf(req) as object);
    app.server.prependListener('request', watch);
    try {
      expect((await get('/healthz')).status).toBe(200);
    } finally {
      app.server.removeListener('request', watch);
    }
    expect(born).toHaveLength(1);
    // Express's own request methods (`req.get`) are there before Express sees the request.
    expect(typeof (born[0] as { get?: unknown }).get).toBe('function');
    expect('app' in (born[0] ?? {})).toBe(true);
  });

  it('lists demo people with their admin flag and suggested role, and searches them', async () => {
    const all = await people();
    expect(all.length).toBeGreaterThan(10);
    expect(all.some((p) => p.isAdmin)).toBe(true);
    expect(all.some((p) => p.suggestedRole === 'mentor')).toBe(true);
    expect(all.some((p) => p.suggestedRole === 'leader')).toBe(true);
    const first = all[0];
    if (first === undefined) throw new Error('no people');
    const found = await people(`&search=${encodeURIComponent(first.displayName)}`);
    expect(found.map((p) => p.id)).toContain(first.id);
  });

  it('signs a demo person in with a token the real validator accepts', async () => {
    const person = (await people()).find((p) => !p.isAdmin);
    if (person === undefined) throw new Error('no participant');
    const { accessToken, expiresIn } = await signIn(person.id);
    expect(expiresIn).toBeGreaterThan(600);
    // Issued by the local tenant as Entra would: v2 issuer, our app as audience, the SSO scope.
    const claims = decodeJwt(accessToken);
    expect(claims.iss).toBe(app.localTenant?.issuer);
    expect(claims.scp).toBe('access_as_user');

    const res = await get('/api/me', accessToken);
    expect(res.status).toBe(200);
    const me = (await res.json()) as Me;
    expect(me).toMatchObject({
      id: person.id,
      displayName: person.displayName,
      isAdmin: false,
      localMode: true,
    });
  });

  it('gives admins of the demo organisation the Program.Admin role', async () => {
    const admin = (await people()).find((p) => p.isAdmin);
    if (admin === undefined) throw new Error('no admin');
    const { accessToken } = await signIn(admin.id);
    const me = (await (await get('/api/me', accessToken)).json()) as Me;
    expect(me.isAdmin).toBe(true);
    expect((await get('/api/audit?limit=5', accessToken)).status).toBe(200);
  });

  it('answers 401 without a token, with a plain Bearer challenge', async () => {
    const res = await get('/api/me');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await res.json()) as ProblemBody).type).toMatch(/unauthenticated$/);
  });

  it('refuses a local tenant token whose claims were edited', async () => {
    const [victim, attacker] = (await people()).filter((p) => !p.isAdmin);
    if (victim === undefined || attacker === undefined) throw new Error('not enough people');
    const { accessToken } = await signIn(attacker.id);
    const [header, payload, signature] = accessToken.split('.');
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload ?? ''))) as Record<
      string,
      unknown
    >;
    const forged = base64url.encode(
      JSON.stringify({ ...claims, oid: victim.id, roles: ['Program.Admin'] }),
    );
    expect((await refused(`${header ?? ''}.${forged}.${signature ?? ''}`)).reason).toBe(
      'bad-signature',
    );
  });

  it('refuses alg "none" and an HS256 token keyed with the published public key', async () => {
    const person = (await people())[0];
    if (person === undefined) throw new Error('no people');
    const { accessToken } = await signIn(person.id);
    const claims = decodeJwt(accessToken);
    const kid = (
      JSON.parse(new TextDecoder().decode(base64url.decode(accessToken.split('.')[0] ?? ''))) as {
        kid: string;
      }
    ).kid;

    const none = [
      base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT', kid })),
      base64url.encode(JSON.stringify(claims)),
      '',
    ].join('.');
    expect((await refused(none)).reason).toBe('alg-not-allowed');

    // Algorithm confusion: the attacker knows the public key and uses it as an HMAC secret.
    const jwks = (await (await fetch(app.localTenant?.jwksUrl ?? '')).json()) as {
      keys: Record<string, unknown>[];
    };
    const jwk = jwks.keys[0];
    if (jwk === undefined) throw new Error('no published key');
    const pem = createPublicKey({ key: jwk as never, format: 'jwk' }).export({
      type: 'spki',
      format: 'pem',
    });
    const hs256 = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid })
      .sign(new TextEncoder().encode(pem.toString()));
    expect((await refused(hs256)).reason).toBe('alg-not-allowed');
  });
});
