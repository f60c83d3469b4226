// Long on purpose: the one typed facade over every Graph call we make, with the shared retry/throttle/error mapping.
import {
  Client,
  HTTPMessageHandler,
  ResponseType,
  type GraphRequest,
} from '@microsoft/microsoft-graph-client';
import type {
  Event,
  Group,
  MailboxSettings,
  ScheduleInformation,
  Subscription,
  User,
} from '@microsoft/microsoft-graph-types';
import { AuthHandler } from './auth-handler.js';
import {
  runBatch,
  type BatchRequest,
  type BatchResponse,
  type BatchTransport,
  type HttpMethod,
} from './graph-batch.js';
import { BatchCoalescer } from './graph-batch-coalescer.js';
import { GraphError, graphErrorFromResponse, invalidRequest, isGraphError } from './graph-error.js';
import { silentLogger, type GraphLogger } from './graph-logger.js';
import { emptyStats, type GraphStats } from './graph-stats.js';
import {
  graphPath,
  parseGraphBase,
  toRelativePath,
  withQuery,
  type QueryValue,
} from './graph-url.js';
import { LoggingHandler } from './logging-handler.js';
import { MailboxConcurrencyHandler } from './mailbox-concurrency-handler.js';
import { RequestPolicy } from './request-policy.js';
import { RetryHandler } from './retry-handler.js';
import { parseRetryAfterMs } from './retry-policy.js';
import type { TokenProvider } from './token-provider.js';

export interface GraphClientOptions {
  /** `https://graph.microsoft.com/v1.0`, or the local tenant's `http://127.0.0.1:PORT/v1.0`. */
  baseUrl: string;
  tokenProvider: TokenProvider;
  logger?: GraphLogger;
  /** Retries of one request on 429/503/504 or a network failure (default 5). */
  maxRetries?: number;
  /** Longest wait before a retry (default 30 s); a longer `Retry-After` goes back to the caller. */
  maxRetryDelayMs?: number;
  /** First backoff step when Graph gives no `Retry-After` (default 500 ms). */
  retryBaseDelayMs?: number;
  /** Requests in flight per mailbox (default 4, Exchange's limit). */
  perMailboxConcurrency?: number;
  /** `$batch` calls in flight at once for one `batch()` (default 4). */
  batchConcurrency?: number;
  /** How long a `batched` call waits for others to share its `$batch` (default 150 ms). */
  batchLingerMs?: number;
}

export interface GraphRequestOptions {
  method?: HttpMethod;
  /** Relative to the base URL (`/users/{id}`), or an absolute `@odata.nextLink`/`deltaLink`. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Overrides the retry decision of retry-policy.ts for this request. */
  retrySafe?: boolean;
}

/** A user as `/users/delta` returns it: the manager link and removals kept. */
export type DeltaUser = User & {
  'manager@delta'?: { id?: string; '@removed'?: { reason?: string } }[];
  '@removed'?: { reason?: string };
};

export interface UsersDeltaPage {
  users: DeltaUser[];
  /** Present on the last page only: keep it for the next round. */
  deltaLink?: string;
}

export interface GetScheduleOptions {
  /** Whose calendar endpoint answers (any mailbox the app may read). */
  mailbox: string;
  /** Up to 20 SMTP addresses. */
  schedules: string[];
  start: Date;
  end: Date;
  /** 5 to 1440 minutes. */
  intervalMinutes: number;
  /** IANA or Windows name for the answer's times; default UTC. */
  timeZone?: string;
  /** Share a `$batch` with other calls made at about the same time (bulk reads). */
  batched?: boolean;
}

export interface CalendarRangeOptions {
  select?: string[];
  /** Time zone of the returned times (default UTC). */
  timeZone?: string;
}

/** Body of `sendActivityNotification` (Teams activity feed). */
export interface ActivityNotification {
  topic: { source: 'entityUrl' | 'text'; value: string; webUrl?: string };
  activityType: string;
  previewText: { content: string };
  templateParameters?: { name: string; value: string }[];
  chainId?: number;
  teamsAppId?: string;
}

export type EventWithTransaction = Event & { transactionId: string };

export interface CreateEventOptions {
  /**
   * Share a `$batch` with creates other callers make at about the same time (bulk booking): one
   * HTTP request for up to 20 events. The transactionId keeps a resent batch from duplicating.
   */
  batched?: boolean;
}

