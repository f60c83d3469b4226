import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNotNull, lte, min, ne, or } from 'drizzle-orm';
import { z } from 'zod';
import { problems, route, type RouteDef } from '../app/index.js';
import type {
  BookingProgressView,
  MissedSession,
  MovedSession,
  PersonCard,
  SeriesStatus,
} from '../contract/index.js';
import { SERIES_STATUSES } from '../contract/index.js';
import { recordAudit } from '../identity/index.js';
import { requeueJob, seriesBookJob } from '../jobs/index.js';
import { personCard, unknownPersonCard } from '../programs/index.js';
import type { Services } from '../app/index.js';
import type { Db } from '../store/index.js';
import { bookingSeries, jobs, pairings, people, programs, sessions } from '../store/index.js';
import { SERIES_DECLINED_FLAG } from './reconcile.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const id = z.string().regex(UUID, 'must be an id');

/** A session as the bookings view lists it, with its status in the list's own terms. */
function listedSession<S extends string>(
  r: typeof sessions.$inferSelect,
  status: S,
): { sessionId: string; occurrence: number; startsAt: string; status: S; reason: string | null } {
  return {
    sessionId: r.id,
    occurrence: r.occurrence,
    startsAt: r.startsAt.toISOString(),
    status,
    reason: r.statusReason,
  };
}

function listUnder<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key) ?? [];
  list.push(item);
  map.set(key, list);
}

/** Sessions of these series that did not fit the series time, by series. */
async function movedSessions(db: Db, seriesIds: string[]): Promise<Map<string, MovedSession[]>> {
  const out = new Map<string, MovedSession[]>();
  if (seriesIds.length === 0) return out;
  const rows = await db
    .select()
    .from(sessions)
    .where(
      and(
        inArray(sessions.seriesId, seriesIds),
        or(
          eq(sessions.status, 'rebooking'),
          and(eq(sessions.status, 'scheduled'), isNotNull(sessions.statusReason)),
        ),
      ),
    )
    .orderBy(asc(sessions.occurrence));
  for (const r of rows) {
    if (r.seriesId === null) continue;
    listUnder(
      out,
      r.seriesId,
      listedSession(r, r.status === 'rebooking' ? 'rebooking' : 'scheduled'),
    );
  }
  return out;
}

function partialReason(moved: number, waiting: number): string {
  const s = (n: number) => (n === 1 ? 'session' : 'sessions');
  if (waiting === 0)
    return `${moved} ${s(moved)} did not fit the series time and now ${moved === 1 ? 'has its own meeting' : 'have their own meetings'}.`;
  return `${moved} ${s(moved)} did not fit the series time; ${waiting} still ${waiting === 1 ? 'waits' : 'wait'} for a meeting of ${waiting === 1 ? 'its' : 'their'} own (booked a week before, or now with Retry).`;
}

