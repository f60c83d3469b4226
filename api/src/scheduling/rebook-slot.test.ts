import { describe, expect, it } from 'vitest';
import type { Interval, Weekday } from '../calendar-time/index.js';
import { findRebookSlot, withAvoided } from './rebook-slot.js';
import type { FindRebookSlotInput, RebookSlotResult } from './rebook-slot.js';
import type { Participant } from './slot-search.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);

function person(id: string, zone: string, start: number, end: number): Participant {
  const days = new Set<Weekday>([1, 2, 3, 4, 5]);
  return { id, workingHours: { days, startMinutes: start * 60, endMinutes: end * 60, zone } };
}

const mentor = person('mentor', 'Europe/London', 8, 18);
const leader = person('leader', 'Europe/London', 8, 18);
/** Tuesday 27 January 2026, 10:00 in London (UTC in winter), 45 minutes. */
const ORIGINAL = { start: at('2026-01-27T10:00:00Z'), end: at('2026-01-27T10:45:00Z') };
/** From the day before to a week on, as the rebook job allows. */
const WINDOW = { earliest: ORIGINAL.start - DAY, latest: ORIGINAL.start + 7 * DAY };

/** The same hour on each of the given days (UTC dates in January 2026). */
function daily(days: number[], from: string, to: string): Interval[] {
  return days.map((d) => {
    const day = `2026-01-${String(d).padStart(2, '0')}`;
    return { start: at(`${day}T${from}:00Z`), end: at(`${day}T${to}:00Z`) };
  });
}

function rebook(o: Partial<FindRebookSlotInput> & { leaderBusy?: Interval[] }): RebookSlotResult {
  const { leaderBusy = [], ...rest } = o;
  return findRebookSlot({
    mentor,
    leader,
    organizer: 'mentor',
    original: ORIGINAL,
    durationMinutes: 45,
    window: WINDOW,
    busy: new Map([
      ['mentor', []],
      ['leader', leaderBusy],
    ]),
    ...rest,
  });
}

function startOf(result: RebookSlotResult): string {
  if (!result.ok) throw new Error(`expected a time, got: ${result.reason}`);
  return new Date(result.start).toISOString();
}

