import {
  createRemoteJWKSet,
  customFetch,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
} from 'jose';
import type { Principal } from '../app/index.js';
import { AuthError, type AuthFailureReason } from './auth-error.js';
import {
  assertTrustedUrl,
  expectedIssuers,
  fetchOpenIdMetadata,
  isTenantId,
  issuerTemplate,
} from './openid-metadata.js';
import { createValidationCache } from './validation-cache.js';

export interface TokenValidatorOptions {
  /** e.g. `https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration`, or the local tenant's. */
  openIdMetadataUrl: string;
  /** The API's app id: the audience of v2 tokens. */
  clientId: string;
  /** More accepted audiences, e.g. `api://<domain>/<clientId>` (the audience of v1 tokens). */
  audiences?: string[];
  /** Tenants whose users may call the API. Must not be empty: the app never trusts every tenant. */
  allowedTenants: string[];
  /** Allowed skew between our clock and the issuer's for `exp` and `nbf`. Default 60. */
  clockToleranceSeconds?: number;
  /** A delegated scope every token must carry in `scp`, e.g. `access_as_user`. */
  requiredScope?: string;
  fetchImpl?: typeof fetch;
  /** After a key fetch, how long an unknown `kid` is refused without fetching again. Default 30 s. */
  jwksCooldownMs?: number;
  /** How long fetched keys are trusted before they are fetched again. Default 1 h. */
  jwksCacheMaxAgeMs?: number;
  /** Timeout of each metadata and key fetch. Default 5 s. */
  fetchTimeoutMs?: number;
  /**
   * How many successful validations are remembered (by a hash of the token) so a token is not
   * verified again on every request. Default 10 000; 0 turns the cache off.
   */
  validationCacheSize?: number;
  /** Longest a remembered validation is trusted, never past the token's `exp`. Default 5 min. */
  validationCacheMaxAgeMs?: number;
}

export interface TokenValidator {
  /** Resolves to the caller, or rejects with an `AuthError` naming why the token is refused. */
  validate(token: string): Promise<Principal>;
}

/** Entra signs access tokens with RS256 only; accepting anything else opens `none` and HMAC-confusion attacks. */
const ALLOWED_ALGORITHMS = ['RS256'];
/** Entra tokens are a few kB; a cap stops huge headers from costing parse time. */
const MAX_TOKEN_LENGTH = 16_384;
// The signature part may be empty so that `alg: none` is refused for its algorithm, not its shape.
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

type KeySet = ReturnType<typeof createRemoteJWKSet>;

interface Provider {
  issuerTemplate: string;
  keys: KeySet;
}

function claimReason(err: joseErrors.JWTClaimValidationFailed): AuthFailureReason {
  if (err.reason === 'missing') return 'malformed';
  if (err.claim === 'aud') return 'wrong-audience';
  if (err.claim === 'nbf') return 'not-yet-valid';
  if (err.claim === 'exp') return 'expired';
  return 'malformed';
}

/**
 * Maps what jose throws to a reason. jose claim errors carry the whole payload, so they are never
 * kept as `cause`: only key-fetch failures, which hold no token data, are.
 */
