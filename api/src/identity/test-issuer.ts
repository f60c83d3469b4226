import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  exportJWK,
  exportSPKI,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';

/**
 * Test support, not used at run time: an OpenID provider on loopback with keys made in the test,
 * counting fetches so key-refresh behaviour can be asserted.
 */
export interface TestIssuer {
  origin: string;
  tenantId: string;
  metadataUrl: string;
  /** The v2 issuer of this provider for `tid`. */
  issuer(tid?: string): string;
  /** Signs a token with a published key (or one passed in) and sensible Teams SSO defaults. */
  sign(
    claims?: JWTPayload,
    o?: { kid?: string; key?: CryptoKey; omitKid?: boolean },
  ): Promise<string>;
  /** Makes a key pair; `publish` adds it to the JWKS the provider serves. */
  addKey(kid: string, o?: { publish?: boolean }): Promise<CryptoKey>;
  publicKeyPem(kid: string): Promise<string>;
  counts: { metadata: number; jwks: number };
  close(): Promise<void>;
}

export interface TestIssuerOptions {
  tenantId: string;
  clientId: string;
  /** `tenant`: metadata names the real tenant (local tenant, Entra tenant endpoint); `common`: `{tenantid}`. */
  issuerStyle?: 'tenant' | 'common';
}

interface KeyEntry {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK;
  published: boolean;
}

export async function startTestIssuer(o: TestIssuerOptions): Promise<TestIssuer> {
  const keys = new Map<string, KeyEntry>();
  const counts = { metadata: 0, jwks: 0 };
  let origin = '';
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === `/${o.tenantId}/v2.0/.well-known/openid-configuration`) {
      counts.metadata += 1;
      const issuer =
        o.issuerStyle === 'common' ? `${origin}/{tenantid}/v2.0` : `${origin}/${o.tenantId}/v2.0`;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ issuer, jwks_uri: `${origin}/${o.tenantId}/discovery/v2.0/keys` }));
      return;
    }
    if (path === `/${o.tenantId}/discovery/v2.0/keys`) {
      counts.jwks += 1;
      const published = [...keys.values()].filter((k) => k.published).map((k) => k.jwk);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: published }));
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const issuer = (tid = o.tenantId) => `${origin}/${tid}/v2.0`;

  async function addKey(kid: string, opts: { publish?: boolean } = {}): Promise<CryptoKey> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    keys.set(kid, { privateKey, publicKey, jwk, published: opts.publish ?? true });
    return privateKey;
  }
  await addKey('key-1');

  return {
    origin,
    tenantId: o.tenantId,
    metadataUrl: `${origin}/${o.tenantId}/v2.0/.well-known/openid-configuration`,
    issuer,
    counts,
    addKey,
    async publicKeyPem(kid) {
      const entry = keys.get(kid);
      if (entry === undefined) throw new Error(`no key ${kid}`);
      return exportSPKI(entry.publicKey);
    },
    async sign(claims = {}, opts = {}) {
      const kid = opts.kid ?? 'key-1';
      const key = opts.key ?? keys.get(kid)?.privateKey;
      if (key === undefined) throw new Error(`no key ${kid}`);
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({
        iss: issuer(),
        aud: o.clientId,
        tid: o.tenantId,
        oid: '11111111-2222-4333-8444-555555555555',
        preferred_username: 'ada@contoso.example',
        name: 'Ada Lovelace',
        scp: 'access_as_user',
        ver: '2.0',
        iat: now,
        nbf: now,
        exp: now + 3600,
        ...claims,
      })
        .setProtectedHeader(opts.omitKid === true ? { alg: 'RS256' } : { alg: 'RS256', kid })
        .sign(key);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
