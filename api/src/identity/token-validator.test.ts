// Long on purpose: one case per token-rejection reason of the validator, all against the same test issuer.
import { createHmac } from 'node:crypto';
import { exportJWK, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthError, type AuthFailureReason } from './auth-error.js';
import { startTestIssuer, type TestIssuer } from './test-issuer.js';
import { createTokenValidator, type TokenValidatorOptions } from './token-validator.js';

const TENANT = '72f988bf-0000-4000-8000-00000000cafe';
const FOREIGN_TENANT = 'deadbeef-0000-4000-8000-000000000bad';
const CLIENT_ID = '00000000-0000-4000-8000-00000000a11e';
const APP_ID_URI = `api://tab.contoso.example/${CLIENT_ID}`;

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function rejection(promise: Promise<unknown>): Promise<AuthError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AuthError) return err;
    throw err;
  }
  throw new Error('the token was accepted');
}

async function expectRejected(promise: Promise<unknown>, reason: AuthFailureReason, token = '') {
  const err = await rejection(promise);
  expect(err.reason).toBe(reason);
  if (token !== '') {
    // Nothing of the token (not even its signature) may reach a message a log or client sees.
    expect(err.message).not.toContain(token.split('.')[2] ?? token);
    expect(JSON.stringify({ ...err, message: err.message })).not.toContain(token.slice(0, 40));
  }
}

