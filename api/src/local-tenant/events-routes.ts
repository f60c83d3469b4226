import type { Attendee, EventPatch, NewEvent, ResolvedItem, ShowAs } from './calendar-store.js';
import { badRequest, type GraphError } from './graph-error.js';
import {
  actionParameters,
  noContent,
  ok,
  option,
  type GraphResponse,
  type RouteContext,
} from './graph-request.js';
import { requireMailbox } from './mailbox-routes.js';
import { buildLink } from './paging-token.js';
import { validateRecurrence, type PatternedRecurrence } from './recurrence.js';
import { parseDateTimeTimeZone, preferredTimeZone, toIanaZone } from './time-zones.js';

const EVENT_PROPERTIES = new Set([
  '@odata.type',
  'subject',
  'body',
  'start',
  'end',
  'location',
  'locations',
  'attendees',
  'isOnlineMeeting',
  'onlineMeetingProvider',
  'recurrence',
  'transactionId',
  'showAs',
  'importance',
  'sensitivity',
  'categories',
  'isReminderOn',
  'reminderMinutesBeforeStart',
  'responseRequested',
  'allowNewTimeProposals',
  'hideAttendees',
  'isAllDay',
]);
const SHOW_AS = new Set(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']);
const IMPORTANCE = new Set(['low', 'normal', 'high']);
const SENSITIVITY = new Set(['normal', 'personal', 'private', 'confidential']);

/** An enum value as Graph reads it: a member name, else 400 naming the property. */
function member(value: unknown, allowed: Set<string>, name: string): string {
  if (typeof value !== 'string' || !allowed.has(value))
    throw badRequest(`Invalid ${name} '${String(value)}'.`, 'ErrorInvalidRequest');
  return value;
}
const DEFAULT_PAGE = 10;
const MAX_PAGE = 1000;

function invalidZone(name: unknown): GraphError {
  return badRequest(
    `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${String(name)}'.`,
    'TimeZoneNotSupportedException',
  );
}

function parseWhen(value: unknown, name: string): { ms: number; zone: string } {
  if (typeof value !== 'object' || value === null)
    throw badRequest(`${name} is required.`, 'ErrorInvalidRequest');
  const { timeZone } = value as { timeZone?: unknown };
  const zone = typeof timeZone === 'string' && timeZone !== '' ? timeZone : 'UTC';
  if (toIanaZone(zone) === undefined) throw invalidZone(timeZone);
  const ms = parseDateTimeTimeZone(value);
  if (ms === undefined)
    throw badRequest(`${name}.dateTime is not a valid date and time.`, 'ErrorInvalidRequest');
  return { ms, zone };
}

function parseAttendees(value: unknown): Attendee[] {
  if (!Array.isArray(value)) throw badRequest('attendees must be a list.', 'ErrorInvalidRequest');
  return value.map((a: unknown) => {
    const entry = (typeof a === 'object' && a !== null ? a : {}) as {
      emailAddress?: { address?: unknown; name?: unknown };
      type?: unknown;
    };
    const address = entry.emailAddress?.address;
    if (typeof address !== 'string' || !address.includes('@'))
      throw badRequest('Every attendee needs emailAddress.address.', 'ErrorInvalidRecipients');
    const type = entry.type === 'optional' || entry.type === 'resource' ? entry.type : 'required';
    return {
      address,
      name: typeof entry.emailAddress?.name === 'string' ? entry.emailAddress.name : address,
      type,
    };
  });
}

/** Parses a create or PATCH body; unknown properties are refused as Graph does. */
function parseEventBody(body: unknown, partial: boolean): EventPatch & { transactionId?: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('The request body must be a JSON object.', 'ErrorInvalidRequest');
  const b = body as Record<string, unknown>;
  for (const key of Object.keys(b)) {
    if (!EVENT_PROPERTIES.has(key))
      throw badRequest(
        `The property '${key}' does not exist on type 'microsoft.graph.event'.`,
        'RequestBodyRead',
      );
  }
  const out: EventPatch & { transactionId?: string } = {};
  if (b.subject !== undefined) out.subject = String(b.subject);
  if (b.body !== undefined) {
    const bb = b.body as { contentType?: unknown; content?: unknown } | null;
    out.body = {
      contentType: bb?.contentType === 'text' ? 'text' : 'html',
      content: typeof bb?.content === 'string' ? bb.content : '',
    };
  }
  if (b.start !== undefined || !partial) {
    const s = parseWhen(b.start, 'start');
    out.startMs = s.ms;
    out.timeZone = s.zone;
  }
  if (b.end !== undefined || !partial) {
    const e = parseWhen(b.end, 'end');
    out.endMs = e.ms;
    out.endTimeZone = e.zone;
  }
  if (b.location !== undefined)
    out.location = String((b.location as { displayName?: unknown } | null)?.displayName ?? '');
  if (b.attendees !== undefined) out.attendees = parseAttendees(b.attendees);
  if (b.isOnlineMeeting !== undefined) out.isOnlineMeeting = b.isOnlineMeeting === true;
  if (typeof b.onlineMeetingProvider === 'string')
    out.onlineMeetingProvider = b.onlineMeetingProvider;
  if (b.showAs !== undefined) out.showAs = member(b.showAs, SHOW_AS, 'showAs') as ShowAs;
  if (b.importance !== undefined) out.importance = member(b.importance, IMPORTANCE, 'importance');
  if (b.sensitivity !== undefined)
    out.sensitivity = member(b.sensitivity, SENSITIVITY, 'sensitivity');
  if (b.isReminderOn !== undefined) {
    if (typeof b.isReminderOn !== 'boolean')
      throw badRequest('isReminderOn must be a boolean.', 'ErrorInvalidRequest');
    out.isReminderOn = b.isReminderOn;
  }
  if (b.reminderMinutesBeforeStart !== undefined) {
    const minutes = b.reminderMinutesBeforeStart;
    if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 0)
      throw badRequest('reminderMinutesBeforeStart must be a whole number.', 'ErrorInvalidRequest');
    out.reminderMinutesBeforeStart = minutes;
  }
  if (Array.isArray(b.categories)) out.categories = b.categories.map(String);
  if (b.recurrence !== undefined) {
    if (b.recurrence === null) out.recurrence = null;
    else {
      const problem = validateRecurrence(b.recurrence);
      if (problem !== undefined) throw badRequest(problem, 'ErrorPropertyValidationFailure');
      out.recurrence = b.recurrence as PatternedRecurrence;
    }
  }
  if (b.transactionId !== undefined) {
    if (typeof b.transactionId !== 'string' || b.transactionId.length > 255)
      throw badRequest('transactionId must be a string.', 'ErrorInvalidRequest');
    out.transactionId = b.transactionId;
  }
  return out;
}

