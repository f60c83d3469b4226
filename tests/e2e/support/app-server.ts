import { loadConfig } from '../../../api/src/config/index.js';
import { startServer, type RunningServer } from '../../../api/src/server.js';
import type { Services } from '../../../api/src/app/index.js';
import { createTestDatabase } from '../../../api/src/store/testing.js';

export interface TestApp {
  url: string;
  server: RunningServer;
  close(): Promise<void>;
}

/**
 * The real app in-process on a free loopback port, with the embedded local tenant and its own
 * throwaway database folder. Resolves once the first org sync is done (people can sign in).
 * `now` is the services' clock (what `startServer` takes in-process; nothing reachable over HTTP
 * moves it); `beforeJobs` runs before the job worker starts, as the living demo does on `npm start`.
 */
export async function startTestApp(
  o: { now?: () => Date; beforeJobs?: (services: Services) => Promise<void> } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ...database.env,
    LOCAL_TENANT_PEOPLE: '200',
  });
  const server = await startServer(config, o);
  await Promise.race([
    server.firstSync,
    new Promise((_resolve, reject) =>
      setTimeout(() => reject(new Error('The first org sync did not finish in 60 s')), 60_000),
    ),
  ]);
  return {
    url: server.url,
    server,
    async close() {
      await server.close();
      await database.cleanup();
    },
  };
}
