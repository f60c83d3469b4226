import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import type { Event } from '@microsoft/microsoft-graph-types';
import type { EventWithTransaction } from '../graph/index.js';
import { isGraphError } from '../graph/index.js';
import type { JobContext } from '../jobs/index.js';
import { workingHoursOf } from '../calendar-time/index.js';
import type { Services } from '../app/index.js';
import type { Db } from '../store/index.js';
import { bookingSeries, freeBusyCache, pairings, people, sessions } from '../store/index.js';
import {
  cadenceOf,
  ensureMailboxSettings,
  guidePlan,
  horizonDays,
  horizonStartOf,
  loadPairingContext,
  pinnedTrack,
  searchDaysOf,
  type PairingContext,
  type PersonRow,
} from './booking-context.js';
import type { RecentlyQueued, TrackCache } from './booking-job-caches.js';
import { buildSeriesEvent, pairingTabLink } from './booking-event.js';
import { cachedFreeBusy, fetchFreeBusy, throttled } from './free-busy-cache.js';
import type { CachedFreeBusy } from './free-busy-cache.js';
import type { Occurrence } from './recurrence.js';
import { findSeriesSlot } from './slot-search.js';
import type { OccurrenceException, SlotSearchResult } from './slot-search.js';
import { DAY_MS, zoneLabel } from '../calendar-time/index.js';
import { mergeIntervals, overlapsAny } from '../calendar-time/index.js';
import type { Interval } from '../calendar-time/index.js';

export type SeriesRow = typeof bookingSeries.$inferSelect;

/** What a series-book run stored with the plan, so a resumed job sends the same request. */
export interface SeriesPlan extends Record<string, unknown> {
  request: EventWithTransaction;
  occurrences: { index: number; start: number; end: number }[];
  exceptions: { index: number; message: string }[];
  guideSessionNumbers: number[];
  zone: string;
}

export type BookOutcome =
  | { status: 'booked' | 'partial'; seriesId: string; created: boolean }
  | { status: 'failed'; seriesId: string; reason: string }
  | { status: 'skipped'; reason: string };

/** How long before an exception session is due its replacement is booked. */
export const REBOOK_LEAD_MS = 7 * DAY_MS;

const OPEN_STATUSES = ['queued', 'searching', 'booked', 'partial', 'failed', 'cancelling'] as const;

/** The pairing's current series (not cancelled), if any. */
export async function currentSeries(db: Db, pairingId: string): Promise<SeriesRow | undefined> {
  const [row] = await db
    .select()
    .from(bookingSeries)
    .where(
      and(
        eq(bookingSeries.pairingId, pairingId),
        inArray(bookingSeries.status, [...OPEN_STATUSES]),
      ),
    )
    .orderBy(desc(bookingSeries.createdAt))
    .limit(1);
  return row;
}

function organizerAndAttendee(ctx: PairingContext): { organizer: PersonRow; attendee: PersonRow } {
  return ctx.program.rules.organizer === 'leader'
    ? { organizer: ctx.leader, attendee: ctx.mentor }
    : { organizer: ctx.mentor, attendee: ctx.leader };
}

