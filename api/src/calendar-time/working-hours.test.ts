import { describe, expect, it } from 'vitest';
import {
  coveredBy,
  formatWorkingHours,
  intersectIntervals,
  mergeIntervals,
  overlapsAny,
  parseWorkingHours,
  sharedHoursPerWeek,
  workingIntervals,
} from './working-hours.js';
import type { WorkingHours } from './working-hours.js';

const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];

function hours(zone: string, start: number, end: number): WorkingHours {
  return { days: new Set([1, 2, 3, 4, 5]), startMinutes: start * 60, endMinutes: end * 60, zone };
}

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 16);

describe('parseWorkingHours', () => {
  it('reads Graph mailbox working hours with a Windows zone', () => {
    const result = parseWorkingHours({
      daysOfWeek: weekdays,
      startTime: '08:00:00.0000000',
      endTime: '17:30:00.0000000',
      timeZone: { name: 'Pacific Standard Time' },
    });
    expect(result).toEqual({
      ok: true,
      value: {
        days: new Set([1, 2, 3, 4, 5]),
        startMinutes: 480,
        endMinutes: 1050,
        zone: 'America/Los_Angeles',
      },
    });
  });

  it('reads a custom time zone and the stored form with an IANA string', () => {
    const custom = parseWorkingHours({
      daysOfWeek: ['Sunday', 'Monday'],
      startTime: '09:00:00',
      endTime: '18:00:00',
      timeZone: { '@odata.type': '#microsoft.graph.customTimeZone', bias: -330 },
    });
    expect(custom.ok && custom.value.zone).toBe('UTC+05:30');
    expect(custom.ok && [...custom.value.days]).toEqual([7, 1]);
    const stored = parseWorkingHours({
      daysOfWeek: weekdays,
      startTime: '09:00',
      endTime: '17:00',
      timeZone: 'Europe/London',
    });
    expect(stored.ok && stored.value.zone).toBe('Europe/London');
  });

  it('falls back to the mailbox time zone when the working-hours zone is unusable', () => {
    const result = parseWorkingHours(
      {
        daysOfWeek: weekdays,
        startTime: '09:00:00',
        endTime: '17:00:00',
        timeZone: { name: 'Atlantis Time' },
      },
      { fallbackZone: 'GMT Standard Time' },
    );
    expect(result).toMatchObject({ ok: true, value: { zone: 'Europe/London' } });
    expect(result.ok && result.note).toMatch(/mailbox time zone/);
    const noZone = parseWorkingHours(
      { daysOfWeek: weekdays, startTime: '09:00', endTime: '17:00' },
      { fallbackZone: 'UTC' },
    );
    expect(noZone.ok && noZone.value.zone).toBe('UTC');
  });

  it('treats an end of 00:00 as midnight at the end of the day', () => {
    const result = parseWorkingHours({
      daysOfWeek: ['friday'],
      startTime: '16:00:00',
      endTime: '00:00:00',
      timeZone: 'UTC',
    });
    expect(result.ok && result.value.endMinutes).toBe(1440);
  });

  it('refuses what it cannot read, with the reason', () => {
    const base = {
      daysOfWeek: weekdays,
      startTime: '09:00:00',
      endTime: '17:00:00',
      timeZone: 'UTC',
    };
    const cases: [unknown, RegExp][] = [
      [null, /no working hours/],
      [{ ...base, daysOfWeek: undefined }, /without days/],
      [{ ...base, daysOfWeek: [] }, /no days/],
      [{ ...base, daysOfWeek: ['funday'] }, /unknown day/],
      [{ ...base, startTime: '8am' }, /unreadable/],
      [{ ...base, startTime: '18:00:00' }, /before they start/],
      [{ ...base, timeZone: 'Nowhere/Special' }, /unknown time zone/],
    ];
    for (const [input, reason] of cases) {
      const result = parseWorkingHours(input);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.reason).toMatch(reason);
    }
  });

  it('formats back to the stored shape', () => {
    expect(formatWorkingHours(hours('Europe/London', 9, 17))).toEqual({
      daysOfWeek: weekdays,
      startTime: '09:00:00.0000000',
      endTime: '17:00:00.0000000',
      timeZone: 'Europe/London',
    });
  });
});

