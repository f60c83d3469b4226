import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture(): { lines: string[]; destination: Writable } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, destination };
}

describe('logger', () => {
  it('never writes tokens, secrets or reflection text that code logs by mistake', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', destination });
    logger.info(
      {
        req: { headers: { authorization: 'Bearer eyJsecret' } },
        accessToken: 'eyJaccess',
        graph: { clientSecret: 'hunter2', token: 'eyJnested' },
        checkIn: { reflection: 'I felt unheard' },
        body: { text: 'private words' },
      },
      'oops',
    );
    const out = lines.join('');
    for (const secret of [
      'eyJsecret',
      'eyJaccess',
      'hunter2',
      'eyJnested',
      'I felt unheard',
      'private words',
    ])
      expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });

  it('keeps the SQL of a failed query but not the values, which can be a reflection', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', destination });
    const params = ['pairing-1', 'My leader talks over me'];
    const err = Object.assign(
      new Error(`Failed query: insert into check_ins values ($1, $2)\nparams: ${params.join(',')}`),
      { query: 'insert into check_ins values ($1, $2)', params },
    );
    logger.error({ err }, 'request failed');
    const out = lines.join('');
    expect(out).toContain('insert into check_ins');
    expect(out).not.toContain('My leader talks over me');
  });
});
