// The api bench's server under test, in a process of its own running the compiled app as
// `npm start` does (`npm run bench` builds it first; a stale build is refused). It starts the
// server on the embedded local tenant with PGlite in memory, seeds a cohort through its own
// store, and prints `{"ready": {...}}` on stdout. Settings come from the environment the bench
// gives it: BENCH_API_PAIRS, MAX_IN_FLIGHT, MAX_EVENT_LOOP_DELAY_MS. Over IPC it reports the
// event-loop stalls and garbage collections of the window the bench measures.
import { buildProblem } from '../bin/build-stamp.js';

const problem = buildProblem();
if (problem !== undefined) {
  process.stderr.write(`api bench: ${problem}; run \`npm run build:api\` first\n`);
  process.exit(1);
}
const { watchServerStalls } = await import('./server-stalls.mjs');
const { and, asc, eq, isNull } = await import('drizzle-orm');
const { createLogger } = await import('../dist/app/index.js');
const { loadConfig } = await import('../dist/config/index.js');
const { createProgram, programInput } = await import('../dist/programs/index.js');
const { startServer } = await import('../dist/server.js');
const { bookingSeries, checkIns, enrolments, notifications, pairings, people, programs, sessions } =
  await import('../dist/store/index.js');

const PAIRS = Number(process.env.BENCH_API_PAIRS ?? 300);
/**
 * People the bench signs in: half mentors, half leaders of the seeded cohort. Enough that the load
 * (300 a second for a minute and more) stays within each person's own rate limit (300 a minute).
 */
const SIGNED_IN = 200;
const SESSIONS_PER_PAIR = 6;
const DAY_MS = 24 * 3600_000;

