import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, count, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CLIENT_ID, LOCAL_TENANT_ID } from '../../api/src/config/index.js';
import type { DevPerson, DevSignIn } from '../../api/src/contract/api-types.js';
import { createGraphClient, createLocalTokenProvider } from '../../api/src/graph/index.js';
import { assessRoles, NO_GROUPS_READ } from '../../api/src/programs/index.js';
import {
  bookingSeries,
  jobs,
  matchRuns,
  pairings,
  people,
  programs,
  openStore,
  type ProgramRules,
  type SeriesStatus,
  type Store,
} from '../../api/src/store/index.js';
import { createTestDatabase, type TestDatabase } from '../../api/src/store/testing.js';
import { DEFAULT_RULES } from './booking-fixture.js';

/**
 * Two API instances on one PostgreSQL, as App Service runs them scaled out, with one standalone
 * local tenant as their Microsoft Graph: an admin approves a program of PAIRS pairs on instance A,
 * A is killed with SIGKILL while the two instances book, and B finishes alone. The tenant's
 * calendars then hold every booked pairing's series exactly once, none missing, and the org sync
 * and the calendar subscriptions happened once, not once per instance.
 *
 * PostgreSQL only: `vitest.config.ts` leaves this file out of the integration project when
 * `DATABASE_URL` is unset (PGlite is one process; two cannot share it), so CI runs it in the
 * PostgreSQL pass of `scripts/test.sh`, and running it without `DATABASE_URL` finds no test.
 * It spawns the compiled app (`npm run build` first, as `scripts/test.sh` does). Bounded: start
 * 90 s, the rest 180 s; the whole file took 25–80 s here (two shared cores, load 8–12).
 */
const PAIRS = 200;
const PEOPLE = 900;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'api/bin/reverse-mentoring.js');
const RULES: ProgramRules = { ...DEFAULT_RULES, mentorMaxLevel: 3 };
const TRACK = { guideTrackId: 'reverse-mentoring-core', guideTrackVersion: '2026.1' };

