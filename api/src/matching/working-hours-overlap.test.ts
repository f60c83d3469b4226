import { describe, expect, it } from 'vitest';
import { sharedHoursPerWeek } from './working-hours-overlap.js';
import type { WorkingHours } from './match-types.js';

const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
const nineToFive = (timeZone: string): WorkingHours => ({
  daysOfWeek: weekdays,
  start: '09:00',
  end: '17:00',
  timeZone,
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
    const early: WorkingHours = { ...nineToFive('Australia/Sydney'), start: '06:00' };
    const weekend: WorkingHours = {
      daysOfWeek: ['sunday'],
      start: '12:00',
      end: '14:00',
      timeZone: 'America/Los_Angeles',
    };
    expect(sharedHoursPerWeek(early, weekend, '2025-06-04')).toBe(1);
  });
});
