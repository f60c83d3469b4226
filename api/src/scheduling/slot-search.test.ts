// Long on purpose: the slot-search cases (time zones, working hours, cadences, busy times) share the same participant builders.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { graphSeriesTiming, seriesOccurrences } from './recurrence.js';
import type { SeriesCadence } from './recurrence.js';
import { findSeriesSlot } from './slot-search.js';
import type { FindSeriesSlotInput, Participant, SlotSearchResult } from './slot-search.js';
import type { Interval, Weekday, WorkingHours } from '../calendar-time/index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function person(
  id: string,
  zone: string,
  start: number,
  end: number,
  days: Weekday[] = [1, 2, 3, 4, 5],
): Participant {
  const wh: WorkingHours = {
    days: new Set(days),
    startMinutes: start * 60,
    endMinutes: end * 60,
    zone,
  };
  return { id, workingHours: wh };
}

const weekly = (sessions: number, durationMinutes = 60): SeriesCadence => ({
  kind: 'weekly',
  sessions,
  durationMinutes,
});

function search(
  overrides: Partial<FindSeriesSlotInput> & Pick<FindSeriesSlotInput, 'mentor' | 'leader'>,
): SlotSearchResult {
  return findSeriesSlot({
    organizer: 'mentor',
    cadence: weekly(12),
    horizonStart: Date.UTC(2026, 2, 2),
    busy: new Map([
      [overrides.mentor.id, []],
      [overrides.leader.id, []],
    ]),
    unknown: new Set(),
    ...overrides,
  });
}

