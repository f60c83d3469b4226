import type { DemoPerson } from './demo-org.js';
import { badRequest, GraphError, userNotFound } from './graph-error.js';
import { ok, option, type GraphResponse, type RouteContext } from './graph-request.js';
import { buildLink, decodeToken, encodeToken, requireToken } from './paging-token.js';
import {
  notImplementedMailboxSettings,
  parseUserFilter,
  parseUserSelect,
  projectUser,
  type UserSelect,
} from './user-json.js';
import { mailboxSettingsJson } from './mailbox-routes.js';

const MAX_TOP = 999;
const DEFAULT_TOP = 100;
/** Graph caps a page at 100 when `$expand` is used, whatever `$top` says. */
const EXPAND_CAP = 100;
/** Users delta: 200 objects a page by default and at most (Prefer: odata.maxpagesize). */
const DELTA_PAGE = 200;

interface Expand {
  manager: boolean;
  managerSelect: string[] | undefined;
}

function parseExpand(value: string | undefined): Expand {
  if (value === undefined || value.trim() === '')
    return { manager: false, managerSelect: undefined };
  const m = /^manager(?:\(\s*\$?select=([^)]*)\))?$/i.exec(value.trim());
  if (m === null) {
    throw badRequest(
      `Could not find a property named '${value.split('(')[0] ?? value}' on type 'microsoft.graph.user'.`,
      'Request_BadRequest',
    );
  }
  return {
    manager: true,
    managerSelect: m[1] === undefined ? undefined : parseUserSelect(m[1]).properties,
  };
}

function topOf(ctx: RouteContext): number {
  const raw = option(ctx.query, 'top');
  if (raw === undefined) return DEFAULT_TOP;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_TOP) {
    throw badRequest(
      `Invalid page size specified: '${raw}'. Must be between 1 and ${MAX_TOP} inclusive.`,
      'Request_UnsupportedQuery',
    );
  }
  return n;
}

function withManager(
  ctx: RouteContext,
  item: Record<string, unknown>,
  p: DemoPerson,
  expand: Expand,
): Record<string, unknown> {
  if (!expand.manager || p.managerId === null) return item;
  const manager = ctx.tenant.state.directory.find(p.managerId);
  if (manager === undefined) return item;
  const props = expand.managerSelect ?? parseUserSelect(undefined).properties;
  item.manager = { '@odata.type': '#microsoft.graph.user', ...projectUser(manager, props) };
  return item;
}

function passthrough(ctx: RouteContext, skip: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of ctx.query) if (!skip.includes(k.replace(/^\$/, ''))) out.push([k, v]);
  return out;
}

export function listUsers(ctx: RouteContext): GraphResponse {
  const select = parseUserSelect(option(ctx.query, 'select'));
  if (select.mailboxSettings) throw notImplementedMailboxSettings();
  const expand = parseExpand(option(ctx.query, 'expand'));
  const filter = parseUserFilter(option(ctx.query, 'filter'));
  let top = topOf(ctx);
  if (expand.manager) top = Math.min(top, EXPAND_CAP);
  const wantCount = option(ctx.query, 'count')?.toLowerCase() === 'true';
  if (wantCount && ctx.headers.consistencylevel?.toLowerCase() !== 'eventual') {
    throw badRequest(
      '$count is not currently supported without the header ConsistencyLevel: eventual.',
      'Request_BadRequest',
    );
  }
  const skiptoken = option(ctx.query, 'skiptoken');
  let position = 0;
  if (skiptoken !== undefined) {
    const data = requireToken(ctx.tenant.epoch, skiptoken);
    position = typeof data.p === 'number' ? data.p : 0;
  }
  const records = ctx.tenant.state.directory.records;
  const value: Record<string, unknown>[] = [];
  let i = position;
  for (; i < records.length && value.length < top; i++) {
    const r = records[i];
    if (r === undefined || r.removed !== null) continue;
    if (filter !== undefined && !filter(r.person)) continue;
    value.push(withManager(ctx, projectUser(r.person, select.properties), r.person, expand));
  }
  let more = false;
  for (let j = i; j < records.length; j++) {
    const r = records[j];
    if (r !== undefined && r.removed === null && (filter === undefined || filter(r.person))) {
      more = true;
      break;
    }
  }
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.tenant.baseUrl}/$metadata#users(${select.properties.join(',')})`,
  };
  if (wantCount) {
    let n = 0;
    for (const r of records)
      if (r.removed === null && (filter === undefined || filter(r.person))) n++;
    body['@odata.count'] = n;
  }
  if (more) {
    const params = passthrough(ctx, ['skiptoken']);
    params.push(['$skiptoken', encodeToken(ctx.tenant.epoch, { p: i })]);
    body['@odata.nextLink'] = buildLink(`${ctx.tenant.baseUrl}/users`, params);
  }
  body.value = value;
  return ok(body);
}