interface Spawned {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

function run(args: string[], env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (d: Buffer) => {
    output.push(d.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, output, exited };
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as { port: number };
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  logs: () => string = () => '',
  exited: () => boolean = () => false,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (exited()) throw new Error(`A process exited while waiting for ${what}\n${logs()}`);
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}\n${logs()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const onPostgres = (process.env.DATABASE_URL ?? '') !== '';

describe('two API instances on one PostgreSQL, one killed mid-booking', () => {
  let database: TestDatabase;
  let store: Store;
  let tenant: Spawned;
  let tenantBase = '';
  const instances: { name: string; url: string; proc: Spawned }[] = [];
  const logs = () =>
    [tenant, ...instances.map((i) => i.proc)]
      .map((p) => p?.output.join('').slice(-3000) ?? '')
      .join('\n---\n');

  beforeAll(async () => {
    if (!onPostgres) throw new Error('This test needs DATABASE_URL (PostgreSQL); see the top.');
    database = await createTestDatabase();
    const databaseUrl = database.open.databaseUrl ?? '';
    tenant = run(['local-tenant', '--port', '0', '--people', String(PEOPLE), '--seed', '7'], {});
    tenantBase = await until(
      'the local tenant',
      async () => tenant.output.join('').match(/^(http\S+)\s*$/m)?.[1],
      30_000,
      logs,
      () => tenant.child.exitCode !== null,
    );
    const ports = [await freePort(), await freePort()];
    // Both instances stand behind one address, as behind App Service's front end: Graph's
    // notifications go to B, which survives.
    const publicBase = `http://127.0.0.1:${ports[1] ?? 0}`;
    for (const [i, name] of ['A', 'B'].entries()) {
      const port = ports[i] ?? 0;
      instances.push({
        name,
        url: `http://127.0.0.1:${port}`,
        proc: run(['start'], {
          NODE_ENV: 'test',
          HOST: '127.0.0.1',
          PORT: String(port),
          DATABASE_URL: databaseUrl,
          GRAPH_BASE_URL: tenantBase,
          PUBLIC_BASE_URL: publicBase,
          LOG_LEVEL: 'warn',
          JOB_LEASE_SECONDS: '10',
        }),
      });
    }
    for (const instance of instances)
      await until(
        `instance ${instance.name} to be ready`,
        async () => ((await fetch(`${instance.url}/readyz`)).ok ? true : undefined),
        60_000,
        logs,
        () => instance.proc.child.exitCode !== null,
      );
    store = await openStore({ databaseUrl, maxConnections: 2 });
  }, 90_000);

  afterAll(async () => {
    for (const p of [...instances.map((i) => i.proc), tenant]) {
      if (p !== undefined && p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGTERM');
        await Promise.race([p.exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      }
    }
    await store?.close();
    await database?.cleanup();
  }, 30_000);

  it(`books ${PAIRS} pairs once each though one instance dies, and syncs and subscribes once`, async () => {
    const [a, b] = instances;
    if (a === undefined || b === undefined) throw new Error('no instances');
    const listed = (await (await fetch(`${a.url}/dev/people?limit=50`)).json()) as {
      people: DevPerson[];
    };
    const adminId = listed.people.find((p) => p.isAdmin)?.id ?? '';
    const signIn = await fetch(`${a.url}/dev/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: adminId }),
    });
    const { accessToken } = (await signIn.json()) as DevSignIn;

    // The cohort: PAIRS mentors and PAIRS leaders of the synced demo organisation, as matching
    // would propose them (matching has its own tests); the approval goes through the API.
    const now = new Date();
    const everyone = await store.db.select().from(people);
    // Partners share an office (so a time zone): pairs across the world may have no common hour,
    // and a series that cannot be booked proves nothing about instances.
    const byOffice = new Map<string, { mentors: string[]; leaders: string[] }>();
    for (const p of everyone) {
      if (p.goneAt !== null || p.id === adminId) continue;
      const role = assessRoles(p, RULES, now, NO_GROUPS_READ).suggestedRole;
      if (role === null) continue;
      const office = byOffice.get(p.officeLocation ?? '') ?? { mentors: [], leaders: [] };
      (role === 'mentor' ? office.mentors : office.leaders).push(p.id);
      byOffice.set(p.officeLocation ?? '', office);
    }
    const cohort = [...byOffice.values()]
      .flatMap((o) => o.mentors.slice(0, o.leaders.length).map((m, i) => [m, o.leaders[i] ?? '']))
      .slice(0, PAIRS);
    expect(cohort).toHaveLength(PAIRS);
    const [program] = await store.db
      .insert(programs)
      .values({
        name: 'Two instances',
        status: 'matching',
        rules: RULES,
        createdBy: adminId,
        ...TRACK,
      })
      .returning();
    if (program === undefined) throw new Error('no program');
    const [run] = await store.db
      .insert(matchRuns)
      .values({
        programId: program.id,
        createdBy: adminId,
        summary: {
          eligibleMentors: PAIRS,
          eligibleLeaders: PAIRS,
          matched: PAIRS,
          shareMatched: 1,
          scoreQuartiles: [0, 0, 0, 0, 0],
          departments: { mentors: {}, leaders: {} },
          offices: { mentors: {}, leaders: {} },
        },
        pairs: cohort.map(([mentorId = '', leaderId = '']) => ({
          mentorId,
          leaderId,
          score: 0.5,
          scoreParts: {},
          explanation: 'two instances',
          pinned: false,
        })),
      })
      .returning();
    if (run === undefined) throw new Error('no run');
    const approved = await fetch(`${a.url}/api/match-runs/${run.id}/approve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(approved.status, await approved.clone().text()).toBe(200);

    const settled = (statuses: SeriesStatus[]) =>
      store.db
        .select({ n: count() })
        .from(bookingSeries)
        .innerJoin(pairings, eq(pairings.id, bookingSeries.pairingId))
        .where(and(eq(pairings.programId, program.id), inArray(bookingSeries.status, statuses)))
        .then(([row]) => row?.n ?? 0);
    // Halfway through booking, A dies without a word: its claimed jobs stay locked until their
    // lease runs out, then B takes them over.
    const workers = new Set<string>();
    const atKill = await until(
      'half the series booked',
      async () => {
        const running = await store.db
          .select({ by: jobs.lockedBy })
          .from(jobs)
          .where(and(eq(jobs.kind, 'series-book'), eq(jobs.status, 'running')));
        for (const r of running) if (r.by !== null) workers.add(r.by);
        const n = await settled(['booked', 'partial']);
        return n >= PAIRS / 2 ? n : undefined;
      },
      60_000,
      logs,
    );
    a.proc.child.kill('SIGKILL');
    await a.proc.exited;
    expect(atKill).toBeLessThan(PAIRS);
    // Both instances were booking (each worker has its own id) before one of them died.
    expect(workers.size).toBeGreaterThanOrEqual(2);
    await until(
      'every series settled by B alone',
      async () => ((await settled(['booked', 'partial', 'failed'])) >= PAIRS ? true : undefined),
      75_000,
      logs,
    );
    expect((await fetch(`${b.url}/readyz`)).ok).toBe(true);

    // From the tenant's side: each pairing's organizer has its series exactly once.
    const tokenProvider = createLocalTokenProvider({
      tokenUrl: `${new URL(tenantBase).origin}/${LOCAL_TENANT_ID}/oauth2/v2.0/token`,
      clientId: LOCAL_CLIENT_ID,
      clientSecret: 'local-tenant',
    });
    const graph = createGraphClient({ baseUrl: tenantBase, tokenProvider });
    const series = await store.db
      .select({
        organizerId: bookingSeries.organizerId,
        attendeeId: bookingSeries.attendeeId,
        status: bookingSeries.status,
      })
      .from(bookingSeries)
      .innerJoin(pairings, eq(pairings.id, bookingSeries.pairingId))
      .where(eq(pairings.programId, program.id));
    expect(series).toHaveLength(PAIRS);
    const mailOf = new Map(everyone.map((p) => [p.id, (p.mail ?? '').toLowerCase()]));
    const end = new Date(now.getTime() + 200 * 24 * 3600_000);
    // A series appears as its occurrences (one seriesMasterId); a partly booked one adds single
    // events for the sessions the series could not hold. Once means one master, and no session
    // time held twice.
    const found: { status: string; masters: number; doubled: number }[] = [];
    for (const s of series) {
      const partner = mailOf.get(s.attendeeId) ?? '';
      const events = (
        await graph.calendarView(s.organizerId, now, end, {
          select: ['seriesMasterId', 'attendees', 'type', 'start'],
        })
      ).filter((e) =>
        (e.attendees ?? []).some((x) => x.emailAddress?.address?.toLowerCase() === partner),
      );
      const masters = new Set(events.flatMap((e) => (e.seriesMasterId ? [e.seriesMasterId] : [])));
      const starts = events.map((e) => e.start?.dateTime ?? '');
      found.push({
        status: s.status,
        masters: masters.size,
        doubled: starts.length - new Set(starts).size,
      });
    }
    const booked = found.filter((f) => f.status === 'booked' || f.status === 'partial');
    const reasons = await store.db
      .select({ reason: bookingSeries.failureReason })
      .from(bookingSeries)
      .where(eq(bookingSeries.status, 'failed'));
    expect(booked.length, JSON.stringify(reasons.slice(0, 5))).toBeGreaterThanOrEqual(PAIRS * 0.9);
    expect(booked.filter((f) => f.masters !== 1 || f.doubled > 0)).toEqual([]);
    expect(found.filter((f) => f.status === 'failed' && f.masters !== 0)).toEqual([]);

    // One org sync, not one per instance: each sync queues one mailbox refresh named after it.
    const [syncs] = await store.db
      .select({ n: count() })
      .from(jobs)
      .where(and(eq(jobs.kind, 'mailbox-sync'), like(jobs.key, 'after-sync-%')));
    expect(syncs?.n).toBe(1);
    // One calendar subscription per mailbox in the tenant, whichever instance asked: wait for
    // the subscribe jobs booking queued, then count the tenant's subscriptions per mailbox.
    const subscribeJobs = await until(
      'the calendar subscriptions',
      async () => {
        const rows = await store.db
          .select({ key: jobs.key, status: jobs.status })
          .from(jobs)
          .where(eq(jobs.kind, 'graph-subscribe'));
        return rows.every((r) => r.status === 'succeeded' || r.status === 'failed')
          ? rows
          : undefined;
      },
      30_000,
      logs,
      () => tenant.child.exitCode !== null,
    );
    expect(subscribeJobs.filter((r) => r.status !== 'succeeded')).toEqual([]);
    const token = await tokenProvider.getToken();
    const subs = (await (
      await fetch(`${tenantBase}/subscriptions`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { value: { resource: string }[] };
    const mailboxes = new Set(subscribeJobs.map((r) => r.key));
    for (const s of series)
      if (s.status === 'booked' || s.status === 'partial')
        expect(mailboxes).toContain(s.organizerId);
    const notOnce = [...mailboxes]
      .map((id) => ({
        id,
        n: subs.value.filter((v) => v.resource === `/users/${id}/events`).length,
      }))
      .filter((m) => m.n !== 1);
    expect(notOnce, JSON.stringify(subs.value.slice(0, 3))).toEqual([]);
  }, 180_000);
});