describe('token validator (local-tenant style metadata naming its own tenant)', () => {
  let issuer: TestIssuer;
  let fetches = 0;
  const countingFetch: typeof fetch = (input, init) => {
    fetches += 1;
    return fetch(input, init);
  };
  const options = (extra: Partial<TokenValidatorOptions> = {}): TokenValidatorOptions => ({
    openIdMetadataUrl: issuer.metadataUrl,
    clientId: CLIENT_ID,
    audiences: [APP_ID_URI],
    allowedTenants: [TENANT],
    requiredScope: 'access_as_user',
    fetchImpl: countingFetch,
    ...extra,
  });

  beforeAll(async () => {
    issuer = await startTestIssuer({ tenantId: TENANT, clientId: CLIENT_ID });
  });
  afterAll(() => issuer.close());

  it('accepts a valid v2 token and reads the caller from it', async () => {
    const validator = createTokenValidator(options());
    const principal = await validator.validate(
      await issuer.sign({ roles: ['Program.Admin'], scp: 'User.Read access_as_user' }),
    );
    expect(principal).toEqual({
      userId: '11111111-2222-4333-8444-555555555555',
      tenantId: TENANT,
      name: 'Ada Lovelace',
      username: 'ada@contoso.example',
      roles: ['Program.Admin'],
      scopes: ['User.Read', 'access_as_user'],
    });
  });

  it('accepts a valid v1 token (sts.windows.net issuer, api:// audience, upn)', async () => {
    const validator = createTokenValidator(options());
    const token = await issuer.sign({
      iss: `https://sts.windows.net/${TENANT}/`,
      aud: APP_ID_URI,
      ver: '1.0',
      preferred_username: undefined,
      upn: 'grace@contoso.example',
      name: 'Grace Hopper',
    });
    const principal = await validator.validate(token);
    expect(principal.username).toBe('grace@contoso.example');
    expect(principal.name).toBe('Grace Hopper');
    expect(principal.roles).toEqual([]);
  });

  it('fetches the metadata once and the keys once for many tokens', async () => {
    const validator = createTokenValidator(options());
    const before = { ...issuer.counts };
    const tokens = await Promise.all([1, 2, 3, 4, 5].map(() => issuer.sign()));
    await Promise.all(tokens.map((t) => validator.validate(t)));
    await validator.validate(await issuer.sign());
    expect(issuer.counts.metadata - before.metadata).toBe(1);
    expect(issuer.counts.jwks - before.jwks).toBe(1);
  });

  describe('remembered validations', () => {
    afterEach(() => {
      vi.useRealTimers();
      vi.restoreAllMocks();
    });

    it('verifies the signature of a token once, then answers from the cache', async () => {
      const validator = createTokenValidator(options());
      const token = await issuer.sign({ roles: ['Program.Admin'] });
      const verify = vi.spyOn(globalThis.crypto.subtle, 'verify');
      const first = await validator.validate(token);
      expect(verify).toHaveBeenCalledTimes(1);
      // A caller changing its copy must not change what the next request is told.
      first.roles.push('Tampered');
      const again = await validator.validate(token);
      expect(verify).toHaveBeenCalledTimes(1);
      expect(again.roles).toEqual(['Program.Admin']);
      const off = createTokenValidator(options({ validationCacheSize: 0 }));
      await off.validate(token);
      await off.validate(token);
      expect(verify).toHaveBeenCalledTimes(3);
    });

    it('refuses an expired token even after it was cached', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const validator = createTokenValidator(options({ clockToleranceSeconds: 0 }));
      const now = Math.floor(Date.now() / 1000);
      const token = await issuer.sign({ iat: now, nbf: now, exp: now + 60 });
      expect((await validator.validate(token)).tenantId).toBe(TENANT);
      vi.setSystemTime((now + 61) * 1000);
      await expectRejected(validator.validate(token), 'expired', token);
    });

    it('verifies again once the cache age has passed, even before exp', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const validator = createTokenValidator(options({ validationCacheMaxAgeMs: 1_000 }));
      const token = await issuer.sign();
      const verify = vi.spyOn(globalThis.crypto.subtle, 'verify');
      await validator.validate(token);
      vi.setSystemTime(Date.now() + 1_500);
      await validator.validate(token);
      expect(verify).toHaveBeenCalledTimes(2);
    });

    it('never serves a different token from the cache, and never caches a refusal', async () => {
      const validator = createTokenValidator(options());
      const token = await issuer.sign({ roles: [] });
      expect((await validator.validate(token)).roles).toEqual([]);
      const [header, , signature] = token.split('.');
      // Same signature over other claims: must be verified (and refused), not looked up.
      const tampered = `${header}.${b64url({ tid: TENANT, roles: ['Program.Admin'] })}.${signature}`;
      await expectRejected(validator.validate(tampered), 'bad-signature', tampered);
      await expectRejected(validator.validate(tampered), 'bad-signature', tampered);
      const admin = await issuer.sign({ roles: ['Program.Admin'], oid: 'other-oid' });
      const other = await validator.validate(admin);
      expect(other.roles).toEqual(['Program.Admin']);
      expect(other.userId).toBe('other-oid');
      const wrongAudience = await issuer.sign({ aud: 'someone-else' });
      await expectRejected(validator.validate(wrongAudience), 'wrong-audience');
      await expectRejected(validator.validate(wrongAudience), 'wrong-audience');
    });
  });

  it('refuses alg none, whatever the signature part holds', async () => {
    const validator = createTokenValidator(options());
    const valid = await issuer.sign();
    const payload = valid.split('.')[1] ?? '';
    for (const header of [{ alg: 'none', kid: 'key-1' }, { alg: 'none' }, { alg: 'None' }]) {
      await expectRejected(validator.validate(`${b64url(header)}.${payload}.`), 'alg-not-allowed');
      await expectRejected(
        validator.validate(`${b64url(header)}.${payload}.${valid.split('.')[2] ?? ''}`),
        'alg-not-allowed',
      );
    }
  });

  /** Claims an attacker would put in a token they sign themselves: right issuer and audience. */
  const attackerClaims = () => ({
    iss: issuer.issuer(),
    aud: CLIENT_ID,
    tid: TENANT,
    oid: 'attacker',
    scp: 'access_as_user',
    exp: Math.floor(Date.now() / 1000) + 600,
  });

  it('refuses an HS256 token keyed with the RSA public key (algorithm confusion)', async () => {
    const validator = createTokenValidator(options());
    const pem = await issuer.publicKeyPem('key-1');
    const forged = await new SignJWT({ ...attackerClaims(), roles: ['Program.Admin'] })
      .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
      .sign(new TextEncoder().encode(pem));
    await expectRejected(validator.validate(forged), 'alg-not-allowed', forged);
    // The same forgery labelled RS256 must fail the signature check rather than slip through.
    const [, body] = forged.split('.');
    const header = b64url({ alg: 'RS256', kid: 'key-1' });
    const mac = createHmac('sha256', pem).update(`${header}.${body}`).digest('base64url');
    await expectRejected(validator.validate(`${header}.${body}.${mac}`), 'bad-signature');
  });

  it('refuses a token whose signature does not match its content', async () => {
    const validator = createTokenValidator(options());
    const [header, , signature] = (await issuer.sign()).split('.');
    const tampered = `${header}.${b64url({ tid: TENANT, roles: ['Program.Admin'] })}.${signature}`;
    await expectRejected(validator.validate(tampered), 'bad-signature', tampered);
  });

  it('ignores a signing key embedded in the token header (jwk / jku injection)', async () => {
    const validator = createTokenValidator(options());
    const rogue = await issuer.addKey('embedded', { publish: false });
    const { kty, n, e } = await exportJWK(rogue);
    const forged = await new SignJWT(attackerClaims())
      .setProtectedHeader({
        alg: 'RS256',
        kid: 'key-1',
        jwk: { kty, n, e },
        jku: 'https://evil.example/keys',
      })
      .sign(rogue);
    await expectRejected(validator.validate(forged), 'bad-signature', forged);
  });

  it('refuses a token for another audience', async () => {
    const validator = createTokenValidator(options());
    const token = await issuer.sign({ aud: '00000003-0000-0000-c000-000000000000' });
    await expectRejected(validator.validate(token), 'wrong-audience', token);
    await expectRejected(
      validator.validate(await issuer.sign({ aud: `api://evil.example/${CLIENT_ID}` })),
      'wrong-audience',
    );
  });

  it('refuses a token from another issuer, or one naming another tenant than its tid', async () => {
    const validator = createTokenValidator(options());
    await expectRejected(
      validator.validate(await issuer.sign({ iss: 'https://evil.example/v2.0' })),
      'wrong-issuer',
    );
    await expectRejected(
      validator.validate(await issuer.sign({ iss: issuer.issuer(FOREIGN_TENANT) })),
      'wrong-issuer',
    );
    await expectRejected(
      validator.validate(await issuer.sign({ iss: `https://sts.windows.net/${FOREIGN_TENANT}/` })),
      'wrong-issuer',
    );
    // The local tenant's metadata names a provider; Entra's v2 issuer is not that provider.
    await expectRejected(
      validator.validate(
        await issuer.sign({ iss: `https://login.microsoftonline.com/${TENANT}/v2.0` }),
      ),
      'wrong-issuer',
    );
  });

  it('refuses a user of a tenant that is not in the allow list', async () => {
    const validator = createTokenValidator(options());
    const token = await issuer.sign({ tid: FOREIGN_TENANT, iss: issuer.issuer(FOREIGN_TENANT) });
    await expectRejected(validator.validate(token), 'tenant-not-allowed', token);
    const multi = createTokenValidator(options({ allowedTenants: [TENANT, FOREIGN_TENANT] }));
    expect((await multi.validate(token)).tenantId).toBe(FOREIGN_TENANT);
  });

  it('refuses an expired token beyond the clock tolerance, and accepts one within it', async () => {
    const validator = createTokenValidator(options());
    const now = Math.floor(Date.now() / 1000);
    const expired = await issuer.sign({ iat: now - 7200, nbf: now - 7200, exp: now - 120 });
    await expectRejected(validator.validate(expired), 'expired', expired);
    const justExpired = await issuer.sign({ exp: now - 30 });
    expect((await validator.validate(justExpired)).userId).toBeTruthy();
    const strict = createTokenValidator(options({ clockToleranceSeconds: 0 }));
    await expectRejected(strict.validate(justExpired), 'expired');
  });

  it('refuses a token that is not valid yet, and one without an expiry', async () => {
    const validator = createTokenValidator(options());
    const now = Math.floor(Date.now() / 1000);
    await expectRejected(
      validator.validate(await issuer.sign({ nbf: now + 600 })),
      'not-yet-valid',
    );
    await expectRejected(validator.validate(await issuer.sign({ exp: undefined })), 'malformed');
  });

  it('refuses a token without the access_as_user scope (an app-only token too)', async () => {
    const validator = createTokenValidator(options());
    await expectRejected(
      validator.validate(await issuer.sign({ scp: 'User.Read' })),
      'missing-scope',
    );
    await expectRejected(
      validator.validate(await issuer.sign({ scp: 'access_as_user_x' })),
      'missing-scope',
    );
    await expectRejected(
      validator.validate(await issuer.sign({ scp: undefined, roles: ['Program.Admin'] })),
      'missing-scope',
    );
  });

  it('refuses malformed tokens without fetching anything', async () => {
    const validator = createTokenValidator(options());
    const before = fetches;
    for (const token of [
      '',
      'not-a-jwt',
      'a.b',
      'a.b.c.d',
      `${b64url('just a string')}.${b64url({})}.sig`,
      '%%%.%%%.%%%',
      `${'a'.repeat(20_000)}.b.c`,
    ]) {
      await expectRejected(validator.validate(token), 'malformed');
    }
    await expectRejected(validator.validate(await issuer.sign({}, { omitKid: true })), 'malformed');
    expect(fetches).toBe(before);
  });

  it('refuses a token without oid or with a tid that is not a tenant id', async () => {
    const validator = createTokenValidator(options());
    await expectRejected(validator.validate(await issuer.sign({ oid: undefined })), 'malformed');
    await expectRejected(
      validator.validate(await issuer.sign({ tid: '../other', iss: issuer.issuer('../other') })),
      'malformed',
    );
  });

  it('refuses a token signed by an unknown key, after fetching the keys again once', async () => {
    const validator = createTokenValidator(options({ jwksCooldownMs: 0 }));
    const rogue = await issuer.addKey('rogue', { publish: false });
    const before = issuer.counts.jwks;
    const token = await issuer.sign({}, { kid: 'rogue', key: rogue });
    await expectRejected(validator.validate(token), 'unknown-key', token);
    // The first fetch loads the keys; the unknown kid causes exactly one more.
    expect(issuer.counts.jwks - before).toBe(2);
    // A known kid with a foreign key is a bad signature, not an unknown key.
    await expectRejected(
      validator.validate(await issuer.sign({}, { kid: 'key-1', key: rogue })),
      'bad-signature',
    );
  });

  it('does not fetch the keys again for unknown kids during the cooldown', async () => {
    const validator = createTokenValidator(options());
    await validator.validate(await issuer.sign());
    const before = issuer.counts.jwks;
    const rogue = await issuer.addKey('rogue-2', { publish: false });
    for (let i = 0; i < 5; i += 1) {
      await expectRejected(
        validator.validate(await issuer.sign({}, { kid: `forged-${i}`, key: rogue })),
        'unknown-key',
      );
    }
    expect(issuer.counts.jwks).toBe(before);
  });

  it('accepts a key added to the key set after start-up, after one refresh', async () => {
    const validator = createTokenValidator(options({ jwksCooldownMs: 0 }));
    await validator.validate(await issuer.sign());
    const before = issuer.counts.jwks;
    await issuer.addKey('key-2');
    const principal = await validator.validate(await issuer.sign({}, { kid: 'key-2' }));
    expect(principal.userId).toBeTruthy();
    expect(issuer.counts.jwks - before).toBe(1);
    await validator.validate(await issuer.sign({}, { kid: 'key-2' }));
    await validator.validate(await issuer.sign({}, { kid: 'key-1' }));
    expect(issuer.counts.jwks - before).toBe(1);
  });
});

