// Long on purpose: resolving Graph zones (Windows, IANA, custom bias) and the fast wall-clock arithmetic over the resolved zones are one concern.
import { IANAZone, Info } from 'luxon';
import type { Zone } from 'luxon';
import { WINDOWS_TO_IANA_MAP } from 'windows-iana';

/**
 * Time zones as Microsoft Graph hands them to us (Windows names, IANA names, custom zones with
 * a bias), turned into something luxon can compute with; plus the fast wall-clock arithmetic the
 * slot search runs thousands of times (luxon's DateTime costs ~40 µs per construction).
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

export type ZoneSource =
  'iana' | 'windows' | 'utc' | 'offset' | 'custom-named' | 'custom-matched' | 'custom-fixed';

/** Either a zone luxon understands (IANA name or `UTC+05:30`), or why there is none. */
export type ZoneResolution =
  { zone: string; source: ZoneSource; note?: string } | { zone: null; reason: string };

/** The part of Graph's standardTimeZoneOffset / daylightTimeZoneOffset we read. */
export interface GraphZoneTransition {
  time?: string | null;
  dayOccurrence?: number | null;
  dayOfWeek?: string | null;
  month?: number | null;
  year?: number | null;
  daylightBias?: number | null;
  bias?: number | null;
}

/** Graph's timeZoneBase / customTimeZone, loosely typed because it arrives from the wire. */
export interface GraphTimeZone {
  '@odata.type'?: string;
  name?: string | null;
  bias?: number | null;
  standardOffset?: GraphZoneTransition | null;
  daylightOffset?: GraphZoneTransition | null;
}

export interface ResolveOptions {
  /** Year whose transitions are compared when matching a custom zone (default: this year). */
  referenceYear?: number;
}

// Names CLDR still lists first although IANA renamed them; the new names read better in the UI.
const PREFERRED_NAMES: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Europe/Kiev': 'Europe/Kyiv',
  'America/Godthab': 'America/Nuuk',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'Etc/UTC': 'UTC',
};

interface WindowsZone {
  windowsName: string;
  iana: string;
}

let windowsIndex: Map<string, WindowsZone> | undefined;
let ianaSpelling: Map<string, string> | undefined;

function preferred(name: string): string {
  const renamed = PREFERRED_NAMES[name];
  return renamed !== undefined && IANAZone.isValidZone(renamed) ? renamed : name;
}

/** Windows name (lower case) → its primary IANA zone (CLDR territory 001). */
function windowsZones(): Map<string, WindowsZone> {
  if (windowsIndex !== undefined) return windowsIndex;
  const index = new Map<string, WindowsZone>();
  // Plain names first, so a custom zone with US Pacific rules matches "Pacific Standard Time"
  // rather than "Pacific Standard Time (Mexico)", which shares its offsets.
  const entries = [...WINDOWS_TO_IANA_MAP].sort(
    (a, b) => Number(a.windowsName.includes('(')) - Number(b.windowsName.includes('(')),
  );
  for (const entry of entries) {
    if (entry.territory !== '001') continue;
    const key = entry.windowsName.toLowerCase();
    if (index.has(key)) continue;
    const iana = entry.iana.map(preferred).find((z) => IANAZone.isValidZone(z));
    if (iana !== undefined) index.set(key, { windowsName: entry.windowsName, iana });
  }
  windowsIndex = index;
  return index;
}

/** Lower-case IANA name → the spelling the tz database uses, so `europe/london` reads well. */
function ianaSpellings(): Map<string, string> {
  if (ianaSpelling !== undefined) return ianaSpelling;
  const map = new Map<string, string>();
  for (const entry of WINDOWS_TO_IANA_MAP) {
    for (const z of entry.iana) map.set(z.toLowerCase(), z);
  }
  for (const z of Intl.supportedValuesOf('timeZone')) map.set(z.toLowerCase(), z);
  ianaSpelling = map;
  return map;
}

/** Windows time zone name ("Pacific Standard Time", any case) → IANA, or null. */
export function windowsToIana(name: string): string | null {
  return windowsZones().get(name.trim().toLowerCase())?.iana ?? null;
}

/** The luxon name of a fixed offset: `UTC`, `UTC+05:30`, `UTC-08:00`. */
export function fixedOffsetZoneName(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `UTC${sign}${hh}:${mm}`;
}

const OFFSET_NAME = /^(?:UTC|GMT)\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i;

function parseOffsetName(name: string): number | null {
  const m = OFFSET_NAME.exec(name);
  if (m === null) return null;
  const hours = Number(m[2]);
  const minutes = m[3] === undefined ? 0 : Number(m[3]);
  if (hours > 14 || minutes > 59) return null;
  const total = hours * 60 + minutes;
  return m[1] === '-' ? -total : total;
}

