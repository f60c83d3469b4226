import { eq } from 'drizzle-orm';
import { DAY_MS, workingHoursOf, zoneLabel } from '../calendar-time/index.js';
import type { Interval } from '../calendar-time/index.js';
import type { Services } from '../app/index.js';
import { bookingSeries } from '../store/index.js';
import {
  cadenceOf,
  guidePlan,
  horizonDays,
  horizonStartOf,
  pinnedTrack,
  searchDaysOf,
  type PairingContext,
} from './booking-context.js';
import type { TrackCache } from './booking-job-caches.js';
import { commitPlan, type SeriesPlan, type SeriesRow } from './booking-job.series-store.js';
import { bookingPerson, buildSeriesEvent, pairingTabLink } from './booking-event.js';
import { cachedFreeBusy, fetchFreeBusy } from './free-busy-cache.js';
import type { CachedFreeBusy } from './free-busy-cache.js';
import type { Occurrence } from './recurrence.js';
import { findSeriesSlot } from './slot-search.js';
import type { OccurrenceException, SlotSearchResult } from './slot-search.js';

/*
 * Planning a series: both calendars and working hours for every occurrence, the event request
 * built once and stored with its transactionId, its time reserved before Graph is called.
 */

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Reads these people's free/busy into the cache now, and notes that this run read them. */
async function readFreeBusy(
  services: Services,
  who: { id: string; mail: string | null }[],
  need: { start: number; end: number },
  readHere: Set<string>,
): Promise<void> {
  if (who.length === 0) return;
  await fetchFreeBusy(
    { db: services.db, graph: services.graph, now: services.now },
    who.map((p) => ({ id: p.id, mail: p.mail ?? '' })),
    need,
  );
  for (const p of who) readHere.add(p.id);
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

/**
 * Why one session did not fit, naming the people (the session's number and date are shown beside
 * it wherever it is read, and after a rebook it has a time of its own): "Fatima Hansen is busy at
 * the series time", "the series time is outside Akira Tan's working hours".
 */
function describeException(e: OccurrenceException, ctx: PairingContext): string {
  const name = (role: 'mentor' | 'leader') =>
    (role === 'mentor' ? ctx.mentor : ctx.leader).displayName;
  return e.problems
    .map((p) =>
      p.kind === 'busy'
        ? `${name(p.role)} is busy at the series time`
        : p.kind === 'outside-working-hours'
          ? `the series time is outside ${name(p.role)}'s working hours`
          : `${name(p.role)}'s calendar could not be read`,
    )
    .join('; ');
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

export function needWindow(ctx: PairingContext, now: Date): { start: number; end: number } {
  const start = horizonStartOf(ctx.program, now);
  return { start, end: start + horizonDays(cadenceOf(ctx.program.rules)) * DAY_MS };
}

export async function planSeries(
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
  // People whose free/busy this run read itself (not an earlier job's remembered answer).
  const readHere = new Set<string>();
  for (let attempt = 0; attempt < 4; attempt++) {
    let cached =
      attempt === 0 && preReadCovers ? preRead : await cachedFreeBusy(db, ids, need, now);
    if (cached.size < 2) {
      const missing = [ctx.mentor, ctx.leader].filter((p) => !cached.has(p.id));
      await readFreeBusy(services, missing, need, readHere);
      cached = await cachedFreeBusy(db, ids, need, now);
    }
    const availability = availabilityFrom(cached);
    const unreadable = [ctx.mentor, ctx.leader].filter(
      (p) =>
        !cached.has(p.id) ||
        (availability.unknownWindows.get(p.id) ?? []).some(
          (w) => w.start <= need.start && w.end >= need.end - DAY_MS,
        ),
    );
    // A remembered "could not be read" is asked again once: the calendar may be readable by now
    // (an admin retrying after the mailbox was fixed must not get the old answer back).
    const remembered = unreadable.filter((p) => !readHere.has(p.id));
    if (remembered.length > 0) {
      await readFreeBusy(services, remembered, need, readHere);
      continue;
    }
    // An unreadable calendar is never free: say whose, and why, instead of booking blind.
    const [p] = unreadable;
    if (p !== undefined) {
      const why = availability.reasons.get(p.id);
      return {
        reason: `${p.displayName}'s calendar could not be read${why === undefined ? '' : ` (${why})`}; nothing is booked until it can be`,
      };
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
      mentor: bookingPerson(ctx.mentor),
      leader: bookingPerson(ctx.leader),
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
      exceptions: result.exceptions.map((e) => ({
        index: e.occurrence.index,
        message: describeException(e, ctx),
      })),
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
