import { randomUUID } from 'node:crypto';
import { and, eq, notInArray } from 'drizzle-orm';
import type { Event } from '@microsoft/microsoft-graph-types';
import { DAY_MS } from '../calendar-time/index.js';
import { isGraphError } from '../graph/index.js';
import { seriesBookJob, type JobContext } from '../jobs/index.js';
import type { Services } from '../app/index.js';
import { bookingSeries, coalescePerDb, pairings } from '../store/index.js';
import {
  ensureMailboxSettings,
  loadPairingContext,
  type PairingContext,
} from './booking-context.js';
import type { RecentlyQueued, TrackCache } from './booking-job-caches.js';
import { needWindow, planSeries } from './booking-job.plan.js';
import { sharedProgramPrefetch } from './booking-job.prefetch.js';
import {
  ensureSeriesRow,
  failSeries,
  recordBookedSeries,
  type SeriesPlan,
  type SeriesRow,
} from './booking-job.series-store.js';
import { cachedFreeBusy, throttled } from './free-busy-cache.js';
import type { CachedFreeBusy } from './free-busy-cache.js';

/*
 * The series-book job's flow. Its facets live beside it: planning (`booking-job.plan.ts`), the
 * series row and sessions (`booking-job.series-store.ts`) and the program-wide free/busy read
 * (`booking-job.prefetch.ts`).
 */

export type BookOutcome =
  | { status: 'booked' | 'partial'; seriesId: string; created: boolean }
  | { status: 'failed'; seriesId: string; reason: string }
  | { status: 'skipped'; reason: string };

/** How long before an exception session is due its replacement is booked. */
export const REBOOK_LEAD_MS = 7 * DAY_MS;

/**
 * Both people's mailbox settings were read and their free/busy is cached for the horizon: the
 * cached rows, or undefined when not ready.
 */
async function readyToPlan(
  services: Services,
  ctx: PairingContext,
): Promise<Map<string, CachedFreeBusy> | undefined> {
  const read = [ctx.mentor, ctx.leader].every(
    (p) => p.mailboxSyncedAt !== null || p.timeZone !== null,
  );
  if (!read) return undefined;
  const now = services.now();
  const cached = await cachedTogether(services.db, {
    personIds: [ctx.mentor.id, ctx.leader.id],
    need: needWindow(ctx, now),
    now,
  });
  return cached.size === 2 ? cached : undefined;
}

interface CacheAsk {
  personIds: string[];
  need: { start: number; end: number };
  now: Date;
}

/** Cached free/busy for many jobs' pairs at once: one read per window instead of one a pair. */
const cachedTogether = coalescePerDb(async (db, asks: CacheAsk[]) => {
  const byWindow = new Map<string, CacheAsk[]>();
  for (const ask of asks) {
    const key = `${ask.need.start}/${ask.need.end}/${ask.now.getTime()}`;
    byWindow.set(key, [...(byWindow.get(key) ?? []), ask]);
  }
  const answers = new Map<CacheAsk, Map<string, CachedFreeBusy>>();
  for (const group of byWindow.values()) {
    const [first] = group;
    if (first === undefined) continue;
    const ids = [...new Set(group.flatMap((a) => a.personIds))];
    const rows = await cachedFreeBusy(db, ids, first.need, first.now);
    for (const ask of group) {
      const mine = new Map<string, CachedFreeBusy>();
      for (const id of ask.personIds) {
        const row = rows.get(id);
        if (row !== undefined) mine.set(id, row);
      }
      answers.set(ask, mine);
    }
  }
  return asks.map((ask) => answers.get(ask) ?? new Map<string, CachedFreeBusy>());
});

export interface BookSeriesOptions {
  ctx?: JobContext;
  /** Guide tracks already read in this worker (pinned versions never change). */
  tracks?: TrackCache;
  /** Jobs this worker queued lately that need no second insert (the queue keeps one per key). */
  recentlyQueued?: RecentlyQueued;
}

/**
 * The `series-book` job: one recurring Teams meeting for a pair, checked against both calendars
 * and working hours for every occurrence. Safe to run any number of times and to kill at any
 * point: the plan and its transactionId are stored before the create call, and a resumed run
 * sends exactly that request again, which Graph answers with the event it already made.
 */
