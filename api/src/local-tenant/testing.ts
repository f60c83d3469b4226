import { afterAll, beforeAll } from 'vitest';
import { startLocalTenant } from './local-tenant.js';
import type { LocalTenant, LocalTenantOptions } from './local-tenant.js';

export interface GraphCall {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** A tiny Graph caller for tests: app-only token from the tenant, JSON in and out. */
export async function graphCaller(
  tenant: LocalTenant,
): Promise<
  (
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ) => Promise<GraphCall>
> {
  const res = await fetch(tenant.tokenUrl, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'test-app',
      client_secret: 'local',
      scope: 'https://graph.microsoft.com/.default',
    }),
  });
  const { access_token: token } = (await res.json()) as { access_token: string };
  return async (path, init = {}) => {
    const url = path.startsWith('http') ? path : `${tenant.baseUrl}${path}`;
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      ...(init.headers ?? {}),
    };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    const r = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await r.text();
    return {
      status: r.status,
      headers: r.headers,
      body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
    };
  };
}

/** An event body the way our booking code sends it. */
export function eventBody(o: {
  attendee?: string;
  start: string;
  end: string;
  timeZone?: string;
  transactionId?: string;
  weekly?: { day: string; startDate: string; count: number };
}): Record<string, unknown> {
  return {
    subject: 'Reverse mentoring',
    body: { contentType: 'html', content: '<p>Session guide</p>' },
    start: { dateTime: o.start, timeZone: o.timeZone ?? 'GMT Standard Time' },
    end: { dateTime: o.end, timeZone: o.timeZone ?? 'GMT Standard Time' },
    ...(o.attendee === undefined
      ? {}
      : { attendees: [{ emailAddress: { address: o.attendee }, type: 'required' }] }),
    isOnlineMeeting: true,
    onlineMeetingProvider: 'teamsForBusiness',
    ...(o.transactionId === undefined ? {} : { transactionId: o.transactionId }),
    ...(o.weekly === undefined
      ? {}
      : {
          recurrence: {
            pattern: { type: 'weekly', interval: 1, daysOfWeek: [o.weekly.day] },
            range: {
              type: 'numbered',
              startDate: o.weekly.startDate,
              numberOfOccurrences: o.weekly.count,
            },
          },
        }),
  };
}

export type GraphCaller = Awaited<ReturnType<typeof graphCaller>>;

/** A test file's local tenant, with an app-only Graph caller and its people by index. */
export interface TenantWorld {
  readonly tenant: LocalTenant;
  /** Calls Graph on the tenant (safe to take out of the object before the tenant starts). */
  graph: GraphCaller;
  /** The tenant's person at this index of the generated org. */
  person(i: number): { id: string; mail: string };
}

/**
 * Starts a local tenant and its Graph caller before the file's tests and closes it after them.
 * Call it at the top of a test file.
 */
export function useLocalTenant(options: LocalTenantOptions): TenantWorld {
  let open: { tenant: LocalTenant; graph: GraphCaller } | undefined;
  const opened = () => {
    if (open === undefined) throw new Error('the local tenant is used before it has started');
    return open;
  };
  beforeAll(async () => {
    const tenant = await startLocalTenant(options);
    open = { tenant, graph: await graphCaller(tenant) };
  });
  afterAll(() => open?.tenant.close());
  return {
    get tenant() {
      return opened().tenant;
    },
    graph: (path, init) => opened().graph(path, init),
    person(i) {
      const p = opened().tenant.state.org.people[i];
      if (p === undefined) throw new Error(`no person ${i}`);
      return p;
    },
  };
}

/** A person books time away in Outlook (out of office, e.g. a week of leave); its item id. */
export function bookTimeAway(
  tenant: Pick<LocalTenant, 'state'>,
  userId: string,
  away: { start: number; end: number },
): string {
  return tenant.state.createEvent(userId, {
    subject: 'Annual leave',
    startMs: away.start,
    endMs: away.end,
    timeZone: 'UTC',
    endTimeZone: 'UTC',
    showAs: 'oof',
  });
}