/** Every pair's series in a program: where booking stands, and why a failed one failed. */
export async function bookingProgress(
  services: Services,
  programId: string,
): Promise<BookingProgressView> {
  const { db } = services;
  const [program] = await db
    .select({ id: programs.id })
    .from(programs)
    .where(eq(programs.id, programId));
  if (program === undefined) throw problems.notFound('No such program.');
  const pairs = await db
    .select()
    .from(pairings)
    .where(and(eq(pairings.programId, programId), ne(pairings.status, 'ended')));
  const counts = Object.fromEntries(SERIES_STATUSES.map((s) => [s, 0])) as Record<
    SeriesStatus,
    number
  >;
  if (pairs.length === 0) return { counts, items: [] };
  const pairingIds = pairs.map((p) => p.id);
  const seriesRows = await db
    .select()
    .from(bookingSeries)
    .where(inArray(bookingSeries.pairingId, pairingIds))
    .orderBy(desc(bookingSeries.createdAt));
  const latest = new Map<string, (typeof seriesRows)[number]>();
  for (const s of seriesRows) if (!latest.has(s.pairingId)) latest.set(s.pairingId, s);
  const personIds = [...new Set(pairs.flatMap((p) => [p.mentorId, p.leaderId]))];
  const cards = new Map<string, PersonCard>();
  for (const p of await db.select().from(people).where(inArray(people.id, personIds))) {
    cards.set(p.id, personCard(p));
  }
  const attempts = new Map<string, number>();
  for (const j of await db
    .select({ key: jobs.key, attempts: jobs.attempts })
    .from(jobs)
    .where(and(eq(jobs.kind, 'series-book'), inArray(jobs.key, pairingIds)))) {
    attempts.set(j.key, j.attempts);
  }
  const seriesIds = [...latest.values()].map((s) => s.id);
  const firsts = new Map<string, Date | null>();
  if (seriesIds.length > 0) {
    for (const r of await db
      .select({ seriesId: sessions.seriesId, first: min(sessions.startsAt) })
      .from(sessions)
      .where(inArray(sessions.seriesId, seriesIds))
      .groupBy(sessions.seriesId)) {
      if (r.seriesId !== null) firsts.set(r.seriesId, r.first);
    }
  }
  const attention = new Map<string, BookingProgressView['items'][number]['needsAttention']>();
  for (const r of await db
    .select()
    .from(sessions)
    .where(and(inArray(sessions.pairingId, pairingIds), eq(sessions.status, 'needs-attention')))
    .orderBy(sessions.startsAt)) {
    const list = attention.get(r.pairingId) ?? [];
    list.push({ sessionId: r.id, startsAt: r.startsAt.toISOString(), reason: r.statusReason });
    attention.set(r.pairingId, list);
  }
  const moved = await movedSessions(db, seriesIds);
  const missed = new Map<string, MissedSession[]>();
  for (const r of await db
    .select()
    .from(sessions)
    .where(
      and(
        inArray(sessions.pairingId, pairingIds),
        inArray(sessions.status, ['missed', 'declined']),
        lte(sessions.endsAt, services.now()),
      ),
    )
    .orderBy(sessions.startsAt))
    listUnder(missed, r.pairingId, listedSession(r, r.status === 'missed' ? 'missed' : 'declined'));
  const items: BookingProgressView['items'] = [];
  for (const p of pairs) {
    const s = latest.get(p.id);
    if (s === undefined) continue;
    counts[s.status] += 1;
    const first = firsts.get(s.id) ?? null;
    const movedHere = moved.get(s.id) ?? [];
    const waiting = movedHere.filter((m) => m.status === 'rebooking').length;
    items.push({
      seriesId: s.id,
      pairingId: p.id,
      mentor: cards.get(p.mentorId) ?? unknownPersonCard(p.mentorId),
      leader: cards.get(p.leaderId) ?? unknownPersonCard(p.leaderId),
      status: s.status,
      failureReason:
        s.status === 'partial' && s.failureReason === null
          ? partialReason(movedHere.length, waiting)
          : s.failureReason,
      attempts: attempts.get(p.id) ?? 0,
      needsAttention: attention.get(p.id) ?? [],
      missed: missed.get(p.id) ?? [],
      calendarFlag:
        p.flag === SERIES_DECLINED_FLAG
          ? 'series-declined'
          : attention.has(p.id)
            ? 'needs-attention'
            : s.status === 'broken'
              ? 'series-broken'
              : null,
      firstSessionAt: first === null ? null : first.toISOString(),
      updatedAt: s.updatedAt.toISOString(),
      moved: movedHere,
    });
  }
  // Pairs still waiting for their job have no series row yet; they count as queued.
  counts.queued += pairs.length - items.length;
  items.sort((a, b) =>
    a.status === b.status
      ? a.pairingId.localeCompare(b.pairingId)
      : a.status === 'failed'
        ? -1
        : b.status === 'failed'
          ? 1
          : a.status.localeCompare(b.status),
  );
  return { counts, items };
}

/**
 * Sessions of this series whose rebooking ran out of retries (`needs-attention`) are queued
 * again, audited; undefined when there are none (or the series itself failed: that is a rebook
 * of the whole series).
 */
async function retryStuckSessions(
  services: Services,
  actorId: string,
  seriesId: string,
): Promise<{ queued: true; sessions: number } | undefined> {
  const { db } = services;
  const [series] = await db.select().from(bookingSeries).where(eq(bookingSeries.id, seriesId));
  if (series === undefined || series.status === 'failed') return undefined;
  const stuck = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.pairingId, series.pairingId), eq(sessions.status, 'needs-attention')));
  if (stuck.length === 0) return undefined;
  await db.transaction(async (tx) => {
    for (const s of stuck) {
      await requeueJob(tx, { kind: 'session-rebook', key: s.id, payload: { sessionId: s.id } });
    }
    await recordAudit(tx, {
      actorId,
      action: 'booking.retry-sessions',
      targetType: 'booking-series',
      targetId: seriesId,
      reason: null,
      detail: { pairingId: series.pairingId, sessions: stuck.map((s) => s.id) },
    });
  });
  const [first] = stuck;
  // Wakes the worker; the jobs were queued with the audit row.
  if (first !== undefined) {
    await services.enqueue({
      kind: 'session-rebook',
      key: first.id,
      payload: { sessionId: first.id },
    });
  }
  return { queued: true, sessions: stuck.length };
}

/**
 * An admin asks for a series to be booked again: a failed one is planned afresh; for a partly
 * booked one exactly the sessions still waiting for their own meeting are rebooked now; sessions
 * whose rebooking ran out of retries (`needs-attention`) are queued again.
 */
