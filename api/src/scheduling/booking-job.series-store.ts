import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Event } from '@microsoft/microsoft-graph-types';
import type { EventWithTransaction } from '../graph/index.js';
import { mergeIntervals, overlapsAny } from '../calendar-time/index.js';
import type { Interval } from '../calendar-time/index.js';
import type { Db } from '../store/index.js';
import { rowsOf } from '../jobs/index.js';
import {
  bookingSeries,
  coalescePerDb,
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

/** The pairings' current series (not cancelled), by pairing id. */
async function currentSeriesOf(db: Db, pairingIds: string[]): Promise<Map<string, SeriesRow>> {
  const rows = await db
    .selectDistinctOn([bookingSeries.pairingId])
    .from(bookingSeries)
    .where(
      and(
        inArray(bookingSeries.pairingId, pairingIds),
        inArray(bookingSeries.status, [...OPEN_STATUSES]),
      ),
    )
    .orderBy(bookingSeries.pairingId, desc(bookingSeries.createdAt));
  return new Map(rows.map((r) => [r.pairingId, r]));
}

/** The pairing's current series (not cancelled), if any. */
export async function currentSeries(db: Db, pairingId: string): Promise<SeriesRow | undefined> {
  return (await currentSeriesOf(db, [pairingId])).get(pairingId);
}

function organizerAndAttendee(ctx: PairingContext): { organizer: PersonRow; attendee: PersonRow } {
  return ctx.program.rules.organizer === 'leader'
    ? { organizer: ctx.leader, attendee: ctx.mentor }
    : { organizer: ctx.mentor, attendee: ctx.leader };
}

/** Each pairing's current series, created (queued, with its transactionId) where there is none. */
async function ensureSeriesRows(db: Db, ctxs: PairingContext[]): Promise<SeriesRow[]> {
  const pairingIds = [...new Set(ctxs.map((c) => c.pairing.id))].sort();
  // Two workers on the same pairing (a lease taken over) must end up with one series row: each
  // pairing is looked for and created under its lock, taken in one order by every worker. Most
  // runs are a pairing's first, so the rows are looked for only under the locks.
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(p)) from unnest(${sql.param(pairingIds)}::text[]) as p`,
    );
    const found = await currentSeriesOf(tx, pairingIds);
    const missing = new Map<string, PairingContext>();
    for (const ctx of ctxs) if (!found.has(ctx.pairing.id)) missing.set(ctx.pairing.id, ctx);
    if (missing.size > 0) {
      const rows = await tx
        .insert(bookingSeries)
        .values(
          [...missing.values()].map((ctx) => {
            const { organizer, attendee } = organizerAndAttendee(ctx);
            return {
              pairingId: ctx.pairing.id,
              organizerId: organizer.id,
              attendeeId: attendee.id,
              status: 'queued' as const,
              transactionId: randomUUID(),
            };
          }),
        )
        .returning();
      for (const row of rows) found.set(row.pairingId, row);
    }
    return ctxs.map((ctx) => {
      const row = found.get(ctx.pairing.id);
      if (row === undefined) throw new Error('booking_series insert returned nothing');
      return row;
    });
  });
}

/** The pairing's current series, created where there is none; jobs asking together share it. */
export const ensureSeriesRow: (db: Db, ctx: PairingContext) => Promise<SeriesRow> =
  coalescePerDb(ensureSeriesRows);

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

interface PlanToCommit {
  series: SeriesRow;
  personIds: string[];
  plan: SeriesPlan;
  reserved: Interval[];
}

type CommitOutcome = 'committed' | 'conflict' | 'taken';

/**
 * Stores plans and reserves their time in the people's cached free/busy in one transaction. A plan
 * whose time a concurrent booking took since its search (or a plan earlier in the same call) is a
 * 'conflict' (search again); a series another worker planned meanwhile is 'taken' (its plan wins).
 */
async function commitPlans(db: Db, items: PlanToCommit[]): Promise<CommitOutcome[]> {
  const personIds = [...new Set(items.flatMap((i) => i.personIds))].sort();
  return db.transaction(async (tx) => {
    // Locked in one order by every worker, so two committing workers never wait in a cycle.
    const rows = await tx
      .select({ personId: freeBusyCache.personId, busy: freeBusyCache.busy })
      .from(freeBusyCache)
      .where(inArray(freeBusyCache.personId, personIds))
      .orderBy(freeBusyCache.personId)
      .for('update');
    const busy = new Map(rows.map((r) => [r.personId, mergeIntervals(r.busy)]));
    const outcomes: CommitOutcome[] = [];
    const candidates = new Map<string, number>();
    items.forEach((item, i) => {
      const clash = item.personIds.some((id) => {
        const theirs = busy.get(id);
        return (
          theirs !== undefined && item.reserved.some((x) => overlapsAny(theirs, x.start, x.end))
        );
      });
      if (clash || candidates.has(item.series.id)) {
        outcomes.push(clash ? 'conflict' : 'taken');
        return;
      }
      outcomes.push('taken');
      candidates.set(item.series.id, i);
      // Later plans in this call must not take the same time.
      for (const id of item.personIds) {
        const theirs = busy.get(id);
        if (theirs !== undefined) busy.set(id, mergeIntervals([...theirs, ...item.reserved]));
      }
    });
    if (candidates.size === 0) return outcomes;
    // Another worker may have planned a series meanwhile: its plan (and request) wins. Plans are
    // stored only where none is (the row lock serialises the two), before any time is reserved,
    // so a lost race writes nothing.
    const chosen = [...candidates.values()].map((i) => items[i] as PlanToCommit);
    const stored = await tx.execute(sql`
      update ${bookingSeries} set
        status = 'searching',
        plan = v.plan::jsonb,
        time_zone = v.zone,
        failure_reason = null,
        updated_at = now()
      from unnest(
        ${sql.param(chosen.map((c) => c.series.id))}::uuid[],
        ${sql.param(chosen.map((c) => JSON.stringify(c.plan)))}::text[],
        ${sql.param(chosen.map((c) => c.plan.zone))}::text[]
      ) as v(id, plan, zone)
      where ${bookingSeries.id} = v.id and ${bookingSeries.plan} is null
      returning ${bookingSeries.id} as id`);
    const reservedBy = new Map<string, Interval[]>();
    for (const row of rowsOf(stored)) {
      const i = candidates.get(String(row.id));
      const item = i === undefined ? undefined : items[i];
      if (i === undefined || item === undefined) continue;
      outcomes[i] = 'committed';
      for (const id of item.personIds) {
        if (!busy.has(id)) continue;
        reservedBy.set(id, [...(reservedBy.get(id) ?? []), ...item.reserved]);
      }
    }
    if (reservedBy.size > 0) {
      const cached = new Map(rows.map((r) => [r.personId, r.busy]));
      const ids = [...reservedBy.keys()];
      const merged = ids.map((id) =>
        JSON.stringify(mergeIntervals([...(cached.get(id) ?? []), ...(reservedBy.get(id) ?? [])])),
      );
      // All the people in one statement: the embedded database runs one query at a time.
      await tx.execute(sql`
        update ${freeBusyCache} set busy = v.busy::jsonb
        from unnest(${sql.param(ids)}::text[], ${sql.param(merged)}::text[]) as v(person_id, busy)
        where ${freeBusyCache.personId} = v.person_id`);
    }
    return outcomes;
  });
}

const commitCoalesced = coalescePerDb(commitPlans);

/**
 * Stores the plan and reserves its time in both people's cached free/busy in one transaction,
 * unless a concurrent booking took part of that time since the search ('conflict': search again)
 * or another worker planned the series meanwhile ('taken'). Plans committed together (a worker's
 * batch of booking jobs) share the transaction.
 */
export function commitPlan(
  db: Db,
  series: SeriesRow,
  personIds: string[],
  plan: SeriesPlan,
  reserved: Interval[],
): Promise<CommitOutcome> {
  return commitCoalesced(db, { series, personIds, plan, reserved });
}

interface BookedToRecord {
  ctx: PairingContext;
  series: SeriesRow;
  plan: SeriesPlan;
  event: Event;
  updatedAt: Date;
}

interface Recorded {
  status: 'booked' | 'partial';
  rebook: { id: string; start: number }[];
}

/** Session rows a statement carries at most (PostgreSQL takes 65,535 parameters). */
const SESSION_ROWS_PER_INSERT = 2_000;

/**
 * Records created series and their sessions in one transaction: sessions that did not fit wait
 * in `rebooking` with their reason. Returns each one's new status and the sessions to rebook.
 */
async function recordBookedMany(db: Db, items: BookedToRecord[]): Promise<Recorded[]> {
  // A series recorded twice in one call (two runs of one pairing) is written once.
  const first = new Map<string, BookedToRecord>();
  for (const item of items) if (!first.has(item.series.id)) first.set(item.series.id, item);
  const unique = [...first.values()];
  const statusOf = (item: BookedToRecord): 'booked' | 'partial' =>
    item.plan.exceptions.length > 0 ? 'partial' : 'booked';
  const joinUrlOf = (item: BookedToRecord): string | null =>
    item.event.onlineMeeting?.joinUrl ?? null;
  const values = unique.flatMap((item) => {
    const exceptionByIndex = new Map(item.plan.exceptions.map((e) => [e.index, e.message]));
    return item.plan.occurrences.map((occ) => {
      const reason = exceptionByIndex.get(occ.index);
      return {
        pairingId: item.ctx.pairing.id,
        seriesId: item.series.id,
        occurrence: occ.index + 1,
        guideSessionNumber: item.plan.guideSessionNumbers[occ.index] ?? occ.index + 1,
        startsAt: new Date(occ.start),
        endsAt: new Date(occ.end),
        status: reason === undefined ? ('scheduled' as const) : ('rebooking' as const),
        eventId: null,
        joinUrl: joinUrlOf(item),
        statusReason: reason ?? null,
        updatedAt: item.updatedAt,
      };
    });
  });
  const sessionIds = new Map<string, string>();
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      update ${bookingSeries} set
        status = v.status,
        event_id = v.event_id,
        join_url = v.join_url,
        failure_reason = null,
        updated_at = v.updated_at::timestamptz
      from unnest(
        ${sql.param(unique.map((i) => i.series.id))}::uuid[],
        ${sql.param(unique.map(statusOf))}::text[],
        ${sql.param(unique.map((i) => i.event.id ?? null))}::text[],
        ${sql.param(unique.map(joinUrlOf))}::text[],
        ${sql.param(unique.map((i) => i.updatedAt.toISOString()))}::text[]
      ) as v(id, status, event_id, join_url, updated_at)
      where ${bookingSeries.id} = v.id`);
    // Whole series per statement: the embedded database runs one query at a time.
    for (let i = 0; i < values.length; i += SESSION_ROWS_PER_INSERT) {
      const rows = await tx
        .insert(sessions)
        .values(values.slice(i, i + SESSION_ROWS_PER_INSERT))
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
        .returning({
          id: sessions.id,
          pairingId: sessions.pairingId,
          occurrence: sessions.occurrence,
        });
      for (const r of rows) sessionIds.set(`${r.pairingId}#${r.occurrence}`, r.id);
    }
  });
  return items.map((item) => {
    const skipped = new Set(item.plan.exceptions.map((e) => e.index));
    const rebook: { id: string; start: number }[] = [];
    for (const occ of item.plan.occurrences) {
      const id = sessionIds.get(`${item.ctx.pairing.id}#${occ.index + 1}`);
      if (skipped.has(occ.index) && id !== undefined) rebook.push({ id, start: occ.start });
    }
    return { status: statusOf(item), rebook };
  });
}

const recordCoalesced = coalescePerDb(recordBookedMany);

/**
 * Records a created series and its sessions in one transaction: sessions that did not fit wait
 * in `rebooking` with their reason. Returns the new status and the sessions to rebook. Series
 * recorded together (creates answered by one `$batch`) share the transaction.
 */
export function recordBookedSeries(
  db: Db,
  ctx: PairingContext,
  series: SeriesRow,
  plan: SeriesPlan,
  event: Event,
  updatedAt: Date,
): Promise<Recorded> {
  return recordCoalesced(db, { ctx, series, plan, event, updatedAt });
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
