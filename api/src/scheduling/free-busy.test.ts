import type { ScheduleInformation, ScheduleItem } from '@microsoft/microsoft-graph-types';
import { describe, expect, it } from 'vitest';
import {
  MAX_SCHEDULES_PER_REQUEST,
  collectAvailability,
  mailboxAvailability,
  parseGraphDateTime,
  planScheduleRequests,
} from './free-busy.js';
import type { ScheduleAnswer } from './free-busy.js';

const DAY = 86_400_000;
const utc = (ms: number): string => new Date(ms).toISOString().slice(0, 16);

function item(
  status: ScheduleItem['status'],
  start: string,
  end: string,
  timeZone = 'UTC',
): ScheduleItem {
  return {
    isPrivate: false,
    status,
    start: { dateTime: start, timeZone },
    end: { dateTime: end, timeZone },
  };
}

/** Shaped like a real getSchedule answer (availabilityView, working hours and all). */
const adele: ScheduleInformation = {
  scheduleId: 'AdeleV@contoso.com',
  availabilityView: '000220000',
  scheduleItems: [
    item('busy', '2026-03-17T09:00:00.0000000', '2026-03-17T10:00:00.0000000'),
    item('tentative', '2026-03-17T11:00:00.0000000', '2026-03-17T11:30:00.0000000'),
    item('oof', '2026-03-18T00:00:00.0000000', '2026-03-19T00:00:00.0000000'),
    item('workingElsewhere', '2026-03-19T08:00:00.0000000', '2026-03-19T17:00:00.0000000'),
    item('free', '2026-03-19T12:00:00.0000000', '2026-03-19T13:00:00.0000000'),
  ],
  workingHours: {
    daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
    startTime: '08:00:00.0000000',
    endTime: '17:00:00.0000000',
    timeZone: { name: 'Pacific Standard Time' },
  },
};

const missing: ScheduleInformation = {
  scheduleId: 'ghost@contoso.com',
  availabilityView: '',
  error: {
    message: 'The specified mailbox could not be found.',
    responseCode: 'ErrorMailRecipientNotFound',
  },
};

function busyOf(info: ScheduleInformation, policy = {}): string[] {
  const result = mailboxAvailability(info, policy);
  if (!result.known) throw new Error(result.reason);
  return result.busy.map((i) => `${utc(i.start)}/${utc(i.end)}`);
}

describe('parseGraphDateTime', () => {
  it('reads UTC, Windows and IANA zones, and explicit offsets', () => {
    expect(
      utc(parseGraphDateTime({ dateTime: '2026-03-17T12:00:00.0000000', timeZone: 'UTC' }) ?? 0),
    ).toBe('2026-03-17T12:00');
    // Prefer: outlook.timezone="Pacific Standard Time" — daylight time already (UTC-7) on 17 March.
    expect(
      utc(
        parseGraphDateTime({
          dateTime: '2026-03-17T12:00:00.0000000',
          timeZone: 'Pacific Standard Time',
        }) ?? 0,
      ),
    ).toBe('2026-03-17T19:00');
    expect(
      utc(parseGraphDateTime({ dateTime: '2026-03-17T12:00:00', timeZone: 'Europe/London' }) ?? 0),
    ).toBe('2026-03-17T12:00');
    expect(
      utc(parseGraphDateTime({ dateTime: '2026-03-17T12:00:00+05:30', timeZone: 'UTC' }) ?? 0),
    ).toBe('2026-03-17T06:30');
    expect(parseGraphDateTime({ dateTime: '2026-03-17T12:00:00.5', timeZone: 'UTC' })).toBe(
      Date.UTC(2026, 2, 17, 12, 0, 0, 500),
    );
  });

  it('answers null for what it cannot read', () => {
    expect(parseGraphDateTime({ dateTime: 'yesterday', timeZone: 'UTC' })).toBeNull();
    expect(
      parseGraphDateTime({ dateTime: '2026-03-17T12:00:00', timeZone: 'Atlantis' }),
    ).toBeNull();
    expect(parseGraphDateTime(null)).toBeNull();
  });
});

describe('mailboxAvailability', () => {
  it('blocks busy, out-of-office and (by default) tentative time', () => {
    expect(busyOf(adele)).toEqual([
      '2026-03-17T09:00/2026-03-17T10:00',
      '2026-03-17T11:00/2026-03-17T11:30',
      '2026-03-18T00:00/2026-03-19T00:00',
    ]);
  });

  it('leaves tentative time free when the policy says so', () => {
    expect(busyOf(adele, { tentativeBlocks: false })).toEqual([
      '2026-03-17T09:00/2026-03-17T10:00',
      '2026-03-18T00:00/2026-03-19T00:00',
    ]);
  });

  it('does not treat working elsewhere as busy: it is a place', () => {
    const elsewhere = {
      scheduleId: 'a@x',
      scheduleItems: [item('workingElsewhere', '2026-03-19T08:00:00', '2026-03-19T17:00:00')],
    };
    expect(busyOf(elsewhere)).toEqual([]);
  });

  it('blocks items whose status is unknown unless told otherwise', () => {
    const odd = {
      scheduleId: 'a@x',
      scheduleItems: [item('unknown', '2026-03-19T08:00:00', '2026-03-19T09:00:00')],
    };
    expect(busyOf(odd)).toHaveLength(1);
    expect(busyOf(odd, { unknownStatusBlocks: false })).toHaveLength(0);
  });

  it('converts items written in the Prefer time zone', () => {
    const pacific = {
      scheduleId: 'a@x',
      scheduleItems: [
        item(
          'busy',
          '2026-03-17T09:00:00.0000000',
          '2026-03-17T10:00:00.0000000',
          'Pacific Standard Time',
        ),
      ],
    };
    expect(busyOf(pacific)).toEqual(['2026-03-17T16:00/2026-03-17T17:00']);
  });

  it('makes a mailbox with an error unknown, never free', () => {
    expect(mailboxAvailability(missing)).toEqual({
      known: false,
      reason: 'ErrorMailRecipientNotFound: The specified mailbox could not be found.',
    });
    expect(mailboxAvailability({ scheduleId: 'a@x' }).known).toBe(false);
    const unreadable = { scheduleId: 'a@x', scheduleItems: [item('busy', 'soon', 'later')] };
    expect(mailboxAvailability(unreadable).known).toBe(false);
  });
});

