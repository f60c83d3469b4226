import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  certificateFromPem,
  createClientCredentialsTokenProvider,
} from './client-credentials-token-provider.js';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('createClientCredentialsTokenProvider', () => {
  it('needs a secret or a certificate', () => {
    expect(() => createClientCredentialsTokenProvider({ tenantId: 't', clientId: 'c' })).toThrow(
      /secret or a certificate/,
    );
    expect(() =>
      createClientCredentialsTokenProvider({ tenantId: 't', clientId: 'c', clientSecret: '' }),
    ).toThrow(/secret or a certificate/);
  });

  it('builds without network access from a secret or a certificate', () => {
    expect(
      createClientCredentialsTokenProvider({ tenantId: 't', clientId: 'c', clientSecret: 's' }),
    ).toHaveProperty('getToken');
    expect(
      createClientCredentialsTokenProvider({
        tenantId: 't',
        clientId: 'c',
        certificate: { privateKey: keyPem, thumbprintSha256: 'AB'.repeat(32) },
      }),
    ).toHaveProperty('getToken');
  });
});

describe('certificateFromPem', () => {
  it('takes the private key from the bundle and the thumbprint given', () => {
    expect(
      certificateFromPem(
        `junk\n${keyPem}`,
        'ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01',
      ),
    ).toEqual({
      privateKey: keyPem.trim(),
      thumbprint: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01',
    });
    expect(certificateFromPem(keyPem, 'a'.repeat(64)).thumbprintSha256).toBe('A'.repeat(64));
  });

  it('explains what is missing', () => {
    expect(() => certificateFromPem('no pem here')).toThrow(/no private key/);
    expect(() => certificateFromPem(keyPem)).toThrow(/give its thumbprint/);
  });
});