async function ensureSeriesRow(db: Db, ctx: PairingContext): Promise<SeriesRow> {
  const existing = await currentSeries(db, ctx.pairing.id);
  if (existing !== undefined) return existing;
  const { organizer, attendee } = organizerAndAttendee(ctx);
  // Two workers on the same pairing (a lease taken over) must end up with one series row.
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${ctx.pairing.id}))`);
    const again = await currentSeries(tx, ctx.pairing.id);
    if (again !== undefined) return again;
    const [row] = await tx
      .insert(bookingSeries)
      .values({
        pairingId: ctx.pairing.id,
        organizerId: organizer.id,
        attendeeId: attendee.id,
        status: 'queued',
        transactionId: randomUUID(),
      })
      .returning();
    if (row === undefined) throw new Error('booking_series insert returned nothing');
    return row;
  });
}

async function failSeries(db: Db, seriesId: string, reason: string): Promise<BookOutcome> {
  await db
    .update(bookingSeries)
    .set({ status: 'failed', failureReason: reason.slice(0, 1000), updatedAt: new Date() })
    .where(eq(bookingSeries.id, seriesId));
  return { status: 'failed', seriesId, reason };
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A reason an admin can act on, naming people and places instead of codes. */
function describeFailure(
  result: Extract<SlotSearchResult, { ok: false }>,
  ctx: PairingContext,
  mentorHours: { zone: string; startMinutes: number; endMinutes: number },
  leaderHours: { zone: string; startMinutes: number; endMinutes: number },
): string {
  if (result.code === 'no-working-hours-overlap') {
    return `No shared working hours: ${zoneLabel(mentorHours.zone)} ${hhmm(mentorHours.startMinutes)}–${hhmm(mentorHours.endMinutes)} (${ctx.mentor.displayName}) and ${zoneLabel(leaderHours.zone)} ${hhmm(leaderHours.startMinutes)}–${hhmm(leaderHours.endMinutes)} (${ctx.leader.displayName}) never overlap for a whole session on a working day`;
  }
  const named = result.reason
    .replace(/\bmentor\b/g, `mentor (${ctx.mentor.displayName})`)
    .replace(/\bleader\b/g, `leader (${ctx.leader.displayName})`);
  return `${named.charAt(0).toUpperCase()}${named.slice(1)}`;
}

interface Availability {
  busy: Map<string, Interval[]>;
  unknown: Set<string>;
  unknownWindows: Map<string, Interval[]>;
  reasons: Map<string, string>;
}

function availabilityFrom(rows: Map<string, CachedFreeBusy>): Availability {
  const busy = new Map<string, Interval[]>();
  const unknown = new Set<string>();
  const unknownWindows = new Map<string, Interval[]>();
  const reasons = new Map<string, string>();
  for (const [id, r] of rows) {
    busy.set(id, r.busy);
    if (r.unknownWindows.length > 0) {
      unknown.add(id);
      unknownWindows.set(id, r.unknownWindows);
      if (r.unknownReason !== null) reasons.set(id, r.unknownReason);
    }
  }
  return { busy, unknown, unknownWindows, reasons };
}

function fittingIntervals(
  occurrences: readonly Occurrence[],
  exceptions: readonly OccurrenceException[],
): Interval[] {
  const skip = new Set(exceptions.map((e) => e.occurrence.index));
  return occurrences.filter((o) => !skip.has(o.index)).map((o) => ({ start: o.start, end: o.end }));
}

/**
 * Stores the plan and reserves its time in both people's cached free/busy in one transaction,
 * unless a concurrent booking took part of that time since the search (then false: search again).
 */
async function commitPlan(
  db: Db,
  series: SeriesRow,
  personIds: string[],
  plan: SeriesPlan,
  reserved: Interval[],
): Promise<'committed' | 'conflict' | 'taken'> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ personId: freeBusyCache.personId, busy: freeBusyCache.busy })
      .from(freeBusyCache)
      .where(inArray(freeBusyCache.personId, personIds))
      .for('update');
    for (const r of rows) {
      const busy = mergeIntervals(r.busy);
      if (reserved.some((i) => overlapsAny(busy, i.start, i.end))) return 'conflict' as const;
    }
    // Another worker may have planned this series meanwhile: its plan (and request) wins.
    const [current] = await tx
      .select({ plan: bookingSeries.plan, status: bookingSeries.status })
      .from(bookingSeries)
      .where(eq(bookingSeries.id, series.id))
      .for('update');
    if (current === undefined || current.plan !== null) return 'taken' as const;
    if (rows.length > 0) {
      // Both people in one statement: the embedded database runs one query at a time.
      const merged = sql.join(
        rows.map(
          (r) =>
            sql`when ${r.personId} then ${JSON.stringify(mergeIntervals([...r.busy, ...reserved]))}::jsonb`,
        ),
        sql` `,
      );
      await tx
        .update(freeBusyCache)
        .set({ busy: sql`case ${freeBusyCache.personId} ${merged} end` })
        .where(
          inArray(
            freeBusyCache.personId,
            rows.map((r) => r.personId),
          ),
        );
    }
    await tx
      .update(bookingSeries)
      .set({
        status: 'searching',
        plan,
        timeZone: plan.zone,
        failureReason: null,
        updatedAt: new Date(),
      })
      .where(eq(bookingSeries.id, series.id));
    return 'committed' as const;
  });
}

function needWindow(ctx: PairingContext, now: Date): { start: number; end: number } {
  const start = horizonStartOf(ctx.program, now);
  return { start, end: start + horizonDays(cadenceOf(ctx.program.rules)) * DAY_MS };
}

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
  const cached = await cachedFreeBusy(
    services.db,
    [ctx.mentor.id, ctx.leader.id],
    needWindow(ctx, now),
    now,
  );
  return cached.size === 2 ? cached : undefined;
}

const prefetches = new Map<string, Promise<unknown>>();

/** One bulk prefetch per program at a time in this process; concurrent jobs wait for it. */
async function sharedProgramPrefetch(services: Services, programId: string): Promise<void> {
  let running = prefetches.get(programId);
  if (running === undefined) {
    running = prefetchProgramFreeBusy(services, programId).finally(() =>
      prefetches.delete(programId),
    );
    prefetches.set(programId, running);
  }
  await running;
}

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
    plan = planned.plan;
    await o.ctx?.checkpoint({ stage: 'planned', seriesId: series.id });
  }

  let event: Event;
  try {
    event = await graph.createEvent(series.organizerId, plan.request);
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

async function planSeries(
  services: Services,
  ctx: PairingContext,
  series: SeriesRow,
  o: { cached?: Map<string, CachedFreeBusy> | undefined; tracks?: TrackCache | undefined } = {},
): Promise<{ plan: SeriesPlan } | { reason: string }> {
  const { db } = services;
  const mentorHours = workingHoursOf(ctx.mentor);
  if (!mentorHours.ok) return { reason: mentorHours.reason };
  const leaderHours = workingHoursOf(ctx.leader);
  if (!leaderHours.ok) return { reason: leaderHours.reason };
  for (const p of [ctx.mentor, ctx.leader]) {
    if (p.mail === null || p.mail === '')
      return { reason: `${p.displayName} has no mailbox address` };
    if (p.goneAt !== null) return { reason: `${p.displayName} has left the directory` };
  }
  const cadence = cadenceOf(ctx.program.rules);
  const now = services.now();
  const start = horizonStartOf(ctx.program, now);
  const need = { start, end: start + horizonDays(cadence) * DAY_MS };
  const ids = [ctx.mentor.id, ctx.leader.id];
  const track = await (o.tracks?.get(db, ctx.pairing) ?? pinnedTrack(db, ctx.pairing));
  const guide = guidePlan(track, cadence.sessions, ctx.program.rules.topics);
  const organizerRole = ctx.program.rules.organizer === 'leader' ? 'leader' : 'mentor';

  // Rows read just before (readyToPlan) serve the first attempt when they cover this window.
  const preRead = o.cached;
  const preReadCovers =
    preRead !== undefined &&
    ids.every((id) => {
      const r = preRead.get(id);
      return (
        r !== undefined &&
        r.windowStart.getTime() <= need.start &&
        r.windowEnd.getTime() >= need.end
      );
    });
  for (let attempt = 0; attempt < 4; attempt++) {
    let cached =
      attempt === 0 && preReadCovers ? preRead : await cachedFreeBusy(db, ids, need, now);
    if (cached.size < 2) {
      const missing = [ctx.mentor, ctx.leader]
        .filter((p) => !cached.has(p.id))
        .map((p) => ({ id: p.id, mail: p.mail ?? '' }));
      await fetchFreeBusy({ db, graph: services.graph, now: services.now }, missing, need);
      cached = await cachedFreeBusy(db, ids, need, now);
    }
    const availability = availabilityFrom(cached);
    // An unreadable calendar is never free: say whose, and why, instead of booking blind.
    for (const p of [ctx.mentor, ctx.leader]) {
      const why = availability.reasons.get(p.id);
      const unknownAll =
        !cached.has(p.id) ||
        (availability.unknownWindows.get(p.id) ?? []).some(
          (w) => w.start <= need.start && w.end >= need.end - DAY_MS,
        );
      if (unknownAll) {
        return {
          reason: `${p.displayName}'s calendar could not be read${why === undefined ? '' : ` (${why})`}; nothing is booked until it can be`,
        };
      }
    }
    const result = findSeriesSlot({
      mentor: { id: ctx.mentor.id, workingHours: mentorHours.value },
      leader: { id: ctx.leader.id, workingHours: leaderHours.value },
      organizer: organizerRole,
      cadence,
      horizonStart: start,
      busy: availability.busy,
      unknown: new Set<string>(),
      unknownWindows: availability.unknownWindows,
      preferences: { leaderPreferredTimes: ctx.leaderPreferredTimes },
      searchDays: searchDaysOf(cadence),
    });
    if (!result.ok)
      return { reason: describeFailure(result, ctx, mentorHours.value, leaderHours.value) };
    const slot = result.slot;
    const request = buildSeriesEvent({
      programName: ctx.program.name,
      mentor: {
        id: ctx.mentor.id,
        displayName: ctx.mentor.displayName,
        mail: ctx.mentor.mail ?? '',
      },
      leader: {
        id: ctx.leader.id,
        displayName: ctx.leader.displayName,
        mail: ctx.leader.mail ?? '',
      },
      organizer: organizerRole,
      cadence,
      series: slot.series,
      guide,
      tabLink: pairingTabLink(services.publicUrl(), ctx.pairing.id),
      transactionId: series.transactionId,
    });
    const plan: SeriesPlan = {
      request,
      occurrences: slot.occurrences.map((x) => ({ index: x.index, start: x.start, end: x.end })),
      exceptions: result.exceptions.map((e) => ({ index: e.occurrence.index, message: e.message })),
      guideSessionNumbers: guide.map((g) => g.number),
      zone: slot.series.zone,
    };
    const reserved = fittingIntervals(slot.occurrences, result.exceptions);
    const outcome = await commitPlan(db, series, ids, plan, reserved);
    if (outcome === 'committed') return { plan };
    if (outcome === 'taken') {
      const [row] = await db.select().from(bookingSeries).where(eq(bookingSeries.id, series.id));
      const stored = row?.plan as SeriesPlan | null | undefined;
      if (stored != null) return { plan: stored };
    }
  }
  return { reason: 'the calendars kept changing while booking; retry' };
}

