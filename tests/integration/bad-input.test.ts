import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteDef } from '../../api/src/app/index.js';
import type { ProgramView } from '../../api/src/contract/api-types.js';
import { allRoutes } from '../../api/src/routes.js';
import type { RunningServer } from '../../api/src/server.js';
import { auditLog, programs } from '../../api/src/store/index.js';
import { startLocalApp, type LocalApp } from '../support/local-app.js';

/**
 * Input a hostile client or a broken network sends: NUL characters, unpaired surrogates, paths that
 * are not valid percent-encoding, timestamps PostgreSQL cannot hold. Each must be a 400
 * problem+json naming what is wrong, and change nothing — on PGlite and on PostgreSQL alike.
 */
const NUL = '\u0000';

interface Answer {
  status: number;
  contentType: string;
  body: { detail?: string; errors?: { field: string; message: string }[] } | undefined;
}

describe('bad input', () => {
  let local: LocalApp;
  let app: RunningServer;
  let routes: RouteDef[];
  let token = '';
  let programId = '';

  async function call(method: string, path: string, body?: unknown): Promise<Answer> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${app.url}/api${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      body: text === '' ? undefined : (JSON.parse(text) as Answer['body']),
    };
  }

  async function changes(): Promise<{ programs: number; audit: number }> {
    const db = app.store.db;
    const [p] = await db.select({ n: count() }).from(programs);
    const [a] = await db.select({ n: count() }).from(auditLog);
    return { programs: p?.n ?? 0, audit: a?.n ?? 0 };
  }

  beforeAll(async () => {
    local = await startLocalApp({ people: 40 });
    app = local.app;
    routes = allRoutes(app.services);
    const admin = local.people.find((p) => p.isAdmin);
    if (admin === undefined) throw new Error('The demo organisation has no admin');
    token = await local.tokenFor(admin.id);
    const created = await call('POST', '/programs', { name: 'Bad input cohort' });
    expect(created.status).toBe(201);
    programId = (created.body as unknown as ProgramView).id;
  });
  afterAll(async () => {
    await local?.close();
  });

  function expectRefused(answer: Answer, field: string, message: RegExp, label: string) {
    expect(answer.status, label).toBe(400);
    expect(answer.contentType, label).toMatch(/^application\/problem\+json/);
    expect(answer.body?.errors?.[0], label).toMatchObject({
      field,
      message: expect.stringMatching(message) as unknown,
    });
  }

  it('answers a path that is not valid percent-encoding with 400 on every route with a parameter', async () => {
    const failures: string[] = [];
    for (const r of routes.filter((x) => x.path.includes(':'))) {
      const path = r.path.replace(/:[A-Za-z]+/g, '%FF%FE');
      const hasBody = r.method !== 'get' && r.method !== 'delete';
      const answer = await call(r.method.toUpperCase(), path, hasBody ? {} : undefined);
      if (answer.status !== 400 || !answer.contentType.startsWith('application/problem+json'))
        failures.push(`${r.method} ${r.path}: ${answer.status} ${answer.contentType}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses a NUL character in a path parameter, a query and a body on every route, naming the field', async () => {
    const failures: string[] = [];
    for (const r of routes) {
      const label = `${r.method} ${r.path}`;
      const hasBody = r.method !== 'get' && r.method !== 'delete';
      const attempts: { field: string; path: string; body?: unknown }[] = [
        {
          field: 'query.q',
          path: `${r.path.replace(/:[A-Za-z]+/g, programId)}?q=a%00b`,
          ...(hasBody ? { body: {} } : {}),
        },
      ];
      const param = /:([A-Za-z]+)/.exec(r.path)?.[1];
      if (param !== undefined)
        attempts.push({
          field: `params.${param}`,
          path: r.path.replace(/:[A-Za-z]+/g, 'a%00b'),
          ...(hasBody ? { body: {} } : {}),
        });
      if (hasBody)
        attempts.push({
          field: 'body.text',
          path: r.path.replace(/:[A-Za-z]+/g, programId),
          body: { text: `a${NUL}b` },
        });
      for (const a of attempts) {
        const answer = await call(r.method.toUpperCase(), a.path, a.body);
        const first = answer.body?.errors?.[0];
        if (answer.status !== 400 || first?.field !== a.field || !/NUL/.test(first.message))
          failures.push(`${label} ${a.field}: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses NUL and unpaired surrogates in otherwise valid writes, and stores nothing', async () => {
    const before = await changes();
    expectRefused(
      await call('POST', '/programs', { name: `Cohort${NUL}`, description: 'ok' }),
      'body.name',
      /NUL/,
      'program name',
    );
    expectRefused(
      await call('POST', '/programs', { name: 'Cohort', description: `x${NUL}` }),
      'body.description',
      /NUL/,
      'program description',
    );
    expectRefused(
      await call('POST', '/programs', { name: 'Cohort', rules: { topics: [`ai${NUL}ml`] } }),
      'body.rules.topics.0',
      /NUL/,
      'program topic',
    );
    expectRefused(
      await call('POST', '/programs', { name: 'Cohort \ud800 lone' }),
      'body.name',
      /surrogate/,
      'lone surrogate',
    );
    expectRefused(
      await call('POST', `/programs/${programId}/transitions`, {
        to: 'enrolling',
        reason: `open${NUL}`,
      }),
      'body.reason',
      /NUL/,
      'transition reason',
    );
    expectRefused(
      await call('PUT', `/programs/${programId}/retention`, {
        retentionMonths: 12,
        reason: `why${NUL}`,
      }),
      'body.reason',
      /NUL/,
      'retention reason',
    );
    expectRefused(
      await call('POST', `/programs/${programId}/imports`, { csv: `email\na${NUL}@x.test` }),
      'body.csv',
      /NUL/,
      'CSV import',
    );
    expectRefused(
      await call('POST', '/guides/tracks/reverse-mentoring-core/copies', {
        newVersion: '2026.9',
        reason: `copy${NUL}`,
      }),
      'body.reason',
      /NUL/,
      'guide copy reason',
    );
    expectRefused(
      await call('GET', `/programs/${programId}/enrolments?q=${encodeURIComponent(`a${NUL}`)}`),
      'query.q',
      /NUL/,
      'enrolment search',
    );
    expectRefused(
      await call('GET', `/meeting-guide?eventId=${encodeURIComponent(`ev${NUL}`)}`),
      'query.eventId',
      /NUL/,
      'meeting guide event',
    );
    expect(await changes()).toEqual(before);
    const program = await call('GET', `/programs/${programId}`);
    expect((program.body as unknown as ProgramView).status).toBe('draft');
  });

  it('refuses timestamps and dates outside 1970–2200 with 400 and stores nothing', async () => {
    const before = await changes();
    for (const [field, value] of [
      ['enrolmentOpensAt', '0000-01-01T00:00:00Z'],
      ['enrolmentClosesAt', '9999-12-31T23:59:59-14:00'],
      ['enrolmentOpensAt', '1969-12-31T23:59:59Z'],
      ['startsOn', '0000-01-01'],
      ['startsOn', '2200-01-02'],
    ] as const) {
      expectRefused(
        await call('POST', '/programs', { name: 'Time travel', [field]: value }),
        `body.${field}`,
        /between 1970-01-01 and 2200-01-01/,
        `${field} ${value}`,
      );
      expectRefused(
        await call('PATCH', `/programs/${programId}`, { [field]: value }),
        `body.${field}`,
        /between 1970-01-01 and 2200-01-01/,
        `patch ${field} ${value}`,
      );
    }
    expect(await changes()).toEqual(before);
    const ok = await call('PATCH', `/programs/${programId}`, {
      enrolmentOpensAt: '2199-12-31T23:59:59Z',
      startsOn: '1970-01-01',
    });
    expect(ok.status).toBe(200);
  });
});