function outputZone(ctx: RouteContext): string {
  return preferredTimeZone(ctx.headers.prefer) ?? 'UTC';
}

function withContext(
  ctx: RouteContext,
  userId: string,
  event: Record<string, unknown>,
): Record<string, unknown> {
  return {
    '@odata.context': `${ctx.tenant.baseUrl}/$metadata#users('${userId}')/events/$entity`,
    ...event,
  };
}

function project(
  event: Record<string, unknown>,
  select: string | undefined,
): Record<string, unknown> {
  if (select === undefined) return event;
  const keys = new Set(select.split(',').map((s) => s.trim()));
  keys.add('id');
  keys.add('@odata.etag');
  return Object.fromEntries(Object.entries(event).filter(([k]) => keys.has(k)));
}

export function createEvent(ctx: RouteContext): GraphResponse {
  const owner = requireMailbox(ctx);
  const parsed = parseEventBody(ctx.body, false);
  const input: NewEvent = {
    ...parsed,
    subject: parsed.subject ?? '',
    startMs: parsed.startMs ?? 0,
    endMs: parsed.endMs ?? 0,
    timeZone: parsed.timeZone ?? 'UTC',
    endTimeZone: parsed.endTimeZone ?? parsed.timeZone ?? 'UTC',
  };
  const { copy } = ctx.tenant.state.calendars.create(owner.id, input);
  // The create answer keeps the zones the event was written in (GET answers in UTC by default).
  const zone = preferredTimeZone(ctx.headers.prefer);
  const rendered = ctx.tenant.state.calendars.render(
    { copy, occurrence: undefined },
    zone === undefined ? {} : { zone },
  );
  return ok(withContext(ctx, owner.id, rendered), 201);
}

