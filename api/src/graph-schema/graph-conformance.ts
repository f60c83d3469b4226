import { SchemaValidator, type PropertyDef, type SchemaProblem } from './schema-validator.js';

/** One Graph call as seen on the wire: what was asked and, when known, what came back. */
export interface GraphExchange {
  method: string;
  /** After `/v1.0`, e.g. `/users/x/events?$select=subject`; URL-encoded or not. */
  path: string;
  requestBody?: unknown;
  status?: number;
  responseBody?: unknown;
}

type BodyShape =
  | { kind: 'none' }
  | { kind: 'entity'; type: string }
  | { kind: 'collection'; type: string; delta?: boolean }
  | { kind: 'action'; name: string; binding: string }
  | { kind: 'mailboxSettingsProperty' }
  | { kind: 'batch' };

interface Route {
  method: string;
  segments: string[];
  request: BodyShape;
  response: BodyShape;
}

const G = 'microsoft.graph.';
const NONE: BodyShape = { kind: 'none' };
const entity = (t: string): BodyShape => ({ kind: 'entity', type: G + t });
const collection = (t: string, delta = false): BodyShape => ({
  kind: 'collection',
  type: G + t,
  ...(delta ? { delta } : {}),
});
const r = (method: string, pattern: string, request: BodyShape, response: BodyShape): Route => ({
  method,
  segments: pattern.split('/'),
  request,
  response,
});
const EVENT_ACTIONS = ['cancel', 'accept', 'decline', 'tentativelyAccept'];

const eventRoutes = (prefix: string): Route[] => [
  r('GET', prefix, NONE, collection('event')),
  r('POST', prefix, entity('event'), entity('event')),
  r('GET', `${prefix}/:eid`, NONE, entity('event')),
  r('PATCH', `${prefix}/:eid`, entity('event'), entity('event')),
  r('DELETE', `${prefix}/:eid`, NONE, NONE),
  r('GET', `${prefix}/:eid/instances`, NONE, collection('event')),
  ...EVENT_ACTIONS.map((a) =>
    r('POST', `${prefix}/:eid/${a}`, { kind: 'action', name: a, binding: `${G}event` }, NONE),
  ),
];

/** Every Graph operation the app and the local tenant use, with the shape of both bodies. */
const ROUTES: Route[] = [
  r('GET', 'users', NONE, collection('user')),
  r('GET', 'users/delta', NONE, collection('user', true)),
  r('GET', 'users/:id', NONE, entity('user')),
  r('GET', 'users/:id/manager', NONE, entity('directoryObject')),
  r('GET', 'users/:id/directReports', NONE, collection('directoryObject')),
  r('GET', 'users/:id/transitiveMemberOf', NONE, collection('directoryObject')),
  r('GET', 'users/:id/transitiveMemberOf/microsoft.graph.group', NONE, collection('group')),
  r('GET', 'groups', NONE, collection('group')),
  r('GET', 'groups/:gid', NONE, entity('group')),
  r('GET', 'groups/:gid/transitiveMembers', NONE, collection('directoryObject')),
  r('GET', 'groups/:gid/transitiveMembers/microsoft.graph.user', NONE, collection('user')),
  r('GET', 'groups/:gid/transitiveMembers/microsoft.graph.group', NONE, collection('group')),
  r('GET', 'users/:id/mailboxSettings', NONE, entity('mailboxSettings')),
  r('GET', 'users/:id/mailboxSettings/:prop', NONE, { kind: 'mailboxSettingsProperty' }),
  r(
    'POST',
    'users/:id/calendar/getSchedule',
    { kind: 'action', name: 'getSchedule', binding: `${G}calendar` },
    collection('scheduleInformation'),
  ),
  ...eventRoutes('users/:id/events'),
  ...eventRoutes('users/:id/calendar/events'),
  r('GET', 'users/:id/calendarView', NONE, collection('event')),
  r('GET', 'users/:id/calendar/calendarView', NONE, collection('event')),
  r(
    'POST',
    'users/:id/teamwork/sendActivityNotification',
    { kind: 'action', name: 'sendActivityNotification', binding: `${G}userTeamwork` },
    NONE,
  ),
  r('GET', 'subscriptions', NONE, collection('subscription')),
  r('POST', 'subscriptions', entity('subscription'), entity('subscription')),
  r('GET', 'subscriptions/:sid', NONE, entity('subscription')),
  r('PATCH', 'subscriptions/:sid', entity('subscription'), entity('subscription')),
  r('DELETE', 'subscriptions/:sid', NONE, NONE),
  r('POST', '$batch', { kind: 'batch' }, { kind: 'batch' }),
];

