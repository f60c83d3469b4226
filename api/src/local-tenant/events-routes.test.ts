import { describe, expect, it } from 'vitest';
import { eventBody, useLocalTenant } from './testing.js';

const local = useLocalTenant({ people: 300, seed: 42 });
const { graph, person } = local;

const series = (attendee: string, transactionId?: string): Record<string, unknown> =>
  eventBody({
    attendee,
    start: '2030-03-05T10:00:00',
    end: '2030-03-05T10:30:00',
    ...(transactionId === undefined ? {} : { transactionId }),
    weekly: { day: 'tuesday', startDate: '2030-03-05', count: 6 },
  });

/** Books the weekly series from organizer to attendee: Graph's answer and the attendee's copy's id. */
async function bookSeries(organizer: { id: string }, attendee: { id: string; mail: string }) {
  const created = await graph(`/users/${organizer.id}/events`, {
    method: 'POST',
    body: series(attendee.mail),
  });
  const theirId = local.tenant.state.attendeeEventId(
    organizer.id,
    String(created.body.id),
    attendee.id,
  );
  return { created, theirId };
}

describe('events', () => {
  it('creates a Teams meeting: joinUrl set, onlineMeetingUrl null, answer in the zone it was written in', async () => {
    const r = await graph(`/users/${person(120).id}/events`, {
      method: 'POST',
      body: series(person(121).mail),
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      onlineMeetingUrl: null,
      onlineMeeting: {
        joinUrl: expect.stringMatching(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//),
      },
      type: 'seriesMaster',
      isOrganizer: true,
      responseStatus: { response: 'organizer' },
      start: { dateTime: '2030-03-05T10:00:00.0000000', timeZone: 'GMT Standard Time' },
      attendees: [
        {
          type: 'required',
          status: { response: 'none' },
          emailAddress: { address: person(121).mail },
        },
      ],
    });
  });

  it('returns the existing event for a second create with the same transactionId', async () => {
    const organizer = person(122);
    const first = await graph(`/users/${organizer.id}/events`, {
      method: 'POST',
      body: series(person(123).mail, 'tx-1'),
    });
    const second = await graph(`/users/${organizer.id}/events`, {
      method: 'POST',
      body: series(person(123).mail, 'tx-1'),
    });
    expect(second.body.id).toBe(first.body.id);
    expect(local.tenant.state.events(organizer.id)).toHaveLength(1);
    expect(local.tenant.state.events(person(123).id)).toHaveLength(1);
    const found = await graph(
      `/users/${organizer.id}/events?$filter=${encodeURIComponent("transactionId eq 'tx-1'")}`,
    );
    expect((found.body.value as unknown[]).length).toBe(1);
  });

  it('refuses a recurrence whose range.startDate is not the first occurrence date', async () => {
    const body = series(person(124).mail);
    (body.recurrence as { range: { startDate: string } }).range.startDate = '2030-03-04';
    const r = await graph(`/users/${person(125).id}/events`, { method: 'POST', body });
    expect(r.status).toBe(400);
    expect(local.tenant.state.events(person(125).id)).toHaveLength(0);
  });

  it('issues ids with + / = that round-trip URL-encoded, and 404 ErrorItemNotFound otherwise', async () => {
    const organizer = person(126);
    const created = await graph(`/users/${organizer.id}/events`, {
      method: 'POST',
      body: eventBody({ start: '2030-04-01T09:00:00', end: '2030-04-01T09:30:00' }),
    });
    const id = String(created.body.id);
    expect(id).toMatch(/\+/);
    expect(id).toMatch(/\//);
    expect(id).toMatch(/=$/);
    const got = await graph(`/users/${organizer.id}/events/${encodeURIComponent(id)}`);
    expect(got.status).toBe(200);
    expect(got.body.id).toBe(id);
    expect(got.body.start).toEqual({ dateTime: '2030-04-01T08:00:00.0000000', timeZone: 'UTC' });
    const raw = await graph(`/users/${organizer.id}/events/${id}`);
    expect(raw.status).not.toBe(200);
    const none = await graph(
      `/users/${organizer.id}/events/${encodeURIComponent('AAMkAGI2nothing+/=')}`,
    );
    expect(none.status).toBe(404);
    expect((none.body.error as { code: string }).code).toBe('ErrorItemNotFound');
  });

  it('PATCH merges and keeps the online meeting', async () => {
    const organizer = person(127);
    const created = await graph(`/users/${organizer.id}/events`, {
      method: 'POST',
      body: series(person(128).mail),
    });
    const path = `/users/${organizer.id}/events/${encodeURIComponent(String(created.body.id))}`;
    const r = await graph(path, { method: 'PATCH', body: { subject: 'Session 2: AI at work' } });
    expect(r.status).toBe(200);
    expect(r.body.subject).toBe('Session 2: AI at work');
    expect(r.body.onlineMeeting).toEqual(created.body.onlineMeeting);
    expect(r.body.recurrence).toEqual(created.body.recurrence);
    expect((await graph(path, { method: 'PATCH', body: { colour: 'red' } })).status).toBe(400);
  });

  it('expands occurrences in instances and calendarView, for organizer and attendee', async () => {
    const organizer = person(129);
    const attendee = person(130);
    const created = await graph(`/users/${organizer.id}/events`, {
      method: 'POST',
      body: series(attendee.mail),
    });
    const id = encodeURIComponent(String(created.body.id));
    const window = 'startDateTime=2030-03-01T00:00:00Z&endDateTime=2030-05-01T00:00:00Z';
    const inst = await graph(`/users/${organizer.id}/events/${id}/instances?${window}`);
    const occurrences = inst.body.value as {
      id: string;
      type: string;
      seriesMasterId: string;
      start: { dateTime: string };
    }[];
    expect(occurrences).toHaveLength(6);
    expect(
      occurrences.every((o) => o.type === 'occurrence' && o.seriesMasterId === created.body.id),
    ).toBe(true);
    // 10:00 London across the March DST change: 10:00Z before, 09:00Z after.
    expect(occurrences[0]?.start.dateTime).toBe('2030-03-05T10:00:00.0000000');
    expect(occurrences[4]?.start.dateTime).toBe('2030-04-02T09:00:00.0000000');
    const view = await graph(`/users/${attendee.id}/calendarView?${window}&$top=50`);
    const theirs = view.body.value as {
      isOrganizer: boolean;
      responseStatus: { response: string };
    }[];
    expect(theirs).toHaveLength(6);
    expect(
      theirs.every((o) => !o.isOrganizer && o.responseStatus.response === 'notResponded'),
    ).toBe(true);
    expect((await graph(`/users/${attendee.id}/calendarView`)).status).toBe(400);
  });

  it('lets only the organizer cancel (202); an attendee gets 400', async () => {
    const organizer = person(131);
    const attendee = person(132);
    const { created, theirId } = await bookSeries(organizer, attendee);
    const byAttendee = await graph(
      `/users/${attendee.id}/events/${encodeURIComponent(theirId)}/cancel`,
      { method: 'POST', body: { comment: 'no' } },
    );
    expect(byAttendee.status).toBe(400);
    const byOrganizer = await graph(
      `/users/${organizer.id}/events/${encodeURIComponent(String(created.body.id))}/cancel`,
      {
        method: 'POST',
        body: { comment: 'The pairing has ended' },
      },
    );
    expect(byOrganizer.status).toBe(202);
    expect(local.tenant.state.events(organizer.id)).toHaveLength(0);
    const attendeeCopy = await graph(`/users/${attendee.id}/events/${encodeURIComponent(theirId)}`);
    expect(attendeeCopy.body.isCancelled).toBe(true);
  });

  it('refuses isReminderSet (not an event property) and keeps the real isReminderOn', async () => {
    const organizer = person(133);
    const body = eventBody({ start: '2030-04-02T10:00:00', end: '2030-04-02T10:30:00' });
    const wrong = await graph(`/users/${organizer.id}/events`, {
      method: 'POST',
      body: { ...body, isReminderSet: false },
    });
    expect(wrong.status).toBe(400);
    const right = await graph(`/users/${organizer.id}/events`, {
      method: 'POST',
      body: { ...body, isReminderOn: false, reminderMinutesBeforeStart: 5 },
    });
    expect(right.status).toBe(201);
    expect(right.body).toMatchObject({ isReminderOn: false, reminderMinutesBeforeStart: 5 });
    expect(right.body).not.toHaveProperty('isReminderSet');
    const id = encodeURIComponent(String(right.body.id));
    const cancel = await graph(`/users/${organizer.id}/events/${id}/cancel`, {
      method: 'POST',
      body: { comment: 'x', notify: true },
    });
    expect(cancel.status).toBe(400);
    expect(local.tenant.state.events(organizer.id)).toHaveLength(1);
  });

  it('records an attendee decline of one occurrence on the organizer side', async () => {
    const organizer = person(133);
    const attendee = person(134);
    const { created, theirId: theirSeries } = await bookSeries(organizer, attendee);
    const theirOccurrence = local.tenant.state.occurrenceId(
      attendee.id,
      theirSeries,
      '2030-03-12T10:00:00Z',
    );
    const r = await graph(
      `/users/${attendee.id}/events/${encodeURIComponent(theirOccurrence)}/decline`,
      {
        method: 'POST',
        body: { comment: 'Travelling', sendResponse: true },
      },
    );
    expect(r.status).toBe(202);
    const window = 'startDateTime=2030-03-01T00:00:00Z&endDateTime=2030-03-15T00:00:00Z';
    const inst = await graph(
      `/users/${organizer.id}/events/${encodeURIComponent(String(created.body.id))}/instances?${window}`,
    );
    const statuses = (
      inst.body.value as { type: string; attendees: { status: { response: string } }[] }[]
    ).map((o) => [o.type, o.attendees[0]?.status.response]);
    expect(statuses).toEqual([
      ['occurrence', 'none'],
      ['exception', 'declined'],
    ]);
    const organizerDecline = await graph(
      `/users/${organizer.id}/events/${encodeURIComponent(String(created.body.id))}/decline`,
      { method: 'POST', body: {} },
    );
    expect(organizerDecline.status).toBe(400);
  });

  it('lets an attendee delete one occurrence from their calendar, sending a decline', async () => {
    const organizer = person(135);
    const attendee = person(136);
    const { created, theirId: theirSeries } = await bookSeries(organizer, attendee);
    local.tenant.state.deleteAsAttendee(
      attendee.id,
      local.tenant.state.occurrenceId(attendee.id, theirSeries, '2030-03-19T10:00:00Z'),
    );
    const window = 'startDateTime=2030-03-01T00:00:00Z&endDateTime=2030-03-25T00:00:00Z';
    const theirs = await graph(`/users/${attendee.id}/calendarView?${window}`);
    expect((theirs.body.value as unknown[]).length).toBe(2);
    const inst = await graph(
      `/users/${organizer.id}/events/${encodeURIComponent(String(created.body.id))}/instances?${window}`,
    );
    const responses = (inst.body.value as { attendees: { status: { response: string } }[] }[]).map(
      (o) => o.attendees[0]?.status.response,
    );
    expect(responses).toEqual(['none', 'none', 'declined']);
  });

  it('answers Graph-style errors for unknown segments, bad JSON and bad time zones', async () => {
    const unknown = await graph(`/users/${person(1).id}/bogus`);
    expect(unknown.status).toBe(400);
    expect((unknown.body.error as { code: string }).code).toBe('BadRequest');
    const badJson = await fetch(`${local.tenant.baseUrl}/users/${person(1).id}/events`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await appToken()}`, 'Content-Type': 'application/json' },
      body: '{"subject":',
    });
    expect(badJson.status).toBe(400);
    const zone = await graph(`/users/${person(1).id}/events`, {
      method: 'POST',
      body: eventBody({
        start: '2030-04-01T09:00:00',
        end: '2030-04-01T09:30:00',
        timeZone: 'Mars Standard Time',
      }),
    });
    expect(zone.status).toBe(400);
  });
});

async function appToken(): Promise<string> {
  const r = await fetch(local.tenant.tokenUrl, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'a',
      client_secret: 'b',
    }),
  });
  return ((await r.json()) as { access_token: string }).access_token;
}