function resolve(ctx: RouteContext): { ownerId: string; item: ResolvedItem } {
  const owner = requireMailbox(ctx);
  return {
    ownerId: owner.id,
    item: ctx.tenant.state.calendars.resolve(owner.id, ctx.params.eventId ?? ''),
  };
}

export function getEvent(ctx: RouteContext): GraphResponse {
  const { ownerId, item } = resolve(ctx);
  const rendered = ctx.tenant.state.calendars.render(item, { zone: outputZone(ctx) });
  return ok(withContext(ctx, ownerId, project(rendered, option(ctx.query, 'select'))));
}

export function updateEvent(ctx: RouteContext): GraphResponse {
  const { ownerId } = resolve(ctx);
  const patch = parseEventBody(ctx.body, true);
  if (patch.transactionId !== undefined)
    throw badRequest('transactionId cannot be changed.', 'ErrorInvalidRequest');
  const cal = ctx.tenant.state.calendars;
  const eventId = ctx.params.eventId ?? '';
  cal.update(ownerId, eventId, patch);
  return ok(
    withContext(ctx, ownerId, cal.render(cal.resolve(ownerId, eventId), { zone: outputZone(ctx) })),
  );
}

export function deleteEvent(ctx: RouteContext): GraphResponse {
  const { ownerId } = resolve(ctx);
  ctx.tenant.state.calendars.delete(ownerId, ctx.params.eventId ?? '');
  return noContent();
}

/** The parameters of each event action (v1.0 metadata). */
const ACTION_PARAMETERS: Record<string, readonly string[]> = {
  cancel: ['comment'],
  accept: ['comment', 'sendResponse'],
  tentativelyAccept: ['comment', 'sendResponse', 'proposedNewTime'],
  decline: ['comment', 'sendResponse', 'proposedNewTime'],
};

export function eventAction(ctx: RouteContext): GraphResponse {
  const { ownerId } = resolve(ctx);
  const eventId = ctx.params.eventId ?? '';
  const cal = ctx.tenant.state.calendars;
  const action = ctx.params.action ?? '';
  const names = ACTION_PARAMETERS[action];
  if (names !== undefined) {
    const params = actionParameters(ctx.body, action, names);
    if (params.comment !== undefined && typeof params.comment !== 'string')
      throw badRequest('comment must be a string.', 'RequestBodyRead');
    if (params.sendResponse !== undefined && typeof params.sendResponse !== 'boolean')
      throw badRequest('sendResponse must be a boolean.', 'RequestBodyRead');
  }
  switch (action) {
    case 'cancel':
      cal.cancel(ownerId, eventId);
      break;
    case 'accept':
      cal.respond(ownerId, eventId, 'accepted');
      break;
    case 'tentativelyAccept':
      cal.respond(ownerId, eventId, 'tentativelyAccepted');
      break;
    case 'decline':
      cal.respond(ownerId, eventId, 'declined');
      break;
    default:
      throw badRequest(`Resource not found for the segment '${ctx.params.action ?? ''}'.`);
  }
  return noContent(202);
}

function windowOf(ctx: RouteContext): { fromMs: number; toMs: number } {
  const parse = (v: string | undefined): number => {
    if (v === undefined) return NaN;
    return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
  };
  const fromMs = parse(
    ctx.query.get('startDateTime') ?? ctx.query.get('StartDateTime') ?? undefined,
  );
  const toMs = parse(ctx.query.get('endDateTime') ?? ctx.query.get('EndDateTime') ?? undefined);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) {
    throw badRequest(
      'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
      'ErrorInvalidParameter',
    );
  }
  return { fromMs, toMs };
}