function resolveName(raw: string): ZoneResolution {
  const name = raw.trim();
  if (name === '') return { zone: null, reason: 'empty time zone name' };
  const lower = name.toLowerCase();
  if (lower === 'utc' || lower === 'etc/utc' || lower === 'tzone://microsoft/utc') {
    return { zone: 'UTC', source: 'utc' };
  }
  if (lower === 'tzone://microsoft/custom') {
    return { zone: null, reason: 'custom time zone given without its rules' };
  }
  const windows = windowsToIana(name);
  if (windows !== null) return { zone: windows, source: 'windows' };
  // Windows has zones literally named "UTC-11", "UTC+12"; those are handled above, the rest
  // are plain offsets with no daylight saving.
  const offset = parseOffsetName(name);
  if (offset !== null) return { zone: fixedOffsetZoneName(offset), source: 'offset' };
  if (IANAZone.isValidZone(name)) {
    return { zone: ianaSpellings().get(lower) ?? name, source: 'iana' };
  }
  return { zone: null, reason: `unknown time zone "${name}"` };
}

/**
 * Any time zone Graph may send → a zone luxon understands, or null with the reason.
 * Accepts a Windows name, an IANA name, `UTC±hh:mm`, a timeZoneBase `{ name }` or a
 * customTimeZone `{ bias, standardOffset, daylightOffset }`. Never throws.
 */
export function resolveTimeZone(input: unknown, options: ResolveOptions = {}): ZoneResolution {
  try {
    if (typeof input === 'string') return resolveName(input);
    if (typeof input !== 'object' || input === null) {
      return { zone: null, reason: 'no time zone given' };
    }
    const tz = input as GraphTimeZone;
    const isCustom =
      (typeof tz['@odata.type'] === 'string' && /customTimeZone$/i.test(tz['@odata.type'])) ||
      typeof tz.bias === 'number';
    if (!isCustom) {
      return typeof tz.name === 'string'
        ? resolveName(tz.name)
        : { zone: null, reason: 'time zone without a name' };
    }
    return resolveCustomZone(tz, options.referenceYear ?? new Date().getUTCFullYear());
  } catch (error) {
    return { zone: null, reason: `time zone could not be read: ${String(error)}` };
  }
}

// ---------------------------------------------------------------------------------------------
// Custom time zones

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** "monday" → 1 … "sunday" → 7 (ISO, as luxon). */
export function weekdayFromName(name: string): number | null {
  const i = WEEKDAYS.indexOf(name.trim().toLowerCase());
  return i < 0 ? null : i + 1;
}

export function weekdayName(weekday: number): string {
  return WEEKDAYS[(((weekday - 1) % 7) + 7) % 7] ?? 'monday';
}

interface TransitionRule {
  month: number;
  occurrence: number;
  weekday: number;
  minutes: number;
}

function transitionRule(t: GraphZoneTransition | null | undefined): TransitionRule | null {
  if (t === null || t === undefined) return null;
  const month = t.month ?? 0;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  const weekday = weekdayFromName(t.dayOfWeek ?? '');
  const occurrence = t.dayOccurrence ?? 0;
  if (weekday === null || occurrence < 1 || occurrence > 5) return null;
  const minutes = parseTimeOfDay(t.time ?? '00:00:00') ?? 0;
  return { month, occurrence, weekday, minutes };
}

