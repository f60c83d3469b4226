import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  cadenceProblem,
  graphSeriesTiming,
  monthlyIndexOf,
  nthWeekdayOfMonth,
  seriesOccurrences,
} from './recurrence.js';
import type { SeriesCadence } from './recurrence.js';
import { epochDay, isoDate } from '../calendar-time/index.js';

const weekly = (sessions: number, durationMinutes = 60): SeriesCadence => ({
  kind: 'weekly',
  sessions,
  durationMinutes,
});
const utc = (ms: number): string => new Date(ms).toISOString().slice(0, 16);

describe('seriesOccurrences', () => {
  it('keeps the London wall time across the March change, moving an hour in UTC', () => {
    const occ = seriesOccurrences(weekly(4), {
      zone: 'Europe/London',
      date: '2026-03-17',
      startMinutes: 9 * 60,
    });
    expect(occ.map((o) => utc(o.start))).toEqual([
      '2026-03-17T09:00',
      '2026-03-24T09:00',
      '2026-03-31T08:00',
      '2026-04-07T08:00',
    ]);
    expect(occ.map((o) => o.end - o.start)).toEqual([3_600_000, 3_600_000, 3_600_000, 3_600_000]);
    expect(occ.map((o) => o.localDate)).toEqual([
      '2026-03-17',
      '2026-03-24',
      '2026-03-31',
      '2026-04-07',
    ]);
  });

  it('keeps the wall time through the autumn changes of New York and Sydney', () => {
    const ny = seriesOccurrences(weekly(3, 30), {
      zone: 'America/New_York',
      date: '2026-10-26',
      startMinutes: 9 * 60,
    });
    expect(ny.map((o) => utc(o.start))).toEqual([
      '2026-10-26T13:00',
      '2026-11-02T14:00',
      '2026-11-09T14:00',
    ]);
    const sydney = seriesOccurrences(weekly(2), {
      zone: 'Australia/Sydney',
      date: '2026-03-30',
      startMinutes: 9 * 60,
    });
    expect(sydney.map((o) => utc(o.start))).toEqual(['2026-03-29T22:00', '2026-04-05T23:00']);
  });

  it('agrees with luxon for a year of weekly sessions in several zones', () => {
    for (const zone of ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata']) {
      const occ = seriesOccurrences(weekly(52, 45), {
        zone,
        date: '2026-01-06',
        startMinutes: 10 * 60 + 30,
      });
      for (const o of occ) {
        const local = DateTime.fromMillis(o.start, { zone });
        expect(local.toFormat('ccc HH:mm')).toBe('Tue 10:30');
        expect(local.toISODate()).toBe(o.localDate);
      }
    }
  });

  it('steps two weeks for a biweekly cadence', () => {
    const occ = seriesOccurrences(
      { kind: 'biweekly', sessions: 3, durationMinutes: 30 },
      { zone: 'UTC', date: '2026-01-05', startMinutes: 600 },
    );
    expect(occ.map((o) => o.localDate)).toEqual(['2026-01-05', '2026-01-19', '2026-02-02']);
  });

  it('keeps a monthly series on the same nth weekday ("second Tuesday")', () => {
    const occ = seriesOccurrences(
      { kind: 'monthly', sessions: 6, durationMinutes: 60 },
      { zone: 'Europe/London', date: '2026-01-13', startMinutes: 14 * 60 },
    );
    expect(occ.map((o) => o.localDate)).toEqual([
      '2026-01-13',
      '2026-02-10',
      '2026-03-10',
      '2026-04-14',
      '2026-05-12',
      '2026-06-09',
    ]);
    expect(utc(occ[3]?.start ?? 0)).toBe('2026-04-14T13:00');
  });

  it('keeps a series that starts late in a month on the last weekday, across the year end', () => {
    const occ = seriesOccurrences(
      { kind: 'monthly', sessions: 4, durationMinutes: 30 },
      { zone: 'UTC', date: '2026-10-30', startMinutes: 600 },
    );
    expect(occ.map((o) => o.localDate)).toEqual([
      '2026-10-30',
      '2026-11-27',
      '2026-12-25',
      '2027-01-29',
    ]);
  });

  it('refuses invalid input', () => {
    const start = { zone: 'UTC', date: '2026-01-05', startMinutes: 600 };
    expect(() => seriesOccurrences(weekly(3, 90), start)).toThrow(/30–60/);
    expect(() => seriesOccurrences(weekly(3), { ...start, zone: 'Nowhere/Land' })).toThrow(
      /time zone/,
    );
    expect(() => seriesOccurrences(weekly(3), { ...start, date: '2026-02-30' })).toThrow(/date/);
    expect(() => seriesOccurrences(weekly(3), { ...start, startMinutes: 1440 })).toThrow(
      /start time/,
    );
  });
});

