// One org sync in a process of its own, running the compiled app (`npm run bench` builds it
// first; a stale build is refused): what production runs, without the TypeScript loader the
// bench itself uses. Prints one JSON line. Arguments: Graph base URL, PGlite data folder.
import { buildProblem } from '../bin/build-stamp.js';

const problem = buildProblem();
if (problem !== undefined) {
  process.stderr.write(`org-sync bench: ${problem}; run \`npm run build:api\` first\n`);
  process.exit(1);
}
const [baseUrl, dataDir] = process.argv.slice(2);
const { createLogger } = await import('../dist/app/index.js');
const { LOCAL_CLIENT_ID, LOCAL_TENANT_ID } = await import('../dist/config/index.js');
const { createGraphClient, createLocalTokenProvider } = await import('../dist/graph/index.js');
const { syncOrg } = await import('../dist/org/index.js');
const { openStore } = await import('../dist/store/index.js');

const store = await openStore({ dataDir });
await store.migrate();
const logger = createLogger({ level: 'warn', destination: process.stderr });
const graph = createGraphClient({
  baseUrl,
  logger,
  tokenProvider: createLocalTokenProvider({
    tokenUrl: `${new URL(baseUrl).origin}/${LOCAL_TENANT_ID}/oauth2/v2.0/token`,
    clientId: LOCAL_CLIENT_ID,
    clientSecret: 'local-tenant',
  }),
});
// What the open store costs before any user is read: the part of the peak sync does not own.
const rssBeforeSync = process.memoryUsage().rss;
let peakRss = rssBeforeSync;
// JavaScript objects and the store's WebAssembly memory (an ArrayBuffer), apart.
let peakHeap = 0;
let peakBuffers = 0;
// `memoryUsage()` walks every heap space (about half a millisecond here, 2-3% of the sync's time
// when called every 25 ms): resident size alone is read that often, the breakdown every 250 ms.
let tick = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  if (tick++ % 10 !== 0) return;
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
}, 25);
const cpuBefore = process.cpuUsage();
const started = performance.now();
const summary = await syncOrg({ db: store.db, graph, logger });
const seconds = (performance.now() - started) / 1000;
// On a shared machine CPU time says more than wall time alone.
const cpu = process.cpuUsage(cpuBefore);
clearInterval(sampler);
// The kernel's high-water mark catches a peak between two samples.
peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
const requests = graph.stats().requests;
await store.close();
process.stdout.write(
  `${JSON.stringify({
    users: summary.people,
    seconds: Number(seconds.toFixed(2)),
    usersPerSecond: Math.round(summary.people / seconds),
    cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
    graphRequests: requests,
    requestsPer1000Users: Number(((requests / summary.people) * 1000).toFixed(2)),
    peakRssMB: Math.round(peakRss / 2 ** 20),
    rssBeforeSyncMB: Math.round(rssBeforeSync / 2 ** 20),
    peakHeapMB: Math.round(peakHeap / 2 ** 20),
    peakArrayBuffersMB: Math.round(peakBuffers / 2 ** 20),
    maxDepth: summary.maxDepth,
    dataProblems: summary.dataProblems,
  })}\n`,
);
