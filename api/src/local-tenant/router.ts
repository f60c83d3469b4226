import { getSchedule, getMailboxSettings } from './mailbox-routes.js';
import {
  calendarView,
  createEvent,
  deleteEvent,
  eventAction,
  getEvent,
  instances,
  listEvents,
  updateEvent,
} from './events-routes.js';
import { badRequest, GraphError, graphErrorBody } from './graph-error.js';
import {
  getGroup,
  groupTransitiveMembers,
  listGroups,
  userTransitiveMemberOf,
} from './groups-routes.js';
import type { GraphRequest, GraphResponse, RouteContext, TenantContext } from './graph-request.js';
import {
  createSubscription,
  deleteSubscription,
  getSubscription,
  listSubscriptions,
  renewSubscription,
  sendActivityNotification,
} from './subscriptions-routes.js';
import type { Throttle } from './throttle.js';
import { getDirectReports, getManager, getUser, listUsers, usersDelta } from './users-routes.js';

type Handler = (ctx: RouteContext) => GraphResponse | Promise<GraphResponse>;

interface Route {
  method: string;
  segments: string[];
  name: string;
  /** Mailbox routes are subject to the per-mailbox concurrency limit and budget. */
  mailbox: boolean;
  handle: Handler;
}

function route(method: string, pattern: string, handle: Handler, mailbox = false): Route {
  return {
    method,
    segments: pattern.split('/'),
    name: `${method} /${pattern.replace(/:(\w+)/g, '{$1}')}`,
    mailbox,
    handle,
  };
}

const EVENT_ROUTES = (prefix: string): Route[] => [
  route('GET', `${prefix}`, listEvents, true),
  route('POST', `${prefix}`, createEvent, true),
  route('GET', `${prefix}/:eventId`, getEvent, true),
  route('PATCH', `${prefix}/:eventId`, updateEvent, true),
  route('DELETE', `${prefix}/:eventId`, deleteEvent, true),
  route('GET', `${prefix}/:eventId/instances`, instances, true),
  route('POST', `${prefix}/:eventId/:action`, eventAction, true),
];

const ROUTES: Route[] = [
  route('GET', 'users', listUsers),
  route('GET', 'users/delta', usersDelta),
  route('GET', 'users/:id', getUser),
  route('GET', 'users/:id/manager', getManager),
  route('GET', 'users/:id/directReports', getDirectReports),
  route('GET', 'users/:id/transitiveMemberOf', userTransitiveMemberOf),
  route('GET', 'users/:id/transitiveMemberOf/:cast', userTransitiveMemberOf),
  route('GET', 'groups', listGroups),
  route('GET', 'groups/:gid', getGroup),
  route('GET', 'groups/:gid/transitiveMembers', groupTransitiveMembers),
  route('GET', 'groups/:gid/transitiveMembers/:cast', groupTransitiveMembers),
  route('GET', 'users/:id/mailboxSettings', getMailboxSettings, true),
  route('GET', 'users/:id/mailboxSettings/:prop', getMailboxSettings, true),
  route('POST', 'users/:id/calendar/getSchedule', getSchedule, true),
  ...EVENT_ROUTES('users/:id/events'),
  ...EVENT_ROUTES('users/:id/calendar/events'),
  route('GET', 'users/:id/calendarView', calendarView, true),
  route('GET', 'users/:id/calendar/calendarView', calendarView, true),
  route('POST', 'users/:id/teamwork/sendActivityNotification', sendActivityNotification),
  route('GET', 'subscriptions', listSubscriptions),
  route('POST', 'subscriptions', createSubscription),
  route('GET', 'subscriptions/:sid', getSubscription),
  route('PATCH', 'subscriptions/:sid', renewSubscription),
  route('DELETE', 'subscriptions/:sid', deleteSubscription),
];

/** Splits and decodes the path; `users('x')` and `delta()` are folded into plain segments. */
function segmentsOf(path: string): string[] {
  const out: string[] = [];
  for (const raw of path.split('/')) {
    if (raw === '') continue;
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      throw badRequest(`The request URI is not valid: '${path}'.`);
    }
    const keyed = /^(\w+)\('(.*)'\)$/.exec(seg);
    if (keyed?.[1] !== undefined && keyed[2] !== undefined) out.push(keyed[1], keyed[2]);
    else out.push(seg.replace(/\(\)$/, ''));
  }
  return out;
}

function match(method: string, path: string): { route: Route; params: Record<string, string> } {
  const segs = segmentsOf(path);
  let pathMatched = false;
  for (const r of ROUTES) {
    if (r.segments.length !== segs.length) continue;
    const params: Record<string, string> = {};
    let okay = true;
    for (let i = 0; i < segs.length && okay; i++) {
      const want = r.segments[i] ?? '';
      const got = segs[i] ?? '';
      if (want.startsWith(':')) params[want.slice(1)] = got;
      else okay = want.toLowerCase() === got.toLowerCase();
    }
    if (!okay) continue;
    pathMatched = true;
    if (r.method === method) return { route: r, params };
  }
  if (pathMatched)
    throw new GraphError(
      405,
      'Request_BadRequest',
      `The HTTP method '${method}' is not allowed for this resource.`,
    );
  const known = new Set(
    ROUTES.flatMap((r) => r.segments.filter((s) => !s.startsWith(':')).map((s) => s.toLowerCase())),
  );
  const unknown =
    segs.find((s, i) => i === 0 || (!known.has(s.toLowerCase()) && i % 2 === 0)) ?? segs[0] ?? '';
  throw badRequest(`Resource not found for the segment '${unknown}'.`);
}

export interface RouterStats {
  route(name: string): void;
  throttled(): void;
}

export function errorResponse(e: unknown, req: Pick<GraphRequest, 'ids'>): GraphResponse {
  if (e instanceof GraphError)
    return {
      status: e.status,
      headers: e.headers,
      body: graphErrorBody(e.code, e.message, req.ids),
    };
  const message = e instanceof Error ? e.message : String(e);
  return { status: 500, body: graphErrorBody('InternalServerError', message, req.ids) };
}

/**
 * One Graph call through the route table, under throttling and fault injection, with every
 * failure answered in Graph's error shape. `$batch` sub-requests come through here too.
 */
export async function dispatch(
  req: GraphRequest,
  deps: { tenant: TenantContext; throttle: Throttle; stats: RouterStats },
): Promise<GraphResponse> {
  let res: GraphResponse;
  try {
    const { route: r, params } = match(req.method, req.path);
    deps.stats.route(r.name);
    const ctx: RouteContext = { ...req, params, tenant: deps.tenant };
    let mailboxId: string | undefined;
    if (r.mailbox && params.id !== undefined) {
      mailboxId =
        deps.tenant.state.directory.lookup(params.id)?.person.id ?? params.id.toLowerCase();
    }
    res = await deps.throttle.run({ mailboxId, appId: req.caller.appId, route: r.name }, async () =>
      r.handle(ctx),
    );
  } catch (e) {
    res = errorResponse(e, req);
  }
  if (res.status === 429) deps.stats.throttled();
  return res;
}
