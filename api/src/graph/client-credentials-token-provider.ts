import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import { cachedTokenProvider } from './cached-token-provider.js';
import type { TokenProvider } from './token-provider.js';

export interface ClientCertificate {
  /** SHA-256 thumbprint (hex); preferred by Entra. */
  thumbprintSha256?: string;
  /** SHA-1 thumbprint (hex), as the Azure portal shows it. */
  thumbprint?: string;
  /** PEM private key. */
  privateKey: string;
  /** PEM public certificate (chain), sent for subject-name/issuer authentication. */
  x5c?: string;
}

export interface ClientCredentialsOptions {
  tenantId: string;
  clientId: string;
  clientSecret?: string | undefined;
  certificate?: ClientCertificate | undefined;
  /** A PEM file holding the private key and the certificate (thumbprint computed from it). */
  certificatePath?: string | undefined;
  /** Thumbprint for `certificatePath` when the file holds no certificate (SHA-1 or SHA-256 hex). */
  certificateThumbprint?: string | undefined;
  /** Default `https://login.microsoftonline.com` (sovereign clouds differ). */
  authorityHost?: string;
  /** Default `https://graph.microsoft.com/.default`. */
  scope?: string;
}

const PRIVATE_KEY_PEM =
  /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/;
const CERTIFICATE_PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function thumbprintField(hex: string): Pick<ClientCertificate, 'thumbprint' | 'thumbprintSha256'> {
  const clean = hex.replace(/[:\s]/g, '').toUpperCase();
  return clean.length === 64 ? { thumbprintSha256: clean } : { thumbprint: clean };
}

/** Reads a PEM bundle (key + certificate) into MSAL's certificate credential. */
export function certificateFromPem(pem: string, thumbprint?: string): ClientCertificate {
  const privateKey = PRIVATE_KEY_PEM.exec(pem)?.[0];
  if (privateKey === undefined) throw new Error('The certificate file holds no private key');
  const certificates = pem.match(CERTIFICATE_PEM) ?? [];
  const leaf = certificates[0];
  if (thumbprint !== undefined && thumbprint.trim() !== '') {
    return {
      privateKey,
      ...thumbprintField(thumbprint),
      ...(leaf ? { x5c: certificates.join('\n') } : {}),
    };
  }
  if (leaf === undefined) {
    throw new Error('The certificate file holds no certificate; give its thumbprint');
  }
  const sha256 = new X509Certificate(leaf).fingerprint256;
  return { privateKey, ...thumbprintField(sha256), x5c: certificates.join('\n') };
}

function credentialOf(
  o: ClientCredentialsOptions,
): Pick<NonNullable<Configuration['auth']>, 'clientSecret' | 'clientCertificate'> {
  if (o.certificate !== undefined) return { clientCertificate: o.certificate };
  if (o.certificatePath !== undefined && o.certificatePath !== '') {
    const pem = readFileSync(o.certificatePath, 'utf8');
    return { clientCertificate: certificateFromPem(pem, o.certificateThumbprint) };
  }
  if (o.clientSecret !== undefined && o.clientSecret !== '')
    return { clientSecret: o.clientSecret };
  throw new Error('Client credentials need a client secret or a certificate');
}

/**
 * App-only tokens from Entra (client credentials) through MSAL: a certificate when one is
 * configured, else the client secret. Cached until five minutes before expiry on top of MSAL's
 * own cache, so most calls never reach MSAL.
 */
export function createClientCredentialsTokenProvider(o: ClientCredentialsOptions): TokenProvider {
  const authorityHost = (o.authorityHost ?? 'https://login.microsoftonline.com').replace(
    /\/+$/,
    '',
  );
  const app = new ConfidentialClientApplication({
    auth: { clientId: o.clientId, authority: `${authorityHost}/${o.tenantId}`, ...credentialOf(o) },
  });
  const scope = o.scope ?? 'https://graph.microsoft.com/.default';
  return cachedTokenProvider(async () => {
    const result = await app.acquireTokenByClientCredential({ scopes: [scope] });
    if (result === null || result.accessToken === '') {
      throw new Error('Entra issued no access token');
    }
    const expiresAt = result.expiresOn?.getTime() ?? Date.now() + 3600_000;
    return { token: result.accessToken, expiresAt };
  });
}
