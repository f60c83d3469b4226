import type { DemoPerson } from './demo-org.js';
import { badRequest, GraphError, userNotFound } from './graph-error.js';
import { ok, option, type GraphResponse, type RouteContext } from './graph-request.js';
import { isGroup, type DemoGroup } from './groups.js';
import { buildLink, encodeToken, requireToken } from './paging-token.js';
import { parseUserSelect, projectUser } from './user-json.js';

const MAX_TOP = 999;
const DEFAULT_TOP = 100;

type Getter = (g: DemoGroup, domain: string) => unknown;

/** The group properties the tenant models; `GET /groups` answers these without `$select`. */
const GROUP_PROPERTIES: Record<string, Getter> = {
  id: (g) => g.id,
  deletedDateTime: () => null,
  classification: () => null,
  createdDateTime: (g) => g.createdDateTime,
  description: (g) => g.description,
  displayName: (g) => g.displayName,
  expirationDateTime: () => null,
  groupTypes: (g) => [...g.groupTypes],
  isAssignableToRole: () => null,
  mail: (g, domain) => (g.mailEnabled ? `${g.mailNickname}@${domain}` : null),
  mailEnabled: (g) => g.mailEnabled,
  mailNickname: (g) => g.mailNickname,
  membershipRule: () => null,
  membershipRuleProcessingState: () => null,
  proxyAddresses: (g, domain) => (g.mailEnabled ? [`SMTP:${g.mailNickname}@${domain}`] : []),
  renewedDateTime: (g) => g.createdDateTime,
  securityEnabled: (g) => g.securityEnabled,
  visibility: (g) => (g.groupTypes.includes('Unified') ? 'Private' : null),
};

/** Reading groups and their members needs one of these application permissions (Graph's docs). */
const GROUP_READ_ROLES = [
  'GroupMember.Read.All',
  'Group.Read.All',
  'GroupMember.ReadWrite.All',
  'Group.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];
/** A user's memberships can also be listed with User.Read.All (ids only on real Graph). */
const MEMBER_OF_ROLES = ['User.Read.All', ...GROUP_READ_ROLES];

function requireRole(ctx: RouteContext, roles: readonly string[]): void {
  if (!ctx.caller.roles.some((r) => roles.includes(r)))
    throw new GraphError(
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    );
}

function advanced(ctx: RouteContext): boolean {
  return ctx.headers.consistencylevel?.toLowerCase() === 'eventual';
}

function wantsCount(ctx: RouteContext): boolean {
  const count = option(ctx.query, 'count')?.toLowerCase() === 'true';
  if (count && !advanced(ctx))
    throw badRequest(
      '$count is not currently supported without the header ConsistencyLevel: eventual.',
      'Request_BadRequest',
    );
  return count;
}

/** An OData cast on a directory-object collection is an advanced query: header and `$count`. */
function requireAdvancedCast(ctx: RouteContext, count: boolean): void {
  if (!advanced(ctx) || !count)
    throw badRequest(
      'An OData cast on this collection needs the header ConsistencyLevel: eventual and $count=true.',
      'Request_UnsupportedQuery',
    );
}

function parseGroupSelect(value: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return Object.keys(GROUP_PROPERTIES);
  const names = value.split(',').map((s) => s.trim());
  for (const n of names)
    if (!(n in GROUP_PROPERTIES))
      throw badRequest(
        `Could not find a property named '${n}' on type 'microsoft.graph.group'.`,
        'Request_BadRequest',
      );
  return names;
}

function projectGroup(ctx: RouteContext, g: DemoGroup, props: string[]): Record<string, unknown> {
  const domain = ctx.tenant.state.org.domain;
  const out: Record<string, unknown> = {};
  for (const p of props) out[p] = GROUP_PROPERTIES[p]?.(g, domain);
  return out;
}

function topOf(ctx: RouteContext): number {
  const raw = option(ctx.query, 'top');
  if (raw === undefined) return DEFAULT_TOP;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_TOP)
    throw badRequest(
      `Invalid page size specified: '${raw}'. Must be between 1 and ${MAX_TOP} inclusive.`,
      'Request_UnsupportedQuery',
    );
  return n;
}

