import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { GraphClient } from '../../api/src/graph/index.js';
import {
  bookSeries,
  currentSeries,
  fetchFreeBusy,
  prefetchProgramFreeBusy,
  reserveCachedBusy,
} from '../../api/src/scheduling/index.js';
import { coveredBy, mergeIntervals } from '../../api/src/calendar-time/index.js';
import type { SeriesPlan } from '../../api/src/scheduling/index.js';
import { bookingSeries, freeBusyCache, people, sessions } from '../../api/src/store/index.js';
import {
  bookingWorld,
  createPairing,
  createProgram,
  readablePeople,
  setMailbox,
  type BookingWorld,
} from './booking-fixture.js';

/** Outlook answers the create call with a server error while `down` is set: outcome unknown. */
const outlook = { down: false };

let world: BookingWorld;

beforeAll(async () => {
  world = await bookingWorld({
    graph: (g): GraphClient => ({
      ...g,
      createEvent: (organizerId, event, o) => {
        if (outlook.down) return Promise.reject(new Error('connection reset'));
        return g.createEvent(organizerId, event, o);
      },
    }),
  });
}, 60_000);

afterAll(async () => {
  await world.close();
});

async function cachedBusy(personId: string) {
  const [row] = await world.store.db
    .select()
    .from(freeBusyCache)
    .where(eq(freeBusyCache.personId, personId));
  return mergeIntervals(row?.busy ?? []);
}

function overlapping(list: { start: number; end: number }[]): boolean {
  const sorted = [...list].sort((a, b) => a.start - b.start);
  return sorted.some((x, i) => i > 0 && x.start < (sorted[i - 1]?.end ?? 0));
}

describe('reserved time in the cached free/busy', () => {
  it('keeps both reservations when two jobs reserve for the same person at once', async () => {
    const [personId] = readablePeople(world);
    if (personId === undefined) throw new Error('no people');
    await world.store.db.insert(freeBusyCache).values({
      personId,
      windowStart: new Date('2026-01-12T00:00:00Z'),
      windowEnd: new Date('2026-03-12T00:00:00Z'),
      busy: [],
      unknownWindows: [],
    });
    const hour = 3_600_000;
    const base = Date.parse('2026-01-20T10:00:00Z');
    const slots = Array.from({ length: 6 }, (_, i) => ({
      start: base + i * 2 * hour,
      end: base + i * 2 * hour + hour,
    }));
    await Promise.all(slots.map((s) => reserveCachedBusy(world.store.db, [personId], [s])));
    const busy = await cachedBusy(personId);
    for (const s of slots) expect(coveredBy(busy, s.start, s.end)).toBe(true);
  });

  it('never lets a fresh read drop a series planned but not yet in Outlook, so a shared leader is not double-booked', async () => {
    const [, leader, mentorA, mentorB] = readablePeople(world);
    if (leader === undefined || mentorA === undefined || mentorB === undefined)
      throw new Error('not enough people');
    for (const id of [leader, mentorA, mentorB])
      setMailbox(world, id, { timeZone: 'UTC', start: '08:00', end: '17:00' });
    const programId = await createProgram(world, {
      name: 'Shared leader',
      rules: { leaderCapacity: 2, sessions: 4, durationMinutes: 60 },
    });
    const pairA = await createPairing(world, programId, mentorA, leader);
    const pairB = await createPairing(world, programId, mentorB, leader);
    await prefetchProgramFreeBusy(world.services, programId);

    // Pair A is planned and its time reserved, but Outlook's answer is lost: not created yet.
    outlook.down = true;
    await expect(bookSeries(world.services, pairA)).rejects.toThrow();
    outlook.down = false;
    const seriesA = await currentSeries(world.store.db, pairA);
    const planA = seriesA?.plan as SeriesPlan | null | undefined;
    expect(seriesA?.status).toBe('searching');
    if (planA == null) throw new Error('pair A has no plan');
    const timesA = planA.occurrences.map((o) => ({ start: o.start, end: o.end }));

    // Another job reads the leader's calendar again meanwhile (a refetch of a stale row).
    const [row] = await world.store.db.select().from(people).where(eq(people.id, leader));
    await fetchFreeBusy(
      { db: world.store.db, graph: world.graph, now: world.services.now },
      [{ id: leader, mail: row?.mail ?? '' }],
      { start: Date.parse('2026-01-12T00:00:00Z'), end: Date.parse('2026-03-12T00:00:00Z') },
    );
    const afterRead = await cachedBusy(leader);
    for (const t of timesA) expect(coveredBy(afterRead, t.start, t.end)).toBe(true);

    // Pair B, then pair A resumed: the leader's sessions never overlap.
    await bookSeries(world.services, pairB);
    await bookSeries(world.services, pairA);
    const scheduled = await world.store.db
      .select({
        start: sessions.startsAt,
        end: sessions.endsAt,
        organizerId: bookingSeries.organizerId,
        attendeeId: bookingSeries.attendeeId,
      })
      .from(sessions)
      .innerJoin(bookingSeries, eq(bookingSeries.id, sessions.seriesId))
      .where(eq(sessions.status, 'scheduled'));
    const leaderTimes = scheduled
      .filter((s) => s.organizerId === leader || s.attendeeId === leader)
      .map((s) => ({ start: s.start.getTime(), end: s.end.getTime() }));
    expect(leaderTimes.length).toBeGreaterThanOrEqual(2 * 4 - 2);
    expect(overlapping(leaderTimes)).toBe(false);
    // Every scheduled session is reserved in both people's cached busy time.
    for (const s of scheduled) {
      for (const id of [s.organizerId, s.attendeeId]) {
        expect(coveredBy(await cachedBusy(id), s.start.getTime(), s.end.getTime())).toBe(true);
      }
    }
  });
});
