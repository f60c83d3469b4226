import type { DemoPerson } from './demo-org.js';
import { badRequest, mailboxNotEnabled, mailboxNotFound } from './graph-error.js';
import {
  actionParameters,
  ok,
  option,
  type GraphResponse,
  type RouteContext,
} from './graph-request.js';
import { formatGraphDateTime, parseDateTimeTimeZone, preferredTimeZone } from './time-zones.js';

const MAX_SCHEDULES = 20;
const MAX_WINDOW_MS = 62 * 86_400_000;
const STATUS_DIGIT: Record<string, string> = {
  free: '0',
  tentative: '1',
  busy: '2',
  oof: '3',
  workingElsewhere: '0',
  unknown: '0',
};

export function mailboxSettingsJson(
  p: DemoPerson,
  only: string[] | undefined,
): Record<string, unknown> {
  const all: Record<string, unknown> = {
    archiveFolder: `AAMkAGI2${Buffer.from(p.id).toString('base64').slice(0, 40)}`,
    timeZone: p.mailbox.timeZone,
    delegateMeetingMessageDeliveryOptions: 'sendToDelegateOnly',
    dateFormat: p.mailbox.dateFormat,
    timeFormat: p.mailbox.timeFormat,
    userPurpose: p.mailbox.userPurpose ?? 'user',
    automaticRepliesSetting: {
      status: 'disabled',
      externalAudience: 'all',
      internalReplyMessage: '',
      externalReplyMessage: '',
      scheduledStartDateTime: { dateTime: '2025-01-01T00:00:00.0000000', timeZone: 'UTC' },
      scheduledEndDateTime: { dateTime: '2025-01-02T00:00:00.0000000', timeZone: 'UTC' },
    },
    language: p.mailbox.language,
    workingHours: p.mailbox.workingHours,
  };
  if (only === undefined) return all;
  const out: Record<string, unknown> = {};
  for (const key of only) {
    const match = Object.keys(all).find((k) => k.toLowerCase() === key.toLowerCase());
    if (match === undefined)
      throw badRequest(
        `Could not find a property named '${key}' on type 'microsoft.graph.mailboxSettings'.`,
        'RequestBroker--ParseUri',
      );
    out[match] = all[match];
  }
  return out;
}

export function requireMailbox(ctx: RouteContext): DemoPerson {
  const key = ctx.params.id ?? '';
  const p = ctx.tenant.state.directory.find(key);
  if (p === undefined) throw mailboxNotFound(key);
  if (p.mailbox.exists === false) throw mailboxNotEnabled();
  return p;
}

export function getMailboxSettings(ctx: RouteContext): GraphResponse {
  const p = requireMailbox(ctx);
  const select = option(ctx.query, 'select')
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const prop = ctx.params.prop;
  if (prop !== undefined) {
    const body = mailboxSettingsJson(p, [prop]);
    const value = Object.values(body)[0];
    return ok({
      '@odata.context': `${ctx.tenant.baseUrl}/$metadata#users('${p.id}')/mailboxSettings/${prop}`,
      ...(typeof value === 'object' && value !== null ? value : { value }),
    });
  }
  return ok({
    '@odata.context': `${ctx.tenant.baseUrl}/$metadata#users('${p.id}')/mailboxSettings`,
    ...mailboxSettingsJson(p, select),
  });
}

/**
 * getSchedule: up to 20 mailboxes, a window under 62 days, interval 5–1440 minutes. Items are
 * whole (not clipped to the window), in UTC unless Prefer: outlook.timezone; unknown or
 * failing mailboxes come back as an item with `error`, never as free.
 */
export function getSchedule(ctx: RouteContext): GraphResponse {
  requireMailbox(ctx);
  if (typeof ctx.body !== 'object' || ctx.body === null)
    throw badRequest('The request body is required.', 'ErrorInvalidRequest');
  const body = actionParameters(ctx.body, 'getSchedule', [
    'schedules',
    'startTime',
    'endTime',
    'availabilityViewInterval',
  ]);
  const { schedules } = body;
  if (
    !Array.isArray(schedules) ||
    schedules.length === 0 ||
    schedules.some((s) => typeof s !== 'string')
  ) {
    throw badRequest(
      'schedules must be a non-empty list of SMTP addresses.',
      'ErrorInvalidParameter',
    );
  }
  if (schedules.length > MAX_SCHEDULES) {
    throw badRequest(
      `The number of schedules requested exceeds the limit of ${MAX_SCHEDULES}.`,
      'ErrorInvalidParameter',
    );
  }
  const startMs = parseDateTimeTimeZone(body.startTime);
  const endMs = parseDateTimeTimeZone(body.endTime);
  if (startMs === undefined || endMs === undefined) {
    throw badRequest(
      'startTime and endTime must be dateTimeTimeZone values with a valid time zone.',
      'ErrorInvalidParameter',
    );
  }
  if (endMs <= startMs)
    throw badRequest('The end time must be after the start time.', 'ErrorInvalidParameter');
  if (endMs - startMs >= MAX_WINDOW_MS) {
    throw badRequest(
      'The requested time duration specified is too long; it must be less than 62 days.',
      'ErrorInvalidParameter',
    );
  }
  const intervalRaw = body.availabilityViewInterval;
  const interval = intervalRaw === undefined ? 30 : Number(intervalRaw);
  if (!Number.isInteger(interval) || interval < 5 || interval > 1440) {
    throw badRequest(
      'availabilityViewInterval must be between 5 and 1440 minutes.',
      'ErrorInvalidParameter',
    );
  }
  const zone = preferredTimeZone(ctx.headers.prefer) ?? 'UTC';
  const slotMs = interval * 60_000;
  const slots = Math.ceil((endMs - startMs) / slotMs);
  const value = (schedules as string[]).map((address) => {
    const person = ctx.tenant.state.directory.find(address);
    if (person === undefined) {
      return {
        scheduleId: address,
        availabilityView: '',
        error: {
          message: `The requested user '${address}' is invalid.`,
          responseCode: 'ErrorMailRecipientNotFound',
        },
      };
    }
    if (person.freeBusyError) {
      return {
        scheduleId: address,
        availabilityView: '',
        error: {
          message: 'Unable to retrieve free/busy information for this mailbox.',
          responseCode: 'ErrorNoFreeBusyAccess',
        },
      };
    }
    const items = ctx.tenant.state.busy(person, startMs, endMs);
    const view = new Array<string>(slots).fill('0');
    for (const item of items) {
      const digit = STATUS_DIGIT[item.status] ?? '0';
      const from = Math.max(0, Math.floor((item.startMs - startMs) / slotMs));
      const to = Math.min(slots, Math.ceil((item.endMs - startMs) / slotMs));
      for (let s = from; s < to; s++) if ((view[s] ?? '0') < digit) view[s] = digit;
    }
    return {
      scheduleId: address,
      availabilityView: view.join(''),
      scheduleItems: items.map((i) => ({
        isPrivate: false,
        status: i.status,
        subject: i.subject,
        location: i.location,
        start: { dateTime: formatGraphDateTime(i.startMs, zone), timeZone: zone },
        end: { dateTime: formatGraphDateTime(i.endMs, zone), timeZone: zone },
      })),
      workingHours: person.mailbox.workingHours,
    };
  });
  return ok({
    '@odata.context': `${ctx.tenant.baseUrl}/$metadata#Collection(microsoft.graph.scheduleInformation)`,
    value,
  });
}
