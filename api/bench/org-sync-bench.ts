import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../src/app/index.js';
import { LOCAL_CLIENT_ID, LOCAL_TENANT_ID } from '../src/config/index.js';
import { createGraphClient, createLocalTokenProvider } from '../src/graph/index.js';
import { syncOrg } from '../src/org/index.js';
import { openStore } from '../src/store/index.js';

/**
 * Org sync of a large emulated directory. The local tenant runs in its own process (as Graph
 * would), so the figures are those of the syncing process alone: time, Graph requests, peak RSS.
 */
const people = Number(process.env.BENCH_ORG_PEOPLE ?? 100_000);
const bin = fileURLToPath(new URL('../bin/reverse-mentoring.js', import.meta.url));

async function startTenant(): Promise<{ baseUrl: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [bin, 'local-tenant', '--port', '0', '--people', String(people)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const match = /(http:\/\/127\.0\.0\.1:\d+\/v1\.0)/.exec(buffer);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`local tenant exited with ${code}`)));
  });
  return { baseUrl, stop: () => child.kill('SIGTERM') };
}

/** Creates and migrates the data folder in another process, as the app's first start would. */
function prepareDataDir(dataDir: string): void {
  const result = spawnSync(process.execPath, [bin, 'migrate'], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`migrate exited with ${result.status}`);
}

const tenant = await startTenant();
const dir = mkdtempSync(path.join(os.tmpdir(), 'rm-bench-'));
try {
  prepareDataDir(dir);
  const store = await openStore({ dataDir: path.join(dir, 'pglite') });
  await store.migrate();
  const logger = createLogger({ level: 'warn', destination: process.stderr });
  const graph = createGraphClient({
    baseUrl: tenant.baseUrl,
    logger,
    tokenProvider: createLocalTokenProvider({
      tokenUrl: `${new URL(tenant.baseUrl).origin}/${LOCAL_TENANT_ID}/oauth2/v2.0/token`,
      clientId: LOCAL_CLIENT_ID,
      clientSecret: 'local-tenant',
    }),
  });
  // What the open store costs before any user is read: the part of the peak sync does not own.
  const rssBeforeSync = process.memoryUsage().rss;
  let peakRss = rssBeforeSync;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 25);
  const started = performance.now();
  const summary = await syncOrg({ db: store.db, graph, logger });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const requests = graph.stats().requests;
  process.stdout.write(
    `${JSON.stringify({
      bench: 'org-sync',
      users: summary.people,
      seconds: Number(seconds.toFixed(2)),
      usersPerSecond: Math.round(summary.people / seconds),
      graphRequests: requests,
      requestsPer1000Users: Number(((requests / summary.people) * 1000).toFixed(2)),
      peakRssMB: Math.round(peakRss / 2 ** 20),
      rssBeforeSyncMB: Math.round(rssBeforeSync / 2 ** 20),
      maxDepth: summary.maxDepth,
      dataProblems: summary.dataProblems,
      targets: { usersPerSecond: 5000, requestsPer1000Users: 12, peakRssMB: 500 },
    })}\n`,
  );
  await store.close();
} finally {
  tenant.stop();
  rmSync(dir, { recursive: true, force: true });
}
