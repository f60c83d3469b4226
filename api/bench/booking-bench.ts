import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../src/app/index.js';
import { loadConfig, LOCAL_CLIENT_ID, LOCAL_TENANT_ID } from '../src/config/index.js';
import { createGraphClient, createLocalTokenProvider } from '../src/graph/index.js';
import { loadGuideLibrary } from '../src/guides/index.js';
import { JobRunner, enqueueJob } from '../src/jobs/index.js';
import { startLocalTenant, type LocalTenant } from '../src/local-tenant/index.js';
import { syncOrg } from '../src/org/index.js';
import { parseProgramRules } from '../src/programs/index.js';
import {
  bookingJobHandlers,
  prefetchProgramFreeBusy,
  queueProgramBookings,
  runJobsToCompletion,
  seriesCounts,
} from '../src/scheduling/index.js';
import {
  coveredBy,
  mergeIntervals,
  parseWorkingHours,
  workingIntervals,
} from '../src/calendar-time/index.js';
import type { Services } from '../src/app/index.js';
import { eq } from 'drizzle-orm';
import {
  bookingSeries,
  freeBusyCache,
  openStore,
  pairings,
  people,
  programs,
  sessions,
} from '../src/store/index.js';

/**
 * Booking 1,000 pairs against the local tenant in its own process (50 ms latency, 2% 429s).
 * Duplicates and working hours are checked by the tenant process from its own calendars, not
 * from what we believe we booked.
 */
const PAIRS = Number(process.env.BENCH_BOOKING_PAIRS ?? 1000);
const PEOPLE = Number(process.env.BENCH_BOOKING_PEOPLE ?? Math.ceil(PAIRS * 2.6));

type Request = { type: 'stats' } | { type: 'reset' } | { type: 'audit' };

interface Audit {
  series: number;
  duplicates: number;
  outsideWorkingHours: number;
}

/** In the tenant process: what its calendars hold. */
function audit(tenant: LocalTenant): Audit {
  let series = 0;
  let duplicates = 0;
  let outside = 0;
  const seen = new Set<string>();
  const from = Date.now() - 400 * 86_400_000;
  const to = Date.now() + 800 * 86_400_000;
  for (const person of tenant.state.org.people) {
    const ours = tenant.state
      .events(person.id)
      .filter((c) => c.meeting.organizerId === person.id && c.meeting.transactionId !== null);
    for (const copy of ours) {
      series++;
      const m = copy.meeting;
      // A second series for the same pair, or a second single event at the same time, is a duplicate.
      const who = `${m.organizerId}|${m.attendees.map((a) => a.address.toLowerCase()).join(',')}`;
      const key = m.recurrence === null ? `${who}|${m.startMs}` : who;
      if (seen.has(key)) duplicates++;
      seen.add(key);
      const hours = [person, ...m.attendees.map((a) => tenant.state.user(a.address))].flatMap(
        (p) => {
          if (p === undefined) return [];
          const wh = parseWorkingHours(p.mailbox.workingHours, {
            fallbackZone: p.mailbox.timeZone,
          });
          return wh.ok ? [mergeIntervals(workingIntervals(wh.value, from, to))] : [];
        },
      );
      for (const o of tenant.state.calendars.expand(copy, from, to)) {
        if (hours.some((list) => !coveredBy(list, o.startMs, o.endMs))) outside++;
      }
    }
  }
  return { series, duplicates, outsideWorkingHours: outside };
}

async function tenantProcess(): Promise<void> {
  const tenant = await startLocalTenant({
    port: 0,
    people: PEOPLE,
    latencyMs: 50,
    rate429: 0.02,
    tenantId: LOCAL_TENANT_ID,
    clientId: LOCAL_CLIENT_ID,
  });
  process.on('message', (m: Request) => {
    if (m.type === 'stats')
      process.send?.({ type: 'stats', stats: tenant.stats(), cpu: process.cpuUsage() });
    else if (m.type === 'reset') {
      tenant.resetStats();
      process.send?.({ type: 'reset' });
    } else process.send?.({ type: 'audit', audit: audit(tenant) });
  });
  process.on('disconnect', () => void tenant.close().then(() => process.exit(0)));
  process.send?.({ type: 'ready', baseUrl: tenant.baseUrl });
}