export async function bookSeries(
  services: Services,
  pairingId: string,
  o: BookSeriesOptions = {},
): Promise<BookOutcome> {
  const { db, graph } = services;
  let ctx = await loadPairingContext(db, pairingId);
  if (ctx === undefined)
    return { status: 'skipped', reason: 'pairing, program or people not found' };
  if (ctx.pairing.status !== 'active')
    return { status: 'skipped', reason: `pairing is ${ctx.pairing.status}` };
  let series = await ensureSeriesRow(db, ctx);
  if (series.status === 'booked' || series.status === 'partial') {
    // A run that died after recording the series but before queuing its watch resumes here:
    // queue it again (one job per key, so a second run adds nothing).
    await Promise.all(watchJobs(services, series, o));
    return { status: series.status, seriesId: series.id, created: false };
  }
  if (series.status === 'cancelling')
    return { status: 'skipped', reason: 'series is being cancelled' };

  if (series.status === 'failed') {
    // A failed series never reached Graph (or Graph refused it): a fresh plan gets a fresh id.
    const [row] = await db
      .update(bookingSeries)
      .set({ status: 'queued', plan: null, transactionId: randomUUID(), updatedAt: new Date() })
      .where(eq(bookingSeries.id, series.id))
      .returning();
    if (row !== undefined) series = row;
  }

  let plan = series.plan as SeriesPlan | null;
  if (series.status !== 'searching' || plan === null) {
    const cached = await readyToPlan(services, ctx);
    if (cached === undefined) {
      // The first pair of a program to get here reads everyone's settings and free/busy in bulk.
      const jobCtx = o.ctx;
      // Keep the lease while waiting for the bulk read, so no other worker takes the job over.
      const beat =
        jobCtx === undefined
          ? undefined
          : setInterval(() => void jobCtx.heartbeat().catch(() => undefined), 10_000);
      try {
        await sharedProgramPrefetch(services, ctx.program.id);
      } finally {
        clearInterval(beat);
      }
      ctx = (await loadPairingContext(db, pairingId)) ?? ctx;
      await ensureMailboxSettings(db, graph, [ctx.mentor.id, ctx.leader.id], services.now).catch(
        (err: unknown) => {
          throw throttled(err) ?? err;
        },
      );
      ctx = (await loadPairingContext(db, pairingId)) ?? ctx;
    }
    const planned = await planSeries(services, ctx, series, { cached, tracks: o.tracks });
    if ('reason' in planned) return failSeries(db, series.id, planned.reason);
    // Stored with the series row (the job keeps no checkpoint of its own): a resumed run finds it.
    plan = planned.plan;
  }

  let event: Event;
  try {
    // Creates of concurrent jobs share `$batch` calls; each job's id was stored with its plan.
    event = await graph.createEvent(series.organizerId, plan.request, { batched: true });
  } catch (err) {
    const later = throttled(err);
    if (later !== undefined) throw later;
    if (isGraphError(err) && err.status >= 400 && err.status < 500) {
      return failSeries(db, series.id, `Outlook refused the series (${err.code}): ${err.message}`);
    }
    // Unknown outcome (5xx, network): the stored request is sent again with the same id.
    throw err;
  }
  // No checkpoint here: a run that dies before recording sends the stored request again, and
  // Graph answers with the event it already made for that transactionId.
  return recordBooked(services, ctx, series, plan, event, o);
}

async function recordBooked(
  services: Services,
  ctx: PairingContext,
  series: SeriesRow,
  plan: SeriesPlan,
  event: Event,
  o: BookSeriesOptions,
): Promise<BookOutcome> {
  const { status, rebook } = await recordBookedSeries(
    services.db,
    ctx,
    series,
    plan,
    event,
    services.now(),
  );
  // Calendars weeks ahead still move: a session that did not fit is rebooked a week before it is
  // due, against fresh free/busy (at once when that is already less than a week away).
  const rebooks = rebook.map((s) =>
    services.enqueue({
      kind: 'session-rebook',
      key: s.id,
      payload: { sessionId: s.id },
      delayMs: Math.max(0, s.start - REBOOK_LEAD_MS - services.now().getTime()),
    }),
  );
  // Queued together, so the follow-ups of series recorded together share one insert.
  await Promise.all([...rebooks, ...watchJobs(services, series, o)]);
  return { status, seriesId: series.id, created: true };
}

/**
 * Change notifications keep a series true; the subscription job runs where Graph can call us,
 * and the periodic reconcile is the safety net behind them. Both are one job per key. Both
 * mailboxes are watched: an attendee who deletes their copy without answering changes nothing in
 * the organizer's calendar. One subscription per mailbox, whatever its pairings.
 */
function watchJobs(
  services: Services,
  series: Pick<SeriesRow, 'organizerId' | 'attendeeId'>,
  o: BookSeriesOptions,
): Promise<void>[] {
  const queue = o.recentlyQueued;
  const enqueue = (job: Parameters<Services['enqueue']>[0]): Promise<void> =>
    queue === undefined ? services.enqueue(job) : queue.enqueue(services, job);
  return [
    ...[series.organizerId, series.attendeeId].map((mailbox) =>
      enqueue({ kind: 'graph-subscribe', key: mailbox, payload: { organizerId: mailbox } }),
    ),
    enqueue({
      kind: 'reconcile',
      key: 'all',
      delayMs: services.config.calendar.reconcileAfterBookingMs,
    }),
  ];
}

/**
 * Queues one `series-book` job per active pair of a program that has no series yet (approving a
 * match run does the same for its new pairs). The first job reads free/busy for all of them.
 */
export async function queueProgramBookings(services: Services, programId: string): Promise<number> {
  const booked = services.db.select({ pairingId: bookingSeries.pairingId }).from(bookingSeries);
  const pending = await services.db
    .select({ id: pairings.id })
    .from(pairings)
    .where(
      and(
        eq(pairings.programId, programId),
        eq(pairings.status, 'active'),
        notInArray(pairings.id, booked),
      ),
    );
  // Asked together, so the queue inserts them in a few statements instead of one each.
  await Promise.all(pending.map((p) => services.enqueue(seriesBookJob(p.id))));
  return pending.length;
}
