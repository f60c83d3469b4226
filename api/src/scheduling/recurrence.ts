import type {
  DateTimeTimeZone,
  DayOfWeek,
  PatternedRecurrence,
  WeekIndex,
} from '@microsoft/microsoft-graph-types';
import {
  MINUTE_MS,
  civilDate,
  epochDay,
  formatLocalDateTime,
  isUsableZone,
  isoDate,
  localToUtc,
  parseIsoDate,
  weekdayName,
  weekdayOfEpochDay,
} from '../calendar-time/index.js';
import type { Cadence } from '../contract/index.js';

/** How a series repeats: the program's cadence word with its session count and length. */
export interface SeriesCadence {
  kind: Cadence;
  /** Number of sessions in the series. */
  sessions: number;
  durationMinutes: number;
}

export const MIN_SESSION_MINUTES = 30;
export const MAX_SESSION_MINUTES = 60;
export const MAX_SESSIONS = 52;

/** Where a series starts: the first occurrence's local date and time in the organizer's zone. */
export interface SeriesStart {
  /** IANA zone (or luxon fixed offset) the series is computed in. */
  zone: string;
  /** `YYYY-MM-DD`, local date of the first occurrence. */
  date: string;
  /** Minutes after local midnight. */
  startMinutes: number;
}

export interface Occurrence {
  /** 0-based position in the series. */
  index: number;
  /** UTC epoch milliseconds. */
  start: number;
  end: number;
  /** `YYYY-MM-DD` in the organizer's zone. */
  localDate: string;
}

/** Why a cadence cannot be booked, or null when it can. */
export function cadenceProblem(cadence: SeriesCadence): string | null {
  if (!['weekly', 'biweekly', 'monthly'].includes(cadence.kind)) {
    return `unknown cadence "${String(cadence.kind)}"`;
  }
  if (
    !Number.isInteger(cadence.sessions) ||
    cadence.sessions < 1 ||
    cadence.sessions > MAX_SESSIONS
  ) {
    return `sessions must be a whole number from 1 to ${MAX_SESSIONS}`;
  }
  const d = cadence.durationMinutes;
  if (!Number.isInteger(d) || d < MIN_SESSION_MINUTES || d > MAX_SESSION_MINUTES) {
    return `session length must be ${MIN_SESSION_MINUTES}–${MAX_SESSION_MINUTES} minutes`;
  }
  return null;
}

const WEEK_INDEXES: readonly WeekIndex[] = ['first', 'second', 'third', 'fourth', 'last'];

/**
 * Which "nth weekday of the month" a date is, as Graph's relativeMonthly names it. Days 29–31
 * can only be the last one; days 22–28 are "fourth" even when also the last, since every month
 * has a fourth of each weekday and Graph would then keep the series on the fourth.
 */
export function monthlyIndexOf(day: number): WeekIndex {
  const dom = civilDate(day).day;
  return WEEK_INDEXES[Math.min(4, Math.floor((dom - 1) / 7))] ?? 'last';
}

/** Epoch day of the `index` `weekday` of a month (e.g. the second Tuesday). */
export function nthWeekdayOfMonth(
  year: number,
  month: number,
  weekday: number,
  index: WeekIndex,
): number {
  const first = epochDay(year, month, 1);
  const nextMonth = month === 12 ? epochDay(year + 1, 1, 1) : epochDay(year, month + 1, 1);
  if (index === 'last') {
    const lastDay = nextMonth - 1;
    return lastDay - ((weekdayOfEpochDay(lastDay) - weekday + 7) % 7);
  }
  const firstMatch = first + ((weekday - weekdayOfEpochDay(first) + 7) % 7);
  return firstMatch + WEEK_INDEXES.indexOf(index) * 7;
}