function requireUser(ctx: RouteContext): DemoPerson {
  const key = ctx.params.id ?? '';
  const p = ctx.tenant.state.directory.find(key);
  if (p === undefined) throw userNotFound(key);
  return p;
}

export function getUser(ctx: RouteContext): GraphResponse {
  const p = requireUser(ctx);
  const select = parseUserSelect(option(ctx.query, 'select'));
  const expand = parseExpand(option(ctx.query, 'expand'));
  const item = withManager(ctx, projectUser(p, select.properties), p, expand);
  if (select.mailboxSettings) item.mailboxSettings = mailboxSettingsJson(p, undefined);
  return ok({ '@odata.context': `${ctx.tenant.baseUrl}/$metadata#users/$entity`, ...item });
}

export function getManager(ctx: RouteContext): GraphResponse {
  const p = requireUser(ctx);
  const manager = p.managerId === null ? undefined : ctx.tenant.state.directory.find(p.managerId);
  // The top of the chart (and anyone whose manager is missing) answers 404, as Graph does.
  if (manager === undefined) throw userNotFound('manager');
  const select = parseUserSelect(option(ctx.query, 'select'));
  return ok({
    '@odata.context': `${ctx.tenant.baseUrl}/$metadata#directoryObjects/$entity`,
    '@odata.type': '#microsoft.graph.user',
    ...projectUser(manager, select.properties),
  });
}

export function getDirectReports(ctx: RouteContext): GraphResponse {
  const p = requireUser(ctx);
  const select = parseUserSelect(option(ctx.query, 'select'));
  return ok({
    '@odata.context': `${ctx.tenant.baseUrl}/$metadata#directoryObjects`,
    value: ctx.tenant.state.directory.directReports(p.id).map((r) => ({
      '@odata.type': '#microsoft.graph.user',
      ...projectUser(r, select.properties),
    })),
  });
}

function deltaPageSize(ctx: RouteContext): { size: number; applied: string | undefined } {
  const m = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(ctx.headers.prefer ?? '');
  if (m?.[1] === undefined) return { size: DELTA_PAGE, applied: undefined };
  const size = Math.max(1, Math.min(Number(m[1]), DELTA_PAGE));
  return { size, applied: `odata.maxpagesize=${size}` };
}

function resyncRequired(ctx: RouteContext, select: string): GraphError {
  const location = `${ctx.tenant.baseUrl}/users/delta${select === '' ? '' : `?$select=${select}`}`;
  return new GraphError(
    410,
    'resyncRequired',
    'Resync required. The delta token is unknown or has expired; replace any local copies with the results of a full delta round.',
    { Location: location },
  );
}

/**
 * The only `$filter` users/delta takes: `id eq '…'` clauses joined by `or` (tracking chosen
 * objects). Graph answers anything else with 400 Request_UnsupportedQuery.
 */
function parseDeltaFilter(filter: string): Set<string> | undefined {
  if (filter.trim() === '') return undefined;
  const ids = new Set<string>();
  for (const clause of filter.split(/\s+or\s+/i)) {
    const m = /^\s*id\s+eq\s+'([^']+)'\s*$/i.exec(clause);
    if (m?.[1] === undefined)
      throw badRequest(
        `Unsupported query: users/delta only filters on id eq '…' (got '${filter}').`,
        'Request_UnsupportedQuery',
      );
    ids.add(m[1].toLowerCase());
  }
  return ids;
}

/**
 * `/users/delta`: a first round over every user (pages with nextLink, then a deltaLink, even
 * when empty), then rounds of changes since the token: changed users, `manager@delta`,
 * `@removed` with `changed` (soft delete) or `deleted`. Unknown or expired tokens answer 410.
 */
