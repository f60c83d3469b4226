import {
  DAY_MS,
  isUsableZone,
  localToUtc,
  parseIsoDate,
  parseTimeOfDay,
  resolveTimeZone,
  utcToLocal,
  weekdayFromName,
  weekdayName,
  weekdayOfEpochDay,
} from './time-zones.js';

/** ISO weekday as luxon numbers them: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A half-open span of time `[start, end)` in UTC epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/** When a person works, in their own zone: the same hours on each working day. */
export interface WorkingHours {
  days: ReadonlySet<Weekday>;
  /** Minutes after local midnight. */
  startMinutes: number;
  /** Minutes after local midnight, up to 1440; always after `startMinutes`. */
  endMinutes: number;
  /** IANA zone or luxon fixed offset (`UTC+05:30`). */
  zone: string;
}

/** Graph mailboxSettings.workingHours as it arrives; loosely typed on purpose. */
export interface GraphWorkingHours {
  daysOfWeek?: (string | null)[] | null;
  startTime?: string | null;
  endTime?: string | null;
  timeZone?: unknown;
}

export type WorkingHoursResult =
  { ok: true; value: WorkingHours; note?: string } | { ok: false; reason: string };

export interface ParseWorkingHoursOptions {
  /** Mailbox time zone, used when the working hours carry none. */
  fallbackZone?: unknown;
  referenceYear?: number;
}

export function isWeekday(n: number): n is Weekday {
  return Number.isInteger(n) && n >= 1 && n <= 7;
}

/** Outlook's own default when a mailbox has never set working hours. */
export function defaultWorkingHours(zone: string): WorkingHours {
  return {
    days: new Set<Weekday>([1, 2, 3, 4, 5]),
    startMinutes: 8 * 60,
    endMinutes: 17 * 60,
    zone,
  };
}

/** What the directory knows of a person's calendar, as the org sync stores it. */
export interface CalendarFacts {
  displayName: string;
  /** Graph `workingHours` or the stored form; null when the mailbox never gave any. */
  workingHours: unknown;
  timeZone: string | null;
  /** Why the mailbox settings could not be read, or null. */
  mailboxError: string | null;
}

/**
 * The working hours both matching and booking use for a person: their mailbox's, or Outlook's
 * default day in their own zone when they never set any; not usable when neither the zone nor the
 * hours are known or the mailbox could not be read.
 */
export function workingHoursOf(person: CalendarFacts): WorkingHoursResult {
  if (person.workingHours !== null && person.workingHours !== undefined) {
    const parsed = parseWorkingHours(person.workingHours, {
      fallbackZone: person.timeZone ?? undefined,
    });
    if (parsed.ok) return { ok: true, value: parsed.value };
  }
  if (person.timeZone !== null && person.mailboxError === null && isUsableZone(person.timeZone)) {
    return { ok: true, value: defaultWorkingHours(person.timeZone) };
  }
  return {
    ok: false,
    reason:
      person.mailboxError === null
        ? `${person.displayName}'s time zone and working hours are unknown`
        : `${person.displayName}'s mailbox settings could not be read (${person.mailboxError})`,
  };
}

/**
 * Graph `workingHours` (`{ daysOfWeek: ["monday"], startTime: "08:00:00.0000000", endTime,
 * timeZone: { name } | customTimeZone }`) → typed working hours in an IANA zone. Also accepts the
 * stored form whose `timeZone` is already a string.
 */
export function parseWorkingHours(
  raw: unknown,
  options: ParseWorkingHoursOptions = {},
): WorkingHoursResult {
  if (typeof raw !== 'object' || raw === null) return { ok: false, reason: 'no working hours' };
  const wh = raw as GraphWorkingHours;
  if (!Array.isArray(wh.daysOfWeek)) return { ok: false, reason: 'working hours without days' };
  const days = new Set<Weekday>();
  for (const name of wh.daysOfWeek) {
    const day = typeof name === 'string' ? weekdayFromName(name) : null;
    if (day === null || !isWeekday(day)) {
      return { ok: false, reason: `unknown day of week "${String(name)}"` };
    }
    days.add(day);
  }
  if (days.size === 0) return { ok: false, reason: 'working hours list no days' };
  const start = parseTimeOfDay(wh.startTime ?? '');
  let end = parseTimeOfDay(wh.endTime ?? '');
  if (start === null || end === null) {
    return { ok: false, reason: `unreadable working time "${wh.startTime}"–"${wh.endTime}"` };
  }
  // Some mailboxes write the end of a day that runs to midnight as 00:00.
  if (end === 0 && start > 0) end = 24 * 60;
  if (end <= start) {
    return {
      ok: false,
      reason: `working hours end (${wh.endTime}) before they start (${wh.startTime})`,
    };
  }
  const zoneInput = wh.timeZone ?? options.fallbackZone;
  const resolveOptions =
    options.referenceYear === undefined ? {} : { referenceYear: options.referenceYear };
  let resolved = resolveTimeZone(zoneInput, resolveOptions);
  let note: string | undefined;
  if (resolved.zone === null && wh.timeZone != null && options.fallbackZone !== undefined) {
    const fallback = resolveTimeZone(options.fallbackZone, resolveOptions);
    if (fallback.zone !== null) {
      note = `working-hours time zone unusable (${resolved.reason}); used the mailbox time zone`;
      resolved = fallback;
    }
  }
  if (resolved.zone === null) return { ok: false, reason: resolved.reason };
  note ??= 'note' in resolved ? resolved.note : undefined;
  const value: WorkingHours = { days, startMinutes: start, endMinutes: end, zone: resolved.zone };
  return note === undefined ? { ok: true, value } : { ok: true, value, note };
}