/** Local dates (epoch days) of every occurrence, starting with `firstDay`. */
export function occurrenceDays(cadence: SeriesCadence, firstDay: number): number[] {
  const days: number[] = [];
  if (cadence.kind === 'monthly') {
    const weekday = weekdayOfEpochDay(firstDay);
    const index = monthlyIndexOf(firstDay);
    const { year, month } = civilDate(firstDay);
    for (let k = 0; k < cadence.sessions; k++) {
      const m = month - 1 + k;
      days.push(nthWeekdayOfMonth(year + Math.floor(m / 12), (m % 12) + 1, weekday, index));
    }
    return days;
  }
  const step = cadence.kind === 'biweekly' ? 14 : 7;
  for (let k = 0; k < cadence.sessions; k++) days.push(firstDay + k * step);
  return days;
}

function checkedStart(cadence: SeriesCadence, start: SeriesStart): number {
  const problem = cadenceProblem(cadence);
  if (problem !== null) throw new RangeError(problem);
  if (!isUsableZone(start.zone)) throw new RangeError(`invalid time zone ${start.zone}`);
  const day = parseIsoDate(start.date);
  if (day === null) throw new RangeError(`invalid date ${start.date}`);
  if (
    !Number.isInteger(start.startMinutes) ||
    start.startMinutes < 0 ||
    start.startMinutes >= 1440
  ) {
    throw new RangeError(`invalid start time ${start.startMinutes}`);
  }
  return day;
}

/**
 * Every occurrence in UTC: the same local wall time in the organizer's zone on each date, so a
 * 09:00 London series stays at 09:00 London across the clock changes (and moves in UTC).
 */
export function seriesOccurrences(cadence: SeriesCadence, start: SeriesStart): Occurrence[] {
  const firstDay = checkedStart(cadence, start);
  return occurrenceDays(cadence, firstDay).map((day, index) => {
    const s = localToUtc(start.zone, day, start.startMinutes);
    return {
      index,
      start: s,
      end: s + cadence.durationMinutes * MINUTE_MS,
      localDate: isoDate(day),
    };
  });
}

/** The parts of a Graph event body that place a recurring series in time. */
export interface GraphSeriesTiming {
  start: DateTimeTimeZone & { dateTime: string; timeZone: string };
  end: DateTimeTimeZone & { dateTime: string; timeZone: string };
  recurrence: PatternedRecurrence;
}

/**
 * The event `start`, `end` and `recurrence` for Graph. `timeZoneName` is the organizer's zone as
 * Graph knows it (Windows or IANA name, as given); wall times are written in it, never as UTC
 * offsets, and `range.startDate` is the first occurrence's local date.
 */
export function graphSeriesTiming(
  cadence: SeriesCadence,
  start: SeriesStart,
  timeZoneName: string,
): GraphSeriesTiming {
  const firstDay = checkedStart(cadence, start);
  const first = localToUtc(start.zone, firstDay, start.startMinutes);
  const end = first + cadence.durationMinutes * MINUTE_MS;
  const weekday = weekdayName(weekdayOfEpochDay(firstDay)) as DayOfWeek;
  const pattern: PatternedRecurrence['pattern'] =
    cadence.kind === 'monthly'
      ? {
          type: 'relativeMonthly',
          interval: 1,
          daysOfWeek: [weekday],
          index: monthlyIndexOf(firstDay),
        }
      : {
          type: 'weekly',
          interval: cadence.kind === 'biweekly' ? 2 : 1,
          daysOfWeek: [weekday],
          firstDayOfWeek: 'monday',
        };
  return {
    start: { dateTime: formatLocalDateTime(start.zone, first), timeZone: timeZoneName },
    end: { dateTime: formatLocalDateTime(start.zone, end), timeZone: timeZoneName },
    recurrence: {
      pattern,
      range: {
        type: 'numbered',
        // The local date of the first occurrence, which is not the UTC date late in the evening.
        startDate: isoDate(firstDay),
        numberOfOccurrences: cadence.sessions,
        recurrenceTimeZone: timeZoneName,
      },
    },
  };
}