describe('workingIntervals', () => {
  it('moves with the local clock change', () => {
    const london = workingIntervals(
      hours('Europe/London', 9, 17),
      Date.UTC(2026, 2, 27),
      Date.UTC(2026, 2, 31),
    );
    expect(london.map((i) => `${iso(i.start)}/${iso(i.end)}`)).toEqual([
      '2026-03-27T09:00/2026-03-27T17:00', // Friday, GMT
      '2026-03-30T08:00/2026-03-30T16:00', // Monday, BST
    ]);
  });

  it('computes each day in its own zone, across the date line', () => {
    const sydney = workingIntervals(
      hours('Australia/Sydney', 9, 17),
      Date.UTC(2026, 3, 2, 12),
      Date.UTC(2026, 3, 8),
    );
    // Friday 3 April is still daylight time (+11); Monday 6 April is standard time (+10).
    expect(iso(sydney[0]?.start ?? 0)).toBe('2026-04-02T22:00');
    expect(iso(sydney[1]?.start ?? 0)).toBe('2026-04-05T23:00');
  });

  it('clips to the range asked for', () => {
    const list = workingIntervals(
      hours('UTC', 9, 17),
      Date.UTC(2026, 0, 5, 12),
      Date.UTC(2026, 0, 5, 13),
    );
    expect(list).toEqual([{ start: Date.UTC(2026, 0, 5, 12), end: Date.UTC(2026, 0, 5, 13) }]);
  });
});

describe('sharedHoursPerWeek', () => {
  const london = hours('Europe/London', 9, 17);
  const newYork = hours('America/New_York', 9, 17);

  it('is 15 hours for London and New York most of the year', () => {
    expect(sharedHoursPerWeek(london, newYork, new Date(Date.UTC(2026, 1, 10)))).toBe(15);
    expect(sharedHoursPerWeek(london, newYork, new Date(Date.UTC(2026, 5, 10)))).toBe(15);
    expect(sharedHoursPerWeek(newYork, london, new Date(Date.UTC(2026, 5, 10)))).toBe(15);
  });

  it('grows to 20 hours in the weeks when only New York has changed its clocks', () => {
    expect(sharedHoursPerWeek(london, newYork, new Date(Date.UTC(2026, 2, 18)))).toBe(20);
    expect(sharedHoursPerWeek(london, newYork, new Date(Date.UTC(2026, 9, 28)))).toBe(20);
  });

  it('is zero for London and Sydney office hours', () => {
    expect(
      sharedHoursPerWeek(london, hours('Australia/Sydney', 9, 17), new Date(Date.UTC(2026, 0, 14))),
    ).toBe(0);
  });

  it('finds the narrow overlap of early and late hours ten time zones apart', () => {
    const seattle = hours('America/Los_Angeles', 7, 16);
    const bengaluru = hours('Asia/Kolkata', 10, 22);
    // 22:00 IST is 08:30 PST (winter) and 09:30 PDT (summer).
    expect(sharedHoursPerWeek(seattle, bengaluru, new Date(Date.UTC(2026, 0, 14)))).toBe(7.5);
    expect(sharedHoursPerWeek(seattle, bengaluru, new Date(Date.UTC(2026, 6, 15)))).toBe(12.5);
  });
});

describe('interval helpers', () => {
  const list = mergeIntervals([
    { start: 30, end: 40 },
    { start: 0, end: 10 },
    { start: 10, end: 20 },
    { start: 35, end: 50 },
  ]);

  it('merges touching and overlapping intervals', () => {
    expect(list).toEqual([
      { start: 0, end: 20 },
      { start: 30, end: 50 },
    ]);
  });

  it('answers containment and overlap', () => {
    expect(coveredBy(list, 0, 20)).toBe(true);
    expect(coveredBy(list, 15, 31)).toBe(false);
    expect(overlapsAny(list, 20, 30)).toBe(false);
    expect(overlapsAny(list, 19, 21)).toBe(true);
    expect(overlapsAny(list, 25, 31)).toBe(true);
    expect(intersectIntervals(list, [{ start: 15, end: 35 }])).toEqual([
      { start: 15, end: 20 },
      { start: 30, end: 35 },
    ]);
  });
});
