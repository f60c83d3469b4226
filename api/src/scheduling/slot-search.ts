import type { WeekIndex } from '@microsoft/microsoft-graph-types';
import { cadenceProblem, monthlyIndexOf, occurrenceDays } from './recurrence.js';
import type { SeriesCadence, Occurrence, SeriesStart } from './recurrence.js';
import {
  DAY_MS,
  MINUTE_MS,
  isUsableZone,
  isoDate,
  localToUtc,
  utcToLocal,
  weekdayOfEpochDay,
} from '../calendar-time/index.js';
import {
  coveredBy,
  mergeIntervals,
  overlapsAny,
  workingIntervals,
} from '../calendar-time/index.js';
import type { Interval, Weekday, WorkingHours } from '../calendar-time/index.js';
import type { Role } from '../contract/index.js';
import { explainNoSlot, startMinutesGrid } from './slot-candidates.js';

export interface Participant {
  /** The key of this person in `busy`, `unknown` and `unknownWindows`. */
  id: string;
  workingHours: WorkingHours;
}

/** A window the leader likes, in the leader's own zone. */
export interface PreferredTime {
  weekday: Weekday;
  startMinutes: number;
  endMinutes: number;
}

export interface SlotPreferences {
  leaderPreferredTimes?: readonly PreferredTime[];
  /** Keep 12:00–13:00 local free for both (default true). */
  avoidLunch?: boolean;
  /** No Monday session starting before this local time (minutes; default 10:00; null = off). */
  avoidMondayMorningBefore?: number | null;
  /** No Friday session ending after this local time (minutes; default 15:00; null = off). */
  avoidFridayAfter?: number | null;
}

export interface FindSeriesSlotInput {
  mentor: Participant;
  leader: Participant;
  organizer: Role;
  cadence: SeriesCadence;
  /** Earliest start of the first occurrence. */
  horizonStart: Date | number;
  /** Busy intervals per person id (UTC). A person without an entry is treated as unknown. */
  busy: ReadonlyMap<string, readonly Interval[]>;
  /** People whose calendars could not be read: nothing is booked for them. */
  unknown: ReadonlySet<string>;
  /** Finer-grained: windows in which a person's calendar could not be read. */
  unknownWindows?: ReadonlyMap<string, readonly Interval[]>;
  preferences?: SlotPreferences;
  /** Grid of candidate start times in the organizer's zone (default 30). */
  stepMinutes?: number;
  /** Days, from `horizonStart`, in which the first occurrence may fall (default one cadence period). */
  searchDays?: number;
}

export type ExceptionKind = 'outside-working-hours' | 'busy' | 'unknown-availability';

export interface OccurrenceProblem {
  kind: ExceptionKind;
  role: Role;
}

export interface OccurrenceException {
  occurrence: Occurrence;
  problems: OccurrenceProblem[];
  /** e.g. "session 7 (2026-04-14): the leader is busy". */
  message: string;
}

export interface SeriesSlot {
  /** Feed to `seriesOccurrences` / `graphSeriesTiming`. */
  series: SeriesStart;
  weekday: Weekday;
  /** For monthly series: which weekday of the month ("second" Tuesday). */
  monthlyIndex?: WeekIndex;
  occurrences: Occurrence[];
  /** Occurrences inside both people's working hours and free for both. */
  fitting: number;
  /** Lower is better; 0 when no preference is bent. */
  penalty: number;
  penaltyReasons: string[];
}

export type SlotSearchFailure =
  'invalid-input' | 'unknown-availability' | 'no-working-hours-overlap' | 'no-free-time';

export type SlotSearchResult =
  | { ok: true; slot: SeriesSlot; fitsAll: boolean; exceptions: OccurrenceException[] }
  | { ok: false; code: SlotSearchFailure; reason: string };

// Penalty weights per occurrence: a leader's stated preference counts most; the rest are habits.
const WEIGHT_PREFERRED = 4;
const WEIGHT_LUNCH = 2;
const WEIGHT_MONDAY = 1;
const WEIGHT_FRIDAY = 1;
/** Lunch in each person's own zone, minutes of the day: avoided, not forbidden. */
export const LUNCH_START = 12 * 60;
export const LUNCH_END = 13 * 60;

interface Side {
  role: Role;
  participant: Participant;
  working: Interval[];
  busy: Interval[];
  unknown: Interval[];
}

interface Candidate {
  day: number;
  minutes: number;
  starts: number[];
  fitting: number;
  penalty: number;
}