function segmentsOf(path: string): string[] {
  const out: string[] = [];
  for (const raw of (path.split('?')[0] ?? '').split('/')) {
    if (raw === '') continue;
    let seg = raw;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      // Left as written; the route simply will not match.
    }
    const keyed = /^(\w+)\('(.*)'\)$/.exec(seg);
    if (keyed?.[1] !== undefined && keyed[2] !== undefined) out.push(keyed[1], keyed[2]);
    else out.push(seg.replace(/\(\)$/, ''));
  }
  return out;
}

function findRoute(method: string, path: string): { route: Route; params: string[] } | undefined {
  const segs = segmentsOf(path);
  for (const route of ROUTES) {
    if (route.method !== method.toUpperCase() || route.segments.length !== segs.length) continue;
    const params: string[] = [];
    const okay = route.segments.every((want, i) => {
      const got = segs[i] ?? '';
      if (want.startsWith(':')) {
        params.push(got);
        return true;
      }
      return want.toLowerCase() === got.toLowerCase();
    });
    if (okay) return { route, params };
  }
  return undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const prefix = (where: string, problems: SchemaProblem[]): SchemaProblem[] =>
  problems.map((p) => ({ path: `${where} ${p.path}`, message: p.message }));

/** A problem for each member of `o` not in `known`, at `at.member`. */
function unknownMembers(
  o: Record<string, unknown>,
  known: ReadonlySet<string>,
  at: string,
): SchemaProblem[] {
  return Object.keys(o)
    .filter((key) => !known.has(key))
    .map((key) => ({ path: `${at}.${key}`, message: `unknown member '${key}'` }));
}

const BATCH_REQUEST_KEYS = new Set(['id', 'method', 'url', 'headers', 'body', 'dependsOn']);
const BATCH_RESPONSE_KEYS = new Set(['id', 'status', 'headers', 'body']);
const BATCH_METHODS = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);
const ERROR_KEYS = new Set(['code', 'message', 'innerError', 'details', 'target']);
const INNER_ERROR_KEYS = new Set(['date', 'request-id', 'client-request-id', 'code']);
const PROPERTY_ANSWER_KEYS = new Set(['value', '@odata.context']);
const ERROR_BODY_KEYS = new Set(['error']);
const BATCH_REQUEST_BODY_KEYS = new Set(['requests']);
const BATCH_RESPONSE_BODY_KEYS = new Set(['responses', '@odata.nextLink']);

interface BatchSub {
  id: string;
  method: string;
  url: string;
  body: unknown;
}

/**
 * Holds Graph calls against Microsoft's published v1.0 schema: the request body our client
 * sends, and the answer the service (or the local tenant) gives, for every route we use.
 */
export class GraphConformance {
  constructor(readonly validator = new SchemaValidator()) {}

  request(x: GraphExchange): SchemaProblem[] {
    const where = `${x.method.toUpperCase()} ${x.path.split('?')[0] ?? ''} request`;
    const found = findRoute(x.method, x.path);
    if (found === undefined)
      return [{ path: where, message: 'not an operation in the conformance route table' }];
    return prefix(where, this.body(x.requestBody, found.route.request, 'request', x));
  }

