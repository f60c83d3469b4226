import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApp, type LocalApp } from '../support/local-app.js';

/**
 * The server's job worker runs as many jobs at once as configured: the booking bench measures
 * the same number, so a server that kept its own would book a large program far slower (4 at a
 * time: about 100 s for 1,000 pairs) than the figures say.
 */
describe('the server job worker', () => {
  let local: LocalApp;
  beforeAll(async () => {
    local = await startLocalApp({ people: 40, env: { JOB_CONCURRENCY: '3' } });
  });
  afterAll(async () => {
    await local.close();
  });

  it('runs the configured number of jobs at once', () => {
    expect(local.app.jobs.concurrency).toBe(3);
  });
});
