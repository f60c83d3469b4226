import { and, eq, gt, inArray, or } from 'drizzle-orm';
import type { ScheduleInformation, WorkingHours } from '@microsoft/microsoft-graph-types';
import { isGraphError } from '../graph/index.js';
import { RetryLaterError } from '../jobs/index.js';
import type { Db, StoredInterval } from '../store/index.js';
import {
  bookingSeries,
  freeBusyCache,
  insertedValues,
  pairings,
  sessionEvents,
  sessions,
} from '../store/index.js';
import { collectAvailability, planScheduleRequests } from './free-busy.js';
import type { ScheduleAnswer } from './free-busy.js';
import { mergeIntervals } from '../calendar-time/index.js';
import type { Interval } from '../calendar-time/index.js';

export interface ScheduleReader {
  getSchedule(o: {
    mailbox: string;
    schedules: string[];
    start: Date;
    end: Date;
    intervalMinutes: number;
    batched?: boolean;
  }): Promise<ScheduleInformation[]>;
}

export interface Mailbox {
  id: string;
  mail: string;
}

/** A cached read is trusted this long; booking adds its own series to it meanwhile. */
export const FREE_BUSY_MAX_AGE_MS = 30 * 60_000;

/** Throttling that outlived the client's retries becomes "come back later" for the job. */
export function throttled(err: unknown): RetryLaterError | undefined {
  if (isGraphError(err) && (err.status === 429 || err.status === 503 || err.status === 504)) {
    return new RetryLaterError(`Graph throttled: ${err.message}`, err.retryAfterMs ?? 5_000);
  }
  return undefined;
}

async function mapLimit<T>(items: readonly T[], limit: number, fn: (t: T) => Promise<void>) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  });
  await Promise.all(workers);
}

/**
 * Reads free/busy for many mailboxes (20 a call, windows under 62 days, several calls in flight)
 * and stores it per person. A schedule answered with an error is stored as unknown for that
 * window, never as free. A call that failed as a whole stores nothing for its people (their
 * booking job reads them again); throttling beyond the client's retries asks the job to wait.
 */
export async function fetchFreeBusy(
  deps: { db: Db; graph: ScheduleReader; now: () => Date },
  mailboxes: readonly Mailbox[],
  window: { start: number; end: number },
  o: { concurrency?: number; batched?: boolean } = {},
): Promise<{
  requests: number;
  stored: number;
  unknown: number;
  /** The working hours each answer carried (set in mailbox settings), by person id. */
  workingHours: Map<string, WorkingHours>;
}> {
  const byMail = new Map<string, string>();
  for (const m of mailboxes) byMail.set(m.mail.toLowerCase(), m.id);
  const plan = planScheduleRequests(
    mailboxes.map((m) => m.mail),
    window.start,
    window.end,
  );
  const answers: ScheduleAnswer[] = [];
  const failedMails = new Set<string>();
  let retry: RetryLaterError | undefined;
  await mapLimit(plan, o.concurrency ?? 8, async (request) => {
    const mailbox = request.schedules[0];
    if (mailbox === undefined || retry !== undefined) return;
    try {
      const schedules = await deps.graph.getSchedule({
        mailbox,
        schedules: request.schedules,
        start: new Date(request.start),
        end: new Date(request.end),
        intervalMinutes: request.body.availabilityViewInterval,
        ...(o.batched === true ? { batched: true } : {}),
      });
      answers.push({ request, schedules });
    } catch (err) {
      const later = throttled(err);
      if (later !== undefined) retry = later;
      for (const s of request.schedules) failedMails.add(s.toLowerCase());
    }
  });
  if (retry !== undefined) throw retry;
  const availability = collectAvailability(answers);
  const workingHours = new Map<string, WorkingHours>();
  for (const answer of answers) {
    for (const info of answer.schedules ?? []) {
      const id = byMail.get(info.scheduleId?.toLowerCase() ?? '');
      if (id !== undefined && info.workingHours != null) workingHours.set(id, info.workingHours);
    }
  }
  const fetchedAt = deps.now();
  const rows: (typeof freeBusyCache.$inferInsert)[] = [];
  let unknown = 0;
  for (const [mail, busy] of availability.busy) {
    const id = byMail.get(mail.toLowerCase());
    if (id === undefined || failedMails.has(mail.toLowerCase())) continue;
    const unknownWindows = availability.unknownWindows.get(mail) ?? [];
    if (unknownWindows.length > 0) unknown++;
    rows.push({
      personId: id,
      windowStart: new Date(window.start),
      windowEnd: new Date(window.end),
      busy,
      unknownWindows,
      unknownReason: availability.reasons.get(mail) ?? null,
      fetchedAt,
    });
  }
  for (let i = 0; i < rows.length; i += 200) {
    await storeRead(deps.db, rows.slice(i, i + 200), window.start);
  }
  return { requests: plan.length, stored: rows.length, unknown, workingHours };
}

type CacheRow = typeof freeBusyCache.$inferInsert;

/**
 * Replaces people's cached rows with a fresh read, keeping the time this app booked or planned
 * for them: a series planned but not yet created in Outlook is not in the read, and dropping it
 * would let the next search book over it. The rows are locked first, so a plan committed
 * meanwhile (it locks the same rows) is either already in the database, read below, or merges
 * its time into what this writes.
 */