  response(x: GraphExchange): SchemaProblem[] {
    const where = `${x.method.toUpperCase()} ${x.path.split('?')[0] ?? ''} ${x.status ?? ''}`;
    const found = findRoute(x.method, x.path);
    if (found === undefined)
      return [{ path: where, message: 'not an operation in the conformance route table' }];
    if (x.status !== undefined && x.status >= 400) return prefix(where, this.error(x.responseBody));
    let shape = found.route.response;
    if (shape.kind === 'mailboxSettingsProperty') {
      const name = found.params[1] ?? '';
      const prop = this.validator.property(`${G}mailboxSettings`, name);
      if (prop === undefined)
        return [{ path: where, message: `'${name}' is not a property of ${G}mailboxSettings` }];
      if (this.validator.isStructured(prop.type)) shape = { kind: 'entity', type: prop.type };
      else return prefix(where, this.primitiveAnswer(x.responseBody, prop));
    }
    if (x.status === 202 || x.status === 204) shape = NONE;
    return prefix(where, this.body(x.responseBody, shape, 'response', x));
  }

  /** Request and response problems of one exchange. */
  exchange(x: GraphExchange): SchemaProblem[] {
    return [...this.request(x), ...(x.status === undefined ? [] : this.response(x))];
  }

  private primitiveAnswer(body: unknown, prop: PropertyDef): SchemaProblem[] {
    if (!isObject(body)) return [{ path: '$', message: 'expected an object with value' }];
    return [
      ...unknownMembers(body, PROPERTY_ANSWER_KEYS, '$'),
      ...this.validator.value(body.value, prop, '$.value'),
    ];
  }

  private body(
    body: unknown,
    shape: BodyShape,
    side: 'request' | 'response',
    x: GraphExchange,
  ): SchemaProblem[] {
    switch (shape.kind) {
      case 'none':
        return body === undefined || (isObject(body) && Object.keys(body).length === 0)
          ? []
          : [{ path: '$', message: `no body expected in the ${side}` }];
      case 'entity':
        return body === undefined
          ? [{ path: '$', message: `a ${shape.type} body is expected` }]
          : this.validator.object(body, shape.type);
      case 'collection':
        return this.validator.collection(
          body,
          shape.type,
          shape.delta === true ? { delta: true } : {},
        );
      case 'action':
        return this.validator.actionBody(body, shape.name, shape.binding);
      case 'batch':
        return side === 'request' ? this.batchRequest(body) : this.batchResponse(body, x);
      case 'mailboxSettingsProperty':
        return [];
    }
  }

  /** Graph's error body: `{"error":{"code","message","innerError":{...}}}`. */
  private error(body: unknown): SchemaProblem[] {
    if (!isObject(body) || !isObject(body.error))
      return [{ path: '$', message: 'an error answer needs an "error" object' }];
    const e = body.error;
    const out = [
      ...unknownMembers(body, ERROR_BODY_KEYS, '$'),
      ...unknownMembers(e, ERROR_KEYS, '$.error'),
    ];
    if (typeof e.code !== 'string' || e.code === '')
      out.push({ path: '$.error.code', message: 'a non-empty string is required' });
    if (typeof e.message !== 'string')
      out.push({ path: '$.error.message', message: 'a string is required' });
    if (e.innerError !== undefined) {
      if (!isObject(e.innerError))
        out.push({ path: '$.error.innerError', message: 'expected an object' });
      else {
        out.push(...unknownMembers(e.innerError, INNER_ERROR_KEYS, '$.error.innerError'));
        for (const [key, v] of Object.entries(e.innerError))
          if (INNER_ERROR_KEYS.has(key) && typeof v !== 'string')
            out.push({ path: `$.error.innerError.${key}`, message: 'expected a string' });
      }
    }
    return out;
  }

