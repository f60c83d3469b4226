import { loadConfig } from '../../api/src/config/index.js';
import type { DevPerson, DevSignIn } from '../../api/src/contract/api-types.js';
import { startServer, type RunningServer } from '../../api/src/server.js';
import { createTestDatabase, type TestDatabase } from '../../api/src/store/testing.js';

/** The whole app in local mode on this test's own database, with the embedded local tenant. */
export interface LocalApp {
  app: RunningServer;
  /** The demo organisation's people as the dev sign-in lists them. */
  people: DevPerson[];
  /** A real access token for a demo person, issued by the local tenant. */
  tokenFor(userId: string): Promise<string>;
  close(): Promise<void>;
}

export async function startLocalApp(
  o: {
    people?: number;
    rateLimit?: { limit: number; windowMs: number };
    /** More settings, as environment variables. */
    env?: Record<string, string>;
  } = {},
): Promise<LocalApp> {
  const database: TestDatabase = await createTestDatabase();
  const app = await startServer(
    loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      ...database.env,
      LOCAL_TENANT_PEOPLE: String(o.people ?? 60),
      ...o.env,
    }),
    o.rateLimit === undefined ? {} : { rateLimit: o.rateLimit },
  );
  await app.firstSync;
  const listed = (await (await fetch(`${app.url}/dev/people?limit=50`)).json()) as {
    people: DevPerson[];
  };
  return {
    app,
    people: listed.people,
    async tokenFor(userId) {
      const res = await fetch(`${app.url}/dev/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId }),
      });
      if (!res.ok) throw new Error(`dev sign-in of ${userId}: ${res.status}`);
      return ((await res.json()) as DevSignIn).accessToken;
    },
    async close() {
      await app.close();
      await database.cleanup();
    },
  };
}
