// Long on purpose: every Graph operation the app uses, driven against the local tenant and held against the published v1.0 schema in one place.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatProblems,
  GraphConformance,
  type SchemaProblem,
} from '../../api/src/graph-schema/index.js';
import {
  startLocalTenant,
  type LocalTenant,
  type RecordedExchange,
} from '../../api/src/local-tenant/index.js';
import { eventBody, graphCaller } from '../../api/src/local-tenant/testing.js';

/**
 * Every local-tenant operation the app uses, driven over HTTP; each answer (and each request
 * the suite sends) is held against Microsoft's published v1.0 schema. Zero problems expected.
 */
const conformance = new GraphConformance();
const exchanges: RecordedExchange[] = [];
const notifications: unknown[] = [];
let tenant: LocalTenant;
let graph: Awaited<ReturnType<typeof graphCaller>>;
let listener: Server;
let listenerUrl: string;

beforeAll(async () => {
  tenant = await startLocalTenant({ people: 120, seed: 7, recorder: (x) => exchanges.push(x) });
  graph = await graphCaller(tenant);
  listener = createServer((req, res) => {
    const token = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('validationToken');
    if (token !== null) {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(token);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      notifications.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await tenant.close();
  await new Promise<void>((r) => listener.close(() => r()));
});

/** Runs the calls, then checks every exchange they made: request bodies and answers. */
async function conforming(calls: () => Promise<void>): Promise<RecordedExchange[]> {
  const from = exchanges.length;
  await calls();
  const made = exchanges.slice(from);
  const problems: SchemaProblem[] = made.flatMap((x) => conformance.exchange(x));
  expect(formatProblems(problems)).toBe('');
  return made;
}

const person = (i: number): { id: string; mail: string; userPrincipalName: string } => {
  const p = tenant.state.org.people[i];
  if (p === undefined) throw new Error(`no person ${i}`);
  return p;
};

const statuses = (made: RecordedExchange[]): number[] => made.map((x) => x.status);

describe('the local tenant answers only what Graph v1.0 has', () => {
  it('lists users with $select, $expand=manager, $filter, $count and paging', async () => {
    const made = await conforming(async () => {
      const first = await graph('/users?$select=id,displayName,jobTitle,department,mail&$top=50');
      const next = first.body['@odata.nextLink'];
      expect(typeof next).toBe('string');
      await graph(String(next));
      await graph('/users?$top=5');
      await graph('/users?$select=id,accountEnabled,employeeHireDate&$expand=manager($select=id)');
      await graph(`/users?$filter=startswith(displayName,'A')&$count=true`, {
        headers: { ConsistencyLevel: 'eventual' },
      });
    });
    expect(statuses(made)).toEqual([200, 200, 200, 200, 200]);
  });

  it('reads one user, the manager (404 at the top), direct reports and mailboxSettings', async () => {
    const top = tenant.state.org.people.find((p) => p.managerId === null);
    const someone = tenant.state.org.people.find((p) => p.managerId !== null);
    const made = await conforming(async () => {
      await graph(`/users/${person(3).id}`);
      await graph(`/users/${person(3).userPrincipalName}?$select=id,displayName,mailboxSettings`);
      await graph(`/users/${someone?.id ?? ''}/manager?$select=id,displayName,userPrincipalName`);
      await graph(`/users/${top?.id ?? ''}/manager`);
      await graph(`/users/${top?.id ?? ''}/directReports?$select=id,displayName`);
      await graph(`/users/${person(5).id}/mailboxSettings`);
      await graph(`/users/${person(5).id}/mailboxSettings?$select=timeZone,workingHours`);
      await graph(`/users/${person(5).id}/mailboxSettings/timeZone`);
      await graph(`/users/${person(5).id}/mailboxSettings/workingHours`);
    });
    expect(statuses(made)).toEqual([200, 200, 200, 404, 200, 200, 200, 200, 200]);
  });

  it('groups: $search, the group itself, transitive members and memberships, cast and not', async () => {
    const eventual = { headers: { ConsistencyLevel: 'eventual' } };
    const made = await conforming(async () => {
      const found = await graph(
        '/groups?$search="displayName:grad"&$select=id,displayName,description&$orderby=displayName&$count=true',
        eventual,
      );
      await graph('/groups?$top=2');
      const [first] = found.body.value as { id: string }[];
      const id = first?.id ?? '';
      await graph(`/groups/${id}`);
      const early = tenant.state.groups.list().find((g) => g.displayName.startsWith('Early'));
      await graph(`/groups/${early?.id ?? ''}/transitiveMembers?$top=50`);
      await graph(
        `/groups/${early?.id ?? ''}/transitiveMembers/microsoft.graph.user?$select=id&$count=true`,
        eventual,
      );
      await graph(
        `/groups/${early?.id ?? ''}/transitiveMembers/microsoft.graph.group?$count=true`,
        eventual,
      );
      const member = (
        await graph(`/groups/${id}/transitiveMembers/microsoft.graph.user?$count=true`, eventual)
      ).body.value as { id: string }[];
      await graph(`/users/${member[0]?.id ?? ''}/transitiveMemberOf`);
      await graph(
        `/users/${member[0]?.id ?? ''}/transitiveMemberOf/microsoft.graph.group?$select=id&$count=true`,
        eventual,
      );
      await graph('/groups/00000000-0000-4000-8000-000000000000');
    });
    expect(statuses(made)).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 404]);
  });

  it('custom time zones come with their @odata.type cast', async () => {
    const custom = tenant.state.org.people.find(
      (p) =>
        typeof p.mailbox.workingHours.timeZone === 'object' &&
        'bias' in p.mailbox.workingHours.timeZone,
    );
    expect(custom).toBeDefined();
    await conforming(async () => {
      await graph(`/users/${custom?.id ?? ''}/mailboxSettings`);
    });
  });

  it('users/delta: manager@delta through $select=manager, @removed, deltaLink, 410', async () => {
    const made = await conforming(async () => {
      let link: string | undefined = '/users/delta?$select=id,displayName,jobTitle,manager';
      let deltaLink: string | undefined;
      while (link !== undefined) {
        const page = await graph(link, { headers: { Prefer: 'odata.maxpagesize=50' } });
        link = page.body['@odata.nextLink'] as string | undefined;
        deltaLink = page.body['@odata.deltaLink'] as string | undefined;
      }
      tenant.state.setManager(person(40).id, person(2).id);
      tenant.state.setManager(person(41).id, null);
      tenant.state.removeUser(person(42).id);
      const changes = await graph(deltaLink ?? '');
      expect(JSON.stringify(changes.body)).toContain('manager@delta');
      expect(JSON.stringify(changes.body)).toContain('@removed');
      await graph('/users/delta?$deltatoken=latest');
      await graph('/users/delta?$deltatoken=not-a-token');
    });
    expect(made.at(-1)?.status).toBe(410);
  });

  it('getSchedule: items, working hours and error items, in UTC and in a named zone', async () => {
    const erroring = tenant.state.org.people.find((p) => p.freeBusyError);
    const body = {
      schedules: [person(10).mail, person(11).mail, erroring?.mail ?? '', 'nobody@example.com'],
      startTime: { dateTime: '2030-03-04T00:00:00', timeZone: 'UTC' },
      endTime: { dateTime: '2030-03-09T00:00:00', timeZone: 'UTC' },
      availabilityViewInterval: 30,
    };
    const made = await conforming(async () => {
      const r = await graph(`/users/${person(10).id}/calendar/getSchedule`, {
        method: 'POST',
        body,
      });
      const value = r.body.value as { error?: unknown; scheduleItems?: unknown[] }[];
      expect(value.filter((s) => s.error !== undefined)).toHaveLength(2);
      expect(value.some((s) => (s.scheduleItems ?? []).length > 0)).toBe(true);
      await graph(`/users/${person(10).id}/calendar/getSchedule`, {
        method: 'POST',
        body,
        headers: { Prefer: 'outlook.timezone="Pacific Standard Time"' },
      });
    });
    expect(statuses(made)).toEqual([200, 200]);
  });

  it('events: create, get, patch, instances, calendarView, respond, cancel and delete', async () => {
    const organizer = person(20);
    const attendee = person(21);
    const made = await conforming(async () => {
      const created = await graph(`/users/${organizer.id}/events`, {
        method: 'POST',
        body: {
          ...eventBody({
            attendee: attendee.mail,
            start: '2030-03-05T10:00:00',
            end: '2030-03-05T10:45:00',
            transactionId: 'conformance-1',
            weekly: { day: 'tuesday', startDate: '2030-03-05', count: 4 },
          }),
          isReminderOn: true,
          reminderMinutesBeforeStart: 10,
          location: { displayName: 'Teams' },
        },
      });
      expect(created.status).toBe(201);
      const id = encodeURIComponent(String(created.body.id));
      const base = `/users/${organizer.id}/events/${id}`;
      await graph(base);
      await graph(`${base}?$select=subject,start,end,onlineMeeting`);
      await graph(base, { method: 'PATCH', body: { subject: 'Reverse mentoring, renamed' } });
      const window = 'startDateTime=2030-03-01T00:00:00Z&endDateTime=2030-04-01T00:00:00Z';
      const inst = await graph(`${base}/instances?${window}`, {
        headers: { Prefer: 'outlook.timezone="W. Europe Standard Time"' },
      });
      const occurrences = inst.body.value as { id: string; originalStart?: string }[];
      expect(occurrences).toHaveLength(4);
      expect(occurrences[0]?.originalStart).toBe('2030-03-05T10:00:00Z');
      await graph(`/users/${organizer.id}/calendarView?${window}`);
      await graph(`/users/${organizer.id}/events?$filter=transactionId eq 'conformance-1'`);
      const copies = await graph(`/users/${attendee.id}/calendar/events`);
      const copyId = encodeURIComponent(String((copies.body.value as { id: string }[])[0]?.id));
      await graph(`/users/${attendee.id}/events/${copyId}/accept`, {
        method: 'POST',
        body: { comment: 'See you there', sendResponse: true },
      });
      await graph(`/users/${attendee.id}/events/${copyId}/cancel`, {
        method: 'POST',
        body: { comment: 'not mine to cancel' },
      });
      const second = encodeURIComponent(occurrences[1]?.id ?? '');
      await graph(`/users/${organizer.id}/events/${second}`, {
        method: 'PATCH',
        body: {
          start: { dateTime: '2030-03-12T11:00:00', timeZone: 'GMT Standard Time' },
          end: { dateTime: '2030-03-12T11:45:00', timeZone: 'GMT Standard Time' },
        },
      });
      await graph(
        `/users/${organizer.id}/events/${encodeURIComponent(occurrences[2]?.id ?? '')}/cancel`,
        {
          method: 'POST',
          body: { comment: 'Off this week' },
        },
      );
      await graph(`${base}/instances?${window}`);
      await graph(`${base}/cancel`, { method: 'POST', body: { comment: 'Pairing ended' } });
      const single = await graph(`/users/${organizer.id}/calendar/events`, {
        method: 'POST',
        body: eventBody({ start: '2030-05-01T09:00:00', end: '2030-05-01T09:30:00' }),
      });
      await graph(`/users/${organizer.id}/events/${encodeURIComponent(String(single.body.id))}`, {
        method: 'DELETE',
      });
      await graph(`/users/${organizer.id}/events/${encodeURIComponent(String(single.body.id))}`);
    });
    expect(statuses(made)).toEqual([
      201, 200, 200, 200, 200, 200, 200, 200, 202, 400, 200, 202, 200, 202, 201, 204, 404,
    ]);
  });

  it('$batch: envelope, sub-answers in any order, 424 for a failed dependency', async () => {
    const made = await conforming(async () => {
      const r = await graph('/$batch', {
        method: 'POST',
        body: {
          requests: [
            { id: '1', method: 'GET', url: `/users/${person(30).id}/mailboxSettings` },
            { id: '2', method: 'GET', url: '/users/nobody@example.com/mailboxSettings' },
            { id: '3', method: 'GET', url: `/users/${person(31).id}`, dependsOn: ['2'] },
            {
              id: '4',
              method: 'POST',
              url: `/users/${person(30).id}/events`,
              headers: { 'Content-Type': 'application/json' },
              body: eventBody({
                start: '2030-06-03T09:00:00',
                end: '2030-06-03T09:30:00',
                transactionId: 'conformance-batch',
              }),
            },
          ],
        },
      });
      const byId = Object.fromEntries(
        (r.body.responses as { id: string; status: number }[]).map((x) => [x.id, x.status]),
      );
      expect(byId).toEqual({ '1': 200, '2': 404, '3': 424, '4': 201 });
    });
    expect(statuses(made)).toEqual([200]);
  });

  it('subscriptions and their notifications, and activity-feed notifications', async () => {
    const organizer = person(50);
    await conforming(async () => {
      const sub = await graph('/subscriptions', {
        method: 'POST',
        body: {
          changeType: 'created,updated,deleted',
          notificationUrl: `${listenerUrl}/notify`,
          lifecycleNotificationUrl: `${listenerUrl}/lifecycle`,
          resource: `/users/${organizer.id}/events`,
          expirationDateTime: new Date(Date.now() + 3600_000).toISOString(),
          clientState: 'conformance',
        },
      });
      expect(sub.status).toBe(201);
      const sid = String(sub.body.id);
      await graph(`/subscriptions/${sid}`);
      await graph('/subscriptions');
      await graph(`/subscriptions/${sid}`, {
        method: 'PATCH',
        body: { expirationDateTime: new Date(Date.now() + 7200_000).toISOString() },
      });
      await graph(`/users/${organizer.id}/events`, {
        method: 'POST',
        body: eventBody({ start: '2030-07-01T09:00:00', end: '2030-07-01T09:30:00' }),
      });
      tenant.state.subscriptions.lifecycle(sid, 'reauthorizationRequired');
      await tenant.state.subscriptions.whenIdle();
      await graph(`/subscriptions/${sid}`, { method: 'DELETE' });
      const sent = await graph(`/users/${organizer.id}/teamwork/sendActivityNotification`, {
        method: 'POST',
        body: {
          topic: {
            source: 'text',
            value: 'Reverse mentoring',
            webUrl: 'https://teams.microsoft.com/l/entity/x/y',
          },
          activityType: 'sessionReminder',
          previewText: { content: 'Your session is tomorrow' },
          templateParameters: [{ name: 'partner', value: 'Ada' }],
        },
      });
      expect(sent.status).toBe(204);
    });
    expect(notifications.length).toBeGreaterThanOrEqual(2);
    const problems = notifications.flatMap((n) =>
      conformance.validator.object(n, 'microsoft.graph.changeNotificationCollection'),
    );
    expect(formatProblems(problems)).toBe('');
  });
});

describe("errors come in Graph's shape", () => {
  it('throttling, unknown users and refused bodies', async () => {
    const made = await conforming(async () => {
      tenant.faults.rate429 = 1;
      await graph('/users?$top=1');
      tenant.faults.rate429 = 0;
      await graph('/users/nobody@example.com');
      await graph(`/users/${person(70).id}/events`, { method: 'POST', body: { subject: 'x' } });
      await graph(`/users/${person(70).id}/calendar/getSchedule`, {
        method: 'POST',
        body: { schedules: [] },
      });
    });
    expect(statuses(made)).toEqual([429, 404, 400, 400]);
  });
});

describe('a misspelled property is caught', () => {
  it('isReminderSet (not on event) fails the check and the local tenant refuses it, as Graph does', async () => {
    const body = {
      ...eventBody({ start: '2030-08-01T09:00:00', end: '2030-08-01T09:30:00' }),
      isReminderSet: true,
    };
    const problems = conformance.request({
      method: 'POST',
      path: `/users/${person(60).id}/events`,
      requestBody: body,
    });
    expect(problems.map((p) => p.message)).toEqual([
      "unknown property 'isReminderSet' on microsoft.graph.event",
    ]);
    const r = await graph(`/users/${person(60).id}/events`, { method: 'POST', body });
    expect(r.status).toBe(400);
  });

  it('a typo in a fixture (subjekt), a wrong enum case and a bad date are each reported', () => {
    const { subject, ...rest } = eventBody({
      start: '2030-08-01T09:00:00',
      end: '2030-08-01T09:30:00',
    });
    const problems = conformance.request({
      method: 'POST',
      path: '/$batch',
      requestBody: {
        requests: [
          {
            id: '1',
            method: 'POST',
            url: `/users/${person(60).id}/events`,
            headers: { 'Content-Type': 'application/json' },
            body: {
              ...rest,
              subjekt: subject,
              showAs: 'Busy',
              start: { dateTime: '2030-08-01T09:00:00Z', timeZone: 'UTC' },
            },
          },
        ],
      },
    });
    expect(problems.map((p) => `${p.path.replace(/^.* /, '')}: ${p.message}`).sort()).toEqual([
      expect.stringMatching(
        /^\$\.showAs: 'Busy' is not a member of microsoft\.graph\.freeBusyStatus/,
      ),
      expect.stringMatching(/^\$\.start\.dateTime: '2030-08-01T09:00:00Z' is not a wall-clock/),
      "$.subjekt: unknown property 'subjekt' on microsoft.graph.event",
    ]);
  });

  it('getSchedule parameters and answers are checked too', () => {
    expect(
      conformance
        .request({
          method: 'POST',
          path: '/users/x/calendar/getSchedule',
          requestBody: {
            schedules: ['a@b.c'],
            startTime: { dateTime: 'tomorrow', timeZone: 'UTC' },
            interval: 30,
          },
        })
        .map((p) => p.message),
    ).toEqual([
      expect.stringContaining('is not a wall-clock date and time'),
      expect.stringContaining("unknown parameter 'interval'"),
    ]);
    expect(
      conformance
        .response({
          method: 'POST',
          path: '/users/x/calendar/getSchedule',
          status: 200,
          responseBody: {
            value: [
              {
                scheduleId: 'a@b.c',
                availabilityView: '2',
                scheduleItems: [
                  {
                    status: 'busy',
                    isMeeting: true,
                    start: { dateTime: '2030-01-01T09:00:00.0000000', timeZone: 'UTC' },
                  },
                ],
              },
            ],
          },
        })
        .map((p) => p.message),
    ).toEqual(["unknown property 'isMeeting' on microsoft.graph.scheduleItem"]);
  });
});