function page(ctx: RouteContext, path: string, all: Record<string, unknown>[]): GraphResponse {
  const topRaw = option(ctx.query, 'top');
  const top = topRaw === undefined ? DEFAULT_PAGE : Number(topRaw);
  if (!Number.isInteger(top) || top < 1 || top > MAX_PAGE)
    throw badRequest(`Invalid $top value '${String(topRaw)}'.`, 'ErrorInvalidParameter');
  const skip = Number(option(ctx.query, 'skip') ?? 0);
  const select = option(ctx.query, 'select');
  const value = all.slice(skip, skip + top).map((e) => project(e, select));
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.tenant.baseUrl}/$metadata#users('${ctx.params.id ?? ''}')/events`,
  };
  if (skip + top < all.length) {
    const params: [string, string][] = [];
    for (const [k, v] of ctx.query) if (k !== '$skip' && k !== 'skip') params.push([k, v]);
    params.push(['$skip', String(skip + top)]);
    body['@odata.nextLink'] = buildLink(`${ctx.tenant.baseUrl}${path}`, params);
  }
  body.value = value;
  return ok(body);
}

function pathOf(ctx: RouteContext): string {
  return ctx.path.split('?')[0] ?? ctx.path;
}

/** `/events`: singles and series masters (no occurrences); `$filter` on transactionId or iCalUId. */
export function listEvents(ctx: RouteContext): GraphResponse {
  const owner = requireMailbox(ctx);
  const cal = ctx.tenant.state.calendars;
  const zone = outputZone(ctx);
  let items = cal
    .list(owner.id)
    .map((copy) => cal.render({ copy, occurrence: undefined }, { zone }));
  const filter = option(ctx.query, 'filter');
  if (filter !== undefined) {
    const m = /^(transactionId|iCalUId|subject)\s+eq\s+'((?:[^']|'')*)'$/.exec(filter.trim());
    if (m?.[1] === undefined || m[2] === undefined)
      throw badRequest(`The filter '${filter}' is not supported.`, 'ErrorInvalidUrlQueryFilter');
    const [, prop, raw] = m;
    const value = raw.replace(/''/g, "'");
    items = items.filter((e) => e[prop] === value);
  }
  return page(ctx, pathOf(ctx), items);
}

/** `/calendarView`: every item and occurrence overlapping the window, by start. */
export function calendarView(ctx: RouteContext): GraphResponse {
  const owner = requireMailbox(ctx);
  const { fromMs, toMs } = windowOf(ctx);
  const cal = ctx.tenant.state.calendars;
  const zone = outputZone(ctx);
  const rows: { startMs: number; event: Record<string, unknown> }[] = [];
  for (const copy of cal.list(owner.id)) {
    for (const x of cal.expand(copy, fromMs, toMs))
      rows.push({
        startMs: x.startMs,
        event: cal.render({ copy, occurrence: x.occurrence }, { zone }),
      });
  }
  rows.sort((a, b) => a.startMs - b.startMs);
  return page(
    ctx,
    pathOf(ctx),
    rows.map((r) => r.event),
  );
}

/** `/events/{id}/instances`: the series' occurrences and exceptions in the window. */
export function instances(ctx: RouteContext): GraphResponse {
  const { item } = resolve(ctx);
  if (item.occurrence !== undefined || item.copy.meeting.recurrence === null) {
    throw badRequest('The specified item is not a recurring series master.', 'ErrorInvalidRequest');
  }
  const { fromMs, toMs } = windowOf(ctx);
  const cal = ctx.tenant.state.calendars;
  const zone = outputZone(ctx);
  const events = cal
    .expand(item.copy, fromMs, toMs)
    .map((x) => cal.render({ copy: item.copy, occurrence: x.occurrence }, { zone }));
  return page(ctx, pathOf(ctx), events);
}
