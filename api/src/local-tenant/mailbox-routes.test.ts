import { describe, expect, it } from 'vitest';
import { eventBody, useLocalTenant } from './testing.js';

const local = useLocalTenant({ people: 300, seed: 42 });
const { graph, person } = local;

const window = (start: string, end: string, zone = 'UTC'): Record<string, unknown> => ({
  startTime: { dateTime: start, timeZone: zone },
  endTime: { dateTime: end, timeZone: zone },
});

describe('mailboxSettings', () => {
  it('has the documented shape with time zone, working hours and language', async () => {
    const r = await graph(`/users/${person(20).id}/mailboxSettings`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      timeZone: expect.any(String),
      language: { locale: expect.any(String), displayName: expect.any(String) },
      workingHours: {
        daysOfWeek: expect.arrayContaining(['monday']),
        startTime: expect.stringMatching(/^\d\d:\d\d:00\.0000000$/),
        endTime: expect.stringMatching(/^\d\d:\d\d:00\.0000000$/),
        timeZone: expect.objectContaining({ name: expect.any(String) }),
      },
      automaticRepliesSetting: expect.objectContaining({ status: 'disabled' }),
    });
  });

  it('supports $select and the custom-bias working hours some mailboxes have', async () => {
    const custom = local.tenant.state.org.people.find(
      (p) => '@odata.type' in p.mailbox.workingHours.timeZone,
    );
    expect(custom).toBeDefined();
    const r = await graph(
      `/users/${custom?.id ?? ''}/mailboxSettings?$select=timeZone,workingHours`,
    );
    expect(Object.keys(r.body).filter((k) => !k.startsWith('@'))).toEqual([
      'timeZone',
      'workingHours',
    ]);
    expect((r.body.workingHours as { timeZone: Record<string, unknown> }).timeZone).toMatchObject({
      '@odata.type': '#microsoft.graph.customTimeZone',
      bias: expect.any(Number),
      standardOffset: expect.any(Object),
      daylightOffset: expect.any(Object),
    });
  });

  it('answers ErrorInvalidUser for an unknown mailbox', async () => {
    const r = await graph('/users/nobody@contoso.example/mailboxSettings');
    expect(r.status).toBe(404);
    expect((r.body.error as { code: string }).code).toBe('ErrorInvalidUser');
  });
});