/**
 * `$search="displayName:grad"`: Graph tokenizes the name into words and matches each searched
 * word as the start of one of them, case aside. Only displayName and description are searchable.
 */
function parseSearch(ctx: RouteContext): ((g: DemoGroup) => boolean) | undefined {
  const raw = option(ctx.query, 'search');
  if (raw === undefined) return undefined;
  if (!advanced(ctx))
    throw badRequest(
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
      'Request_UnsupportedQuery',
    );
  const m = /^"(displayName|description):([^"]*)"$/i.exec(raw.trim());
  if (m?.[1] === undefined || m[2] === undefined)
    throw badRequest(`Invalid search clause: ${raw}`, 'Request_UnsupportedQuery');
  const field = m[1].toLowerCase() === 'description' ? 'description' : 'displayName';
  const terms = m[2].toLowerCase().split(/\s+/).filter(Boolean);
  return (g) => {
    const words = (g[field] ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u);
    return terms.every((t) => words.some((w) => w.startsWith(t)));
  };
}

/** The one `$filter` the tenant takes on groups: `startswith(displayName,'…')`. */
function parseGroupFilter(ctx: RouteContext): ((g: DemoGroup) => boolean) | undefined {
  const raw = option(ctx.query, 'filter');
  if (raw === undefined || raw.trim() === '') return undefined;
  const m = /^startswith\(\s*displayName\s*,\s*'((?:[^']|'')*)'\s*\)$/i.exec(raw.trim());
  if (m?.[1] === undefined)
    throw badRequest(`Unsupported query: ${raw}`, 'Request_UnsupportedQuery');
  const prefix = m[1].replaceAll("''", "'").toLowerCase();
  return (g) => g.displayName.toLowerCase().startsWith(prefix);
}

/** One page of `items` from the skiptoken's position, with nextLink and `@odata.count`. */
function page<T>(
  ctx: RouteContext,
  o: {
    items: T[];
    project: (item: T) => Record<string, unknown>;
    context: string;
    link: string;
    count: boolean;
  },
): GraphResponse {
  const top = topOf(ctx);
  const skiptoken = option(ctx.query, 'skiptoken');
  const data = skiptoken === undefined ? {} : requireToken(ctx.tenant.epoch, skiptoken);
  const from = typeof data.p === 'number' ? data.p : 0;
  const body: Record<string, unknown> = { '@odata.context': o.context };
  if (o.count) body['@odata.count'] = o.items.length;
  const end = Math.min(from + top, o.items.length);
  if (end < o.items.length) {
    const params: [string, string][] = [];
    for (const [k, v] of ctx.query) if (k.replace(/^\$/, '') !== 'skiptoken') params.push([k, v]);
    params.push(['$skiptoken', encodeToken(ctx.tenant.epoch, { p: end })]);
    body['@odata.nextLink'] = buildLink(o.link, params);
  }
  body.value = o.items.slice(from, end).map(o.project);
  return ok(body);
}

export function listGroups(ctx: RouteContext): GraphResponse {
  requireRole(ctx, GROUP_READ_ROLES);
  const select = parseGroupSelect(option(ctx.query, 'select'));
  const count = wantsCount(ctx);
  const search = parseSearch(ctx);
  const filter = parseGroupFilter(ctx);
  const orderby = option(ctx.query, 'orderby');
  if (orderby !== undefined && !/^displayName(\s+asc)?$/i.test(orderby.trim()))
    throw badRequest(`Unsupported orderby: ${orderby}`, 'Request_UnsupportedQuery');
  if (orderby !== undefined && filter !== undefined) requireAdvancedCast(ctx, count);
  const items = ctx.tenant.state.groups
    .list()
    .filter((g) => (search === undefined || search(g)) && (filter === undefined || filter(g)));
  return page(ctx, {
    items,
    project: (g) => projectGroup(ctx, g, select),
    context: `${ctx.tenant.baseUrl}/$metadata#groups`,
    link: `${ctx.tenant.baseUrl}/groups`,
    count,
  });
}