async function recordBooked(
  services: Services,
  ctx: PairingContext,
  series: SeriesRow,
  plan: SeriesPlan,
  event: Event,
  o: BookSeriesOptions,
): Promise<BookOutcome> {
  const { db } = services;
  const exceptionByIndex = new Map(plan.exceptions.map((e) => [e.index, e.message]));
  const status = exceptionByIndex.size > 0 ? 'partial' : 'booked';
  const joinUrl = event.onlineMeeting?.joinUrl ?? null;
  const rebook: { id: string; start: number }[] = [];
  const updatedAt = new Date();
  const values = plan.occurrences.map((occ) => {
    const reason = exceptionByIndex.get(occ.index);
    return {
      pairingId: ctx.pairing.id,
      seriesId: series.id,
      occurrence: occ.index + 1,
      guideSessionNumber: plan.guideSessionNumbers[occ.index] ?? occ.index + 1,
      startsAt: new Date(occ.start),
      endsAt: new Date(occ.end),
      status: reason === undefined ? ('scheduled' as const) : ('rebooking' as const),
      eventId: null,
      joinUrl,
      statusReason: reason ?? null,
      updatedAt,
    };
  });
  await db.transaction(async (tx) => {
    await tx
      .update(bookingSeries)
      .set({
        status,
        eventId: event.id ?? null,
        joinUrl,
        failureReason: null,
        updatedAt,
      })
      .where(eq(bookingSeries.id, series.id));
    if (values.length === 0) return;
    // One statement for the whole series: the embedded database runs one query at a time.
    const rows = await tx
      .insert(sessions)
      .values(values)
      .onConflictDoUpdate({
        target: [sessions.pairingId, sessions.occurrence],
        set: {
          seriesId: sql`excluded.series_id`,
          guideSessionNumber: sql`excluded.guide_session_number`,
          startsAt: sql`excluded.starts_at`,
          endsAt: sql`excluded.ends_at`,
          status: sql`excluded.status`,
          eventId: null,
          joinUrl: sql`excluded.join_url`,
          statusReason: sql`excluded.status_reason`,
          updatedAt: sql`excluded.updated_at`,
        },
      })
      .returning({ id: sessions.id, occurrence: sessions.occurrence });
    const idByOccurrence = new Map(rows.map((r) => [r.occurrence, r.id]));
    for (const occ of plan.occurrences) {
      const id = idByOccurrence.get(occ.index + 1);
      if (exceptionByIndex.has(occ.index) && id !== undefined)
        rebook.push({ id, start: occ.start });
    }
  });
  // Calendars weeks ahead still move: a session that did not fit is rebooked a week before it is
  // due, against fresh free/busy (at once when that is already less than a week away).
  for (const s of rebook) {
    const delay = Math.max(0, s.start - REBOOK_LEAD_MS - services.now().getTime());
    await services.enqueue({
      kind: 'session-rebook',
      key: s.id,
      payload: { sessionId: s.id },
      runAfter: new Date(Date.now() + delay),
    });
  }
  // Change notifications keep the series true; the subscription job runs where Graph can call us,
  // and the periodic reconcile is the safety net behind them. Both are one job per key.
  const queue = o.recentlyQueued;
  const enqueue = (job: Parameters<Services['enqueue']>[0]): Promise<void> =>
    queue === undefined ? services.enqueue(job) : queue.enqueue(services, job);
  await enqueue({
    kind: 'graph-subscribe',
    key: series.organizerId,
    payload: { organizerId: series.organizerId },
  });
  await enqueue({
    kind: 'reconcile',
    key: 'all',
    runAfter: new Date(Date.now() + 3_600_000),
  });
  return { status, seriesId: series.id, created: true };
}