describe('getSchedule', () => {
  const path = (): string => `/users/${person(20).id}/calendar/getSchedule`;

  it('refuses more than 20 schedules, a window of 62 days or more and a bad interval', async () => {
    const many = Array.from({ length: 21 }, (_, i) => person(i).mail);
    const tooMany = await graph(path(), {
      method: 'POST',
      body: { schedules: many, ...window('2025-03-03T00:00:00', '2025-03-04T00:00:00') },
    });
    expect(tooMany.status).toBe(400);
    const long = await graph(path(), {
      method: 'POST',
      body: {
        schedules: [person(1).mail],
        ...window('2025-03-01T00:00:00', '2025-05-02T00:00:00'),
      },
    });
    expect(long.status).toBe(400);
    const justUnder = await graph(path(), {
      method: 'POST',
      body: {
        schedules: [person(1).mail],
        ...window('2025-03-01T00:00:00', '2025-05-01T23:00:00'),
      },
    });
    expect(justUnder.status).toBe(200);
    const interval = await graph(path(), {
      method: 'POST',
      body: {
        schedules: [person(1).mail],
        availabilityViewInterval: 4,
        ...window('2025-03-03T00:00:00', '2025-03-04T00:00:00'),
      },
    });
    expect(interval.status).toBe(400);
  });

  it('refuses a parameter getSchedule does not have, and takes either case of the real ones', async () => {
    const misspelled = await graph(path(), {
      method: 'POST',
      body: {
        schedules: [person(1).mail],
        availabilityViewIntervall: 30,
        ...window('2025-03-03T00:00:00', '2025-03-04T00:00:00'),
      },
    });
    expect(misspelled.status).toBe(400);
    expect(misspelled.body).toMatchObject({ error: { code: 'RequestBodyRead' } });
    const pascal = await graph(path(), {
      method: 'POST',
      body: {
        Schedules: [person(1).mail],
        StartTime: { dateTime: '2025-03-03T00:00:00', timeZone: 'UTC' },
        EndTime: { dateTime: '2025-03-04T00:00:00', timeZone: 'UTC' },
        AvailabilityViewInterval: 60,
      },
    });
    expect(pascal.status).toBe(200);
  });

  it('answers an error item (not free) for failing and unknown mailboxes', async () => {
    const failing = local.tenant.state.org.people.find((p) => p.freeBusyError);
    const r = await graph(path(), {
      method: 'POST',
      body: {
        schedules: [failing?.mail, 'ghost@contoso.example', person(2).mail],
        ...window('2025-03-03T00:00:00', '2025-03-04T00:00:00'),
      },
    });
    const value = r.body.value as Record<string, unknown>[];
    expect(value).toHaveLength(3);
    expect(value[0]?.error).toEqual({
      message: expect.any(String),
      responseCode: expect.any(String),
    });
    expect(value[1]?.error).toEqual({
      message: expect.any(String),
      responseCode: 'ErrorMailRecipientNotFound',
    });
    expect(value[2]?.error).toBeUndefined();
    expect(value[2]?.workingHours).toBeDefined();
  });

  it('returns UTC items by default, the Prefer zone when asked, whole items not clipped to the window', async () => {
    const leader = local.tenant.state.org.people.find((p) => p.level === 'vp');
    // A booked hour that straddles the window start must come back whole.
    local.tenant.state.createEvent(leader?.id ?? '', {
      subject: 'Straddles the window',
      startMs: Date.parse('2025-03-03T11:00:00Z'),
      endMs: Date.parse('2025-03-03T12:00:00Z'),
      timeZone: 'UTC',
      endTimeZone: 'UTC',
    });
    const body = {
      schedules: [leader?.mail],
      availabilityViewInterval: 15,
      ...window('2025-03-03T11:15:00', '2025-03-07T11:45:00'),
    };
    const utc = await graph(path(), { method: 'POST', body });
    const info = (
      utc.body.value as {
        availabilityView: string;
        scheduleItems: {
          subject: string;
          start: { dateTime: string; timeZone: string };
          end: { dateTime: string };
        }[];
      }[]
    )[0];
    expect(info?.availabilityView).toHaveLength(4 * 24 * 4 + 2);
    expect(info?.availabilityView.slice(0, 3)).toBe('222');
    expect(info?.scheduleItems.every((i) => i.start.timeZone === 'UTC')).toBe(true);
    const straddling = info?.scheduleItems.find((i) => i.subject === 'Straddles the window');
    expect(straddling?.start.dateTime).toBe('2025-03-03T11:00:00.0000000');
    expect(straddling?.end.dateTime).toBe('2025-03-03T12:00:00.0000000');

    const pacific = await graph(path(), {
      method: 'POST',
      body,
      headers: { Prefer: 'outlook.timezone="Pacific Standard Time"' },
    });
    const items = (
      pacific.body.value as {
        scheduleItems: { subject: string; start: { dateTime: string; timeZone: string } }[];
      }[]
    )[0]?.scheduleItems;
    const same = items?.find((i) => i.subject === 'Straddles the window');
    expect(same?.start).toEqual({
      dateTime: '2025-03-03T03:00:00.0000000',
      timeZone: 'Pacific Standard Time',
    });
  });

  it('counts events booked through the emulator as busy, and declined ones as free', async () => {
    const organizer = person(100);
    const attendee = person(101);
    const created = await graph(`/users/${organizer.id}/events`, {
      method: 'POST',
      body: eventBody({
        attendee: attendee.mail,
        start: '2031-06-01T03:00:00',
        end: '2031-06-01T04:00:00',
        timeZone: 'UTC',
      }),
    });
    expect(created.status).toBe(201);
    const ask = {
      schedules: [organizer.mail, attendee.mail],
      availabilityViewInterval: 60,
      ...window('2031-06-01T00:00:00', '2031-06-01T06:00:00'),
    };
    const views = async (): Promise<string[]> =>
      (
        (await graph(path(), { method: 'POST', body: ask })).body.value as {
          availabilityView: string;
        }[]
      ).map((v) => v.availabilityView);
    const [orgView, attView] = await views();
    expect(orgView?.[3]).toBe('2');
    expect(attView?.[3]).toBe('1');
    const theirs = local.tenant.state.attendeeEventId(
      organizer.id,
      String(created.body.id),
      attendee.id,
    );
    local.tenant.state.respond(attendee.id, theirs, 'accepted');
    expect((await views())[1]?.[3]).toBe('2');
    local.tenant.state.respond(attendee.id, theirs, 'declined');
    expect((await views())[1]?.[3]).toBe('0');
  });
});
