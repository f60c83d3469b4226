import { DateTime, IANAZone } from 'luxon';
import { findIana } from 'windows-iana';

const cache = new Map<string, string | null>();

/**
 * The IANA zone for a name as Graph clients send it: a Windows name ("Pacific Standard Time"),
 * an IANA name, or UTC. Undefined when Exchange would not know it either.
 */
export function toIanaZone(name: string): string | undefined {
  const cached = cache.get(name);
  if (cached !== undefined) return cached ?? undefined;
  let zone: string | null = null;
  if (name === 'UTC' || name === 'Etc/UTC' || name === 'tzone://Microsoft/Utc') zone = 'UTC';
  else if (IANAZone.isValidZone(name)) zone = name;
  else {
    const candidates = findIana(name);
    const first = candidates.find((z) => IANAZone.isValidZone(z));
    if (first !== undefined) zone = first;
  }
  cache.set(name, zone);
  return zone ?? undefined;
}

/** 10000-01-01T00:00:00Z: toISOString writes a sign and six year digits from here on. */
const MAX_FOUR_DIGIT_YEAR_MS = 253_402_300_800_000;

/** Graph's dateTime text: local wall time with seven fractional digits and no offset. */
export function formatGraphDateTime(ms: number, zone: string): string {
  const iana = toIanaZone(zone) ?? 'UTC';
  // Clients ask for UTC almost always; luxon's formatter costs more than the rest of getSchedule.
  if (iana === 'UTC' && ms >= 0 && ms < MAX_FOUR_DIGIT_YEAR_MS)
    return `${new Date(ms).toISOString().slice(0, 23)}0000`;
  return DateTime.fromMillis(ms, { zone: iana }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'0000'");
}

export interface DateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

export function toDateTimeTimeZone(ms: number, zone: string): DateTimeTimeZone {
  return { dateTime: formatGraphDateTime(ms, zone), timeZone: zone };
}

/**
 * Epoch milliseconds of a dateTimeTimeZone; undefined when the text or the zone is invalid.
 * An explicit offset or Z in dateTime wins over timeZone, as Exchange does.
 */
export function parseDateTimeTimeZone(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { dateTime, timeZone } = value as { dateTime?: unknown; timeZone?: unknown };
  if (typeof dateTime !== 'string') return undefined;
  const zone = typeof timeZone === 'string' && timeZone !== '' ? toIanaZone(timeZone) : 'UTC';
  if (zone === undefined) return undefined;
  const text = dateTime.replace(/(\.\d{3})\d+/, '$1');
  const parsed = DateTime.fromISO(text, { zone, setZone: false });
  return parsed.isValid ? parsed.toMillis() : undefined;
}

/** Parses Prefer: outlook.timezone="…" (the zone answers are written in). */
export function preferredTimeZone(prefer: string | undefined): string | undefined {
  if (prefer === undefined) return undefined;
  const m = /outlook\.timezone\s*=\s*"([^"]+)"/i.exec(prefer);
  const name = m?.[1];
  return name !== undefined && toIanaZone(name) !== undefined ? name : undefined;
}
