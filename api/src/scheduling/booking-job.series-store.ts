import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Event } from '@microsoft/microsoft-graph-types';
import type { EventWithTransaction } from '../graph/index.js';
import { mergeIntervals, overlapsAny } from '../calendar-time/index.js';
import type { Interval } from '../calendar-time/index.js';
import type { Db } from '../store/index.js';
import {
  bookingSeries,
  freeBusyCache,
  insertedValues,
  pairings,
  sessions,
} from '../store/index.js';
import type { PairingContext, PersonRow } from './booking-context.js';

/*
 * The series-book job's persistence: the series row (one per pairing), its stored plan with the
 * time it reserves in both people's cached free/busy, and the sessions a booked series creates.
 */

export type SeriesRow = typeof bookingSeries.$inferSelect;

/** What a series-book run stored with the plan, so a resumed job sends the same request. */
export interface SeriesPlan extends Record<string, unknown> {
  request: EventWithTransaction;
  occurrences: { index: number; start: number; end: number }[];
  exceptions: { index: number; message: string }[];
  guideSessionNumbers: number[];
  zone: string;
}

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

export async function ensureSeriesRow(db: Db, ctx: PairingContext): Promise<SeriesRow> {
  const { organizer, attendee } = organizerAndAttendee(ctx);
  // Two workers on the same pairing (a lease taken over) must end up with one series row. Most
  // runs are a pairing's first, so the row is looked for only under the lock: one read, not two.
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

export async function failSeries(
  db: Db,
  seriesId: string,
  reason: string,
): Promise<{ status: 'failed'; seriesId: string; reason: string }> {
  await db
    .update(bookingSeries)
    .set({ status: 'failed', failureReason: reason.slice(0, 1000), updatedAt: new Date() })
    .where(eq(bookingSeries.id, seriesId));
  return { status: 'failed', seriesId, reason };
}

/**
 * Stores the plan and reserves its time in both people's cached free/busy in one transaction,
 * unless a concurrent booking took part of that time since the search (then false: search again).
 */
export async function commitPlan(
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
    // Another worker may have planned this series meanwhile: its plan (and request) wins. The
    // plan is stored only where none is (the row lock serialises the two), before any time is
    // reserved, so a lost race writes nothing.
    const stored = await tx
      .update(bookingSeries)
      .set({
        status: 'searching',
        plan,
        timeZone: plan.zone,
        failureReason: null,
        updatedAt: new Date(),
      })
      .where(and(eq(bookingSeries.id, series.id), isNull(bookingSeries.plan)))
      .returning({ id: bookingSeries.id });
    if (stored.length === 0) return 'taken' as const;
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
    return 'committed' as const;
  });
}

/**
 * Records a created series and its sessions in one transaction: sessions that did not fit wait
 * in `rebooking` with their reason. Returns the new status and the sessions to rebook.
 */
export async function recordBookedSeries(
  db: Db,
  ctx: PairingContext,
  series: SeriesRow,
  plan: SeriesPlan,
  event: Event,
  updatedAt: Date,
): Promise<{ status: 'booked' | 'partial'; rebook: { id: string; start: number }[] }> {
  const exceptionByIndex = new Map(plan.exceptions.map((e) => [e.index, e.message]));
  const status = exceptionByIndex.size > 0 ? 'partial' : 'booked';
  const joinUrl = event.onlineMeeting?.joinUrl ?? null;
  const rebook: { id: string; start: number }[] = [];
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
          ...insertedValues(sessions, [
            'seriesId',
            'guideSessionNumber',
            'startsAt',
            'endsAt',
            'status',
            'joinUrl',
            'statusReason',
            'updatedAt',
          ]),
          eventId: null,
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
  return { status, rebook };
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