describe('planScheduleRequests', () => {
  const people = Array.from({ length: 45 }, (_, i) => `person${i}@contoso.com`);
  const start = Date.UTC(2026, 2, 1);
  const end = start + 150 * DAY;
  const plan = planScheduleRequests(
    [...people, 'PERSON3@contoso.com'],
    new Date(start),
    new Date(end),
  );

  it('asks for at most 20 mailboxes per call, each once', () => {
    expect(plan.every((r) => r.schedules.length <= MAX_SCHEDULES_PER_REQUEST)).toBe(true);
    const asked = new Set(plan.flatMap((r) => r.schedules.map((s) => s.toLowerCase())));
    expect(asked.size).toBe(45);
    expect(new Set(plan.map((r) => r.schedules.join())).size).toBe(3);
  });

  it('uses windows shorter than 62 days that cover the horizon exactly', () => {
    const windows = [...new Map(plan.map((r) => [r.start, r.end])).entries()].sort(
      (a, b) => a[0] - b[0],
    );
    expect(windows.every(([s, e]) => e - s < 62 * DAY && e > s)).toBe(true);
    expect(windows[0]?.[0]).toBe(start);
    expect(windows.at(-1)?.[1]).toBe(end);
    for (let i = 1; i < windows.length; i++) expect(windows[i]?.[0]).toBe(windows[i - 1]?.[1]);
    expect(plan).toHaveLength(3 * windows.length);
  });

  it('writes the Graph body in UTC', () => {
    expect(plan[0]?.body).toEqual({
      schedules: people.slice(0, 20),
      startTime: { dateTime: '2026-03-01T00:00:00', timeZone: 'UTC' },
      endTime: { dateTime: '2026-05-01T00:00:00', timeZone: 'UTC' },
      availabilityViewInterval: 30,
    });
  });

  it('plans nothing for an empty horizon and refuses a bad interval', () => {
    expect(planScheduleRequests(people, start, start)).toEqual([]);
    expect(() =>
      planScheduleRequests(people, start, end, { availabilityViewInterval: 2 }),
    ).toThrow();
  });
});

describe('collectAvailability', () => {
  const [w1, w2] = planScheduleRequests(
    ['AdeleV@contoso.com', 'ghost@contoso.com', 'lee@contoso.com'],
    Date.UTC(2026, 2, 1),
    Date.UTC(2026, 4, 20),
  );
  if (w1 === undefined || w2 === undefined) throw new Error('expected two windows');
  const lateMeeting = item('busy', '2026-04-30T23:00:00', '2026-05-01T01:00:00');

  it('merges busy time across windows without clipping items', () => {
    const answers: ScheduleAnswer[] = [
      {
        request: w1,
        schedules: [
          {
            ...adele,
            scheduleId: 'adelev@contoso.com',
            scheduleItems: [...(adele.scheduleItems ?? []), lateMeeting],
          },
          missing,
          { scheduleId: 'lee@contoso.com', scheduleItems: [] },
        ],
      },
      {
        request: w2,
        schedules: [
          { scheduleId: 'AdeleV@contoso.com', scheduleItems: [lateMeeting] },
          { ...missing, error: null, scheduleItems: [] },
          { scheduleId: 'lee@contoso.com', scheduleItems: [] },
        ],
      },
    ];
    const availability = collectAvailability(answers);
    const adeleBusy = availability.busy.get('AdeleV@contoso.com') ?? [];
    expect(adeleBusy.map((i) => `${utc(i.start)}/${utc(i.end)}`)).toEqual([
      '2026-03-17T09:00/2026-03-17T10:00',
      '2026-03-17T11:00/2026-03-17T11:30',
      '2026-03-18T00:00/2026-03-19T00:00',
      '2026-04-30T23:00/2026-05-01T01:00',
    ]);
    expect(availability.busy.get('lee@contoso.com')).toEqual([]);
    // One errored window is enough to make a person unknown.
    expect([...availability.unknown]).toEqual(['ghost@contoso.com']);
    expect(availability.unknownWindows.get('ghost@contoso.com')).toEqual([
      { start: w1.start, end: w1.end },
    ]);
    expect(availability.reasons.get('ghost@contoso.com')).toMatch(/ErrorMailRecipientNotFound/);
  });

  it('treats a mailbox missing from the answer, or a failed call, as unknown', () => {
    const availability = collectAvailability([
      { request: w1, schedules: [adele] },
      { request: w2, error: '503 after 4 retries' },
    ]);
    expect([...availability.unknown].sort()).toEqual([
      'AdeleV@contoso.com',
      'ghost@contoso.com',
      'lee@contoso.com',
    ]);
    expect(availability.reasons.get('lee@contoso.com')).toMatch(/no schedule returned/);
    expect(availability.reasons.get('AdeleV@contoso.com')).toBe('503 after 4 retries');
  });
});
