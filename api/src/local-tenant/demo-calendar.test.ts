import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { BusyOccurrence } from './calendar-store.js';
import { demoBusy } from './demo-calendar.js';
import { generateDemoOrg, type DemoPerson } from './demo-org.js';
import { hashString, unit } from './prng.js';
import { toIanaZone } from './time-zones.js';

/*
 * The calendar as first written, with luxon doing every step: the fast walk must answer exactly
 * this, item for item, across DST changes in both hemispheres and windows that start mid-day.
 */
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

function luxonDemoBusy(
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
      });
      continue;
    }
    if (day.weekday === teamDay) {
      push(day, whStart + 60, 30, {
        status: 'busy',
        subject: 'Team sync',
        location: 'Microsoft Teams Meeting',
      });
    }
    if (lunches)
      push(day, 12 * 60, 60, {
        status: 'busy',
        subject: 'Lunch',
        location: '',
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
      });
    }
  }
  return out;
}

describe('demoBusy', () => {
  const org = generateDemoOrg({ people: 400, seed: 11 });
  // Each window holds DST changes: US and Europe in spring, Australia and New Zealand in April
  // and September/October, Europe and the US in autumn; and a year boundary.
  const windows: [string, number][] = [
    ['2026-03-05T00:00:00Z', 28],
    ['2026-04-02T13:17:00Z', 6],
    ['2026-09-25T06:00:00Z', 12],
    ['2026-10-23T23:30:00Z', 10],
    ['2026-12-28T10:00:00Z', 6],
  ];

  it('answers exactly what the luxon calendar answers, across DST changes and mid-day windows', () => {
    // One person per zone and kind of day (leader, manager, others) walks every case; the
    // reference is slow.
    const kind = (p: DemoPerson): string =>
      ['ceo', 'executive', 'vp', 'director'].includes(p.level)
        ? 'leader'
        : p.level === 'manager'
          ? 'manager'
          : 'other';
    const sample = new Map<string, DemoPerson>();
    for (const p of org.people)
      sample.set(`${toIanaZone(p.mailbox.timeZone) ?? 'UTC'}|${kind(p)}`, p);
    const zones = new Set<string>();
    for (const person of sample.values()) {
      zones.add(toIanaZone(person.mailbox.timeZone) ?? 'UTC');
      for (const [from, days] of windows) {
        const fromMs = Date.parse(from);
        const toMs = fromMs + days * 86_400_000 + (person.index % 7) * 3_600_000;
        expect(demoBusy(person, org.seed, fromMs, toMs)).toEqual(
          luxonDemoBusy(person, org.seed, fromMs, toMs),
        );
      }
    }
    // Every office zone was walked, DST and no-DST, both hemispheres.
    expect(zones.size).toBeGreaterThanOrEqual(9);
  });

  it('gives the same answer on a second call (the cached walk changes nothing)', () => {
    const person = org.people[42] as DemoPerson;
    const fromMs = Date.parse('2026-10-01T00:00:00Z');
    const first = demoBusy(person, org.seed, fromMs, fromMs + 61 * 86_400_000);
    expect(first.length).toBeGreaterThan(20);
    expect(demoBusy(person, org.seed, fromMs, fromMs + 61 * 86_400_000)).toEqual(first);
  });
});
