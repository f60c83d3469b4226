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

/**
 * The demo calendar of a person, recomputed from (seed, person, day) on every call: weekly team
 * meeting, lunch, a day's worth of meetings (more for leaders), some tentative ones and some
 * out-of-office days. Nothing is stored, so a 100,000-person tenant costs no calendar memory.
 */
export function demoBusy(
  person: DemoPerson,
  seed: number,
  fromMs: number,
  toMs: number,
): BusyOccurrence[] {
  const zone = toIanaZone(person.mailbox.timeZone) ?? 'UTC';
  const out: BusyOccurrence[] = [];
  const whStart = minutesOf(person.mailbox.workingHours.startTime);
  const whEnd = minutesOf(person.mailbox.workingHours.endTime);
  const teamDay = ((person.managerId === null ? 0 : hashString(person.managerId)) % 5) + 1;
  const lunches = unit(seed, person.index, 7) < 0.6;
  const leader = ['ceo', 'executive', 'vp', 'director'].includes(person.level);
  const push = (
    day: DateTime,
    startMin: number,
    minutes: number,
    item: Omit<BusyOccurrence, 'startMs' | 'endMs'>,
  ): void => {
    const start = day.plus({ minutes: startMin });
    const startMs = start.toMillis();
    const endMs = start.plus({ minutes }).toMillis();
    // Items that overlap the window are returned whole, as getSchedule does.
    if (endMs > fromMs && startMs < toMs) out.push({ startMs, endMs, ...item });
  };
  let day = DateTime.fromMillis(fromMs, { zone }).startOf('day');
  for (; day.toMillis() < toMs; day = day.plus({ days: 1 })) {
    if (day.weekday > 5) continue;
    const key = day.year * 1000 + day.ordinal;
    const r = (k: number): number => unit(seed, person.index, key, k);
    if (r(0) < 0.03) {
      push(day, 0, 24 * 60, {
        status: 'oof',
        subject: 'Out of office',
        location: '',
        isRecurring: false,
        isMeeting: false,
      });
      continue;
    }
    if (day.weekday === teamDay) {
      push(day, whStart + 60, 30, {
        status: 'busy',
        subject: 'Team sync',
        location: 'Microsoft Teams Meeting',
        isRecurring: true,
        isMeeting: true,
      });
    }
    if (lunches)
      push(day, 12 * 60, 60, {
        status: 'busy',
        subject: 'Lunch',
        location: '',
        isRecurring: true,
        isMeeting: false,
      });
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
      push(day, start, minutes, {
        status,
        subject,
        location: 'Microsoft Teams Meeting',
        isRecurring: false,
        isMeeting: true,
      });
    }
  }
  return out;
}