function ok(result: SlotSearchResult): Extract<SlotSearchResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected a slot, got: ${result.reason}`);
  return result;
}

/** Checks, with luxon and independently of the search, that an occurrence is inside working hours. */
function insideWorkingHours(p: Participant, start: number, end: number): boolean {
  const { zone, days, startMinutes, endMinutes } = p.workingHours;
  const s = DateTime.fromMillis(start, { zone });
  const e = DateTime.fromMillis(end, { zone });
  const sm = s.hour * 60 + s.minute;
  const em = e.hasSame(s, 'day') ? e.hour * 60 + e.minute : 1440 + e.hour * 60 + e.minute;
  return days.has(s.weekday as Weekday) && sm >= startMinutes && em <= endMinutes;
}

function local(zone: string, ms: number): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('ccc yyyy-MM-dd HH:mm');
}

const london = person('mentor@contoso.com', 'Europe/London', 9, 17);
const newYork = person('leader@contoso.com', 'America/New_York', 9, 17);

describe('findSeriesSlot across time zones', () => {
  it('books London and New York inside both working days for every one of 12 weeks, DST gap included', () => {
    const result = ok(search({ mentor: london, leader: newYork }));
    expect(result.fitsAll).toBe(true);
    expect(result.exceptions).toEqual([]);
    expect(result.slot.occurrences).toHaveLength(12);
    for (const o of result.slot.occurrences) {
      expect(insideWorkingHours(london, o.start, o.end)).toBe(true);
      expect(insideWorkingHours(newYork, o.start, o.end)).toBe(true);
    }
    // Monday 15:00 London is 10:00 in New York (11:00 during the gap): the earliest slot that
    // bends no preference (14:00 would be before 10:00 on Monday for the leader).
    expect(result.slot.series).toEqual({
      zone: 'Europe/London',
      date: '2026-03-02',
      startMinutes: 900,
    });
    expect(result.slot.penalty).toBe(0);
    // Same London wall time every week; New York sees 10:00, then 11:00 in the gap, then 10:00.
    expect(
      result.slot.occurrences.map((o) => local('America/New_York', o.start).slice(-5)),
    ).toEqual([
      '10:00',
      '11:00',
      '11:00',
      '11:00',
      '10:00',
      '10:00',
      '10:00',
      '10:00',
      '10:00',
      '10:00',
      '10:00',
      '10:00',
    ]);
  });

  it('finds a narrow 30-minute overlap and reports the weeks a longer session fits only during the gap', () => {
    const earlyLondon = person('mentor@contoso.com', 'Europe/London', 9, 14.5);
    const short = ok(
      search({
        mentor: earlyLondon,
        leader: newYork,
        cadence: weekly(6, 30),
        horizonStart: Date.UTC(2026, 2, 9),
      }),
    );
    expect(short.fitsAll).toBe(true);
    expect(short.slot.series.startMinutes).toBe(14 * 60);

    const long = ok(
      search({
        mentor: earlyLondon,
        leader: newYork,
        cadence: weekly(6, 60),
        horizonStart: Date.UTC(2026, 2, 9),
      }),
    );
    expect(long.fitsAll).toBe(false);
    expect(long.slot.fitting).toBe(3);
    expect(long.exceptions.map((e) => e.occurrence.index)).toEqual([3, 4, 5]);
    for (const e of long.exceptions) {
      expect(e.problems).toEqual([{ kind: 'outside-working-hours', role: 'leader' }]);
      expect(e.message).toMatch(/outside the leader's working hours/);
    }
  });

  it('keeps a series valid across the late-October week when London has changed and New York has not', () => {
    const result = ok(
      search({
        mentor: london,
        leader: newYork,
        organizer: 'leader',
        cadence: weekly(4),
        horizonStart: Date.UTC(2026, 9, 19),
      }),
    );
    expect(result.fitsAll).toBe(true);
    expect(result.slot.series.zone).toBe('America/New_York');
    for (const o of result.slot.occurrences) {
      expect(insideWorkingHours(london, o.start, o.end)).toBe(true);
      expect(insideWorkingHours(newYork, o.start, o.end)).toBe(true);
    }
  });

  it('only proposes times that stay inside both days when only the leader gains an hour in the gap', () => {
    // New York 12:00–13:00 is 17:00 in London most weeks but 16:00 in the gap: it must not be
    // chosen just because it fits the first occurrence.
    const lateLeader = person('leader@contoso.com', 'America/New_York', 11, 17);
    const result = ok(
      search({
        mentor: london,
        leader: lateLeader,
        organizer: 'leader',
        cadence: weekly(8),
        horizonStart: Date.UTC(2026, 2, 9),
      }),
    );
    expect(result.fitsAll).toBe(true);
    expect(result.slot.series.startMinutes).toBe(11 * 60);
    expect(local('Europe/London', result.slot.occurrences[0]?.start ?? 0).slice(-5)).toBe('15:00');
    expect(local('Europe/London', result.slot.occurrences[3]?.start ?? 0).slice(-5)).toBe('16:00');
  });

  it('handles Sydney and London changing clocks in opposite directions a week apart', () => {
    const sydney = person('mentor@contoso.com', 'Australia/Sydney', 8, 20);
    const earlyLondon = person('leader@contoso.com', 'Europe/London', 7, 17);
    const result = ok(
      search({
        mentor: sydney,
        leader: earlyLondon,
        organizer: 'leader',
        cadence: weekly(6),
        horizonStart: Date.UTC(2026, 2, 23),
      }),
    );
    expect(result.fitsAll).toBe(true);
    for (const o of result.slot.occurrences) {
      expect(insideWorkingHours(sydney, o.start, o.end)).toBe(true);
      expect(insideWorkingHours(earlyLondon, o.start, o.end)).toBe(true);
    }
    // Tuesday 07:00 London: 18:00 in Sydney before either change, 17:00 after both.
    expect(local('Europe/London', result.slot.occurrences[0]?.start ?? 0)).toBe(
      'Tue 2026-03-24 07:00',
    );
    expect(
      result.slot.occurrences.map((o) => local('Australia/Sydney', o.start).slice(-5)),
    ).toEqual(['18:00', '17:00', '16:00', '16:00', '16:00', '16:00']);
  });

  it('says plainly when London and Sydney office hours never meet', () => {
    const result = search({
      mentor: london,
      leader: person('leader@contoso.com', 'Australia/Sydney', 9, 17),
    });
    expect(result).toEqual({
      ok: false,
      code: 'no-working-hours-overlap',
      reason: 'no working-hours overlap between London and Sydney on their working days',
    });
  });

  it('finds the early/late overlap of Seattle and Bengaluru, or reports that there is none', () => {
    const bengaluru = person('mentor@contoso.com', 'Asia/Kolkata', 10, 22);
    const seattle = person('leader@contoso.com', 'America/Los_Angeles', 7, 16);
    const result = ok(
      search({ mentor: bengaluru, leader: seattle, horizonStart: Date.UTC(2026, 0, 5) }),
    );
    expect(result.fitsAll).toBe(true);
    for (const o of result.slot.occurrences) {
      expect(insideWorkingHours(bengaluru, o.start, o.end)).toBe(true);
      expect(insideWorkingHours(seattle, o.start, o.end)).toBe(true);
    }
    // Through the US change on 8 March, a Bengaluru wall time stays inside Seattle's morning.
    const spanning = ok(
      search({ mentor: bengaluru, leader: seattle, horizonStart: Date.UTC(2026, 1, 23) }),
    );
    expect(spanning.fitsAll).toBe(true);

    const office = search({
      mentor: person('mentor@contoso.com', 'Asia/Kolkata', 9, 18),
      leader: person('leader@contoso.com', 'America/Los_Angeles', 8, 17),
    });
    expect(office).toMatchObject({ ok: false, code: 'no-working-hours-overlap' });
    expect(!office.ok && office.reason).toMatch(/Kolkata and Los Angeles/);
  });

  it("tries the other person's quarter hours when their offset is not on the organizer's grid", () => {
    // 14:00–15:00 in Kathmandu (UTC+05:45) is 08:15–09:15 in London in January.
    const kathmandu = person('leader@contoso.com', 'Asia/Kathmandu', 14, 15);
    const result = ok(
      search({
        mentor: person('mentor@contoso.com', 'Europe/London', 8, 17),
        leader: kathmandu,
        cadence: weekly(4),
        horizonStart: Date.UTC(2026, 0, 5),
      }),
    );
    expect(result.fitsAll).toBe(true);
    expect(result.slot.series.startMinutes).toBe(8 * 60 + 15);
  });

  it('explains an overlap too short for the session', () => {
    const result = search({
      mentor: person('mentor@contoso.com', 'Europe/London', 9, 14.5),
      leader: newYork,
      horizonStart: Date.UTC(2026, 4, 4),
    });
    expect(result).toMatchObject({ ok: false, code: 'no-working-hours-overlap' });
    expect(!result.ok && result.reason).toMatch(
      /at most 30 minutes, less than a 60-minute session/,
    );
  });
});

describe('findSeriesSlot checks every occurrence', () => {
  const base = ok(search({ mentor: london, leader: newYork }));
  const seventh = base.slot.occurrences[6] as Interval;

  it('moves the slot when only the 7th occurrence is busy', () => {
    const result = ok(
      search({
        mentor: london,
        leader: newYork,
        busy: new Map([
          [london.id, [{ start: seventh.start - HOUR / 2, end: seventh.end }]],
          [newYork.id, []],
        ]),
      }),
    );
    expect(result.fitsAll).toBe(true);
    expect(result.slot.series).not.toEqual(base.slot.series);
    for (const o of result.slot.occurrences) {
      expect(o.end <= seventh.start - HOUR / 2 || o.start >= seventh.end).toBe(true);
    }
  });

  it('flags the 7th occurrence when that whole week is busy', () => {
    const weekOf7 = { start: seventh.start - 3 * DAY, end: seventh.start + 7 * DAY };
    const result = ok(
      search({
        mentor: london,
        leader: newYork,
        busy: new Map([
          [london.id, []],
          [newYork.id, [weekOf7]],
        ]),
      }),
    );
    expect(result.fitsAll).toBe(false);
    expect(result.slot.fitting).toBe(11);
    expect(result.exceptions).toHaveLength(1);
    expect(result.exceptions[0]?.occurrence.index).toBe(6);
    expect(result.exceptions[0]?.problems).toEqual([{ kind: 'busy', role: 'leader' }]);
    expect(result.exceptions[0]?.message).toMatch(
      /^session 7 \(2026-04-\d\d\): the leader is busy$/,
    );
  });

  it('reports no free time when the shared hours are all taken', () => {
    const result = search({
      mentor: london,
      leader: newYork,
      busy: new Map([
        [london.id, [{ start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 8, 1) }]],
        [newYork.id, []],
      ]),
    });
    expect(result).toMatchObject({ ok: false, code: 'no-free-time' });
  });
});

describe('findSeriesSlot never books blind', () => {
  it('refuses when the leader calendar could not be read', () => {
    expect(search({ mentor: london, leader: newYork, unknown: new Set([newYork.id]) })).toEqual({
      ok: false,
      code: 'unknown-availability',
      reason: "leader's calendar could not be read",
    });
  });

  it('treats a person with no free/busy at all as unknown', () => {
    const result = search({ mentor: london, leader: newYork, busy: new Map([[newYork.id, []]]) });
    expect(!result.ok && result.reason).toBe("mentor's calendar could not be read");
    const neither = search({ mentor: london, leader: newYork, busy: new Map() });
    expect(!neither.ok && neither.reason).toMatch(/neither/);
  });

  it('flags occurrences that fall in a window whose free/busy failed', () => {
    const week3 = { start: Date.UTC(2026, 2, 15), end: Date.UTC(2026, 2, 22) };
    const result = ok(
      search({ mentor: london, leader: newYork, unknownWindows: new Map([[newYork.id, [week3]]]) }),
    );
    expect(result.exceptions.map((e) => [e.occurrence.index, e.problems])).toEqual([
      [2, [{ kind: 'unknown-availability', role: 'leader' }]],
    ]);
  });
});

describe('findSeriesSlot preferences', () => {
  it("honours the leader's preferred times in the leader's zone", () => {
    const result = ok(
      search({
        mentor: london,
        leader: newYork,
        preferences: {
          leaderPreferredTimes: [{ weekday: 4, startMinutes: 10 * 60, endMinutes: 12 * 60 }],
        },
      }),
    );
    expect(result.slot.weekday).toBe(4);
    expect(result.slot.penalty).toBe(0);
    for (const o of result.slot.occurrences) {
      const ny = DateTime.fromMillis(o.start, { zone: 'America/New_York' });
      expect(ny.weekday).toBe(4);
      expect(ny.hour).toBeGreaterThanOrEqual(10);
      expect(ny.hour).toBeLessThan(12);
    }
  });

  it('avoids lunch unless told not to', () => {
    const a = person('mentor@contoso.com', 'Europe/London', 12, 14);
    const b = person('leader@contoso.com', 'Europe/London', 12, 14);
    expect(ok(search({ mentor: a, leader: b })).slot.series.startMinutes).toBe(13 * 60);
    const noLunch = ok(search({ mentor: a, leader: b, preferences: { avoidLunch: false } }));
    expect(noLunch.slot.series.startMinutes).toBe(12 * 60);
  });

  it('avoids early Monday and late Friday, and says when it cannot', () => {
    const monday = ok(
      search({
        mentor: person('m', 'UTC', 8, 12, [1]),
        leader: person('l', 'UTC', 8, 12, [1]),
        busy: new Map([
          ['m', []],
          ['l', []],
        ]),
      }),
    );
    expect(monday.slot.series.startMinutes).toBe(10 * 60);
    const friday = ok(
      search({
        mentor: person('m', 'UTC', 15, 17, [5]),
        leader: person('l', 'UTC', 15, 17, [5]),
        busy: new Map([
          ['m', []],
          ['l', []],
        ]),
      }),
    );
    expect(friday.slot.penalty).toBeGreaterThan(0);
    expect(friday.slot.penaltyReasons).toContain('after 15:00 on Friday for the leader');
  });
});

describe('findSeriesSlot cadences', () => {
  it('finds a monthly slot on the same nth weekday whose Graph body reproduces it', () => {
    const cadence: SeriesCadence = { kind: 'monthly', sessions: 6, durationMinutes: 45 };
    const result = ok(search({ mentor: london, leader: newYork, cadence }));
    expect(result.fitsAll).toBe(true);
    const timing = graphSeriesTiming(cadence, result.slot.series, 'GMT Standard Time');
    expect(timing.recurrence.pattern).toMatchObject({
      type: 'relativeMonthly',
      index: result.slot.monthlyIndex,
    });
    expect(timing.recurrence.range?.startDate).toBe(result.slot.occurrences[0]?.localDate);
    expect(seriesOccurrences(cadence, result.slot.series)).toEqual(result.slot.occurrences);
    const nth = new Set(
      result.slot.occurrences.map((o) => Math.ceil(Number(o.localDate.slice(8)) / 7)),
    );
    expect(nth.size).toBe(1);
  });

  it('steps two weeks for biweekly series', () => {
    const result = ok(
      search({
        mentor: london,
        leader: newYork,
        cadence: { kind: 'biweekly', sessions: 6, durationMinutes: 30 },
      }),
    );
    const days = result.slot.occurrences.map((o) => o.localDate);
    expect(days[1]).toBe(
      DateTime.fromISO(days[0] ?? '')
        .plus({ days: 14 })
        .toISODate(),
    );
  });

  it('rejects an invalid cadence with a reason', () => {
    expect(search({ mentor: london, leader: newYork, cadence: weekly(12, 90) })).toMatchObject({
      ok: false,
      code: 'invalid-input',
    });
  });
});

describe('findSeriesSlot speed', () => {
  it('searches a 12-session weekly series for a busy pair in under 20 ms', () => {
    // Three meetings a working day for each person over the whole horizon.
    const busyFor = (p: Participant, seed: number): Interval[] => {
      const out: Interval[] = [];
      for (let d = 0; d < 100; d++) {
        const day = Date.UTC(2026, 2, 2) + d * DAY;
        for (let k = 0; k < 3; k++) {
          const start = day + ((seed * 7 + d * 5 + k * 11) % 24) * HOUR;
          out.push({ start, end: start + HOUR });
        }
      }
      return p === london
        ? out
        : out.map((i) => ({ start: i.start + 2 * HOUR, end: i.end + 2 * HOUR }));
    };
    const input: Partial<FindSeriesSlotInput> & Pick<FindSeriesSlotInput, 'mentor' | 'leader'> = {
      mentor: london,
      leader: newYork,
      busy: new Map([
        [london.id, busyFor(london, 1)],
        [newYork.id, busyFor(newYork, 2)],
      ]),
    };
    search(input);
    const runs = 20;
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) ok(search(input));
    const perSearch = (performance.now() - t0) / runs;
    expect(perSearch).toBeLessThan(20);
  });
});