/** "08:30:00.0000000" → 510; null when it is not a time of day. */
export function parseTimeOfDay(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(text.trim());
  if (m === null) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

/** Local epoch milliseconds of a rule's transition in a year (occurrence 5 = the last one). */
function transitionLocalMs(rule: TransitionRule, year: number): number {
  const first = epochDay(year, rule.month, 1);
  const firstWeekday = weekdayOfEpochDay(first);
  let day = first + ((rule.weekday - firstWeekday + 7) % 7) + (rule.occurrence - 1) * 7;
  const nextMonth =
    rule.month === 12 ? epochDay(year + 1, 1, 1) : epochDay(year, rule.month + 1, 1);
  while (day >= nextMonth) day -= 7;
  return day * DAY_MS + rule.minutes * MINUTE_MS;
}

/**
 * Exchange writes `bias` the Windows way (UTC = local + bias: US Pacific is +480), although the
 * Graph reference describes the opposite sign; we follow what mailboxes actually return
 * (microsoftgraph/microsoft-graph-docs issue 15217).
 */
interface CustomRules {
  standardOffset: number;
  daylightOffset: number;
  toDaylight: TransitionRule;
  toStandard: TransitionRule;
}

function customOffsetAt(rules: CustomRules, utcMs: number): number {
  const year = new Date(utcMs + rules.standardOffset * MINUTE_MS).getUTCFullYear();
  // Transition times are local wall times in the offset in force before the change.
  const start = transitionLocalMs(rules.toDaylight, year) - rules.standardOffset * MINUTE_MS;
  const end = transitionLocalMs(rules.toStandard, year) - rules.daylightOffset * MINUTE_MS;
  const inDaylight = start < end ? utcMs >= start && utcMs < end : utcMs >= start || utcMs < end;
  return inDaylight ? rules.daylightOffset : rules.standardOffset;
}

const customCache = new Map<string, ZoneResolution>();

function resolveCustomZone(tz: GraphTimeZone, year: number): ZoneResolution {
  const key = JSON.stringify([tz.name, tz.bias, tz.standardOffset, tz.daylightOffset, year]);
  const cached = customCache.get(key);
  if (cached !== undefined) return cached;
  const result = resolveCustomZoneUncached(tz, year);
  if (customCache.size > 1000) customCache.clear();
  customCache.set(key, result);
  return result;
}

function resolveCustomZoneUncached(tz: GraphTimeZone, year: number): ZoneResolution {
  const bias = tz.bias;
  if (typeof bias !== 'number' || !Number.isFinite(bias) || Math.abs(bias) > 14 * 60) {
    return { zone: null, reason: 'custom time zone without a usable bias' };
  }
  const standardOffset = -(bias + (tz.standardOffset?.bias ?? 0));
  const daylightBias = tz.daylightOffset?.daylightBias ?? tz.daylightOffset?.bias ?? 0;
  const toDaylight = transitionRule(tz.daylightOffset);
  const toStandard = transitionRule(tz.standardOffset);
  const observesDst = daylightBias !== 0 && toDaylight !== null && toStandard !== null;

  const offsetAt: (utcMs: number) => number =
    observesDst && toDaylight !== null && toStandard !== null
      ? (ms) =>
          customOffsetAt(
            { standardOffset, daylightOffset: -(bias + daylightBias), toDaylight, toStandard },
            ms,
          )
      : () => standardOffset;

  // A named custom zone ("Pacific Standard Time" with the usual rules) is the named zone.
  if (typeof tz.name === 'string') {
    const named = resolveName(tz.name);
    if (named.zone !== null && sameOffsetsAllYear(named.zone, offsetAt, year)) {
      return { zone: named.zone, source: 'custom-named' };
    }
  }
  if (!observesDst) {
    return { zone: fixedOffsetZoneName(standardOffset), source: 'custom-fixed' };
  }
  for (const { iana } of windowsZones().values()) {
    if (sameOffsetsAllYear(iana, offsetAt, year)) {
      return {
        zone: iana,
        source: 'custom-matched',
        note: `custom time zone matched to ${iana} by its offsets and transitions in ${year}`,
      };
    }
  }
  return {
    zone: null,
    reason: `custom time zone (UTC${fixedOffsetZoneName(standardOffset).slice(3)} with daylight saving) matches no known zone`,
  };
}

function sameOffsetsAllYear(
  zoneName: string,
  offsetAt: (ms: number) => number,
  year: number,
): boolean {
  const zone = zoneFor(zoneName);
  const start = Date.UTC(year, 0, 1, 12);
  // Two probes reject most zones cheaply before the day-by-day check catches transition dates.
  for (const probe of [start + 14 * DAY_MS, start + 195 * DAY_MS]) {
    if (zone.offset(probe) !== offsetAt(probe)) return false;
  }
  for (let ms = start; ms < start + 366 * DAY_MS; ms += DAY_MS) {
    if (zone.offset(ms) !== offsetAt(ms)) return false;
  }
  return true;
}

/**
 * A zone name Graph accepts for `start.timeZone` / `recurrenceTimeZone`: IANA names pass
 * through; fixed offsets become `Etc/GMT∓h` or a zone without daylight saving that has the same
 * offset (e.g. `UTC+05:30` → Asia/Kolkata). Null when there is none.
 */
export function graphTimeZoneName(zone: string): string | null {
  const offset = zone === 'UTC' ? 0 : parseOffsetName(zone);
  if (offset === null) return IANAZone.isValidZone(zone) ? zone : null;
  if (offset === 0) return 'UTC';
  if (offset % 60 === 0 && Math.abs(offset) <= 12 * 60) {
    // POSIX sign: Etc/GMT-5 is five hours ahead of UTC.
    return `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset) / 60}`;
  }
  const year = new Date().getUTCFullYear();
  for (const { iana } of windowsZones().values()) {
    if (sameOffsetsAllYear(iana, () => offset, year)) return iana;
  }
  return null;
}

/** Short human label for messages: `Europe/London` → "London", `UTC+05:30` stays. */
export function zoneLabel(zone: string): string {
  const last = zone.split('/').pop() ?? zone;
  return last.replace(/_/g, ' ');
}

// ---------------------------------------------------------------------------------------------
// Fast wall-clock arithmetic. Civil dates are epoch days (days since 1970-01-01), local times are
// minutes since local midnight. Offsets are cached per zone and UTC day: a day whose two ends
// share an offset has it throughout (no zone changes twice within 24 hours); otherwise the
// change is located to the minute once. A cold zone then costs about one lookup per day.

/** A UTC day's offset, or the minute it changes and the offsets either side. */
type DayOffset = number | { at: number; before: number; after: number };

const zoneObjects = new Map<string, Zone>();
const offsetCaches = new Map<string, Map<number, DayOffset>>();

function zoneFor(name: string): Zone {
  let zone = zoneObjects.get(name);
  if (zone === undefined) {
    const normalized = Info.normalizeZone(name);
    if (!normalized.isValid) throw new RangeError(`invalid time zone ${name}`);
    zone = normalized;
    zoneObjects.set(name, zone);
  }
  return zone;
}

/** True when luxon can compute in this zone (IANA name or fixed offset). */
export function isUsableZone(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower === 'local' || lower === 'system') return false;
  return Info.normalizeZone(name).isValid;
}

