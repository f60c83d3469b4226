import { pino, type Logger } from 'pino';

export type { Logger };

/** Paths whose values never reach the logs: tokens, secrets and anyone's reflection text. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'accessToken',
  'access_token',
  'token',
  'clientSecret',
  'client_secret',
  'password',
  '*.accessToken',
  '*.clientSecret',
  '*.reflection',
  '*.reflectionText',
  'body.reflection',
  'body.text',
];

export function createLogger(o: { level: string; destination?: NodeJS.WritableStream }): Logger {
  return pino(
    { level: o.level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: undefined },
    o.destination ?? process.stdout,
  );
}
