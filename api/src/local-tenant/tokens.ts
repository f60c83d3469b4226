import { randomUUID } from 'node:crypto';
import {
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import type { DemoPerson } from './demo-org.js';

export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
/** The application permissions our app is granted (least privilege, as documented for IT). */
export const GRAPH_APP_ROLES = [
  'User.Read.All',
  'MailboxSettings.Read',
  'Calendars.ReadWrite',
  'TeamsActivity.Send',
  'GroupMember.Read.All',
];

export interface VerifiedToken {
  appId: string;
  /** Object id of the caller: the user for delegated tokens, the app's service principal otherwise. */
  oid: string;
  roles: string[];
  scp: string | undefined;
}

/**
 * The tenant's signing key and the tokens Entra would issue: app-only Graph tokens
 * (client credentials) and v2 tokens for our API.
 */
export class TokenIssuer {
  private readonly verified = new Map<string, { token: VerifiedToken; expMs: number }>();

  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    readonly jwk: JWK,
    /** Set once the server knows its port (the issuer contains the origin). */
    public issuer: string,
    private readonly tenantId: string,
  ) {}

  static async create(o: { issuer: string; tenantId: string }): Promise<TokenIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    const kid = randomUUID().replace(/-/g, '').slice(0, 27);
    return new TokenIssuer(
      privateKey,
      publicKey,
      { ...jwk, kid, use: 'sig', alg: 'RS256' },
      o.issuer,
      o.tenantId,
    );
  }

  private sign(claims: JWTPayload, audience: string): Promise<string> {
    return new SignJWT({ ...claims, tid: this.tenantId, ver: '2.0' })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.jwk.kid ?? '' })
      .setIssuer(this.issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime('1h')
      .setJti(randomUUID())
      .sign(this.privateKey);
  }

  /** Client credentials: an app-only Graph token carrying the application permissions. */
  appToken(clientId: string, roles: readonly string[] = GRAPH_APP_ROLES): Promise<string> {
    const oid = `sp-${clientId}`;
    return this.sign(
      { appid: clientId, azp: clientId, oid, sub: oid, roles: [...roles], idtyp: 'app' },
      GRAPH_AUDIENCE,
    );
  }

  /** The v2 access token Entra issues for our API to a signed-in user (Teams SSO). */
  userToken(clientId: string, person: DemoPerson): Promise<string> {
    return this.sign(
      {
        azp: clientId,
        oid: person.id,
        sub: person.id,
        name: person.displayName,
        preferred_username: person.userPrincipalName,
        scp: 'access_as_user',
        ...(person.programAdmin ? { roles: ['Program.Admin'] } : {}),
      },
      clientId,
    );
  }

  /** Verifies a token for `audience`; cached per token string so hot paths skip the RSA check. */
  async verify(token: string, audience: string): Promise<VerifiedToken> {
    const hit = this.verified.get(token);
    if (hit !== undefined && hit.expMs > Date.now()) return hit.token;
    const { payload } = await jwtVerify(token, this.publicKey, {
      issuer: this.issuer,
      audience,
      algorithms: ['RS256'],
    });
    const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
    const verified: VerifiedToken = {
      appId: str(payload.appid) ?? str(payload.azp) ?? '',
      oid: str(payload.oid) ?? '',
      roles: Array.isArray(payload.roles)
        ? payload.roles.filter((r): r is string => typeof r === 'string')
        : [],
      scp: str(payload.scp),
    };
    if (this.verified.size > 10_000) this.verified.clear();
    this.verified.set(token, { token: verified, expMs: (payload.exp ?? 0) * 1000 });
    return verified;
  }
}
