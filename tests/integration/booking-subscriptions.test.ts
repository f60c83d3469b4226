import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { endPairing } from '../../api/src/programs/pairing-end.js';
import { deleteMyData } from '../../api/src/privacy/delete-my-data.js';
import { updateMyEnrolment } from '../../api/src/programs/index.js';
import {
  bookingJobHandlers,
  ensureSubscription,
  keepingTrueJobHandlers,
  queueProgramBookings,
  reconcileSeries,
} from '../../api/src/scheduling/index.js';
import {
  bookingSeries,
  enrolments,
  graphSubscriptions,
  jobs,
  pairings,
} from '../../api/src/store/index.js';
import {
  createPairing,
  createProgram,
  listeningBookingWorld,
  readablePeople,
  setMailbox,
  type BookingWorld,
} from './booking-fixture.js';

let world: BookingWorld;
beforeAll(async () => {
  world = await listeningBookingWorld({
    now: new Date(Date.now() - 3 * 86_400_000).toISOString(),
  });
}, 60_000);
afterAll(() => world.close());

/** The subscriptions the tenant holds on one mailbox's events, as Graph would list them. */
function tenantSubscriptions(mailboxId: string) {
  return world.tenant.state.subscriptions
    .list()
    .filter((s) => s.target.kind === 'events' && s.target.userId === mailboxId);
}

function liveItems(personId: string) {
  return world.tenant.state.events(personId).filter((c) => !c.meeting.cancelled);
}

async function ourRecord(mailboxId: string) {
  const [row] = await world.store.db
    .select()
    .from(graphSubscriptions)
    .where(eq(graphSubscriptions.organizerId, mailboxId));
  return row;
}

/** Runs `fn` with Graph's per-mailbox quota lowered to `n` (as if other apps used the rest). */
async function withMailboxQuota(n: number, fn: () => Promise<void>): Promise<void> {
  const limits = world.tenant.state.subscriptions.limits;
  const graphs = limits.perMailbox;
  limits.perMailbox = n;
  try {
    await fn();
  } finally {
    limits.perMailbox = graphs;
  }
}

const handlers = () => ({
  ...bookingJobHandlers(world.services),
  ...keepingTrueJobHandlers(world.services),
});

/** Books a weekly series for each (mentor, leader) pair, each in a program of its own. */
async function book(pairs: [string, string][]): Promise<string[]> {
  const ids: string[] = [];
  for (const [mentor, leader] of pairs) {
    for (const p of [mentor, leader]) {
      setMailbox(world, p, { timeZone: 'GMT Standard Time', start: '07:00', end: '19:00' });
    }
    const programId = await createProgram(world, { rules: { cadence: 'weekly', sessions: 4 } });
    ids.push(await createPairing(world, programId, mentor, leader));
    await queueProgramBookings(world.services, programId);
  }
  // Subscriptions expire by the real clock (Graph checks expirationDateTime against its own).
  world.clock.now = new Date();
  await world.drain(world.runner(handlers()));
  const series = await world.store.db
    .select()
    .from(bookingSeries)
    .where(inArray(bookingSeries.pairingId, ids));
  expect(series.map((s) => s.status)).toEqual(ids.map(() => 'booked'));
  return ids;
}