export async function retryBooking(
  services: Services,
  actorId: string,
  seriesId: string,
): Promise<{ queued: true; sessions?: number }> {
  const { db } = services;
  const stuck = await retryStuckSessions(services, actorId, seriesId);
  if (stuck !== undefined) return stuck;
  const [current] = await db.select().from(bookingSeries).where(eq(bookingSeries.id, seriesId));
  if (current?.status === 'partial') {
    const [pairing] = await db.select().from(pairings).where(eq(pairings.id, current.pairingId));
    if (pairing?.status !== 'active') throw problems.conflict('The pairing is not active.');
    return retryMovedSessions(services, actorId, current);
  }
  const series = await db.transaction(async (tx) => {
    // Compare-and-set under the series' row lock: of parallel retries, one queues the job and
    // writes the audit row; the others find the job already queued and get 409.
    const [series] = await tx
      .select()
      .from(bookingSeries)
      .where(eq(bookingSeries.id, seriesId))
      .for('update');
    if (series === undefined) throw problems.notFound('No such series.');
    if (series.status !== 'failed') {
      throw problems.conflict(
        `Only a failed or partly booked series can be retried; this one is ${series.status}.`,
        { status: series.status },
      );
    }
    const [pairing] = await tx.select().from(pairings).where(eq(pairings.id, series.pairingId));
    if (pairing?.status !== 'active') throw problems.conflict('The pairing is not active.');
    const [job] = await tx
      .select({ status: jobs.status })
      .from(jobs)
      .where(and(eq(jobs.kind, 'series-book'), eq(jobs.key, series.pairingId)));
    if (job?.status === 'queued' || job?.status === 'running')
      throw problems.conflict('A booking of this pair is already queued.', { seriesId });
    // What the booking job does to a failed series, done here so that the series stops being
    // `failed` at once: a twin request, or one that arrives after the job ran, finds it queued.
    await tx
      .update(bookingSeries)
      .set({ status: 'queued', plan: null, transactionId: randomUUID(), updatedAt: new Date() })
      .where(and(eq(bookingSeries.id, seriesId), eq(bookingSeries.status, 'failed')));
    await requeueJob(tx, seriesBookJob(series.pairingId));
    await recordAudit(tx, {
      actorId,
      action: 'booking.retry',
      targetType: 'booking-series',
      targetId: seriesId,
      reason: null,
      detail: { pairingId: series.pairingId, previousReason: series.failureReason },
    });
    return series;
  });
  // Wakes the worker; the job itself was queued with the audit row.
  await services.enqueue(seriesBookJob(series.pairingId));
  return { queued: true, sessions: 0 };
}

async function retryMovedSessions(
  services: Services,
  actorId: string,
  series: typeof bookingSeries.$inferSelect,
): Promise<{ queued: true; sessions: number }> {
  const { db } = services;
  const now = services.now();
  const ids = await db.transaction(async (tx) => {
    // Under the series' row lock, so of parallel retries one queues the sessions and writes the
    // audit row; the others find them already due (or being rebooked) and get 409.
    await tx
      .select({ id: bookingSeries.id })
      .from(bookingSeries)
      .where(eq(bookingSeries.id, series.id))
      .for('update');
    const waiting = await tx
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(eq(sessions.seriesId, series.id), eq(sessions.status, 'rebooking')));
    if (waiting.length === 0)
      throw problems.conflict('Every session of this series already has a meeting.');
    const due = await tx
      .select({ key: jobs.key })
      .from(jobs)
      .where(
        and(
          eq(jobs.kind, 'session-rebook'),
          inArray(
            jobs.key,
            waiting.map((w) => w.id),
          ),
          or(eq(jobs.status, 'running'), and(eq(jobs.status, 'queued'), lte(jobs.runAfter, now))),
        ),
      );
    const already = new Set(due.map((d) => d.key));
    const ids = waiting.map((w) => w.id).filter((id) => !already.has(id));
    if (ids.length === 0)
      throw problems.conflict('The sessions of this series are already being rebooked.', {
        seriesId: series.id,
      });
    // Each reads both calendars afresh: the admin retries because one was cleared since.
    for (const id of ids)
      await requeueJob(tx, {
        kind: 'session-rebook',
        key: id,
        payload: { sessionId: id, fresh: true },
        runAfter: now,
      });
    // A rebooking still waiting for its week-before slot runs now instead.
    for (const id of ids)
      await tx
        .update(jobs)
        .set({ runAfter: now, payload: { sessionId: id, fresh: true }, updatedAt: now })
        .where(and(eq(jobs.kind, 'session-rebook'), eq(jobs.key, id), eq(jobs.status, 'queued')));
    await recordAudit(tx, {
      actorId,
      action: 'booking.retry',
      targetType: 'booking-series',
      targetId: series.id,
      reason: null,
      detail: { pairingId: series.pairingId, sessions: ids },
    });
    return ids;
  });
  for (const id of ids)
    await services.enqueue({
      kind: 'session-rebook',
      key: id,
      payload: { sessionId: id, fresh: true },
    });
  return { queued: true, sessions: ids.length };
}

export function bookingRoutes(services: Services): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/programs/:programId/bookings',
      access: 'admin',
      summary: 'Booking progress of every pair of a program',
      params: z.object({ programId: id }).strict(),
      handle: async ({ params }): Promise<BookingProgressView> =>
        bookingProgress(services, params.programId),
    }),
    route({
      method: 'post',
      path: '/bookings/:seriesId/retry',
      access: 'admin',
      summary: 'Book a failed series again, or the sessions a partly booked one moved (audited)',
      params: z.object({ seriesId: id }).strict(),
      body: z.object({}).strict(),
      handle: async ({ params, principal }) => {
        return retryBooking(services, principal.userId, params.seriesId);
      },
    }),
  ];
}
