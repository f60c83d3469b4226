import { badRequest } from './graph-error.js';

/**
 * Opaque continuation tokens. They carry everything the next page needs (no server state),
 * plus the run's epoch so a token from an earlier emulator run is refused.
 */
export function encodeToken(epoch: string, data: Record<string, unknown>): string {
  return `RFNwdA${Buffer.from(JSON.stringify({ ...data, e: epoch })).toString('base64url')}`;
}

export function decodeToken(epoch: string, token: string): Record<string, unknown> | undefined {
  if (!token.startsWith('RFNwdA')) return undefined;
  try {
    const data: unknown = JSON.parse(Buffer.from(token.slice(6), 'base64url').toString('utf8'));
    if (typeof data !== 'object' || data === null) return undefined;
    const record = data as Record<string, unknown>;
    return record.e === epoch ? record : undefined;
  } catch {
    return undefined;
  }
}

export function requireToken(epoch: string, token: string): Record<string, unknown> {
  const data = decodeToken(epoch, token);
  if (data === undefined)
    throw badRequest(
      'The specified page token value has expired or is invalid.',
      'Directory_ExpiredPageToken',
    );
  return data;
}

/** A link with the query written as Graph writes it (`$select=…`, not `%24select=…`). */
export function buildLink(base: string, params: [string, string][]): string {
  if (params.length === 0) return base;
  return `${base}?${params.map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2C/g, ',').replace(/%24/g, '$').replace(/%3D/g, '=')}`).join('&')}`;
}