describe('where a session that cannot keep its time is rebooked', () => {
  it('keeps the series time of day on the nearest day it is free, not the earliest free time a day before', () => {
    // The leader is taken at 10:00 on Monday and Tuesday; the rest of Monday is free, a day early.
    const result = rebook({ leaderBusy: daily([26, 27], '10:00', '11:00') });
    expect(startOf(result)).toBe('2026-01-28T10:00:00.000Z');
    expect(result.ok && result.keepsTimeOfDay).toBe(true);
  });

  it('takes the free time closest to the original start when the series time of day is taken on nearby days', () => {
    // A standing 10:00-11:00 every day this week: Monday morning is free but a day early, next
    // Monday at 10:00 is six days away; Tuesday 09:00 (an hour before) and 11:00 (an hour after)
    // are closest, and the earlier wins the tie.
    const result = rebook({ leaderBusy: daily([26, 27, 28, 29, 30, 31], '10:00', '11:00') });
    expect(startOf(result)).toBe('2026-01-27T09:00:00.000Z');
    expect(result.ok && result.keepsTimeOfDay).toBe(false);
  });

  it('takes a free time after lunch over one during it, but lunch over a time further away', () => {
    // The series' 10:00 is taken on every nearby day and the leader is busy from 08:00 to 11:45
    // on Tuesday: 12:00 is the closest free time but over lunch, 13:00 is free an hour later.
    const morning = [
      ...daily([26, 28, 29, 30, 31], '10:00', '11:00'),
      ...daily([27], '08:00', '11:45'),
    ];
    expect(startOf(rebook({ leaderBusy: morning }))).toBe('2026-01-27T13:00:00.000Z');
    // With 13:00 to 17:00 taken too, lunch is better than another day.
    const afternoon = [...morning, ...daily([27], '13:00', '18:00')];
    expect(startOf(rebook({ leaderBusy: afternoon }))).toBe('2026-01-27T12:00:00.000Z');
  });

  it('goes after the original time when that is closer', () => {
    // Tuesday is taken until 10:30 and from 11:30, every other day at 10:00.
    const result = rebook({
      leaderBusy: [
        ...daily([26, 28, 29, 30, 31], '10:00', '11:00'),
        ...daily([27], '08:00', '10:30'),
        ...daily([27], '11:30', '18:00'),
      ],
    });
    expect(startOf(result)).toBe('2026-01-27T10:30:00.000Z');
  });

  it('keeps the series time itself when it is free, and never the time a partner declined', () => {
    expect(startOf(rebook({}))).toBe('2026-01-27T10:00:00.000Z');
    // Declined: the same hour the day before and the day after are as close; the earlier wins.
    expect(startOf(rebook({ avoid: [ORIGINAL] }))).toBe('2026-01-26T10:00:00.000Z');
  });

  it('stays inside the window: not in the past, not before the previous session, not after the next', () => {
    // Now is Tuesday 09:40 (plus two hours' notice): Monday and Tuesday morning are gone.
    const late = rebook({
      avoid: [ORIGINAL],
      window: { earliest: at('2026-01-27T11:40:00Z'), latest: WINDOW.latest },
    });
    expect(startOf(late)).toBe('2026-01-28T10:00:00.000Z');
    // The next session is on Wednesday at 09:00: the new time ends before it.
    const beforeNext = rebook({
      leaderBusy: daily([26, 27], '10:00', '11:00'),
      window: { earliest: WINDOW.earliest, latest: at('2026-01-28T09:00:00Z') },
    });
    expect(startOf(beforeNext)).toBe('2026-01-27T09:00:00.000Z');
    const none = rebook({
      window: { earliest: at('2026-01-27T11:40:00Z'), latest: at('2026-01-27T12:00:00Z') },
    });
    expect(none).toEqual({
      ok: false,
      reason: 'no time is left between the sessions before and after it',
    });
  });

  it("stays inside both people's working hours across time zones", () => {
    // The leader works 09:00-17:00 in New York (14:00-22:00 UTC); the original 15:00 UTC is taken.
    const ny = person('leader', 'America/New_York', 9, 17);
    const result = rebook({
      leader: ny,
      original: { start: at('2026-01-27T15:00:00Z'), end: at('2026-01-27T15:45:00Z') },
      window: { earliest: at('2026-01-26T15:00:00Z'), latest: at('2026-01-31T00:00:00Z') },
      leaderBusy: daily([26, 27, 28, 29, 30], '15:00', '16:00'),
    });
    // 14:00 London time is also 09:00 in New York: the closest, an hour before.
    expect(startOf(result)).toBe('2026-01-27T14:00:00.000Z');
  });

  it('says why when no time is free, and books nobody whose calendar could not be read', () => {
    const full = rebook({
      leaderBusy: [{ start: WINDOW.earliest - DAY, end: WINDOW.latest + DAY }],
    });
    expect(full).toEqual({
      ok: false,
      reason: 'no 45-minute time inside both working hours is free for both in the search period',
    });
    const unread = rebook({ busy: new Map([['mentor', []]]) });
    expect(unread).toEqual({ ok: false, reason: "leader's calendar could not be read" });
  });

  it('never goes back to any time the session was declined at, recorded once however often', () => {
    const asTime = (i: Interval) => ({ startsAt: new Date(i.start), endsAt: new Date(i.end) });
    // Declined at Tuesday 10:00, then at Monday 10:00 (where the first rebook put it); recorded
    // again by a retried job.
    const monday = { start: ORIGINAL.start - DAY, end: ORIGINAL.end - DAY };
    let avoided = withAvoided([], asTime(ORIGINAL));
    avoided = withAvoided(avoided, asTime(monday));
    avoided = withAvoided(avoided, asTime(monday));
    expect(avoided).toEqual([ORIGINAL, monday]);
    const result = rebook({ original: monday, avoid: avoided });
    expect(startOf(result)).toBe('2026-01-28T10:00:00.000Z');
  });
});
