import { describe, expect, it } from 'vitest';
import { GraphConformance } from './graph-conformance.js';
import { graphSchema, SchemaValidator } from './schema-validator.js';

const v = new SchemaValidator();
const conformance = new GraphConformance(v);
const messages = (problems: { path: string; message: string }[]): string[] =>
  problems.map((p) => `${p.path}: ${p.message}`);

describe('the vendored schema', () => {
  it('records the msgraph-metadata commit it was generated from', () => {
    expect(graphSchema.source).toMatchObject({
      repository: 'microsoftgraph/msgraph-metadata',
      path: 'clean_v10_metadata/cleanMetadata.xml',
    });
    expect(graphSchema.source.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('has event.isReminderOn and no event.isReminderSet', () => {
    expect(v.property('microsoft.graph.event', 'isReminderOn')).toEqual({ type: 'Edm.Boolean' });
    expect(v.property('microsoft.graph.event', 'isReminderSet')).toBeUndefined();
  });
});

describe('schema validator', () => {
  it('checks JSON kinds and formats of Edm primitives', () => {
    const at = (type: string, value: unknown): string[] => messages(v.value(value, { type }, '$'));
    expect(at('Edm.Int32', 3)).toEqual([]);
    expect(at('Edm.Int32', 3.5)).toHaveLength(1);
    expect(at('Edm.Int32', '3')).toHaveLength(1);
    expect(at('Edm.Boolean', 'true')).toHaveLength(1);
    expect(at('Edm.DateTimeOffset', '2026-01-12T09:00:00Z')).toEqual([]);
    expect(at('Edm.DateTimeOffset', '2026-01-12T09:00:00.1234567+01:00')).toEqual([]);
    expect(at('Edm.DateTimeOffset', '2026-01-12T09:00:00')).toHaveLength(1);
    expect(at('Edm.Date', '2026-01-12')).toEqual([]);
    expect(at('Edm.Date', '2026-01-12T00:00:00Z')).toHaveLength(1);
    expect(at('Edm.Duration', 'PT15M')).toEqual([]);
    expect(at('Edm.Duration', '15 minutes')).toHaveLength(1);
    expect(at('Edm.Guid', '72f988bf-0000-4000-8000-00000000cafe')).toEqual([]);
    expect(at('Edm.Guid', 'not-a-guid')).toHaveLength(1);
    expect(at('Edm.TimeOfDay', '08:00:00.0000000')).toEqual([]);
  });

  it('checks enum members with Graph’s case, nullability and collections', () => {
    const slot = { type: 'microsoft.graph.freeBusyStatus' };
    expect(v.value('busy', slot, '$')).toEqual([]);
    expect(messages(v.value('Busy', slot, '$'))[0]).toContain("'Busy' is not a member");
    expect(messages(v.object({ dateTime: null }, 'microsoft.graph.dateTimeTimeZone'))).toEqual([
      '$.dateTime: null is not allowed (Edm.String)',
    ]);
    expect(messages(v.object({ attendees: null }, 'microsoft.graph.event'))[0]).toContain(
      'expected an array',
    );
    expect(
      messages(
        v.object(
          { attendees: [{ type: 'required', emailAddress: { adress: 'x' } }] },
          'microsoft.graph.event',
        ),
      ),
    ).toEqual([
      "$.attendees[0].emailAddress.adress: unknown property 'adress' on microsoft.graph.emailAddress",
    ]);
  });

  it('follows @odata.type casts to derived types and refuses others', () => {
    const hours = (timeZone: unknown): string[] =>
      messages(v.object({ timeZone }, 'microsoft.graph.workingHours'));
    expect(hours({ name: 'Pacific Standard Time' })).toEqual([]);
    expect(
      hours({ '@odata.type': '#microsoft.graph.customTimeZone', name: 'x', bias: 480 }),
    ).toEqual([]);
    expect(hours({ name: 'x', bias: 480 })).toEqual([
      "$.timeZone.bias: unknown property 'bias' on microsoft.graph.timeZoneBase",
    ]);
    expect(hours({ '@odata.type': '#microsoft.graph.user' })[0]).toContain(
      'is not microsoft.graph.timeZoneBase',
    );
    expect(hours({ '@odata.type': 'microsoft.graph.customTimeZone' })[0]).toContain('unknown type');
    expect(messages(v.object({ id: 'x' }, 'microsoft.graph.directoryObject'))).toEqual([]);
    expect(
      messages(
        v.object(
          { '@odata.type': '#microsoft.graph.user', jobTitle: 'CFO' },
          'microsoft.graph.directoryObject',
        ),
      ),
    ).toEqual([]);
  });

  it('allows @removed and manager@delta on delta answers only', () => {
    const page = {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users(id,manager)',
      '@odata.deltaLink': 'https://graph.microsoft.com/v1.0/users/delta?$deltatoken=x',
      value: [
        { id: 'a', 'manager@delta': [{ '@odata.type': '#microsoft.graph.user', id: 'b' }] },
        { id: 'c', '@removed': { reason: 'changed' } },
      ],
    };
    expect(v.collection(page, 'microsoft.graph.user', { delta: true })).toEqual([]);
    expect(messages(v.collection(page, 'microsoft.graph.user'))).toEqual([
      "$.value[0].manager@delta: unknown annotation 'manager@delta' on microsoft.graph.user",
      "$.value[1].@removed: unknown annotation '@removed' on microsoft.graph.user",
    ]);
    const bad = {
      value: [{ id: 'c', '@removed': { reason: 'gone' } }],
      '@odata.nextLink': '/users',
    };
    expect(messages(v.collection(bad, 'microsoft.graph.user', { delta: true }))).toEqual([
      "$.@odata.nextLink: expected an absolute URL, got '/users'",
      "$.value[0].@removed.reason: reason must be 'changed' or 'deleted', got \"gone\"",
    ]);
  });

  it('checks bound action parameters, in either case', () => {
    expect(v.actionBody({ Comment: 'x' }, 'cancel', 'microsoft.graph.event')).toEqual([]);
    expect(v.actionBody({ comment: 'x' }, 'cancel', 'microsoft.graph.event')).toEqual([]);
    expect(
      messages(
        v.actionBody({ comment: 'x', sendResponse: true }, 'cancel', 'microsoft.graph.event'),
      )[0],
    ).toContain("unknown parameter 'sendResponse'");
    expect(
      messages(
        v.actionBody({ availabilityViewInterval: '30' }, 'getSchedule', 'microsoft.graph.calendar'),
      )[0],
    ).toContain('expected Edm.Int32');
  });
});

describe('graph conformance', () => {
  it('checks the $batch envelope: ids, relative URLs, Content-Type with a body, 20 at most', () => {
    const problems = conformance.request({
      method: 'POST',
      path: '/$batch',
      requestBody: {
        requests: [
          { id: '1', method: 'GET', url: 'https://graph.microsoft.com/v1.0/users' },
          { id: '1', method: 'POST', url: '/subscriptions', body: { resorce: '/users' } },
          { id: '3', method: 'FETCH', url: '/users', dependson: ['1'] },
        ],
      },
    });
    expect(messages(problems).map((m) => m.replace('POST /$batch request ', ''))).toEqual([
      '$.requests[0].url: a URL relative to the version is required',
      '$.requests[1].id: ids must be unique',
      '$.requests[1].headers: a request with a body needs Content-Type',
      "$.requests[2].dependson: unknown member 'dependson'",
      '$.requests[2].method: GET, POST, PATCH, PUT or DELETE',
      "[1] POST /subscriptions request $.resorce: unknown property 'resorce' on microsoft.graph.subscription",
    ]);
    const many = Array.from({ length: 21 }, (_, i) => ({
      id: String(i),
      method: 'GET',
      url: '/users',
    }));
    expect(
      messages(
        conformance.request({ method: 'POST', path: '/$batch', requestBody: { requests: many } }),
      ),
    ).toEqual(['POST /$batch request $.requests: between 1 and 20 requests are allowed']);
  });

  it('matches $batch answers to their requests by id and checks each against its route', () => {
    const requestBody = {
      requests: [
        { id: 'a', method: 'GET', url: '/users/x/mailboxSettings' },
        { id: 'b', method: 'GET', url: '/users/y/mailboxSettings' },
      ],
    };
    const problems = conformance.response({
      method: 'POST',
      path: '/$batch',
      requestBody,
      status: 200,
      responseBody: {
        responses: [
          { id: 'b', status: 404, body: { error: { code: 'ErrorInvalidUser', message: 'x' } } },
          { id: 'a', status: 200, body: { timeZone: 'UTC', timezone: 'UTC' } },
          { id: 'c', status: 200 },
        ],
      },
    });
    expect(messages(problems)).toEqual([
      "POST /$batch 200 [a] GET /users/x/mailboxSettings 200 $.timezone: unknown property 'timezone' on microsoft.graph.mailboxSettings",
      'POST /$batch 200 $.responses[2].id: answers no request (id "c")',
    ]);
  });

  it('checks Graph’s error body and refuses a body on 202/204 answers', () => {
    expect(
      messages(
        conformance.response({
          method: 'GET',
          path: '/users/x',
          status: 404,
          responseBody: { error: { code: 'Request_ResourceNotFound', message: 'x', inner: {} } },
        }),
      ),
    ).toEqual(["GET /users/x 404 $.error.inner: unknown member 'inner'"]);
    expect(
      conformance.response({
        method: 'POST',
        path: '/users/x/events/y/cancel',
        status: 202,
        responseBody: { ok: true },
      }),
    ).toHaveLength(1);
  });
});