describe('subscriptions follow the pairings', () => {
  it('one subscription per mailbox across pairings, inside a quota of one; ending a pairing removes what no live pairing needs', async () => {
    const people = readablePeople(world);
    const [mentor, first, second] = [people[10], people[11], people[12]] as [
      string,
      string,
      string,
    ];
    // Graph allows 1,000 per mailbox; one here, so a second subscription on a mailbox fails.
    await withMailboxQuota(1, async () => {
      const [withFirst] = await book([
        [mentor, first],
        [mentor, second],
      ]);
      for (const mailbox of [mentor, first, second]) {
        expect(tenantSubscriptions(mailbox)).toHaveLength(1);
        expect((await ourRecord(mailbox))?.subscriptionId).toBe(
          tenantSubscriptions(mailbox)[0]?.id,
        );
      }
      const failed = await world.store.db
        .select()
        .from(jobs)
        .where(and(eq(jobs.kind, 'graph-subscribe'), eq(jobs.status, 'failed')));
      expect(failed).toEqual([]);
      const mentorSubscription = tenantSubscriptions(mentor)[0]?.id;

      // The first pairing ends: the first leader is in no other pairing, the mentor still is.
      const started = performance.now();
      await world.store.db.transaction((tx) =>
        endPairing(tx, {
          pairingId: withFirst ?? '',
          reason: 'ended by an admin',
          now: new Date(),
        }),
      );
      await world.drain(world.runner(handlers()));
      const tookMs = performance.now() - started;
      console.info(`[reaction] pairing ended -> subscription deleted: ${tookMs.toFixed(0)} ms`);
      expect(tenantSubscriptions(first)).toEqual([]);
      expect(await ourRecord(first)).toBeUndefined();
      expect(tenantSubscriptions(mentor).map((s) => s.id)).toEqual([mentorSubscription]);
      expect(tenantSubscriptions(second)).toHaveLength(1);
      // Both calendars: the ended pairing's series is gone from the leader's, the mentor keeps
      // only the series of the pairing that goes on.
      expect(liveItems(first)).toEqual([]);
      const mentorSeries = liveItems(mentor).filter((c) => c.meeting.recurrence !== null);
      expect(mentorSeries).toHaveLength(1);
      expect(liveItems(second)).toHaveLength(1);

      // A renewal that comes due later does not bring the removed subscription back.
      await ensureSubscription(world.services, first, { renew: true });
      expect(tenantSubscriptions(first)).toEqual([]);

      // The second leader deletes their data: that pairing ends too, and no subscription is left.
      const { jobs: queued } = await deleteMyData(world.store.db, second, new Date());
      expect(queued.map((j) => j.kind)).toEqual(['series-cancel']);
      await world.drain(world.runner(handlers()));
      for (const mailbox of [mentor, first, second]) {
        expect(tenantSubscriptions(mailbox)).toEqual([]);
        expect(await ourRecord(mailbox)).toBeUndefined();
      }
      expect(liveItems(mentor)).toEqual([]);
      expect(liveItems(second)).toEqual([]);
    });
  });

  it('a paused pairing keeps its sessions in both calendars, unwatched; resuming watches them again', async () => {
    const people = readablePeople(world);
    const [mentor, leader] = [people[18], people[19]] as [string, string];
    const [pairingId] = await book([[mentor, leader]]);
    const [pairing] = await world.store.db
      .select()
      .from(pairings)
      .where(eq(pairings.id, pairingId ?? ''));
    const [mine] = await world.store.db
      .insert(enrolments)
      .values([
        { programId: pairing?.programId ?? '', personId: leader, role: 'leader' },
        { programId: pairing?.programId ?? '', personId: mentor, role: 'mentor' },
      ])
      .returning();
    expect(tenantSubscriptions(mentor)).toHaveLength(1);

    await updateMyEnrolment(world.services, leader, mine?.id ?? '', { status: 'paused' });
    await world.drain(world.runner(handlers()));
    expect(tenantSubscriptions(mentor)).toEqual([]);
    expect(tenantSubscriptions(leader)).toEqual([]);
    // A check while paused leaves both calendars as they are.
    const [series] = await world.store.db
      .select()
      .from(bookingSeries)
      .where(eq(bookingSeries.pairingId, pairingId ?? ''));
    await reconcileSeries(world.services, series?.id ?? '');
    await world.drain(world.runner(handlers()));
    expect(liveItems(mentor)).toHaveLength(1);
    expect(liveItems(leader)).toHaveLength(1);

    await updateMyEnrolment(world.services, leader, mine?.id ?? '', { status: 'active' });
    await world.drain(world.runner(handlers()));
    expect(tenantSubscriptions(mentor)).toHaveLength(1);
    expect(tenantSubscriptions(leader)).toHaveLength(1);
  });

  it('a mailbox whose quota other apps have filled: Graph says 403, the job stops at once and leaves no record', async () => {
    const people = readablePeople(world);
    const [mentor, leader] = [people[16], people[17]] as [string, string];
    await withMailboxQuota(0, async () => {
      await book([[mentor, leader]]);
      const refused = await world.store.db
        .select()
        .from(jobs)
        .where(and(eq(jobs.kind, 'graph-subscribe'), inArray(jobs.key, [mentor, leader])));
      expect(refused.map((j) => [j.status, j.attempts])).toEqual([
        ['failed', 1],
        ['failed', 1],
      ]);
      expect(refused[0]?.lastError).toMatch(/Maximum number of subscriptions/);
      for (const mailbox of [mentor, leader]) {
        expect(tenantSubscriptions(mailbox)).toEqual([]);
        expect(await ourRecord(mailbox)).toBeUndefined();
      }
    });
  });

  it('a create lost to a crash leaves no second subscription: the orphan is deleted first', async () => {
    const people = readablePeople(world);
    const [mentor, leader] = [people[14], people[15]] as [string, string];
    await withMailboxQuota(1, async () => {
      await book([[mentor, leader]]);
      const [orphan] = tenantSubscriptions(mentor);
      expect(orphan).toBeDefined();
      // As if the process died after Graph created the subscription, before its id was saved.
      await world.store.db
        .update(graphSubscriptions)
        .set({ subscriptionId: null, expiresAt: null })
        .where(eq(graphSubscriptions.organizerId, mentor));
      const result = await ensureSubscription(world.services, mentor);
      expect(result.action).toBe('created');
      const now = tenantSubscriptions(mentor);
      expect(now).toHaveLength(1);
      expect(now[0]?.id).not.toBe(orphan?.id);
      expect((await ourRecord(mentor))?.subscriptionId).toBe(now[0]?.id);
    });
  });
});