  private batchSubs(body: unknown): { subs: BatchSub[]; problems: SchemaProblem[] } {
    const problems: SchemaProblem[] = [];
    const subs: BatchSub[] = [];
    if (!isObject(body) || !Array.isArray(body.requests))
      return { subs, problems: [{ path: '$.requests', message: 'an array is required' }] };
    problems.push(...unknownMembers(body, BATCH_REQUEST_BODY_KEYS, '$'));
    if (body.requests.length === 0 || body.requests.length > 20)
      problems.push({ path: '$.requests', message: 'between 1 and 20 requests are allowed' });
    const ids = new Set<string>();
    body.requests.forEach((s: unknown, i) => {
      const at = `$.requests[${i}]`;
      if (!isObject(s)) {
        problems.push({ path: at, message: 'expected an object' });
        return;
      }
      problems.push(...unknownMembers(s, BATCH_REQUEST_KEYS, at));
      if (typeof s.id !== 'string' || s.id === '')
        problems.push({ path: `${at}.id`, message: 'a non-empty string is required' });
      else if (ids.has(s.id)) problems.push({ path: `${at}.id`, message: 'ids must be unique' });
      else ids.add(s.id);
      if (typeof s.method !== 'string' || !BATCH_METHODS.has(s.method.toUpperCase()))
        problems.push({ path: `${at}.method`, message: 'GET, POST, PATCH, PUT or DELETE' });
      if (typeof s.url !== 'string' || /^https?:/i.test(s.url) || s.url.startsWith('/v1.0'))
        problems.push({ path: `${at}.url`, message: 'a URL relative to the version is required' });
      if (s.headers !== undefined && !isObject(s.headers))
        problems.push({ path: `${at}.headers`, message: 'expected an object' });
      if (s.body !== undefined) {
        const headers = isObject(s.headers) ? Object.keys(s.headers) : [];
        if (!headers.some((h) => h.toLowerCase() === 'content-type'))
          problems.push({
            path: `${at}.headers`,
            message: 'a request with a body needs Content-Type',
          });
      }
      if (
        s.dependsOn !== undefined &&
        (!Array.isArray(s.dependsOn) || s.dependsOn.some((d) => typeof d !== 'string'))
      )
        problems.push({ path: `${at}.dependsOn`, message: 'an array of request ids is required' });
      if (typeof s.id === 'string' && typeof s.method === 'string' && typeof s.url === 'string')
        subs.push({ id: s.id, method: s.method, url: s.url, body: s.body });
    });
    return { subs, problems };
  }

  private batchRequest(body: unknown): SchemaProblem[] {
    const { subs, problems } = this.batchSubs(body);
    const out = [...problems];
    // Sub-requests already refused for their method or URL are not checked against a route.
    const routable = subs.filter(
      (s) => BATCH_METHODS.has(s.method.toUpperCase()) && !/^https?:/i.test(s.url),
    );
    for (const s of routable)
      out.push(
        ...prefix(
          `[${s.id}]`,
          this.request({
            method: s.method,
            path: `/${s.url.replace(/^\//, '')}`,
            requestBody: s.body,
          }),
        ),
      );
    return out;
  }

  private batchResponse(body: unknown, x: GraphExchange): SchemaProblem[] {
    const { subs } = this.batchSubs(x.requestBody);
    const byId = new Map(subs.map((s) => [s.id, s]));
    if (!isObject(body) || !Array.isArray(body.responses))
      return [{ path: '$.responses', message: 'an array is required' }];
    const out = unknownMembers(body, BATCH_RESPONSE_BODY_KEYS, '$');
    const seen = new Set<string>();
    body.responses.forEach((s: unknown, i) => {
      const at = `$.responses[${i}]`;
      if (!isObject(s)) {
        out.push({ path: at, message: 'expected an object' });
        return;
      }
      out.push(...unknownMembers(s, BATCH_RESPONSE_KEYS, at));
      if (typeof s.status !== 'number' || !Number.isInteger(s.status))
        out.push({ path: `${at}.status`, message: 'an integer status is required' });
      if (s.headers !== undefined && !isObject(s.headers))
        out.push({ path: `${at}.headers`, message: 'expected an object' });
      const sub = typeof s.id === 'string' ? byId.get(s.id) : undefined;
      if (sub === undefined) {
        out.push({ path: `${at}.id`, message: `answers no request (id ${JSON.stringify(s.id)})` });
        return;
      }
      seen.add(sub.id);
      out.push(
        ...prefix(
          `[${sub.id}]`,
          this.response({
            method: sub.method,
            path: `/${sub.url.replace(/^\//, '')}`,
            requestBody: sub.body,
            status: typeof s.status === 'number' ? s.status : undefined,
            responseBody: s.body,
          }),
        ),
      );
    });
    for (const s of subs)
      if (!seen.has(s.id))
        out.push({ path: '$.responses', message: `no answer for request ${s.id}` });
    return out;
  }
}

/** Problems as one line each, for an assertion message. */
export function formatProblems(problems: SchemaProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('\n');
}
