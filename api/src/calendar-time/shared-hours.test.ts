import { describe, expect, it } from 'vitest';
import { sharedHoursPerWeek } from './working-hours.js';
import type { WorkingHours } from './working-hours.js';

const nineToFive = (zone: string): WorkingHours => ({
  days: new Set([1, 2, 3, 4, 5] as const),
  startMinutes: 9 * 60,
  endMinutes: 17 * 60,
  zone,
});

describe('sharedHoursPerWeek', () => {
  it('is 40 h for two people on the same hours in the same zone', () => {
    expect(sharedHoursPerWeek(nineToFive('Europe/London'), nineToFive('Europe/London'))).toBe(40);
  });

  it('converts across zones: London and New York share 3 h a day in winter', () => {
    const hours = sharedHoursPerWeek(
      nineToFive('Europe/London'),
      nineToFive('America/New_York'),
      '2025-01-13',
    );
    expect(hours).toBe(15);
  });

  it('follows DST for the chosen week (the US moves before Europe in March)', () => {
    // 2025-03-10: New York is on EDT (UTC-4), London still on GMT: 4 h a day.
    const hours = sharedHoursPerWeek(
      nineToFive('Europe/London'),
      nineToFive('America/New_York'),
      '2025-03-12',
    );
    expect(hours).toBe(20);
  });

  it('is zero for Sydney and London on office hours', () => {
    expect(sharedHoursPerWeek(nineToFive('Australia/Sydney'), nineToFive('Europe/London'))).toBe(0);
  });

  it('finds the overlap where one side works across the date line', () => {
    // Sydney Monday 07:00–09:00 is Los Angeles Sunday 13:00–15:00 (both in their summer/winter).
    const early: WorkingHours = { ...nineToFive('Australia/Sydney'), startMinutes: 6 * 60 };
    const weekend: WorkingHours = {
      days: new Set([7] as const),
      startMinutes: 12 * 60,
      endMinutes: 14 * 60,
      zone: 'America/Los_Angeles',
    };
    expect(sharedHoursPerWeek(early, weekend, '2025-06-04')).toBe(1);
  });
});
