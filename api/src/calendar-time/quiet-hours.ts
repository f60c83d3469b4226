import { DateTime } from 'luxon';
import { isUsableZone } from './time-zones.js';

/** Local wall-clock times, `HH:mm`; a window that starts after it ends runs over midnight. */
export interface QuietHours {
  start: string;
  end: string;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { start: '20:00', end: '08:00' };

export const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

function minutesOf(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** A usable IANA zone: the person's own, or UTC when the mailbox gave none (or a bad one). */
export function zoneOrUtc(timeZone: string | null | undefined): string {
  if (timeZone === null || timeZone === undefined || timeZone === '') return 'UTC';
  return isUsableZone(timeZone) ? timeZone : 'UTC';
}

/**
 * The earliest instant at or after `at` outside the person's quiet hours, read in their own
 * time zone. A nudge that falls inside is deferred to the local end of quiet hours, never
 * dropped. The end is built from the local calendar date and wall-clock time (not by adding
 * hours), so it stays 08:00 local across a daylight-saving change.
 */
export function nextAllowedSend(
  at: Date,
  timeZone: string | null | undefined,
  quiet: QuietHours,
): Date {
  const zone = zoneOrUtc(timeZone);
  const local = DateTime.fromJSDate(at, { zone });
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return at;
  const now = local.hour * 60 + local.minute;
  const overnight = start > end;
  const inside = overnight ? now >= start || now < end : now >= start && now < end;
  if (!inside) return at;
  const endDay = overnight && now >= start ? local.plus({ days: 1 }) : local;
  const until = DateTime.fromObject(
    {
      year: endDay.year,
      month: endDay.month,
      day: endDay.day,
      hour: Math.floor(end / 60),
      minute: end % 60,
    },
    { zone },
  );
  return until.toJSDate();
}