/** Back to the stored/Graph shape (`timeZone` as the resolved zone name). */
export function formatWorkingHours(wh: WorkingHours): {
  daysOfWeek: string[];
  startTime: string;
  endTime: string;
  timeZone: string;
} {
  const time = (m: number): string =>
    `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00.0000000`;
  return {
    daysOfWeek: [...wh.days].sort((a, b) => a - b).map(weekdayName),
    startTime: time(wh.startMinutes),
    endTime: time(wh.endMinutes),
    timeZone: wh.zone,
  };
}

function toMs(t: number | Date): number {
  return typeof t === 'number' ? t : t.getTime();
}

/**
 * The UTC intervals in which a person works between `from` and `to` (clipped to that range),
 * each computed from the local wall times of that day, so DST changes move them correctly.
 */
export function workingIntervals(
  wh: WorkingHours,
  from: number | Date,
  to: number | Date,
): Interval[] {
  const fromMs = toMs(from);
  const toMsValue = toMs(to);
  if (!(toMsValue > fromMs) || !isUsableZone(wh.zone)) return [];
  const out: Interval[] = [];
  const firstDay = utcToLocal(wh.zone, fromMs).day - 1;
  const lastDay = utcToLocal(wh.zone, toMsValue).day + 1;
  for (let day = firstDay; day <= lastDay; day++) {
    if (!wh.days.has(weekdayOfEpochDay(day) as Weekday)) continue;
    const start = localToUtc(wh.zone, day, wh.startMinutes);
    const end =
      wh.endMinutes >= 1440
        ? localToUtc(wh.zone, day + 1, wh.endMinutes - 1440)
        : localToUtc(wh.zone, day, wh.endMinutes);
    const s = Math.max(start, fromMs);
    const e = Math.min(end, toMsValue);
    if (e > s) out.push({ start: s, end: e });
  }
  return out;
}

/** Sorted, non-overlapping union of intervals (touching ones joined). */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}

/** Intersection of two sorted, non-overlapping interval lists. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Interval;
    const y = b[j] as Interval;
    const s = Math.max(x.start, y.start);
    const e = Math.min(x.end, y.end);
    if (e > s) out.push({ start: s, end: e });
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

/** Index of the last interval starting at or before `t` in a sorted list, or -1. */
function lastStartingBefore(list: readonly Interval[], t: number): number {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as Interval).start <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** True when `[start, end)` lies inside one interval of a sorted, merged list. */
export function coveredBy(list: readonly Interval[], start: number, end: number): boolean {
  const i = lastStartingBefore(list, start);
  return i >= 0 && (list[i] as Interval).end >= end;
}

/** True when `[start, end)` overlaps any interval of a sorted, merged list. */
export function overlapsAny(list: readonly Interval[], start: number, end: number): boolean {
  const i = lastStartingBefore(list, start);
  if (i >= 0 && (list[i] as Interval).end > start) return true;
  const next = list[i + 1];
  return next !== undefined && next.start < end;
}

function totalMs(list: readonly Interval[]): number {
  return list.reduce((sum, i) => sum + (i.end - i.start), 0);
}

/** The week the matching score measures shared hours in, unless a program names another. */
export const DEFAULT_REFERENCE_WEEK = '2025-03-03';

/** Epoch milliseconds of the Monday (UTC) of the week holding `weekOf` (`YYYY-MM-DD` or a Date). */
function mondayOf(weekOf: string | Date): number {
  const t =
    typeof weekOf === 'string' ? parseIsoDate(weekOf) : Math.floor(weekOf.getTime() / DAY_MS);
  if (t === null || Number.isNaN(t))
    throw new RangeError(`reference week ${String(weekOf)} is not a date`);
  return (t - (weekdayOfEpochDay(t) - 1)) * DAY_MS;
}

// Most people share a handful of schedules (9–17 in a few zones) and the matching score asks for
// every mentor × leader pair: each distinct schedule is laid out once per week, not per pair.
const weekLayouts = new Map<string, Interval[]>();
const WEEK_LAYOUTS_MAX = 10_000;

function weekLayout(wh: WorkingHours, monday: number): Interval[] {
  let mask = 0;
  for (const d of wh.days) mask |= 1 << d;
  const key = `${wh.zone}|${wh.startMinutes}|${wh.endMinutes}|${mask}|${monday}`;
  let layout = weekLayouts.get(key);
  if (layout === undefined) {
    layout = mergeIntervals(workingIntervals(wh, monday, monday + 7 * DAY_MS));
    if (weekLayouts.size >= WEEK_LAYOUTS_MAX) weekLayouts.clear();
    weekLayouts.set(key, layout);
  }
  return layout;
}

/**
 * Hours a week both people are at work, each in their own zone: what the matching score rewards
 * and what the slot search later needs. Measured over the seven days from the Monday (UTC) of
 * `weekOf`'s week, so offsets, DST included, are those of that real week; weeks in which only
 * one side changed its clocks give a different answer, so callers pass the program's week.
 */
export function sharedHoursPerWeek(
  a: WorkingHours,
  b: WorkingHours,
  weekOf: string | Date = DEFAULT_REFERENCE_WEEK,
): number {
  const monday = mondayOf(weekOf);
  return totalMs(intersectIntervals(weekLayout(a, monday), weekLayout(b, monday))) / 3_600_000;
}