describe('token validator (Entra common-style metadata with {tenantid})', () => {
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await startTestIssuer({
      tenantId: TENANT,
      clientId: CLIENT_ID,
      issuerStyle: 'common',
    });
  });
  afterAll(() => issuer.close());

  it('checks the issuer against the template filled with the token tenant', async () => {
    const validator = createTokenValidator({
      openIdMetadataUrl: issuer.metadataUrl,
      clientId: CLIENT_ID,
      allowedTenants: [TENANT, FOREIGN_TENANT],
      requiredScope: 'access_as_user',
    });
    expect((await validator.validate(await issuer.sign())).tenantId).toBe(TENANT);
    const other = await issuer.sign({ tid: FOREIGN_TENANT, iss: issuer.issuer(FOREIGN_TENANT) });
    expect((await validator.validate(other)).tenantId).toBe(FOREIGN_TENANT);
    const mixed = await issuer.sign({ tid: FOREIGN_TENANT, iss: issuer.issuer(TENANT) });
    await expectRejected(validator.validate(mixed), 'wrong-issuer');
    const literal = await issuer.sign({ iss: `${issuer.origin}/{tenantid}/v2.0` });
    await expectRejected(validator.validate(literal), 'wrong-issuer');
  });
});

describe('token validator set-up and key-source failures', () => {
  it('refuses to start without an allowed tenant or over plain http off loopback', () => {
    const base = { clientId: CLIENT_ID, allowedTenants: [TENANT] };
    expect(() =>
      createTokenValidator({
        ...base,
        openIdMetadataUrl: 'http://127.0.0.1/x',
        allowedTenants: [],
      }),
    ).toThrow(/allowedTenants/);
    expect(() =>
      createTokenValidator({ ...base, openIdMetadataUrl: 'http://login.example/x' }),
    ).toThrow(/https/);
  });

  it('reports an unreachable identity provider as keys-unavailable, then recovers', async () => {
    const issuer = await startTestIssuer({ tenantId: TENANT, clientId: CLIENT_ID });
    try {
      let down = true;
      const flaky: typeof fetch = (input, init) =>
        down ? Promise.reject(new TypeError('fetch failed')) : fetch(input, init);
      const validator = createTokenValidator({
        openIdMetadataUrl: issuer.metadataUrl,
        clientId: CLIENT_ID,
        allowedTenants: [TENANT],
        fetchImpl: flaky,
      });
      const token = await issuer.sign();
      await expectRejected(validator.validate(token), 'keys-unavailable', token);
      down = false;
      expect((await validator.validate(token)).tenantId).toBe(TENANT);
    } finally {
      await issuer.close();
    }
  });

  it('refuses metadata whose jwks_uri is plain http off loopback', async () => {
    const requested: string[] = [];
    const fake: typeof fetch = async (input) => {
      requested.push(String(input));
      return new Response(JSON.stringify({ issuer: 'x', jwks_uri: 'http://keys.example/keys' }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    };
    const validator = createTokenValidator({
      openIdMetadataUrl: 'https://login.example/.well-known/openid-configuration',
      clientId: CLIENT_ID,
      allowedTenants: [TENANT],
      fetchImpl: fake,
    });
    const err = await rejection(
      validator.validate(`${b64url({ alg: 'RS256', kid: 'k' })}.e30.c2ln`),
    );
    expect(err.reason).toBe('keys-unavailable');
    expect(requested).toEqual(['https://login.example/.well-known/openid-configuration']);
  });
});
