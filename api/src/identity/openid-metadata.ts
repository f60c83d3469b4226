import { z } from 'zod';

/** The two members of an OpenID Provider configuration that token validation relies on. */
export interface OpenIdMetadata {
  issuer: string;
  jwksUri: URL;
}

const metadataSchema = z.object({
  issuer: z.string().min(1).max(2048),
  jwks_uri: z.url().max(2048),
});

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TENANT_SEGMENT = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/i;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

export function isTenantId(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}

/**
 * Keys and metadata may only come over https, except from loopback where the local tenant runs:
 * an http fetch across a network would let anyone on the path substitute signing keys.
 */
export function assertTrustedUrl(url: URL, what: string): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return;
  throw new Error(`${what} must use https (plain http is allowed on loopback only)`);
}

/**
 * Turns the metadata issuer into a template with `{tenantid}`. Entra's common endpoint already
 * publishes one; a tenant-specific endpoint (Entra or the local tenant) names its own tenant, which
 * is swapped out so tokens of every allowed tenant can be checked against the same provider.
 */
export function issuerTemplate(metadataIssuer: string): string {
  if (metadataIssuer.includes('{tenantid}')) return metadataIssuer;
  return metadataIssuer.replace(TENANT_SEGMENT, '/{tenantid}');
}

/** The issuers a token of tenant `tid` may carry: the v2 form of this provider and Entra's v1 form. */
export function expectedIssuers(template: string, tid: string): string[] {
  return [template.replaceAll('{tenantid}', tid), `https://sts.windows.net/${tid}/`];
}

export async function fetchOpenIdMetadata(
  url: URL,
  fetchImpl: typeof fetch,
  timeoutMs: number,
): Promise<OpenIdMetadata> {
  const response = await fetchImpl(url, {
    headers: { accept: 'application/json' },
    redirect: 'error',
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (response.status !== 200) {
    throw new Error(`OpenID metadata answered ${response.status}`);
  }
  const parsed = metadataSchema.safeParse(await response.json());
  if (!parsed.success) throw new Error('OpenID metadata lacks a valid issuer or jwks_uri');
  const jwksUri = new URL(parsed.data.jwks_uri);
  assertTrustedUrl(jwksUri, 'jwks_uri');
  return { issuer: parsed.data.issuer, jwksUri };
}