function toAuthError(err: unknown): AuthError {
  if (err instanceof AuthError) return err;
  if (err instanceof joseErrors.JWTExpired) return new AuthError('expired');
  if (err instanceof joseErrors.JWTClaimValidationFailed) return new AuthError(claimReason(err));
  if (err instanceof joseErrors.JWSSignatureVerificationFailed)
    return new AuthError('bad-signature');
  if (err instanceof joseErrors.JWKSNoMatchingKey) return new AuthError('unknown-key');
  if (err instanceof joseErrors.JWKSMultipleMatchingKeys) return new AuthError('unknown-key');
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return new AuthError('alg-not-allowed');
  if (
    err instanceof joseErrors.JWSInvalid ||
    err instanceof joseErrors.JWTInvalid ||
    err instanceof joseErrors.JOSENotSupported
  ) {
    return new AuthError('malformed');
  }
  // What is left is the key source failing (network, timeout, non-200, an invalid key set).
  return new AuthError('keys-unavailable', { cause: err });
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function toPrincipal(payload: JWTPayload, tid: string, scopes: string[]): Principal {
  const oid = stringClaim(payload, 'oid');
  if (oid === undefined) throw new AuthError('malformed');
  const roles = Array.isArray(payload.roles)
    ? payload.roles.filter((r): r is string => typeof r === 'string')
    : [];
  return {
    userId: oid,
    tenantId: tid,
    name: stringClaim(payload, 'name') ?? '',
    // v2 tokens name the user in preferred_username, v1 tokens in upn (or unique_name for guests).
    username:
      stringClaim(payload, 'preferred_username') ??
      stringClaim(payload, 'upn') ??
      stringClaim(payload, 'unique_name') ??
      '',
    roles,
    scopes,
  };
}

/**
 * Validates Teams SSO access tokens (v1 or v2) the same way against Entra and the local tenant:
 * only the metadata URL differs. Metadata is fetched once; keys are cached and fetched again when
 * a token names an unknown `kid` (at most once per cooldown, so forged kids cannot hammer the issuer).
 */
export function createTokenValidator(options: TokenValidatorOptions): TokenValidator {
  const metadataUrl = new URL(options.openIdMetadataUrl);
  assertTrustedUrl(metadataUrl, 'openIdMetadataUrl');
  if (options.clientId.trim() === '') throw new Error('clientId must not be empty');
  const allowedTenants = new Set(options.allowedTenants.map((t) => t.trim().toLowerCase()));
  allowedTenants.delete('');
  if (allowedTenants.size === 0) throw new Error('allowedTenants must name at least one tenant');
  const audiences = [...new Set([options.clientId, ...(options.audiences ?? [])])];
  const clockTolerance = options.clockToleranceSeconds ?? 60;
  const fetchImpl = options.fetchImpl ?? globalThis.fetch;
  const timeoutMs = options.fetchTimeoutMs ?? 5_000;

  const fetchProvider = async (): Promise<Provider> => {
    const metadata = await fetchOpenIdMetadata(metadataUrl, fetchImpl, timeoutMs);
    return {
      issuerTemplate: issuerTemplate(metadata.issuer),
      keys: createRemoteJWKSet(metadata.jwksUri, {
        cooldownDuration: options.jwksCooldownMs ?? 30_000,
        cacheMaxAge: options.jwksCacheMaxAgeMs ?? 3_600_000,
        timeoutDuration: timeoutMs,
        [customFetch]: fetchImpl,
      }),
    };
  };
  const validations = createValidationCache({
    maxEntries: options.validationCacheSize ?? 10_000,
    maxAgeMs: options.validationCacheMaxAgeMs ?? 300_000,
  });
  let provider: Promise<Provider> | undefined;
  const loadProvider = (): Promise<Provider> => {
    provider ??= fetchProvider().catch((err: unknown) => {
      // A failed fetch is not remembered: the next request tries again.
      provider = undefined;
      throw new AuthError('keys-unavailable', { cause: err });
    });
    return provider;
  };

  return {
    async validate(token) {
      if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token))
        throw new AuthError('malformed');
      // These exact bytes passed every check below before; the cache's deadline (never past exp) holds.
      const cached = validations.get(token);
      if (cached !== undefined) return cached;
      let alg: unknown;
      let kid: unknown;
      try {
        ({ alg, kid } = decodeProtectedHeader(token));
      } catch {
        throw new AuthError('malformed');
      }
      if (typeof alg !== 'string' || !ALLOWED_ALGORITHMS.includes(alg))
        throw new AuthError('alg-not-allowed');
      // Without a kid, key selection would fall back to "any RSA key", which Entra never needs.
      if (typeof kid !== 'string' || kid === '') throw new AuthError('malformed');

      const { issuerTemplate: template, keys } = await loadProvider();
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          algorithms: ALLOWED_ALGORITHMS,
          audience: audiences,
          clockTolerance,
          requiredClaims: ['exp'],
        }));
      } catch (err) {
        throw toAuthError(err);
      }

      const tid = payload.tid;
      if (!isTenantId(tid)) throw new AuthError('malformed');
      if (!allowedTenants.has(tid.toLowerCase())) throw new AuthError('tenant-not-allowed');
      // The issuer must name the same tenant as `tid`, in the v1 or the v2 form.
      if (
        typeof payload.iss !== 'string' ||
        !expectedIssuers(template, tid).includes(payload.iss)
      ) {
        throw new AuthError('wrong-issuer');
      }
      const scp = stringClaim(payload, 'scp');
      const scopes = scp === undefined ? [] : scp.split(' ').filter((s) => s !== '');
      if (options.requiredScope !== undefined && !scopes.includes(options.requiredScope))
        throw new AuthError('missing-scope');
      const principal = toPrincipal(payload, tid, scopes);
      // `exp` is required by the verification above, so it is a number here.
      if (typeof payload.exp === 'number') validations.set(token, principal, payload.exp);
      return principal;
    },
  };
}