function dayOffset(zone: Zone, day: number): DayOffset {
  const before = zone.offset(day * DAY_MS);
  const after = zone.offset((day + 1) * DAY_MS);
  if (before === after) return before;
  // First minute of the day at which the new offset is in force.
  let lo = 0;
  let hi = 1440;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (zone.offset(day * DAY_MS + mid * MINUTE_MS) === after) hi = mid;
    else lo = mid + 1;
  }
  return { at: day * DAY_MS + lo * MINUTE_MS, before, after };
}

/** UTC offset in minutes of `zone` at the instant `utcMs`. */
export function zoneOffsetMinutes(zone: string, utcMs: number): number {
  let cache = offsetCaches.get(zone);
  if (cache === undefined) {
    cache = new Map();
    offsetCaches.set(zone, cache);
  }
  const day = Math.floor(utcMs / DAY_MS);
  let entry = cache.get(day);
  if (entry === undefined) {
    entry = dayOffset(zoneFor(zone), day);
    if (cache.size > 100_000) cache.clear();
    cache.set(day, entry);
  }
  if (typeof entry === 'number') return entry;
  return utcMs >= entry.at ? entry.after : entry.before;
}

export function epochDay(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** ISO weekday of an epoch day: 1 = Monday … 7 = Sunday. */
export function weekdayOfEpochDay(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Epoch day → `YYYY-MM-DD`. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` → epoch day, or null. */
export function parseIsoDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = epochDay(y, mo, d);
  return isoDate(day) === text ? day : null;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function civilDate(day: number): CivilDate {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * UTC instant of a local wall time. Like luxon: a time skipped by a spring-forward change moves
 * forward by the gap; a repeated time takes the earlier (daylight) instant.
 */
export function localToUtc(zone: string, day: number, minutes: number): number {
  const localMs = day * DAY_MS + minutes * MINUTE_MS;
  const o1 = zoneOffsetMinutes(zone, localMs);
  let guess = localMs - o1 * MINUTE_MS;
  const o2 = zoneOffsetMinutes(zone, guess);
  if (o1 === o2) return guess;
  guess -= (o2 - o1) * MINUTE_MS;
  const o3 = zoneOffsetMinutes(zone, guess);
  if (o2 === o3) return guess;
  return localMs - Math.min(o2, o3) * MINUTE_MS;
}

export interface LocalTime {
  day: number;
  minutes: number;
  weekday: number;
}

/** Local date, minutes since midnight and weekday of a UTC instant in `zone`. */
export function utcToLocal(zone: string, utcMs: number): LocalTime {
  const localMs = utcMs + zoneOffsetMinutes(zone, utcMs) * MINUTE_MS;
  const day = Math.floor(localMs / DAY_MS);
  return {
    day,
    minutes: Math.round((localMs - day * DAY_MS) / MINUTE_MS),
    weekday: weekdayOfEpochDay(day),
  };
}

/** `YYYY-MM-DDTHH:mm:ss` wall time of an instant in `zone` (Graph's dateTime without offset). */
export function formatLocalDateTime(zone: string, utcMs: number): string {
  const localMs = utcMs + zoneOffsetMinutes(zone, utcMs) * MINUTE_MS;
  return new Date(localMs).toISOString().slice(0, 19);
}
