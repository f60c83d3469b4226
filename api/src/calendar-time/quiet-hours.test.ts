import { describe, expect, it } from 'vitest';
import { DEFAULT_QUIET_HOURS, nextAllowedSend } from './quiet-hours.js';

const at = (iso: string) => new Date(iso);

describe('quiet hours', () => {
  it('sends at once outside quiet hours, in the person’s own zone', () => {
    // 17:00 UTC is 10:00 in Los Angeles: not quiet there, although it is evening in Europe.
    const t = at('2026-03-02T17:00:00Z');
    expect(nextAllowedSend(t, 'America/Los_Angeles', DEFAULT_QUIET_HOURS)).toEqual(t);
    expect(nextAllowedSend(t, 'Asia/Tokyo', DEFAULT_QUIET_HOURS)).toEqual(
      at('2026-03-02T23:00:00Z'),
    );
  });

  it('defers an evening nudge to 08:00 local the next day', () => {
    // 21:30 in Berlin (UTC+1 in winter) → 08:00 Berlin = 07:00 UTC.
    expect(
      nextAllowedSend(at('2026-01-14T20:30:00Z'), 'Europe/Berlin', DEFAULT_QUIET_HOURS),
    ).toEqual(at('2026-01-15T07:00:00Z'));
  });

  it('defers an early-morning nudge to 08:00 the same day', () => {
    expect(
      nextAllowedSend(at('2026-01-15T05:00:00Z'), 'Europe/Berlin', DEFAULT_QUIET_HOURS),
    ).toEqual(at('2026-01-15T07:00:00Z'));
  });

  it('keeps 08:00 local across the spring-forward night (London, 29 March 2026)', () => {
    // 23:00 GMT on the 28th; clocks go forward at 01:00 UTC; 08:00 BST is 07:00 UTC, not 08:00.
    expect(
      nextAllowedSend(at('2026-03-28T23:00:00Z'), 'Europe/London', DEFAULT_QUIET_HOURS),
    ).toEqual(at('2026-03-29T07:00:00Z'));
  });

  it('keeps 08:00 local across the fall-back night (New York, 1 November 2026)', () => {
    // 22:00 EDT on Oct 31 = 02:00 UTC Nov 1; 08:00 EST on Nov 1 is 13:00 UTC.
    expect(
      nextAllowedSend(at('2026-11-01T02:00:00Z'), 'America/New_York', DEFAULT_QUIET_HOURS),
    ).toEqual(at('2026-11-01T13:00:00Z'));
  });

  it('honours a daytime window and an empty one, and falls back to UTC for an unknown zone', () => {
    const lunch = { start: '12:00', end: '13:30' };
    expect(nextAllowedSend(at('2026-01-15T12:10:00Z'), 'UTC', lunch)).toEqual(
      at('2026-01-15T13:30:00Z'),
    );
    const none = { start: '09:00', end: '09:00' };
    expect(nextAllowedSend(at('2026-01-15T23:00:00Z'), 'UTC', none)).toEqual(
      at('2026-01-15T23:00:00Z'),
    );
    expect(nextAllowedSend(at('2026-01-15T22:00:00Z'), 'Not/AZone', DEFAULT_QUIET_HOURS)).toEqual(
      at('2026-01-16T08:00:00Z'),
    );
  });
});
