import { DateTime } from 'luxon';
import type { MatchPerson, Weekday, WorkingHours } from './match-types.js';

const WEEKDAYS: readonly Weekday[] = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];
const WEEK_MS = 7 * 24 * 3600 * 1000;
export const DEFAULT_REFERENCE_WEEK = '2025-03-03';

export function workingHoursOf(person: MatchPerson): WorkingHours {
  return (
    person.workingHours ?? {
      daysOfWeek: WEEKDAYS.slice(0, 5),
      start: '09:00',
      end: '17:00',
      timeZone: person.timeZone,
    }
  );
}

/**
 * Hours a week both people are inside their working hours, each in their own time zone.
 * Measured over one real week (so offsets, including DST, come from luxon for that week):
 * working days are laid out in each zone from two days before to two days after the week and
 * clipped to the same 7-day UTC window, so a Monday in Sydney meets a Sunday in Los Angeles
 * exactly as it would in a calendar.
 */
export function sharedHoursPerWeek(
  a: WorkingHours,
  b: WorkingHours,
  referenceWeek: string = DEFAULT_REFERENCE_WEEK,
): number {
  const { from, mondayIso } = weekOf(referenceWeek);
  const to = from + WEEK_MS;
  const left = intervals(a, mondayIso, from, to);
  const right = intervals(b, mondayIso, from, to);
  let sharedMs = 0;
  for (const [s1, e1] of left) {
    for (const [s2, e2] of right) {
      const s = Math.max(s1, s2);
      const e = Math.min(e1, e2);
      if (e > s) sharedMs += e - s;
    }
  }
  return sharedMs / 3_600_000;
}

const weeks = new Map<string, { from: number; mondayIso: string }>();

function weekOf(referenceWeek: string): { from: number; mondayIso: string } {
  let week = weeks.get(referenceWeek);
  if (week === undefined) {
    const monday = DateTime.fromISO(referenceWeek, { zone: 'utc' }).startOf('week');
    if (!monday.isValid) throw new RangeError(`referenceWeek ${referenceWeek} is not a date`);
    week = { from: monday.toMillis(), mondayIso: monday.toISODate() ?? referenceWeek };
    weeks.set(referenceWeek, week);
  }
  return week;
}

// Most people share a handful of schedules (9–17 in a few zones): laying out a week with luxon
// costs far more than the overlap itself, so each distinct schedule is laid out once per week.
const layoutCache = new Map<string, ReadonlyArray<[number, number]>>();
const LAYOUT_CACHE_MAX = 10_000;

function intervals(
  hours: WorkingHours,
  mondayIso: string,
  from: number,
  to: number,
): ReadonlyArray<[number, number]> {
  const key = `${hours.timeZone}|${hours.start}|${hours.end}|${hours.daysOfWeek.join(',')}|${mondayIso}|${from}|${to}`;
  const cached = layoutCache.get(key);
  if (cached !== undefined) return cached;
  const out = layOutWeek(hours, mondayIso, from, to);
  if (layoutCache.size >= LAYOUT_CACHE_MAX) layoutCache.clear();
  layoutCache.set(key, out);
  return out;
}

function layOutWeek(
  hours: WorkingHours,
  mondayIso: string,
  from: number,
  to: number,
): Array<[number, number]> {
  const zone = hours.timeZone;
  const out: Array<[number, number]> = [];
  const [sh, sm] = parseTime(hours.start);
  const [eh, em] = parseTime(hours.end);
  const monday = DateTime.fromISO(mondayIso, { zone });
  if (!monday.isValid) throw new RangeError(`unknown time zone ${zone}`);
  const days = new Set(hours.daysOfWeek);
  for (let offset = -2; offset <= 9; offset += 1) {
    const day = monday.plus({ days: offset });
    const name = WEEKDAYS[day.weekday - 1];
    if (name === undefined || !days.has(name)) continue;
    const start = day.set({ hour: sh, minute: sm }).toMillis();
    let end = day.set({ hour: eh, minute: em }).toMillis();
    // A shift that ends at or before it starts runs past midnight.
    if (end <= start) end = day.plus({ days: 1 }).set({ hour: eh, minute: em }).toMillis();
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    if (e > s) out.push([s, e]);
  }
  return out;
}

function parseTime(value: string): [number, number] {
  const match = /^(\d{1,2}):(\d{2})/.exec(value);
  if (match === null) throw new RangeError(`working hours time ${value} is not HH:mm`);
  return [Number(match[1]), Number(match[2])];
}
