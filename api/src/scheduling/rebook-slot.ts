import {
  DAY_MS,
  MINUTE_MS,
  coveredBy,
  isUsableZone,
  localToUtc,
  mergeIntervals,
  overlapsAny,
  utcToLocal,
  workingIntervals,
} from '../calendar-time/index.js';
import type { Interval } from '../calendar-time/index.js';
import type { Role } from '../contract/index.js';
import { explainNoSlot, startMinutesGrid } from './slot-candidates.js';
import { LUNCH_END, LUNCH_START } from './slot-search.js';
import type { Participant } from './slot-search.js';

export interface FindRebookSlotInput {
  mentor: Participant;
  leader: Participant;
  organizer: Role;
  /** When the session was due: the new time is as close to it as can be. */
  original: Interval;
  durationMinutes: number;
  /**
   * Where the new meeting may lie: starting at or after `earliest` (not in the past, after the
   * previous session), ending by `latest` (before the next session).
   */
  window: { earliest: number; latest: number };
  /** Busy intervals per person id (UTC). A person without an entry cannot be booked. */
  busy: ReadonlyMap<string, readonly Interval[]>;
  /** Windows in which a person's calendar could not be read: never taken as free. */
  unknownWindows?: ReadonlyMap<string, readonly Interval[]>;
  /** Times the new one must not touch (the time a partner declined). */
  avoid?: readonly Interval[];
  /** Grid of candidate start times in the organizer's zone (default 30). */
  stepMinutes?: number;
}

export type RebookSlotResult =
  | { ok: true; start: number; end: number; zone: string; keepsTimeOfDay: boolean }
  | { ok: false; reason: string };

/**
 * How far from the original day the series' time of day still beats a closer time: the day
 * before, the day after or the one after that. Further on, the same hour is no easier to keep than
 * any other and lands next to the following session.
 */
export const NEARBY_DAYS = 2;

/**
 * A time over either person's lunch counts as this much further from the original than it is, so
 * a free time just after lunch beats one during it, while lunch still beats a time far away.
 */
export const LUNCH_DETOUR_MS = 2 * 3_600_000;

/**
 * The new time of one session that cannot stay where it was: the series' time of day (in the
 * organizer's zone) on the nearest day it is free within `NEARBY_DAYS`, so the pair keeps their
 * rhythm; otherwise the free time closest to the original start, a time over either person's lunch
 * counting as `LUNCH_DETOUR_MS` further. Ties go to the earlier time.
 * Every candidate is inside both people's working hours, free for both and inside the window.
 */
export function findRebookSlot(input: FindRebookSlotInput): RebookSlotResult {
  const { mentor, leader, original, window } = input;
  for (const [role, p] of [
    ['mentor', mentor],
    ['leader', leader],
  ] as const) {
    if (!isUsableZone(p.workingHours.zone))
      return {
        ok: false,
        reason: `the ${role}'s time zone "${p.workingHours.zone}" is not usable`,
      };
    if (!input.busy.has(p.id)) return { ok: false, reason: `${role}'s calendar could not be read` };
  }
  const organizer = input.organizer === 'mentor' ? mentor : leader;
  const other = input.organizer === 'mentor' ? leader : mentor;
  const zone = organizer.workingHours.zone;
  const durationMs = input.durationMinutes * MINUTE_MS;
  const rangeStart = window.earliest - DAY_MS;
  const rangeEnd = window.latest + DAY_MS;
  const sides = [mentor, leader].map((p) => ({
    working: mergeIntervals(workingIntervals(p.workingHours, rangeStart, rangeEnd)),
    blocked: mergeIntervals([
      ...(input.busy.get(p.id) ?? []),
      ...(input.unknownWindows?.get(p.id) ?? []),
    ]),
  }));
  const avoid = mergeIntervals([...(input.avoid ?? [])]);

  const { minutes: seriesMinutes, day: originalDay } = utcToLocal(zone, original.start);
  const grid = startMinutesGrid({
    organizer: organizer.workingHours,
    otherZone: other.workingHours.zone,
    step: input.stepMinutes ?? 30,
    durationMinutes: input.durationMinutes,
    at: original.start,
  });
  const overLunch = (start: number): boolean =>
    [mentor, leader].some((p) => {
      const local = utcToLocal(p.workingHours.zone, start).minutes;
      return local < LUNCH_END && local + input.durationMinutes > LUNCH_START;
    });
  const times = grid.includes(seriesMinutes) ? grid : [...grid, seriesMinutes];

  let best: { start: number; sameTime: boolean; distance: number } | undefined;
  let anyBothWorking = false;
  const lastDay = utcToLocal(zone, window.latest).day;
  for (let day = utcToLocal(zone, window.earliest).day; day <= lastDay; day++) {
    for (const minutes of times) {
      const start = localToUtc(zone, day, minutes);
      const end = start + durationMs;
      if (start < window.earliest || end > window.latest) continue;
      if (!sides.every((s) => coveredBy(s.working, start, end))) continue;
      anyBothWorking = true;
      if (sides.some((s) => overlapsAny(s.blocked, start, end))) continue;
      if (overlapsAny(avoid, start, end)) continue;
      const candidate = {
        start,
        sameTime:
          minutes === seriesMinutes &&
          Math.abs(day - originalDay) <= NEARBY_DAYS &&
          utcToLocal(zone, start).minutes === seriesMinutes,
        distance: Math.abs(start - original.start) + (overLunch(start) ? LUNCH_DETOUR_MS : 0),
      };
      if (best === undefined || better(candidate, best)) best = candidate;
    }
  }
  if (best === undefined) {
    if (window.latest - window.earliest < durationMs)
      return { ok: false, reason: 'no time is left between the sessions before and after it' };
    return {
      ok: false,
      reason: explainNoSlot({
        mentor,
        leader,
        anyBothWorking,
        durationMinutes: input.durationMinutes,
        rangeStart: window.earliest,
        rangeEnd: window.latest,
      }).reason,
    };
  }
  return {
    ok: true,
    start: best.start,
    end: best.start + durationMs,
    zone,
    keepsTimeOfDay: best.sameTime,
  };
}

/**
 * The times a session must never be offered again, with one more (a time just declined or
 * removed); a time already there is not added twice, so recording it again changes nothing.
 */
export function withAvoided(
  avoided: readonly Interval[],
  time: { startsAt: Date; endsAt: Date },
): Interval[] {
  const start = time.startsAt.getTime();
  const end = time.endsAt.getTime();
  return avoided.some((a) => a.start === start && a.end === end)
    ? [...avoided]
    : [...avoided, { start, end }];
}

type Ranked = { start: number; sameTime: boolean; distance: number };

/** The series' time of day first, then the closer, then the earlier. */
function better(a: Ranked, b: Ranked): boolean {
  if (a.sameTime !== b.sameTime) return a.sameTime;
  if (a.distance !== b.distance) return a.distance < b.distance;
  return a.start < b.start;
}