function fail(code: SlotSearchFailure, reason: string): SlotSearchResult {
  return { ok: false, code, reason };
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The best recurring slot for a pair: every occurrence inside both people's working hours (each
 * in their own zone, DST included) and free for both. Ranked by occurrences that fit, then by
 * preference penalties, then earliest. When nothing fits every occurrence, the slot that fits
 * most comes back with its exceptions; when nothing fits at all, a reason a person can read.
 */
export function findSeriesSlot(input: FindSeriesSlotInput): SlotSearchResult {
  const { cadence, mentor, leader } = input;
  const problem = cadenceProblem(cadence);
  if (problem !== null) return fail('invalid-input', problem);
  for (const [role, p] of [
    ['mentor', mentor],
    ['leader', leader],
  ] as const) {
    if (!isUsableZone(p.workingHours.zone)) {
      return fail(
        'invalid-input',
        `the ${role}'s time zone "${p.workingHours.zone}" is not usable`,
      );
    }
  }
  const step = input.stepMinutes ?? 30;
  if (!Number.isInteger(step) || step < 5 || step > 240) {
    return fail('invalid-input', 'stepMinutes must be a whole number from 5 to 240');
  }

  const unreadable = (['mentor', 'leader'] as const).filter((role) => {
    const id = (role === 'mentor' ? mentor : leader).id;
    return input.unknown.has(id) || !input.busy.has(id);
  });
  if (unreadable.length === 2) {
    return fail(
      'unknown-availability',
      "neither the mentor's nor the leader's calendar could be read",
    );
  }
  if (unreadable[0] !== undefined) {
    return fail('unknown-availability', `${unreadable[0]}'s calendar could not be read`);
  }

  const organizer = input.organizer === 'mentor' ? mentor : leader;
  const zone = organizer.workingHours.zone;
  const duration = cadence.durationMinutes;
  const durationMs = duration * MINUTE_MS;
  const horizonStart =
    typeof input.horizonStart === 'number' ? input.horizonStart : input.horizonStart.getTime();
  const periodDays = cadence.kind === 'weekly' ? 7 : cadence.kind === 'biweekly' ? 14 : 28;
  const searchDays = Math.max(1, Math.floor(input.searchDays ?? periodDays));
  const firstDay = utcToLocal(zone, horizonStart).day;
  const spanDays =
    cadence.kind === 'monthly'
      ? 31 * cadence.sessions + 7
      : (periodDays / 7) * 7 * cadence.sessions;
  const rangeStart = horizonStart - DAY_MS;
  const rangeEnd = horizonStart + (searchDays + spanDays + 2) * DAY_MS;

  const side = (role: Role, p: Participant): Side => ({
    role,
    participant: p,
    working: mergeIntervals(workingIntervals(p.workingHours, rangeStart, rangeEnd)),
    busy: mergeIntervals([...(input.busy.get(p.id) ?? [])]),
    unknown: mergeIntervals([...(input.unknownWindows?.get(p.id) ?? [])]),
  });
  const sides: Side[] = [side('mentor', mentor), side('leader', leader)];

  const prefs = input.preferences ?? {};
  const avoidLunch = prefs.avoidLunch ?? true;
  const mondayBefore =
    prefs.avoidMondayMorningBefore === undefined ? 600 : prefs.avoidMondayMorningBefore;
  const fridayAfter = prefs.avoidFridayAfter === undefined ? 900 : prefs.avoidFridayAfter;
  const preferred = prefs.leaderPreferredTimes ?? [];

  const occurrencePenalty = (start: number, reasons?: Map<string, number>): number => {
    let penalty = 0;
    const note = (text: string, weight: number): void => {
      penalty += weight;
      if (reasons !== undefined) reasons.set(text, (reasons.get(text) ?? 0) + 1);
    };
    for (const s of sides) {
      const local = utcToLocal(s.participant.workingHours.zone, start);
      const endMinutes = local.minutes + duration;
      if (avoidLunch && local.minutes < LUNCH_END && endMinutes > LUNCH_START) {
        note(`overlaps the ${s.role}'s lunch`, WEIGHT_LUNCH);
      }
      if (mondayBefore !== null && local.weekday === 1 && local.minutes < mondayBefore) {
        note(`before ${hhmm(mondayBefore)} on Monday for the ${s.role}`, WEIGHT_MONDAY);
      }
      if (fridayAfter !== null && local.weekday === 5 && endMinutes > fridayAfter) {
        note(`after ${hhmm(fridayAfter)} on Friday for the ${s.role}`, WEIGHT_FRIDAY);
      }
      if (s.role === 'leader' && preferred.length > 0) {
        const inside = preferred.some(
          (p) =>
            p.weekday === local.weekday &&
            local.minutes >= p.startMinutes &&
            endMinutes <= p.endMinutes,
        );
        if (!inside) note("outside the leader's preferred times", WEIGHT_PREFERRED);
      }
    }
    return penalty;
  };

  const fits = (start: number): boolean => {
    const end = start + durationMs;
    for (const s of sides) {
      if (!coveredBy(s.working, start, end)) return false;
      if (overlapsAny(s.busy, start, end) || overlapsAny(s.unknown, start, end)) return false;
    }
    return true;
  };

  const orgWh = organizer.workingHours;
  const other = input.organizer === 'mentor' ? leader : mentor;
  const times = startMinutesGrid({
    organizer: orgWh,
    otherZone: other.workingHours.zone,
    step,
    durationMinutes: duration,
    at: horizonStart,
  });

  let best: Candidate | undefined;
  let anyBothWorking = false;
  for (let day = firstDay; day < firstDay + searchDays; day++) {
    const weekday = weekdayOfEpochDay(day) as Weekday;
    if (!orgWh.days.has(weekday)) continue;
    const days = occurrenceDays(cadence, day);
    for (const minutes of times) {
      const starts = days.map((d) => localToUtc(zone, d, minutes));
      if ((starts[0] ?? 0) < horizonStart) continue;
      let fitting = 0;
      for (let i = 0; i < starts.length; i++) {
        const start = starts[i] as number;
        if (fits(start)) fitting++;
        else if (
          !anyBothWorking &&
          sides.every((s) => coveredBy(s.working, start, start + durationMs))
        ) {
          anyBothWorking = true;
        }
        if (best !== undefined && fitting + (starts.length - 1 - i) < best.fitting) break;
      }
      if (fitting > 0) anyBothWorking = true;
      if (fitting === 0 || (best !== undefined && fitting < best.fitting)) continue;
      let penalty = 0;
      for (const start of starts) if (fits(start)) penalty += occurrencePenalty(start);
      penalty /= fitting;
      if (best === undefined || fitting > best.fitting || penalty < best.penalty - 1e-9) {
        best = { day, minutes, starts, fitting, penalty };
      }
    }
  }

  if (best === undefined) {
    const { code, reason } = explainNoSlot({
      mentor,
      leader,
      anyBothWorking,
      durationMinutes: duration,
      rangeStart,
      rangeEnd,
    });
    return fail(code, reason);
  }

  const occurrences: Occurrence[] = best.starts.map((start, index) => ({
    index,
    start,
    end: start + durationMs,
    localDate: isoDate(utcToLocal(zone, start).day),
  }));
  const reasons = new Map<string, number>();
  for (const o of occurrences) if (fits(o.start)) occurrencePenalty(o.start, reasons);
  const penaltyReasons = [...reasons].map(([text, n]) =>
    n === best.fitting ? text : `${text} (${n} of ${best.fitting} sessions)`,
  );
  const exceptions: OccurrenceException[] = [];
  for (const o of occurrences) {
    const problems: OccurrenceProblem[] = [];
    for (const s of sides) {
      if (!coveredBy(s.working, o.start, o.end))
        problems.push({ kind: 'outside-working-hours', role: s.role });
      if (overlapsAny(s.busy, o.start, o.end)) problems.push({ kind: 'busy', role: s.role });
      if (overlapsAny(s.unknown, o.start, o.end))
        problems.push({ kind: 'unknown-availability', role: s.role });
    }
    if (problems.length === 0) continue;
    const text = problems
      .map((p) =>
        p.kind === 'busy'
          ? `the ${p.role} is busy`
          : p.kind === 'outside-working-hours'
            ? `outside the ${p.role}'s working hours`
            : `the ${p.role}'s calendar could not be read`,
      )
      .join('; ');
    exceptions.push({
      occurrence: o,
      problems,
      message: `session ${o.index + 1} (${o.localDate}): ${text}`,
    });
  }
  const slot: SeriesSlot = {
    series: { zone, date: isoDate(best.day), startMinutes: best.minutes },
    weekday: weekdayOfEpochDay(best.day) as Weekday,
    occurrences,
    fitting: best.fitting,
    penalty: Math.round(best.penalty * 1000) / 1000,
    penaltyReasons,
  };
  if (cadence.kind === 'monthly') slot.monthlyIndex = monthlyIndexOf(best.day);
  return { ok: true, slot, fitsAll: exceptions.length === 0, exceptions };
}