function ask<T>(child: ChildProcess, request: Request): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (m: { type: string } & Record<string, unknown>) => {
      if (m.type !== request.type) return;
      child.off('message', onMessage);
      resolve(m as T);
    };
    child.on('message', onMessage);
    child.send(request);
  });
}

async function main(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['--tenant'], {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_TENANT_PROFILE_DIR === undefined
        ? []
        : ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_TENANT_PROFILE_DIR}`]),
    ],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { baseUrl: string }) => resolve(m.baseUrl));
    child.once('exit', (code) => reject(new Error(`tenant exited with ${code}`)));
  });
  const store = await openStore({ dataDir: 'memory://' });
  try {
    await store.migrate();
    const logger = createLogger({ level: 'silent' });
    const graph = createGraphClient({
      baseUrl,
      logger,
      tokenProvider: createLocalTokenProvider({
        tokenUrl: `${new URL(baseUrl).origin}/${LOCAL_TENANT_ID}/oauth2/v2.0/token`,
        clientId: LOCAL_CLIENT_ID,
        clientSecret: 'local-tenant',
      }),
    });
    await syncOrg({ db: store.db, graph, logger });

    // Pairs within the same office (so most have working hours in common), in directory order.
    const everyone = await store.db
      .select({ id: people.id, office: people.officeLocation })
      .from(people);
    const byOffice = new Map<string, string[]>();
    for (const p of everyone) {
      const list = byOffice.get(p.office ?? '') ?? [];
      list.push(p.id);
      byOffice.set(p.office ?? '', list);
    }
    const pairs: [string, string][] = [];
    for (const list of byOffice.values()) {
      for (let i = 0; i + 1 < list.length && pairs.length < PAIRS; i += 2) {
        pairs.push([list[i] as string, list[i + 1] as string]);
      }
    }
    const track = (await loadGuideLibrary()).latest();
    if (track === undefined) throw new Error('no guide track');
    const [program] = await store.db
      .insert(programs)
      .values({
        name: 'Booking bench',
        status: 'active',
        rules: parseProgramRules({}),
        guideTrackId: track.id,
        guideTrackVersion: track.version,
        createdBy: 'bench',
      })
      .returning({ id: programs.id });
    if (program === undefined) throw new Error('program insert failed');
    for (let i = 0; i < pairs.length; i += 500) {
      await store.db.insert(pairings).values(
        pairs.slice(i, i + 500).map(([mentorId, leaderId]) => ({
          programId: program.id,
          mentorId,
          leaderId,
          guideTrackId: track.id,
          guideTrackVersion: track.version,
        })),
      );
    }

    const services: Services = {
      db: store.db,
      graph,
      logger,
      config: loadConfig({ DATA_DIR: 'memory://' }),
      localTenant: undefined,
      now: () => new Date(),
      publicUrl: () => 'http://127.0.0.1:3978',
      async enqueue(job) {
        await enqueueJob(store.db, job);
      },
    };
    await ask(child, { type: 'reset' });
    // The machine may be shared: CPU time of both processes says more than wall time alone.
    const { cpu: tenantCpuBefore } = await ask<{ cpu: NodeJS.CpuUsage }>(child, { type: 'stats' });
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const prefetch = await prefetchProgramFreeBusy(services, program.id);
    const prefetchSeconds = (performance.now() - started) / 1000;
    process.stderr.write(
      `booking bench: prefetch ${prefetchSeconds.toFixed(1)} s, ${prefetch.requests} getSchedule calls\n`,
    );
    await queueProgramBookings(services, program.id);
    const handlers = bookingJobHandlers(services);
    // As many at once as the server runs.
    const runner = new JobRunner({
      db: store.db,
      handlers,
      concurrency: services.config.jobConcurrency,
    });
    await runJobsToCompletion(store.db, runner, Object.keys(handlers));
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const { stats, cpu: tenantCpu } = await ask<{
      stats: { requests: number; throttled: number; byRoute: Record<string, number> };
      cpu: NodeJS.CpuUsage;
    }>(child, { type: 'stats' });
    const { audit: result } = await ask<{ audit: Audit }>(child, { type: 'audit' });
    const logical = Object.entries(stats.byRoute)
      .filter(([route]) => route !== 'POST /$batch')
      .reduce((sum, [, n]) => sum + n, 0);
    const counts = await seriesCounts(store.db, program.id);
    // Why series failed, so a change in the failed count can be told from noise.
    const failures = await store.db
      .select({ reason: bookingSeries.failureReason })
      .from(bookingSeries)
      .where(eq(bookingSeries.status, 'failed'));
    const reasons = new Map<string, number>();
    for (const f of failures) {
      const kind = (f.reason ?? '').replace(/\(.*?\)/g, '()').slice(0, 60);
      reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
    }
    for (const [kind, n] of reasons) process.stderr.write(`booking bench: ${n} failed: ${kind}\n`);
    // Every scheduled session must be reserved in both people's cached busy time, or a later
    // search in the same half hour could book over it.
    const cache = new Map(
      (await store.db.select().from(freeBusyCache)).map((r) => [
        r.personId,
        mergeIntervals(r.busy),
      ]),
    );
    const scheduled = await store.db
      .select({
        start: sessions.startsAt,
        end: sessions.endsAt,
        organizerId: bookingSeries.organizerId,
        attendeeId: bookingSeries.attendeeId,
      })
      .from(sessions)
      .innerJoin(bookingSeries, eq(bookingSeries.id, sessions.seriesId))
      .where(eq(sessions.status, 'scheduled'));
    const unreserved = scheduled.filter((x) =>
      [x.organizerId, x.attendeeId].some(
        (id) => !coveredBy(cache.get(id) ?? [], x.start.getTime(), x.end.getTime()),
      ),
    ).length;
    // The least any booking can spend under Graph's documented getSchedule limits (20 mailboxes a
    // call, a window under 62 days, so a 115-day horizon takes two windows): one create per pair
    // that got a series, plus the planned free/busy calls. What is above it, by cause.
    const booked = (counts.booked ?? 0) + (counts.partial ?? 0);
    const route = (name: string): number => stats.byRoute[name] ?? 0;
    const floor = booked + prefetch.requests;
    const aboveFloor = {
      throttledRetries: stats.throttled,
      mailboxSettings: route('GET /users/{id}/mailboxSettings'),
      rebooks:
        route('GET /users/{id}/events/{eventId}/instances') +
        route('POST /users/{id}/events/{eventId}/{action}'),
    };
    const perPair = (n: number): number => Math.round((n / pairs.length) * 1000) / 1000;
    process.stdout.write(
      `${JSON.stringify({
        bench: 'booking',
        pairs: pairs.length,
        seconds: Math.round(seconds * 100) / 100,
        // HTTP requests (a `$batch` once) and logical ones (each sub-request once, not the envelope).
        graphRequestsPerPair: Math.round((stats.requests / pairs.length) * 1000) / 1000,
        logicalRequestsPerPair: Math.round((logical / pairs.length) * 1000) / 1000,
        floorLogicalPerPair: perPair(floor),
        aboveFloorPerPair: {
          all: perPair(logical - floor),
          throttledRetries: perPair(aboveFloor.throttledRetries),
          mailboxSettings: perPair(aboveFloor.mailboxSettings),
          rebooks: perPair(aboveFloor.rebooks),
          other: perPair(
            logical -
              floor -
              aboveFloor.throttledRetries -
              aboveFloor.mailboxSettings -
              aboveFloor.rebooks,
          ),
        },
        byRoute: stats.byRoute,
        duplicates: result.duplicates,
        outsideWorkingHours: result.outsideWorkingHours,
        failed: counts.failed ?? 0,
        booked,
        partial: counts.partial ?? 0,
        throttled: stats.throttled,
        unreservedSessions: unreserved,
        prefetchSeconds: Math.round(prefetchSeconds * 100) / 100,
        appCpuSeconds: Math.round((cpu.user + cpu.system) / 10_000) / 100,
        tenantCpuSeconds:
          Math.round(
            (tenantCpu.user - tenantCpuBefore.user + tenantCpu.system - tenantCpuBefore.system) /
              10_000,
          ) / 100,
      })}\n`,
    );
  } finally {
    await store.close();
    child.disconnect();
  }
}

if (process.argv.includes('--tenant')) await tenantProcess();
else await main();
