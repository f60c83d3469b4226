import type { DateTimeTimeZone, ScheduleInformation } from '@microsoft/microsoft-graph-types';
import {
  DAY_MS,
  MINUTE_MS,
  epochDay,
  localToUtc,
  resolveTimeZone,
} from '../calendar-time/index.js';
import { mergeIntervals } from '../calendar-time/index.js';
import type { Interval } from '../calendar-time/index.js';

/** Graph's `getSchedule` limits: at most 20 schedules a call, a window shorter than 62 days. */
export const MAX_SCHEDULES_PER_REQUEST = 20;
export const MAX_WINDOW_DAYS = 61;

export interface BusyPolicy {
  /** Tentative items block a slot (default true: a leader's "maybe" is usually a yes). */
  tentativeBlocks?: boolean;
  /** Items whose status Exchange reports as `unknown` block (default true: never book blind). */
  unknownStatusBlocks?: boolean;
}

export type MailboxAvailability =
  { known: true; busy: Interval[] } | { known: false; reason: string };

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A Graph dateTimeTimeZone → UTC epoch milliseconds, or null. The zone may be UTC, a Windows or
 * an IANA name (answers follow `Prefer: outlook.timezone`); an explicit offset in the text wins.
 */
export function parseGraphDateTime(value: DateTimeTimeZone | null | undefined): number | null {
  if (value === null || value === undefined || typeof value.dateTime !== 'string') return null;
  const m = DATE_TIME.exec(value.dateTime.trim());
  if (m === null) return null;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  if (year === undefined || month === undefined || day === undefined) return null;
  if (hour === undefined || minute === undefined || month < 1 || month > 12 || hour > 24)
    return null;
  const seconds = Number(m[6] ?? '0');
  const millis = Number(((m[7] ?? '') + '000').slice(0, 3));
  const date = epochDay(year, month, day);
  const minutes = hour * 60 + minute;
  const extra = seconds * 1000 + millis;
  const offsetText = m[8];
  if (offsetText !== undefined) {
    if (offsetText === 'Z') return date * DAY_MS + minutes * MINUTE_MS + extra;
    const o = /^([+-])(\d{2}):?(\d{2})$/.exec(offsetText);
    if (o === null) return null;
    const offset = (o[1] === '-' ? -1 : 1) * (Number(o[2]) * 60 + Number(o[3]));
    return date * DAY_MS + (minutes - offset) * MINUTE_MS + extra;
  }
  const zoneName = value.timeZone ?? 'UTC';
  const zone = resolveTimeZone(zoneName === '' ? 'UTC' : zoneName).zone;
  if (zone === null) return null;
  return localToUtc(zone, date, minutes) + extra;
}

function blocks(status: string | null | undefined, policy: BusyPolicy): boolean {
  switch (status) {
    case 'free':
    case 'workingElsewhere': // a place, not a commitment
      return false;
    case 'tentative':
      return policy.tentativeBlocks ?? true;
    case 'unknown':
    case null:
    case undefined:
      return policy.unknownStatusBlocks ?? true;
    default: // busy, oof, and anything Exchange adds later
      return true;
  }
}

/**
 * One mailbox's getSchedule answer → its busy intervals (merged, not clipped to the window:
 * Graph returns whole items, and a meeting that started before the window still blocks).
 * An `error`, or items we cannot read, make the availability unknown — never free.
 */
export function mailboxAvailability(
  info: ScheduleInformation,
  policy: BusyPolicy = {},
): MailboxAvailability {
  if (info.error !== null && info.error !== undefined) {
    const code = info.error.responseCode ?? 'error';
    const message = info.error.message ?? 'free/busy could not be read';
    return { known: false, reason: `${code}: ${message}` };
  }
  if (!Array.isArray(info.scheduleItems)) {
    return { known: false, reason: 'no schedule items returned' };
  }
  const busy: Interval[] = [];
  for (const item of info.scheduleItems) {
    if (!blocks(item.status, policy)) continue;
    const start = parseGraphDateTime(item.start);
    const end = parseGraphDateTime(item.end);
    if (start === null || end === null) {
      return {
        known: false,
        reason: `unreadable schedule item time ${JSON.stringify(item.start)}`,
      };
    }
    if (end > start) busy.push({ start, end });
  }
  return { known: true, busy: mergeIntervals(busy) };
}

/** One `POST /users/{id}/calendar/getSchedule` call to make. */
export interface ScheduleRequest {
  schedules: string[];
  /** UTC epoch milliseconds of the window. */
  start: number;
  end: number;
  /** The request body for Graph. */
  body: {
    schedules: string[];
    startTime: { dateTime: string; timeZone: 'UTC' };
    endTime: { dateTime: string; timeZone: 'UTC' };
    availabilityViewInterval: number;
  };
}

