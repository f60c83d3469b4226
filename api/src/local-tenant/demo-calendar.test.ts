import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { BusyOccurrence } from './calendar-store.js';
import { demoBusy, demoDayPlan, type PlaceItem } from './demo-calendar.js';
import { generateDemoOrg, type DemoPerson } from './demo-org.js';
import { toIanaZone } from './time-zones.js';

/*
 * The day walk as first written, with luxon doing every step: the fast walk must answer exactly
 * this, item for item, across DST changes in both hemispheres and windows that start mid-day.
 */
function luxonDemoBusy(
  person: DemoPerson,
  seed: number,
  fromMs: number,
  toMs: number,
): BusyOccurrence[] {
  const zone = toIanaZone(person.mailbox.timeZone) ?? 'UTC';
  const out: BusyOccurrence[] = [];
  const plan = demoDayPlan(person, seed);
  let day = DateTime.fromMillis(fromMs, { zone }).startOf('day');
  const place: PlaceItem = (startMin, minutes, item) => {
    const start = day.plus({ minutes: startMin });
    const startMs = start.toMillis();
    const endMs = start.plus({ minutes }).toMillis();
    if (endMs > fromMs && startMs < toMs) out.push({ startMs, endMs, ...item });
  };
  for (; day.toMillis() < toMs; day = day.plus({ days: 1 }))
    plan({ weekday: day.weekday, key: day.year * 1000 + day.ordinal }, place);
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