export interface GraphClient {
  /** Low level: one request through the middleware chain; the parsed body, or GraphError. */
  request<T>(o: GraphRequestOptions): Promise<T>;
  /** Every page of a collection, following `@odata.nextLink`. */
  pages<T>(o: GraphRequestOptions): AsyncIterable<T[]>;
  listUsers(o: {
    select: string[];
    expandManager?: boolean;
    top?: number;
    filter?: string;
  }): AsyncIterable<User[]>;
  /** A delta round; a 410 (cursor expired) throws GraphError status 410: start a full round. */
  usersDelta(o: { select: string[]; deltaLink?: string }): AsyncIterable<UsersDeltaPage>;
  /**
   * Groups with a word of their display name starting with `search` (`$search`, an advanced query:
   * `ConsistencyLevel: eventual`), or the first ones when `search` is blank; ordered by name.
   */
  searchGroups(o: { search: string; top: number }): Promise<Group[]>;
  /** A group's id and name, or null when the directory has no such group (Graph answers 404). */
  getGroup(groupId: string): Promise<Group | null>;
  /**
   * Ids (lower case) of the users in a group, directly or through nested groups: every page of
   * `transitiveMembers/microsoft.graph.user` (the cast is an advanced query). A missing group
   * throws GraphError 404.
   */
  groupMemberUserIds(groupId: string): Promise<Set<string>>;
  /** Ids (lower case) of the groups a user is in, directly or through nested groups. */
  userGroupIds(userId: string): Promise<Set<string>>;
  /** The user's manager, or null at the top of the chart (Graph answers 404). */
  getManager(userId: string, o?: { select?: string[] }): Promise<User | null>;
  getMailboxSettingsBatch(userIds: string[]): Promise<Map<string, MailboxSettings | GraphError>>;
  getSchedule(o: GetScheduleOptions): Promise<ScheduleInformation[]>;
  createEvent(
    organizerId: string,
    event: EventWithTransaction,
    o?: CreateEventOptions,
  ): Promise<Event>;
  getEvent(userId: string, eventId: string, o?: { select?: string[] }): Promise<Event>;
  updateEvent(userId: string, eventId: string, patch: Event): Promise<Event>;
  deleteEvent(userId: string, eventId: string): Promise<void>;
  /** Organizer only; attendees get 400. Graph answers 202. */
  cancelEvent(organizerId: string, eventId: string, comment: string): Promise<void>;
  listInstances(
    userId: string,
    seriesMasterId: string,
    start: Date,
    end: Date,
    o?: CalendarRangeOptions,
  ): Promise<Event[]>;
  calendarView(userId: string, start: Date, end: Date, o?: CalendarRangeOptions): Promise<Event[]>;
  createSubscription(subscription: Subscription): Promise<Subscription>;
  renewSubscription(subscriptionId: string, expirationDateTime: Date): Promise<Subscription>;
  deleteSubscription(subscriptionId: string): Promise<void>;
  /** The subscriptions this app holds in the tenant (app-only: every one it created). */
  listSubscriptions(): Promise<Subscription[]>;
  sendActivityNotification(userId: string, notification: ActivityNotification): Promise<void>;
  batch(requests: BatchRequest[]): Promise<BatchResponse[]>;
  stats(): GraphStats;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

interface Page<T> {
  value?: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

const MAX_SCHEDULES = 20;
const MAX_SCHEDULE_WINDOW_MS = 62 * 24 * 3600_000;

/** `$search`, OData casts and `$count` on directory objects need Graph's advanced queries. */
const ADVANCED_QUERY = { ConsistencyLevel: 'eventual' };

async function idsOf(pages: AsyncIterable<{ id?: string }[]>): Promise<Set<string>> {
  const ids = new Set<string>();
  for await (const page of pages)
    for (const o of page) if (o.id !== undefined) ids.add(o.id.toLowerCase());
  return ids;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** `dateTimeTimeZone.dateTime` in UTC: no offset, the zone travels separately. */
function utcDateTime(d: Date): string {
  return d.toISOString().replace(/Z$/, '');
}

function preferTimeZone(timeZone: string | undefined): Record<string, string> {
  return { Prefer: `outlook.timezone="${timeZone ?? 'UTC'}"` };
}

function assertValidDate(d: Date, name: string): void {
  if (!(d instanceof Date) || Number.isNaN(d.getTime()))
    throw invalidRequest(`${name} is not a valid date`);
}

function validateSchedule(o: GetScheduleOptions): void {
  if (o.schedules.length === 0) throw invalidRequest('getSchedule needs at least one schedule');
  if (o.schedules.length > MAX_SCHEDULES) {
    throw invalidRequest(
      `getSchedule takes at most ${MAX_SCHEDULES} schedules, got ${o.schedules.length}`,
    );
  }
  assertValidDate(o.start, 'start');
  assertValidDate(o.end, 'end');
  const window = o.end.getTime() - o.start.getTime();
  if (window <= 0) throw invalidRequest('getSchedule end must be after start');
  if (window >= MAX_SCHEDULE_WINDOW_MS)
    throw invalidRequest('getSchedule window must be under 62 days');
  if (!Number.isInteger(o.intervalMinutes) || o.intervalMinutes < 5 || o.intervalMinutes > 1440) {
    throw invalidRequest('getSchedule interval must be a whole number of minutes from 5 to 1440');
  }
}

/** Builds the Graph client: the SDK with our middleware chain, and typed operations over it. */
export function createGraphClient(o: GraphClientOptions): GraphClient {
  const base = parseGraphBase(o.baseUrl);
  const logger = o.logger ?? silentLogger;
  const counters = emptyStats();
  const maxRetryDelayMs = o.maxRetryDelayMs ?? 30_000;
  const baseDelayMs = o.retryBaseDelayMs ?? 500;

  // Order matters: retry outermost so each attempt gets a fresh token and a fresh mailbox
  // place; logging last so it sees exactly what goes on the wire.
  const sdk = Client.initWithMiddleware({
    baseUrl: base.host,
    defaultVersion: base.version,
    customHosts: new Set([base.hostname]),
    middleware: [
      new RetryHandler({
        maxRetries: o.maxRetries ?? 5,
        maxRetryDelayMs,
        baseDelayMs,
        stats: counters,
        logger,
      }),
      new MailboxConcurrencyHandler(o.perMailboxConcurrency ?? 4),
      new AuthHandler(o.tokenProvider),
      new LoggingHandler(logger, counters),
      new HTTPMessageHandler(),
    ],
  });

  async function send(r: GraphRequestOptions): Promise<Answer> {
    const method = r.method ?? 'GET';
    let path: string;
    try {
      path = withQuery(toRelativePath(base, r.path), r.query);
    } catch (err) {
      throw invalidRequest(err instanceof Error ? err.message : String(err));
    }
    const policy = new RequestPolicy(r.retrySafe === undefined ? {} : { retrySafe: r.retrySafe });
    let request: GraphRequest = sdk
      .api(path)
      .responseType(ResponseType.RAW)
      .middlewareOptions([policy]);
    if (r.headers !== undefined) request = request.headers(r.headers);
    let raw: unknown;
    try {
      switch (method) {
        case 'GET':
          raw = await request.get();
          break;
        case 'POST':
          raw = await request.post(r.body);
          break;
        case 'PATCH':
          raw = await request.patch(r.body);
          break;
        case 'PUT':
          raw = await request.put(r.body);
          break;
        case 'DELETE':
          raw = await request.delete();
          break;
      }
    } catch (err) {
      const failure = policy.failure ?? err;
      if (isGraphError(failure)) throw failure;
      const reason = failure instanceof Error ? failure.message : String(failure);
      throw new GraphError({ status: 0, code: 'ClientError', message: reason }, { cause: failure });
    }
    if (!(raw instanceof Response)) {
      throw new GraphError({
        status: 0,
        code: 'ClientError',
        message: 'The SDK returned no response',
      });
    }
    const body = await readBody(raw);
    if (!raw.ok) {
      throw graphErrorFromResponse({
        status: raw.status,
        body,
        requestId: raw.headers.get('request-id') ?? undefined,
        retryAfterMs: parseRetryAfterMs(raw.headers.get('retry-after')),
      });
    }
    return { status: raw.status, headers: Object.fromEntries(raw.headers.entries()), body };
  }

  async function request<T>(r: GraphRequestOptions): Promise<T> {
    return (await send(r)).body as T;
  }

  async function* rawPages<T>(r: GraphRequestOptions): AsyncIterable<Page<T>> {
    let next: GraphRequestOptions | undefined = r;
    while (next !== undefined) {
      const page: Page<T> = (await request<Page<T> | undefined>(next)) ?? {};
      yield page;
      const link = page['@odata.nextLink'];
      next = link === undefined ? undefined : { path: link, headers: r.headers };
    }
  }

  async function* pages<T>(r: GraphRequestOptions): AsyncIterable<T[]> {
    for await (const page of rawPages<T>(r)) yield page.value ?? [];
  }

  const transport: BatchTransport = {
    async postBatch(body) {
      return request<unknown>({ method: 'POST', path: '/$batch', body });
    },
    async sendOne(r) {
      return send({ method: r.method, path: r.url, body: r.body, headers: r.headers });
    },
    relativeUrl: (url) => toRelativePath(base, url),
    sleep,
    stats: counters,
    maxRetryDelayMs,
    baseDelayMs,
    chunkConcurrency: o.batchConcurrency ?? 4,
  };

  // Calls made with `batched` by concurrent callers (bulk booking) share `$batch` requests.
  const coalesced = new BatchCoalescer({
    lingerMs: o.batchLingerMs ?? 150,
    batch: (requests, onResult) => runBatch(requests, transport, { onResult }),
    single: (r) =>
      request<unknown>({ method: r.method, path: r.url, body: r.body, headers: r.headers }),
  });

  async function collect<T>(r: GraphRequestOptions): Promise<T[]> {
    const all: T[] = [];
    for await (const page of pages<T>(r)) all.push(...page);
    return all;
  }

  const client: GraphClient = {
    request,
    pages,

    listUsers(q) {
      const cap = q.expandManager === true ? 100 : 999;
      const top = Math.max(1, Math.min(q.top ?? cap, cap));
      return pages<User>({
        path: '/users',
        query: {
          $select: q.select.join(','),
          $expand: q.expandManager === true ? 'manager($select=id)' : undefined,
          $top: top,
          $filter: q.filter,
        },
      });
    },

    async *usersDelta(q) {
      // `$top` is ignored on users/delta; the page size is asked for with a preference, and
      // Graph caps it at what it allows.
      const headers = { Prefer: 'odata.maxpagesize=999' };
      const first: GraphRequestOptions =
        q.deltaLink === undefined
          ? { path: '/users/delta', query: { $select: q.select.join(',') }, headers }
          : { path: q.deltaLink, headers };
      for await (const page of rawPages<DeltaUser>(first)) {
        const deltaLink = page['@odata.deltaLink'];
        yield deltaLink === undefined
          ? { users: page.value ?? [] }
          : { users: page.value ?? [], deltaLink };
      }
    },

    async searchGroups(q) {
      // `$search` takes a quoted "property:text"; quotes and backslashes in the text would end it.
      const text = q.search.replaceAll(/["\\]/g, ' ').trim();
      const page = await request<Page<Group>>({
        path: '/groups',
        query: {
          $search: text === '' ? undefined : `"displayName:${text}"`,
          $select: 'id,displayName,description',
          $orderby: 'displayName',
          $top: Math.max(1, Math.min(q.top, 999)),
          $count: 'true',
        },
        headers: ADVANCED_QUERY,
      });
      return page.value ?? [];
    },

    async getGroup(groupId) {
      try {
        return await request<Group>({
          path: graphPath`/groups/${groupId}`,
          query: { $select: 'id,displayName' },
        });
      } catch (err) {
        if (isGraphError(err) && err.status === 404) return null;
        throw err;
      }
    },

    async groupMemberUserIds(groupId) {
      return idsOf(
        pages<{ id?: string }>({
          path: graphPath`/groups/${groupId}/transitiveMembers/microsoft.graph.user`,
          query: { $select: 'id', $top: 999, $count: 'true' },
          headers: ADVANCED_QUERY,
        }),
      );
    },

    async userGroupIds(userId) {
      return idsOf(
        pages<{ id?: string }>({
          path: graphPath`/users/${userId}/transitiveMemberOf/microsoft.graph.group`,
          query: { $select: 'id', $top: 999, $count: 'true' },
          headers: ADVANCED_QUERY,
        }),
      );
    },

    async getManager(userId, q) {
      try {
        return await request<User>({
          path: graphPath`/users/${userId}/manager`,
          query: { $select: (q?.select ?? ['id', 'displayName', 'userPrincipalName']).join(',') },
        });
      } catch (err) {
        if (isGraphError(err) && err.status === 404) return null;
        throw err;
      }
    },

    async getMailboxSettingsBatch(userIds) {
      const unique = [...new Set(userIds)];
      const results = await client.batch(
        unique.map((id, i) => ({
          id: String(i),
          method: 'GET',
          url: graphPath`/users/${id}/mailboxSettings`,
        })),
      );
      const out = new Map<string, MailboxSettings | GraphError>();
      results.forEach((r, i) => {
        const userId = unique[i];
        if (userId !== undefined) out.set(userId, r.ok ? (r.body as MailboxSettings) : r.error);
      });
      return out;
    },

    async getSchedule(q) {
      validateSchedule(q);
      const call = {
        method: 'POST' as const,
        headers: preferTimeZone(q.timeZone),
        body: {
          schedules: q.schedules,
          startTime: { dateTime: utcDateTime(q.start), timeZone: 'UTC' },
          endTime: { dateTime: utcDateTime(q.end), timeZone: 'UTC' },
          availabilityViewInterval: q.intervalMinutes,
        },
      };
      const path = graphPath`/users/${q.mailbox}/calendar/getSchedule`;
      const answer = (
        q.batched === true
          ? await coalesced.submit({ ...call, url: path })
          : await request<unknown>({ ...call, path })
      ) as { value?: ScheduleInformation[] } | undefined;
      return answer?.value ?? [];
    },

    async createEvent(organizerId, event, q) {
      if (typeof event.transactionId !== 'string' || event.transactionId === '') {
        throw invalidRequest(
          'createEvent needs a transactionId, stored before the call, so retries cannot duplicate',
        );
      }
      if (q?.batched === true) {
        return (await coalesced.submit({
          method: 'POST',
          url: graphPath`/users/${organizerId}/events`,
          body: event,
        })) as Event;
      }
      return request<Event>({
        method: 'POST',
        path: graphPath`/users/${organizerId}/events`,
        body: event,
      });
    },

    getEvent(userId, eventId, q) {
      return request<Event>({
        path: graphPath`/users/${userId}/events/${eventId}`,
        query: { $select: q?.select?.join(',') },
      });
    },

    updateEvent(userId, eventId, patch) {
      return request<Event>({
        method: 'PATCH',
        path: graphPath`/users/${userId}/events/${eventId}`,
        body: patch,
      });
    },

    async deleteEvent(userId, eventId) {
      await send({ method: 'DELETE', path: graphPath`/users/${userId}/events/${eventId}` });
    },

    async cancelEvent(organizerId, eventId, comment) {
      await send({
        method: 'POST',
        path: graphPath`/users/${organizerId}/events/${eventId}/cancel`,
        body: { Comment: comment },
      });
    },

    listInstances(userId, seriesMasterId, start, end, q) {
      assertValidDate(start, 'start');
      assertValidDate(end, 'end');
      return collect<Event>({
        path: graphPath`/users/${userId}/events/${seriesMasterId}/instances`,
        query: {
          startDateTime: start.toISOString(),
          endDateTime: end.toISOString(),
          $select: q?.select?.join(','),
          $top: 200,
        },
        headers: preferTimeZone(q?.timeZone),
      });
    },

    calendarView(userId, start, end, q) {
      assertValidDate(start, 'start');
      assertValidDate(end, 'end');
      return collect<Event>({
        path: graphPath`/users/${userId}/calendarView`,
        query: {
          startDateTime: start.toISOString(),
          endDateTime: end.toISOString(),
          $select: q?.select?.join(','),
          $top: 500,
        },
        headers: preferTimeZone(q?.timeZone),
      });
    },

    createSubscription(subscription) {
      return request<Subscription>({ method: 'POST', path: '/subscriptions', body: subscription });
    },

    renewSubscription(subscriptionId, expirationDateTime) {
      return request<Subscription>({
        method: 'PATCH',
        path: graphPath`/subscriptions/${subscriptionId}`,
        body: { expirationDateTime: expirationDateTime.toISOString() },
      });
    },

    async deleteSubscription(subscriptionId) {
      await send({ method: 'DELETE', path: graphPath`/subscriptions/${subscriptionId}` });
    },

    listSubscriptions() {
      return collect<Subscription>({ path: '/subscriptions' });
    },

    async sendActivityNotification(userId, notification) {
      await send({
        method: 'POST',
        path: graphPath`/users/${userId}/teamwork/sendActivityNotification`,
        body: notification,
      });
    },

    batch(requests) {
      return runBatch(requests, transport);
    },

    stats() {
      return { ...counters };
    },
  };
  return client;
}