export interface PlanOptions {
  maxWindowDays?: number;
  maxSchedules?: number;
  availabilityViewInterval?: number;
}

function utcText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/**
 * Splits a horizon into getSchedule calls: windows shorter than 62 days, at most 20 mailboxes
 * each (duplicates, compared case-insensitively, are asked once).
 */
export function planScheduleRequests(
  people: readonly string[],
  start: Date | number,
  end: Date | number,
  options: PlanOptions = {},
): ScheduleRequest[] {
  const from = typeof start === 'number' ? start : start.getTime();
  const to = typeof end === 'number' ? end : end.getTime();
  const windowDays = Math.min(options.maxWindowDays ?? MAX_WINDOW_DAYS, MAX_WINDOW_DAYS);
  const chunkSize = Math.min(
    options.maxSchedules ?? MAX_SCHEDULES_PER_REQUEST,
    MAX_SCHEDULES_PER_REQUEST,
  );
  const interval = options.availabilityViewInterval ?? 30;
  if (!(to > from) || windowDays < 1 || chunkSize < 1) return [];
  if (interval < 5 || interval > 1440)
    throw new RangeError('availabilityViewInterval must be 5–1440');

  const seen = new Set<string>();
  const unique: string[] = [];
  for (const p of people) {
    const key = p.trim().toLowerCase();
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    unique.push(p.trim());
  }
  const windows: Interval[] = [];
  for (let s = from; s < to; s += windowDays * DAY_MS) {
    windows.push({ start: s, end: Math.min(to, s + windowDays * DAY_MS) });
  }
  const requests: ScheduleRequest[] = [];
  for (let i = 0; i < unique.length; i += chunkSize) {
    const schedules = unique.slice(i, i + chunkSize);
    for (const w of windows) {
      requests.push({
        schedules,
        start: w.start,
        end: w.end,
        body: {
          schedules,
          startTime: { dateTime: utcText(w.start), timeZone: 'UTC' },
          endTime: { dateTime: utcText(w.end), timeZone: 'UTC' },
          availabilityViewInterval: interval,
        },
      });
    }
  }
  return requests;
}

/** What came back for one planned request: the schedules, or why the whole call failed. */
export interface ScheduleAnswer {
  request: ScheduleRequest;
  schedules?: readonly ScheduleInformation[];
  /** Set when the call itself failed (after retries); everyone in it is unknown for the window. */
  error?: string;
}

export interface Availability {
  /** Busy intervals per schedule id (as requested), merged across windows. */
  busy: Map<string, Interval[]>;
  /** Schedule ids with at least one window that could not be read: do not book blind. */
  unknown: Set<string>;
  /** The windows that could not be read, per schedule id. */
  unknownWindows: Map<string, Interval[]>;
  /** Why each unknown schedule is unknown (first reason seen). */
  reasons: Map<string, string>;
}

/** Merges the answers of every planned call into busy intervals and unknown people. */
export function collectAvailability(
  answers: readonly ScheduleAnswer[],
  policy: BusyPolicy = {},
): Availability {
  const busy = new Map<string, Interval[]>();
  const unknown = new Set<string>();
  const unknownWindows = new Map<string, Interval[]>();
  const reasons = new Map<string, string>();

  const markUnknown = (id: string, window: Interval, reason: string): void => {
    unknown.add(id);
    unknownWindows.set(id, mergeIntervals([...(unknownWindows.get(id) ?? []), window]));
    if (!reasons.has(id)) reasons.set(id, reason);
  };

  for (const answer of answers) {
    const window = { start: answer.request.start, end: answer.request.end };
    const byId = new Map<string, ScheduleInformation>();
    for (const info of answer.schedules ?? []) {
      if (typeof info.scheduleId === 'string') byId.set(info.scheduleId.toLowerCase(), info);
    }
    for (const id of answer.request.schedules) {
      if (!busy.has(id)) busy.set(id, []);
      if (answer.error !== undefined) {
        markUnknown(id, window, answer.error);
        continue;
      }
      const info = byId.get(id.toLowerCase());
      if (info === undefined) {
        markUnknown(id, window, 'no schedule returned for this mailbox');
        continue;
      }
      const availability = mailboxAvailability(info, policy);
      if (!availability.known) {
        markUnknown(id, window, availability.reason);
        continue;
      }
      busy.set(id, mergeIntervals([...(busy.get(id) ?? []), ...availability.busy]));
    }
  }
  return { busy, unknown, unknownWindows, reasons };
}