async function storeRead(db: Db, rows: CacheRow[], since: number): Promise<void> {
  if (rows.length === 0) return;
  const ids = rows.map((r) => r.personId);
  await db.transaction(async (tx) => {
    await tx
      .select({ personId: freeBusyCache.personId })
      .from(freeBusyCache)
      .where(inArray(freeBusyCache.personId, ids))
      .for('update');
    const own = await bookedFor(tx, ids, since);
    const merged = rows.map((r) => ({
      ...r,
      busy: mergeIntervals([...(r.busy ?? []), ...(own.get(r.personId) ?? [])]),
    }));
    await tx
      .insert(freeBusyCache)
      .values(merged)
      .onConflictDoUpdate({
        target: freeBusyCache.personId,
        set: insertedValues(freeBusyCache, [
          'windowStart',
          'windowEnd',
          'busy',
          'unknownWindows',
          'unknownReason',
          'fetchedAt',
        ]),
      });
  });
}

/** What a stored series plan says about its occurrences (the fields read here). */
interface PlannedOccurrences {
  occurrences?: { index: number; start: number; end: number }[];
  exceptions?: { index: number }[];
}

/**
 * Time this app holds for each person from `since` on: scheduled sessions, series planned but
 * not yet recorded, and single replacement events planned.
 */
async function bookedFor(db: Db, ids: string[], since: number): Promise<Map<string, Interval[]>> {
  const out = new Map<string, Interval[]>();
  const add = (id: string, i: Interval) => {
    const list = out.get(id);
    if (list === undefined) out.set(id, [i]);
    else list.push(i);
  };
  const after = new Date(since);
  const isEither = or(
    inArray(bookingSeries.organizerId, ids),
    inArray(bookingSeries.attendeeId, ids),
  );
  const scheduled = await db
    .select({
      start: sessions.startsAt,
      end: sessions.endsAt,
      organizerId: bookingSeries.organizerId,
      attendeeId: bookingSeries.attendeeId,
    })
    .from(sessions)
    .innerJoin(bookingSeries, eq(bookingSeries.id, sessions.seriesId))
    .where(and(eq(sessions.status, 'scheduled'), gt(sessions.endsAt, after), isEither));
  for (const s of scheduled) {
    const i = { start: s.start.getTime(), end: s.end.getTime() };
    add(s.organizerId, i);
    add(s.attendeeId, i);
  }
  const planned = await db
    .select({
      plan: bookingSeries.plan,
      organizerId: bookingSeries.organizerId,
      attendeeId: bookingSeries.attendeeId,
    })
    .from(bookingSeries)
    .where(and(eq(bookingSeries.status, 'searching'), isEither));
  for (const p of planned) {
    const plan = p.plan as PlannedOccurrences | null;
    const skip = new Set((plan?.exceptions ?? []).map((e) => e.index));
    for (const o of plan?.occurrences ?? []) {
      if (skip.has(o.index) || o.end <= since) continue;
      add(p.organizerId, { start: o.start, end: o.end });
      add(p.attendeeId, { start: o.start, end: o.end });
    }
  }
  const single = await db
    .select({
      start: sessionEvents.startsAt,
      end: sessionEvents.endsAt,
      mentorId: pairings.mentorId,
      leaderId: pairings.leaderId,
    })
    .from(sessionEvents)
    .innerJoin(pairings, eq(pairings.id, sessionEvents.pairingId))
    .where(
      and(
        eq(sessionEvents.status, 'planned'),
        gt(sessionEvents.endsAt, after),
        or(inArray(pairings.mentorId, ids), inArray(pairings.leaderId, ids)),
      ),
    );
  for (const e of single) {
    const i = { start: e.start.getTime(), end: e.end.getTime() };
    add(e.mentorId, i);
    add(e.leaderId, i);
  }
  return out;
}

export type CachedFreeBusy = typeof freeBusyCache.$inferSelect;

/** Cached rows that cover `need` and are fresh enough, by person id. */
export async function cachedFreeBusy(
  db: Db,
  personIds: readonly string[],
  need: { start: number; end: number },
  now: Date,
): Promise<Map<string, CachedFreeBusy>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(freeBusyCache)
    .where(inArray(freeBusyCache.personId, [...new Set(personIds)]));
  const out = new Map<string, CachedFreeBusy>();
  for (const r of rows) {
    const fresh = now.getTime() - r.fetchedAt.getTime() <= FREE_BUSY_MAX_AGE_MS;
    const covers = r.windowStart.getTime() <= need.start && r.windowEnd.getTime() >= need.end;
    if (fresh && covers) out.set(r.personId, r);
  }
  return out;
}

/**
 * Adds booked time to people's cached busy lists, so later searches see it at once. Runs in the
 * caller's transaction when given one; the rows are locked before they are read, so two jobs
 * reserving for the same person never lose each other's time.
 */
export async function reserveCachedBusy(
  db: Db,
  personIds: readonly string[],
  intervals: readonly Interval[],
): Promise<void> {
  if (intervals.length === 0 || personIds.length === 0) return;
  await db.transaction(async (tx) => {
    const rows = await tx
      .select({ personId: freeBusyCache.personId, busy: freeBusyCache.busy })
      .from(freeBusyCache)
      .where(inArray(freeBusyCache.personId, [...new Set(personIds)]))
      .for('update');
    for (const r of rows) {
      const busy: StoredInterval[] = mergeIntervals([...r.busy, ...intervals]);
      await tx.update(freeBusyCache).set({ busy }).where(eq(freeBusyCache.personId, r.personId));
    }
  });
}