describe('cadenceProblem', () => {
  it('accepts 30–60 minute sessions and bounded counts only', () => {
    expect(cadenceProblem(weekly(12, 30))).toBeNull();
    expect(cadenceProblem(weekly(12, 60))).toBeNull();
    expect(cadenceProblem(weekly(12, 29))).toMatch(/30–60/);
    expect(cadenceProblem(weekly(0))).toMatch(/sessions/);
    expect(cadenceProblem({ kind: 'daily' as 'weekly', sessions: 3, durationMinutes: 30 })).toMatch(
      /cadence/,
    );
  });
});

describe('monthly helpers', () => {
  it('names the nth weekday of a date as Graph does', () => {
    expect(monthlyIndexOf(epochDay(2026, 1, 6))).toBe('first');
    expect(monthlyIndexOf(epochDay(2026, 1, 13))).toBe('second');
    expect(monthlyIndexOf(epochDay(2026, 1, 28))).toBe('fourth');
    expect(monthlyIndexOf(epochDay(2026, 1, 29))).toBe('last');
    expect(isoDate(nthWeekdayOfMonth(2026, 2, 1, 'last'))).toBe('2026-02-23');
    expect(isoDate(nthWeekdayOfMonth(2026, 3, 7, 'first'))).toBe('2026-03-01');
  });
});

describe('graphSeriesTiming', () => {
  it('starts on the organizer-local date of the first occurrence, in the named zone', () => {
    // 19:30 in New York is already the next day in UTC.
    const timing = graphSeriesTiming(
      weekly(12),
      { zone: 'America/New_York', date: '2026-03-03', startMinutes: 19 * 60 + 30 },
      'Eastern Standard Time',
    );
    expect(timing).toEqual({
      start: { dateTime: '2026-03-03T19:30:00', timeZone: 'Eastern Standard Time' },
      end: { dateTime: '2026-03-03T20:30:00', timeZone: 'Eastern Standard Time' },
      recurrence: {
        pattern: { type: 'weekly', interval: 1, daysOfWeek: ['tuesday'], firstDayOfWeek: 'monday' },
        range: {
          type: 'numbered',
          startDate: '2026-03-03',
          numberOfOccurrences: 12,
          recurrenceTimeZone: 'Eastern Standard Time',
        },
      },
    });
    const first = seriesOccurrences(weekly(12), {
      zone: 'America/New_York',
      date: '2026-03-03',
      startMinutes: 1170,
    })[0];
    expect(utc(first?.start ?? 0)).toBe('2026-03-04T00:30');
    expect(timing.recurrence.range?.startDate).toBe(first?.localDate);
  });

  it('writes a morning Sydney series on its Sydney date, not the UTC one', () => {
    const timing = graphSeriesTiming(
      { kind: 'biweekly', sessions: 6, durationMinutes: 45 },
      { zone: 'Australia/Sydney', date: '2026-04-06', startMinutes: 8 * 60 },
      'Australia/Sydney',
    );
    expect(timing.start).toEqual({ dateTime: '2026-04-06T08:00:00', timeZone: 'Australia/Sydney' });
    expect(timing.end.dateTime).toBe('2026-04-06T08:45:00');
    expect(timing.recurrence.pattern).toMatchObject({
      type: 'weekly',
      interval: 2,
      daysOfWeek: ['monday'],
    });
    expect(timing.recurrence.range?.startDate).toBe('2026-04-06');
  });

  it('describes a monthly series as relativeMonthly with its week index', () => {
    const timing = graphSeriesTiming(
      { kind: 'monthly', sessions: 6, durationMinutes: 60 },
      { zone: 'Europe/London', date: '2026-01-13', startMinutes: 14 * 60 },
      'GMT Standard Time',
    );
    expect(timing.recurrence).toEqual({
      pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['tuesday'], index: 'second' },
      range: {
        type: 'numbered',
        startDate: '2026-01-13',
        numberOfOccurrences: 6,
        recurrenceTimeZone: 'GMT Standard Time',
      },
    });
  });
});