/**
 * Reads the mailbox settings and free/busy of every person in a program's pairs still to book
 * (20 mailboxes a `$batch` or getSchedule call), so booking jobs then only create events: about
 * one Graph request per pair.
 */
export async function prefetchProgramFreeBusy(
  services: Services,
  programId: string,
  o: { concurrency?: number } = {},
): Promise<{ pairs: number; requests: number; unknown: number }> {
  const { db } = services;
  const booked = db
    .select({ pairingId: bookingSeries.pairingId })
    .from(bookingSeries)
    .where(inArray(bookingSeries.status, ['booked', 'partial', 'cancelling']));
  const pairs = await db
    .select({ id: pairings.id, mentorId: pairings.mentorId, leaderId: pairings.leaderId })
    .from(pairings)
    .where(
      and(
        eq(pairings.programId, programId),
        eq(pairings.status, 'active'),
        notInArray(pairings.id, booked),
      ),
    );
  const personIds = [...new Set(pairs.flatMap((p) => [p.mentorId, p.leaderId]))];
  let requests = 0;
  let unknown = 0;
  if (personIds.length > 0) {
    await ensureMailboxSettings(db, services.graph, personIds, services.now).catch(
      (err: unknown) => {
        throw throttled(err) ?? err;
      },
    );
    const ctx = await loadPairingContext(db, pairs[0]?.id ?? '');
    if (ctx !== undefined) {
      const cadence = cadenceOf(ctx.program.rules);
      const now = services.now();
      const start = horizonStartOf(ctx.program, now);
      // A margin either side, so jobs that run a little later still find their window covered.
      const window = { start, end: start + (horizonDays(cadence) + 1) * DAY_MS };
      const cached = await cachedFreeBusy(db, personIds, window, now);
      const rows = await db
        .select({ id: people.id, mail: people.mail })
        .from(people)
        .where(
          inArray(
            people.id,
            personIds.filter((id) => !cached.has(id)),
          ),
        );
      const mailboxes = rows.flatMap((r) =>
        r.mail === null || r.mail === '' ? [] : [{ id: r.id, mail: r.mail }],
      );
      const fetched = await fetchFreeBusy(
        { db, graph: services.graph, now: services.now },
        mailboxes,
        window,
        o,
      );
      requests = fetched.requests;
      unknown = fetched.unknown;
    }
  }
  return { pairs: pairs.length, requests, unknown };
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
  for (const p of pending) {
    await services.enqueue({ kind: 'series-book', key: p.id, payload: { pairingId: p.id } });
  }
  return pending.length;
}

/** Series rows per status for a program, for readiness checks and the CLI. */
export async function seriesCounts(db: Db, programId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: bookingSeries.status, n: sql<number>`count(*)::int` })
    .from(bookingSeries)
    .innerJoin(pairings, eq(pairings.id, bookingSeries.pairingId))
    .where(and(eq(pairings.programId, programId), ne(bookingSeries.status, 'cancelled')))
    .groupBy(bookingSeries.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