function requireGroup(ctx: RouteContext): DemoGroup {
  const id = ctx.params.gid ?? '';
  const g = ctx.tenant.state.groups.find(id);
  if (g === undefined) throw userNotFound(id);
  return g;
}

export function getGroup(ctx: RouteContext): GraphResponse {
  requireRole(ctx, GROUP_READ_ROLES);
  const g = requireGroup(ctx);
  const select = parseGroupSelect(option(ctx.query, 'select'));
  return ok({
    '@odata.context': `${ctx.tenant.baseUrl}/$metadata#groups/$entity`,
    ...projectGroup(ctx, g, select),
  });
}

type Cast = 'user' | 'group' | undefined;

function castOf(ctx: RouteContext): Cast {
  const cast = ctx.params.cast;
  if (cast === undefined) return undefined;
  if (cast.toLowerCase() === 'microsoft.graph.user') return 'user';
  if (cast.toLowerCase() === 'microsoft.graph.group') return 'group';
  throw badRequest(`Resource not found for the segment '${cast}'.`);
}

/** Users and groups of a directory-object collection, each in its own shape. */
function directoryObjects(
  ctx: RouteContext,
  items: (DemoPerson | DemoGroup)[],
  cast: Cast,
  link: string,
  count: boolean,
): GraphResponse {
  const selectText = option(ctx.query, 'select');
  const kept = items.filter((x) => cast === undefined || (cast === 'group') === isGroup(x));
  const userProps = cast === 'group' ? [] : parseUserSelect(selectText).properties;
  const groupProps = cast === 'user' ? [] : parseGroupSelect(selectText);
  return page(ctx, {
    items: kept,
    project: (x) => {
      const body = isGroup(x) ? projectGroup(ctx, x, groupProps) : projectUser(x, userProps);
      return cast === undefined
        ? {
            '@odata.type': isGroup(x) ? '#microsoft.graph.group' : '#microsoft.graph.user',
            ...body,
          }
        : body;
    },
    context: `${ctx.tenant.baseUrl}/$metadata#${cast === 'user' ? 'users' : cast === 'group' ? 'groups' : 'directoryObjects'}`,
    link,
    count,
  });
}

/** `/groups/{id}/transitiveMembers[/microsoft.graph.user|group]`: nested members flattened. */
export function groupTransitiveMembers(ctx: RouteContext): GraphResponse {
  requireRole(ctx, GROUP_READ_ROLES);
  const g = requireGroup(ctx);
  const cast = castOf(ctx);
  const count = wantsCount(ctx);
  if (cast !== undefined) requireAdvancedCast(ctx, count);
  const path = `groups/${g.id}/transitiveMembers${ctx.params.cast === undefined ? '' : `/${ctx.params.cast}`}`;
  return directoryObjects(
    ctx,
    ctx.tenant.state.groups.transitiveMembers(g.id),
    cast,
    `${ctx.tenant.baseUrl}/${path}`,
    count,
  );
}

/** `/users/{id}/transitiveMemberOf[/microsoft.graph.group]`: every group the user is in. */
export function userTransitiveMemberOf(ctx: RouteContext): GraphResponse {
  requireRole(ctx, MEMBER_OF_ROLES);
  const key = ctx.params.id ?? '';
  const user = ctx.tenant.state.directory.find(key);
  if (user === undefined) throw userNotFound(key);
  const cast = castOf(ctx);
  if (cast === 'user') throw badRequest(`Resource not found for the segment '${ctx.params.cast}'.`);
  const count = wantsCount(ctx);
  if (cast !== undefined) requireAdvancedCast(ctx, count);
  const path = `users/${user.id}/transitiveMemberOf${ctx.params.cast === undefined ? '' : `/${ctx.params.cast}`}`;
  return directoryObjects(
    ctx,
    ctx.tenant.state.groups.transitiveMemberOf(user.id),
    cast,
    `${ctx.tenant.baseUrl}/${path}`,
    count,
  );
}
