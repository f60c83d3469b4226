/**
 * Why a bearer token was refused. Stable codes: logs, metrics and the tab branch on them, and none
 * of them carries any part of the token.
 */
export type AuthFailureReason =
  | 'malformed'
  | 'alg-not-allowed'
  | 'unknown-key'
  | 'bad-signature'
  | 'wrong-audience'
  | 'wrong-issuer'
  | 'tenant-not-allowed'
  | 'expired'
  | 'not-yet-valid'
  | 'missing-scope'
  /** The signing keys could not be fetched: our side (or the identity provider) is at fault, not the caller. */
  | 'keys-unavailable';

const messages: Record<AuthFailureReason, string> = {
  malformed: 'The token is not a well-formed signed JWT.',
  'alg-not-allowed': 'The token is signed with an algorithm this API does not accept.',
  'unknown-key': 'The token is signed with a key the identity provider does not publish.',
  'bad-signature': 'The token signature does not verify.',
  'wrong-audience': 'The token was not issued for this API.',
  'wrong-issuer': 'The token was not issued by the expected identity provider.',
  'tenant-not-allowed': 'The token comes from a tenant this app does not serve.',
  expired: 'The token has expired.',
  'not-yet-valid': 'The token is not valid yet.',
  'missing-scope': 'The token does not carry the scope this API requires.',
  'keys-unavailable': 'The signing keys of the identity provider could not be loaded.',
};

/** A refused token. The message is fixed per reason so nothing from the token can reach a log or a client. */
export class AuthError extends Error {
  readonly reason: AuthFailureReason;

  constructor(reason: AuthFailureReason, options?: { cause?: unknown }) {
    super(messages[reason], options);
    this.name = 'AuthError';
    this.reason = reason;
  }
}

export function isAuthError(err: unknown): err is AuthError {
  return err instanceof AuthError;
}