export function usersDelta(ctx: RouteContext): GraphResponse {
  const { state, epoch, baseUrl } = ctx.tenant;
  const directory = state.directory;
  const skiptoken = option(ctx.query, 'skiptoken');
  const deltatoken = option(ctx.query, 'deltatoken');
  let selectText = option(ctx.query, 'select') ?? '';
  let filterText = option(ctx.query, 'filter') ?? '';
  let kind: 'initial' | 'changes';
  let position = 0;
  let since: number;
  let until = directory.version;
  if (skiptoken !== undefined || (deltatoken !== undefined && deltatoken !== 'latest')) {
    const token = skiptoken ?? deltatoken ?? '';
    const data = decodeToken(epoch, token);
    if (data === undefined) throw resyncRequired(ctx, selectText);
    selectText = typeof data.s === 'string' ? data.s : '';
    filterText = typeof data.f === 'string' ? data.f : '';
    since = typeof data.v === 'number' ? data.v : 0;
    if (since < directory.oldestValidVersion) throw resyncRequired(ctx, selectText);
    kind = data.k === 'i' ? 'initial' : 'changes';
    position = typeof data.p === 'number' ? data.p : 0;
    if (typeof data.u === 'number') until = data.u;
  } else if (deltatoken === 'latest') {
    parseDeltaFilter(filterText);
    return ok({
      '@odata.context': `${baseUrl}/$metadata#users`,
      '@odata.deltaLink': buildLink(`${baseUrl}/users/delta`, [
        [
          '$deltatoken',
          encodeToken(epoch, { k: 'c', v: directory.version, s: selectText, f: filterText }),
        ],
      ]),
      value: [],
    });
  } else {
    kind = 'initial';
    since = directory.version;
  }
  const select: UserSelect = parseUserSelect(selectText === '' ? undefined : selectText, {
    allowManager: true,
  });
  if (select.mailboxSettings) throw notImplementedMailboxSettings();
  const only = parseDeltaFilter(filterText);
  const tracked = (p: DemoPerson): boolean => only === undefined || only.has(p.id.toLowerCase());
  const { size, applied } = deltaPageSize(ctx);
  const value: Record<string, unknown>[] = [];
  let nextPosition: number;
  let done: boolean;

  const managerLinks = (p: DemoPerson, previous: string | null): unknown[] | undefined => {
    if (p.managerId !== null) return [{ '@odata.type': '#microsoft.graph.user', id: p.managerId }];
    if (previous !== null)
      return [
        { '@odata.type': '#microsoft.graph.user', id: previous, '@removed': { reason: 'deleted' } },
      ];
    return undefined;
  };

  if (kind === 'initial') {
    const records = directory.records;
    let i = position;
    for (; i < records.length && value.length < size; i++) {
      const r = records[i];
      if (r === undefined || r.removed !== null || !tracked(r.person)) continue;
      const item = projectUser(r.person, select.properties);
      if (select.manager && r.person.managerId !== null)
        item['manager@delta'] = managerLinks(r.person, null);
      value.push(item);
    }
    nextPosition = i;
    done = i >= records.length;
  } else {
    const changed = directory.changedBetween(since, until);
    let i = position;
    for (; i < changed.length && value.length < size; i++) {
      const r = changed[i];
      if (r === undefined || !tracked(r.person)) continue;
      if (r.removed !== null) {
        value.push({ id: r.person.id, '@removed': { reason: r.removed } });
        continue;
      }
      const item = projectUser(r.person, select.properties);
      if (select.manager && r.managerVersion > since) {
        const links = managerLinks(r.person, r.previousManagerId);
        if (links !== undefined) item['manager@delta'] = links;
      }
      value.push(item);
    }
    nextPosition = i;
    done = i >= changed.length;
  }

  const body: Record<string, unknown> = {
    '@odata.context': `${baseUrl}/$metadata#users(${select.properties.join(',')})`,
  };
  if (done) {
    body['@odata.deltaLink'] = buildLink(`${baseUrl}/users/delta`, [
      [
        '$deltatoken',
        encodeToken(epoch, {
          k: 'c',
          v: kind === 'initial' ? since : until,
          s: selectText,
          f: filterText,
        }),
      ],
    ]);
  } else {
    body['@odata.nextLink'] = buildLink(`${baseUrl}/users/delta`, [
      [
        '$skiptoken',
        encodeToken(epoch, {
          k: kind === 'initial' ? 'i' : 'c',
          v: since,
          u: until,
          p: nextPosition,
          s: selectText,
          f: filterText,
        }),
      ],
    ]);
  }
  body.value = value;
  return ok(body, 200, applied === undefined ? undefined : { 'Preference-Applied': applied });
}
