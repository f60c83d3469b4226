import { topicName } from '../api/index.js';

const dateTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
});
const dateOnly = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

const browserZone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
const zoned = new Map<string, Intl.DateTimeFormat | null>();

/** A formatter for an IANA zone, labelled with the zone's short name; null for an unknown zone. */
function zonedFormat(zone: string): Intl.DateTimeFormat | null {
  let f = zoned.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat(undefined, {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        hour: 'numeric',
        minute: '2-digit',
        timeZone: zone,
        timeZoneName: 'short',
      });
    } catch {
      f = null;
    }
    zoned.set(zone, f);
  }
  return f;
}

/** Whether times in `zone` read differently from this browser's clock (so they need a label). */
export function zoneDiffers(zone: string | null | undefined): zone is string {
  if (zone === null || zone === undefined || zone === '' || zone === browserZone) return false;
  if (zonedFormat(zone) === null) return false;
  // Same wall-clock reading now, in a fixed locale: the zone is the browser's under another name.
  const clock = (timeZone?: string) =>
    new Intl.DateTimeFormat('en-US', { dateStyle: 'short', timeStyle: 'short', timeZone }).format(
      new Date(),
    );
  return clock(zone) !== clock();
}

/**
 * A date and time. With `zone` (the person's mailbox time zone) the time is read in that zone
 * and labelled with it when this browser's clock differs, so a Bengaluru meeting shows 09:00
 * IST, not 03:30 in a browser set to UTC.
 */
export function formatDateTime(iso: string | null | undefined, zone?: string | null): string {
  if (iso === null || iso === undefined) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const f = zoneDiffers(zone) ? zonedFormat(zone) : null;
  return (f ?? dateTime).format(d);
}

/** A date and time read in `zone` and always labelled with it (the partner's time). */
export function formatInZone(iso: string, zone: string): string {
  const d = new Date(iso);
  const f = zonedFormat(zone);
  return Number.isNaN(d.getTime()) || f === null ? '—' : f.format(d);
}

export function formatDate(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : dateOnly.format(d);
}

export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined) return '—';
  return `${Math.round(share * 100)}%`;
}

/** The API's one topic name (contract `topicName`): a default topic's label, custom ones as written. */
export function topicLabel(key: string): string {
  return topicName(key);
}

export function roleLabel(role: 'mentor' | 'leader'): string {
  return role === 'mentor' ? 'Mentor' : 'Leader (mentee)';
}

export function initialsOf(name: string): string {
  const parts = name
    .trim()
    .split(/\s+/)
    .filter((p) => p !== '');
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return `${first}${last}`.toUpperCase();
}

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const;

export function minutesToTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
