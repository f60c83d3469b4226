import { describe, expect, it } from 'vitest';
import { pairingsCell, startsCell } from './program-list-cells.js';

describe('the programs list counts and dates', () => {
  it('counts the pairs a closed program had, not zero', () => {
    expect(pairingsCell({ mentors: 0, leaders: 0, pairings: 0, endedPairings: 8 })).toBe(
      '8 (ended)',
    );
    expect(pairingsCell({ mentors: 9, leaders: 9, pairings: 7, endedPairings: 1 })).toBe(
      '7 (1 ended)',
    );
    expect(pairingsCell({ mentors: 9, leaders: 9, pairings: 9, endedPairings: 0 })).toBe('9');
  });

  it('says what decides the start when a program has no start date, never a dash', () => {
    expect(startsCell(null)).toBe('The day after pairs are approved');
    expect(startsCell('2026-11-06')).toMatch(/6 Nov|Nov 6/);
  });
});