async function insertChunked(rows, insert) {
  for (let i = 0; i < rows.length; i += 250) await insert(rows.slice(i, i + 250));
}
/** A cohort as it looks a fortnight in: two sessions held and checked in, four ahead. */
async function seed(app) {
  const db = app.store.db;
  const services = app.services;
  const everyone = await db
    .select({ id: people.id })
    .from(people)
    .where(and(isNull(people.goneAt), eq(people.accountEnabled, true)))
    .orderBy(asc(people.id));
  const pairs = Math.min(PAIRS, Math.floor((everyone.length - 20) / 2));
  if (pairs < SIGNED_IN / 2) throw new Error(`only ${everyone.length} people in the directory`);
  const mentors = everyone.slice(0, pairs).map((p) => p.id);
  const leaders = everyone.slice(pairs, 2 * pairs).map((p) => p.id);
  const others = everyone.slice(2 * pairs).map((p) => p.id);
  const cohort = await createProgram(
    services,
    'api-bench',
    programInput.parse({ name: 'Bench cohort', rules: { sessions: SESSIONS_PER_PAIR } }),
  );
  // A second program still taking people, so every home view also lists an open program.
  const open = await createProgram(
    services,
    'api-bench',
    programInput.parse({ name: 'Bench open cohort' }),
  );
  await db.update(programs).set({ status: 'active' }).where(eq(programs.id, cohort.id));
  await db.update(programs).set({ status: 'enrolling' }).where(eq(programs.id, open.id));
  await insertChunked(
    [
      ...mentors.map((personId) => ({ programId: cohort.id, personId, role: 'mentor' })),
      ...leaders.map((personId) => ({ programId: cohort.id, personId, role: 'leader' })),
      ...others.map((personId) => ({ programId: open.id, personId, role: 'mentor' })),
    ],
    (chunk) => db.insert(enrolments).values(chunk),
  );
  const pairRows = await db
    .insert(pairings)
    .values(
      mentors.map((mentorId, i) => ({
        programId: cohort.id,
        mentorId,
        leaderId: leaders[i] ?? '',
        score: 80,
        explanation:
          'Teaches Digital and AI tools and Remote and async collaboration, which the leader wants; different departments; 4 levels apart; 3 hours of shared working time a week.',
        scoreParts: { gap: 0.8, topics: 0.9, overlap: 0.6, diversity: 1, novelty: 1 },
        guideTrackId: cohort.guideTrackId,
        guideTrackVersion: cohort.guideTrackVersion,
      })),
    )
    .returning({ id: pairings.id, mentorId: pairings.mentorId, leaderId: pairings.leaderId });
  const seriesRows = await db
    .insert(bookingSeries)
    .values(
      pairRows.map((p) => ({
        pairingId: p.id,
        organizerId: p.mentorId,
        attendeeId: p.leaderId,
        status: 'booked',
        transactionId: `bench-${p.id}`,
        eventId: `AAMkAGI2-bench-${p.id}=`,
        joinUrl: `https://teams.microsoft.com/l/meetup-join/bench-${p.id}`,
        timeZone: 'Europe/London',
      })),
    )
    .returning({ id: bookingSeries.id, pairingId: bookingSeries.pairingId });
  const seriesOf = new Map(seriesRows.map((s) => [s.pairingId, s.id]));
  const first = services.now().getTime() - 14 * DAY_MS;
  const sessionValues = pairRows.flatMap((p) =>
    Array.from({ length: SESSIONS_PER_PAIR }, (_, k) => {
      const startsAt = new Date(first + k * 7 * DAY_MS);
      return {
        pairingId: p.id,
        seriesId: seriesOf.get(p.id) ?? null,
        occurrence: k + 1,
        guideSessionNumber: k + 1,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 45 * 60_000),
        status: k < 2 ? 'held' : 'scheduled',
      };
    }),
  );
  const sessionRows = [];
  await insertChunked(sessionValues, async (chunk) => {
    sessionRows.push(
      ...(await db.insert(sessions).values(chunk).returning({
        id: sessions.id,
        pairingId: sessions.pairingId,
        occurrence: sessions.occurrence,
      })),
    );
  });
  const mentorOf = new Map(pairRows.map((p) => [p.id, p.mentorId]));
  await insertChunked(
    sessionRows
      .filter((s) => s.occurrence <= 2)
      .map((s) => ({
        sessionId: s.id,
        pairingId: s.pairingId,
        personId: mentorOf.get(s.pairingId) ?? '',
        held: true,
        usefulness: 4,
        safety: 5,
        reflection: 'Private text the home view never reads.',
      })),
    (chunk) => db.insert(checkIns).values(chunk),
  );
  const now = services.now();
  await insertChunked(
    pairRows.flatMap((p) =>
      [p.mentorId, p.leaderId].flatMap((personId) =>
        ['sessionTomorrow', 'checkInWaiting', 'pairReady'].map((kind, k) => ({
          personId,
          kind,
          subjectId: p.id,
          pairingId: p.id,
          dedupeKey: `bench-${personId}-${kind}-${p.id}`,
          status: 'sent',
          text: 'A nudge',
          scheduledFor: now,
          sentAt: now,
          readAt: k === 0 ? null : now,
        })),
      ),
    ),
    (chunk) => db.insert(notifications).values(chunk),
  );
  const signedIn = [
    ...mentors.slice(0, SIGNED_IN / 2),
    ...leaders.slice(0, SIGNED_IN - SIGNED_IN / 2),
  ];
  return {
    url: app.url,
    people: signedIn,
    pairings: pairRows.length,
    sessions: sessionRows.length,
  };
}

const logger = createLogger({ level: 'warn', destination: process.stderr });
const config = loadConfig({
  NODE_ENV: 'production',
  PORT: '0',
  LOG_LEVEL: 'warn',
  DATA_DIR: 'memory://',
  LOCAL_TENANT_PEOPLE: String(Math.max(300, 2 * PAIRS + 100)),
  // Admission settings: the bench passes what each case runs with.
  ...(process.env.MAX_IN_FLIGHT === undefined ? {} : { MAX_IN_FLIGHT: process.env.MAX_IN_FLIGHT }),
  ...(process.env.MAX_EVENT_LOOP_DELAY_MS === undefined
    ? {}
    : { MAX_EVENT_LOOP_DELAY_MS: process.env.MAX_EVENT_LOOP_DELAY_MS }),
});
const app = await startServer(config, { logger });
await app.firstSync;
const ready = await seed(app);
let closing = false;
process.on('SIGTERM', () => {
  if (closing) return;
  closing = true;
  void app.close().finally(() => process.exit(0));
});
// The bench opens and closes the measured window over IPC; the summary goes back the same way.
const watch = watchServerStalls();
process.on('message', (message) => {
  if (message === 'window-start') watch.start();
  if (message === 'window-end') process.send?.({ stalls: watch.summary() });
});
process.channel?.unref();
const admission = {
  maxInFlight: config.maxInFlight,
  maxEventLoopDelayMs: config.maxEventLoopDelayMs,
};
process.stdout.write(`${JSON.stringify({ ready: { ...ready, admission } })}\n`);
