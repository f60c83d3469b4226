import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../api/src/store/testing.js';
import { loadConfig } from '../../api/src/config/index.js';
import { startServer, type RunningServer } from '../../api/src/server.js';

/**
 * The server's job worker runs as many jobs at once as configured: the booking bench measures
 * the same number, so a server that kept its own would book a large program far slower (4 at a
 * time: about 100 s for 1,000 pairs) than the figures say.
 */
describe('the server job worker', () => {
  let database: TestDatabase;
  let running: RunningServer | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await running?.close();
    await database.cleanup();
  });

  async function start(env: Record<string, string>): Promise<RunningServer> {
    const app = await startServer(
      loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        LOG_LEVEL: 'silent',
        ...database.env,
        LOCAL_TENANT_PEOPLE: '40',
        ...env,
      }),
    );
    running = app;
    await app.firstSync;
    return app;
  }

  it('runs the configured number of jobs at once', async () => {
    const app = await start({ JOB_CONCURRENCY: '3' });
    expect(app.jobs.concurrency).toBe(3);
  });
});
