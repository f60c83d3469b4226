import { DateTime } from 'luxon';
import type { BusyOccurrence } from './calendar-store.js';
import type { DemoPerson } from './demo-org.js';
import { hashString, unit } from './prng.js';
import { toIanaZone } from './time-zones.js';

const SUBJECTS = [
  'Project review',
  '1:1',
  'Planning',
  'Customer call',
  'Design review',
  'Interview',
  'Quarterly business review',
  'Hiring sync',
  'Budget check-in',
  'Roadmap discussion',
];

function minutesOf(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** A local day of a zone as luxon walks it: its first instant, weekday and year*1000+ordinal. */
interface LocalDay {
  startMs: number;
  weekday: number;
  key: number;
}

/**
 * Day walks per zone, keyed by the day's first instant. Luxon resolves every zone offset through
 * Intl, about a millisecond per person-day, which made a 61-day getSchedule for 20 mailboxes take
 * over a second; the walk of a zone is the same for every person in it, so it is taken once.
 * Bounded: a handful of office zones times the days anyone asked for.
 */
const dayWalks = new Map<string, Map<number, LocalDay>>();
const MAX_DAYS_PER_ZONE = 20_000;

function localDay(dt: DateTime): LocalDay {
  return { startMs: dt.toMillis(), weekday: dt.weekday, key: dt.year * 1000 + dt.ordinal };
}

/** The local day after `day` in `zone`, exactly as `DateTime.plus({ days: 1 })` finds it. */
function nextDay(zone: string, walk: Map<number, LocalDay>, day: LocalDay): LocalDay {
  const cached = walk.get(day.startMs);
  if (cached !== undefined) return cached;
  const next = localDay(DateTime.fromMillis(day.startMs, { zone }).plus({ days: 1 }));
  if (walk.size >= MAX_DAYS_PER_ZONE) walk.clear();
  walk.set(day.startMs, next);
  return next;
}

/** Puts an item on a day: minutes from the day's first instant, how long, what. */
export type PlaceItem = (
  startMin: number,
  minutes: number,
  item: Omit<BusyOccurrence, 'startMs' | 'endMs'>,
) => void;

/**
 * What a person's day holds, from (seed, person, day) alone: nothing at weekends; else an
 * out-of-office day, or the weekly team meeting, lunch and a day's worth of meetings (more for
 * leaders), some tentative. The test's luxon reference walks days with it too.
 */
export function demoDayPlan(
  person: DemoPerson,
  seed: number,
): (day: { weekday: number; key: number }, place: PlaceItem) => void {
  const whStart = minutesOf(person.mailbox.workingHours.startTime);
  const whEnd = minutesOf(person.mailbox.workingHours.endTime);
  const teamDay = ((person.managerId === null ? 0 : hashString(person.managerId)) % 5) + 1;
  const lunches = unit(seed, person.index, 7) < 0.6;
  const leader = ['ceo', 'executive', 'vp', 'director'].includes(person.level);
  return (day, place) => {
    if (day.weekday > 5) return;
    const r = (k: number): number => unit(seed, person.index, day.key, k);
    if (r(0) < 0.03) {
      place(0, 24 * 60, { status: 'oof', subject: 'Out of office', location: '' });
      return;
    }
    if (day.weekday === teamDay)
      place(whStart + 60, 30, {
        status: 'busy',
        subject: 'Team sync',
        location: 'Microsoft Teams Meeting',
      });
    if (lunches) place(12 * 60, 60, { status: 'busy', subject: 'Lunch', location: '' });
    const count = leader
      ? 3 + Math.floor(r(1) * 4)
      : person.level === 'manager'
        ? 2 + Math.floor(r(1) * 3)
        : Math.floor(r(1) * 3);
    const slots = Math.max(1, Math.floor((whEnd - whStart) / 30) - 1);
    for (let k = 0; k < count; k++) {
      const start = whStart + Math.floor(r(10 + k) * slots) * 30;
      const minutes = r(30 + k) < 0.6 ? 30 : 60;
      const subject = SUBJECTS[Math.floor(r(40 + k) * SUBJECTS.length)] ?? 'Meeting';
      const status = r(20 + k) < 0.15 ? 'tentative' : 'busy';
      place(start, minutes, { status, subject, location: 'Microsoft Teams Meeting' });
    }
  };
}

/**
 * The demo calendar of a person, recomputed from (seed, person, day) on every call (see
 * `demoDayPlan`). Nothing is stored, so a 100,000-person tenant costs no calendar memory.
 */
export function demoBusy(
  person: DemoPerson,
  seed: number,
  fromMs: number,
  toMs: number,
): BusyOccurrence[] {
  const zone = toIanaZone(person.mailbox.timeZone) ?? 'UTC';
  let walk = dayWalks.get(zone);
  if (walk === undefined) {
    walk = new Map();
    dayWalks.set(zone, walk);
  }
  const out: BusyOccurrence[] = [];
  const plan = demoDayPlan(person, seed);
  let day = localDay(DateTime.fromMillis(fromMs, { zone }).startOf('day'));
  // Minutes are added as elapsed time from the day's first instant, as luxon's plus({ minutes }) does.
  const place: PlaceItem = (startMin, minutes, item) => {
    const startMs = day.startMs + startMin * 60_000;
    const endMs = startMs + minutes * 60_000;
    // Items that overlap the window are returned whole, as getSchedule does.
    if (endMs > fromMs && startMs < toMs) out.push({ startMs, endMs, ...item });
  };
  for (; day.startMs < toMs; day = nextDay(zone, walk, day)) plan(day, place);
  return out;
}
