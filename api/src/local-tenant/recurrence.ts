import { DateTime } from 'luxon';
import type { DayOfWeek } from './demo-org.js';

export interface RecurrencePattern {
  type: 'daily' | 'weekly' | 'absoluteMonthly' | 'relativeMonthly' | 'absoluteYearly';
  interval: number;
  daysOfWeek?: DayOfWeek[];
  dayOfMonth?: number;
  month?: number;
  firstDayOfWeek?: DayOfWeek;
  index?: 'first' | 'second' | 'third' | 'fourth' | 'last';
}

export interface RecurrenceRange {
  type: 'endDate' | 'noEnd' | 'numbered';
  startDate: string;
  endDate?: string;
  numberOfOccurrences?: number;
  recurrenceTimeZone?: string;
}

export interface PatternedRecurrence {
  pattern: RecurrencePattern;
  range: RecurrenceRange;
}

const DAY_INDEX: Record<DayOfWeek, number> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};
const ORDINAL = { first: 0, second: 1, third: 2, fourth: 3, last: -1 } as const;
/** Exchange stops expanding series somewhere; this keeps a noEnd series finite here. */
const MAX_OCCURRENCES = 3000;

/** A human-readable problem with the recurrence, or undefined when Exchange would accept it. */
export function validateRecurrence(r: unknown): string | undefined {
  if (typeof r !== 'object' || r === null) return 'recurrence must be an object';
  const { pattern, range } = r as {
    pattern?: Partial<RecurrencePattern>;
    range?: Partial<RecurrenceRange>;
  };
  if (pattern === undefined || range === undefined) return 'recurrence needs pattern and range';
  if (
    !['daily', 'weekly', 'absoluteMonthly', 'relativeMonthly', 'absoluteYearly'].includes(
      pattern.type ?? '',
    )
  ) {
    return `Recurrence pattern type '${String(pattern.type)}' is not supported.`;
  }
  if (typeof pattern.interval !== 'number' || pattern.interval < 1 || pattern.interval > 99) {
    return 'Recurrence pattern interval must be between 1 and 99.';
  }
  if (
    (pattern.type === 'weekly' || pattern.type === 'relativeMonthly') &&
    (pattern.daysOfWeek ?? []).length === 0
  ) {
    return 'Recurrence pattern daysOfWeek is required for this pattern type.';
  }
  if ((pattern.daysOfWeek ?? []).some((d) => !(d in DAY_INDEX)))
    return 'Invalid value in daysOfWeek.';
  if (
    (pattern.type === 'absoluteMonthly' || pattern.type === 'absoluteYearly') &&
    !(Number(pattern.dayOfMonth) >= 1 && Number(pattern.dayOfMonth) <= 31)
  ) {
    return 'Recurrence pattern dayOfMonth is required for this pattern type.';
  }
  if (typeof range.startDate !== 'string' || !DateTime.fromISO(range.startDate).isValid) {
    return 'Recurrence range startDate is required.';
  }
  if (range.type === 'endDate') {
    if (typeof range.endDate !== 'string' || !DateTime.fromISO(range.endDate).isValid)
      return 'Recurrence range endDate is required.';
    if (range.endDate < range.startDate) return 'Recurrence range endDate is before startDate.';
  } else if (range.type === 'numbered') {
    if (typeof range.numberOfOccurrences !== 'number' || range.numberOfOccurrences < 1) {
      return 'Recurrence range numberOfOccurrences must be positive.';
    }
  } else if (range.type !== 'noEnd') {
    return `Recurrence range type '${String(range.type)}' is not supported.`;
  }
  return undefined;
}

function matchesDay(date: DateTime, p: RecurrencePattern, weekAnchor: DateTime): boolean {
  switch (p.type) {
    case 'daily':
      return Math.round(date.diff(weekAnchor, 'days').days) % p.interval === 0;
    case 'weekly': {
      const days = (p.daysOfWeek ?? []).map((d) => DAY_INDEX[d]);
      if (!days.includes(date.weekday)) return false;
      const first = DAY_INDEX[p.firstDayOfWeek ?? 'sunday'];
      const weekStart = (d: DateTime): DateTime =>
        d.minus({ days: (d.weekday - first + 7) % 7 }).startOf('day');
      const weeks = Math.round(weekStart(date).diff(weekStart(weekAnchor), 'days').days / 7);
      return weeks % p.interval === 0;
    }
    case 'absoluteMonthly': {
      const months = (date.year - weekAnchor.year) * 12 + date.month - weekAnchor.month;
      return months % p.interval === 0 && date.day === p.dayOfMonth;
    }
    case 'relativeMonthly': {
      const months = (date.year - weekAnchor.year) * 12 + date.month - weekAnchor.month;
      if (months % p.interval !== 0) return false;
      const wanted = (p.daysOfWeek ?? []).map((d) => DAY_INDEX[d]);
      if (!wanted.includes(date.weekday)) return false;
      const ordinal = ORDINAL[p.index ?? 'first'];
      if (ordinal === -1) return date.plus({ days: 7 }).month !== date.month;
      return Math.floor((date.day - 1) / 7) === ordinal;
    }
    case 'absoluteYearly':
      return (
        (date.year - weekAnchor.year) % p.interval === 0 &&
        date.month === (p.month ?? weekAnchor.month) &&
        date.day === p.dayOfMonth
      );
  }
}

export interface Occurrence {
  startMs: number;
  endMs: number;
}

/**
 * Occurrence starts of a series, walking local dates in the event's zone so that the meeting
 * keeps its wall-clock time across DST changes. Stops at `untilMs` (exclusive) or the range end.
 */
export function expandRecurrence(o: {
  recurrence: PatternedRecurrence;
  firstStartMs: number;
  durationMs: number;
  zone: string;
  untilMs: number;
}): Occurrence[] {
  const { pattern, range } = o.recurrence;
  const first = DateTime.fromMillis(o.firstStartMs, { zone: o.zone });
  const anchor = DateTime.fromISO(range.startDate, { zone: o.zone }).startOf('day');
  const end =
    range.type === 'endDate' && range.endDate !== undefined
      ? DateTime.fromISO(range.endDate, { zone: o.zone }).endOf('day')
      : undefined;
  const limit = range.type === 'numbered' ? (range.numberOfOccurrences ?? 1) : MAX_OCCURRENCES;
  const out: Occurrence[] = [];
  let day = anchor;
  for (let steps = 0; out.length < limit && steps < 40_000; steps++, day = day.plus({ days: 1 })) {
    if (end !== undefined && day > end) break;
    if (!matchesDay(day, pattern, anchor)) continue;
    const start = day.set({
      hour: first.hour,
      minute: first.minute,
      second: first.second,
      millisecond: 0,
    });
    const startMs = start.toMillis();
    if (startMs >= o.untilMs) break;
    out.push({ startMs, endMs: startMs + o.durationMs });
  }
  return out;
}

/** Whether the first occurrence of the pattern falls on the event's own start date. */
export function firstOccurrenceMatchesStart(
  recurrence: PatternedRecurrence,
  startMs: number,
  zone: string,
): boolean {
  const local = DateTime.fromMillis(startMs, { zone });
  if (local.toISODate() !== recurrence.range.startDate) return false;
  const anchor = local.startOf('day');
  return matchesDay(anchor, recurrence.pattern, anchor);
}
