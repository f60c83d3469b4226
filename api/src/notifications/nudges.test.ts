import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationView } from '../contract/index.js';
import {
  jobContextOf,
  seedPairing,
  seedPeople,
  seedProgram,
  testClock,
} from '../testing/route-harness.js';
import { useRouteTestWorld } from '../testing/route-world.js';
import { startFakeGraph, type FakeGraph } from '../graph/testing/fake-graph-server.js';
import { loadGuideTracks, syncBuiltinTracks } from '../guides/index.js';
import type { JobHandler } from '../jobs/index.js';
import { checkIns, jobs, notifications } from '../store/index.js';
import { notificationJobHandlers } from './notification-jobs.js';
import { notificationRoutes } from './notification-routes.js';
import { runNudgeScan } from './nudge-scan.js';
import { queueNotification } from './queue-notification.js';

let graph: FakeGraph;
const clock = testClock('2026-05-10T12:00:00Z');

beforeAll(async () => {
  graph = await startFakeGraph((req) => {
    if (req.path.includes('/users/broken/'))
      return {
        status: 403,
        body: {
          error: { code: 'Forbidden', message: 'app not installed for broken@example.test' },
        },
      };
    if (req.path.includes('/users/flaky/'))
      return { status: 503, body: { error: { code: 'ServiceUnavailable', message: 'try later' } } };
    return { status: 204 };
  });
});
afterAll(() => graph.close());

const world = useRouteTestWorld({
  clock,
  routes: notificationRoutes,
  graphBaseUrl: () => graph.baseUrl,
});

/** Runs the queued jobs of a kind as the runner would, ignoring their time (the test owns the clock). */
async function runQueued(
  kind: 'notify-send' | 'nudge-scan' | 'nudge-scan-schedule',
): Promise<{ key: string; error?: string }[]> {
  const handler: JobHandler | undefined = notificationJobHandlers(world.services)[kind];
  if (handler === undefined) throw new Error(kind);
  const rows = await world.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, kind), eq(jobs.status, 'queued')));
  const out: { key: string; error?: string }[] = [];
  for (const job of rows) {
    const ctx = jobContextOf(job);
    try {
      await handler(ctx);
      await world.db.update(jobs).set({ status: 'succeeded' }).where(eq(jobs.id, job.id));
      out.push({ key: job.key });
    } catch (err) {
      out.push({ key: job.key, error: err instanceof Error ? err.name : String(err) });
    }
  }
  return out;
}

const nudgesOf = (personId: string) =>
  world.db.select().from(notifications).where(eq(notifications.personId, personId));

beforeAll(async () => {
  await syncBuiltinTracks(world.db, await loadGuideTracks());
  await seedPeople(world.db, [
    { id: 'ana', displayName: 'Ana', timeZone: 'Europe/London' },
    { id: 'kenji', displayName: 'Kenji', timeZone: 'Asia/Tokyo' },
    { id: 'off', displayName: 'Olive', timeZone: 'Europe/London' },
    { id: 'lee', displayName: 'Lee', timeZone: 'Europe/London' },
    { id: 'broken', displayName: 'Bo', timeZone: 'Europe/London' },
    { id: 'flaky', displayName: 'Flo', timeZone: 'Europe/London' },
    { id: 'hr', displayName: 'HR', timeZone: 'Europe/London' },
  ]);
  const programId = await seedProgram(world.db, { createdBy: 'hr' });
  // Tomorrow's session for Ana (London) and Kenji (Tokyo).
  await seedPairing(world.db, {
    programId,
    mentorId: 'ana',
    leaderId: 'kenji',
    sessions: [{ startsAt: '2026-05-11T10:00:00Z' }],
  });
  // A finished session: Lee checked in, Olive (who turned nudges off) did not.
  const done = await seedPairing(world.db, {
    programId,
    mentorId: 'lee',
    leaderId: 'off',
    sessions: [{ startsAt: '2026-05-08T09:00:00Z' }],
  });
  await world.db.insert(checkIns).values({
    sessionId: done.sessionIds[0] ?? '',
    pairingId: done.pairingId,
    personId: 'lee',
    held: true,
    usefulness: 4,
    safety: 4,
  });
  // Bo's leader declined twice: Bo is told, HR is told the pairing is at risk.
  await seedPairing(world.db, {
    programId,
    mentorId: 'broken',
    leaderId: 'flaky',
    sessions: [
      { startsAt: '2026-04-20T09:00:00Z', status: 'missed' },
      { startsAt: '2026-05-09T09:00:00Z', status: 'declined' },
    ],
  });
});

describe('nudges', () => {
  it('lets a person turn nudges off in one click', async () => {
    const res = await world.api.call('put', '/me/notification-settings', {
      as: 'off',
      body: { enabled: false },
    });
    expect(res.body).toEqual({
      enabled: false,
      quietHours: { start: '20:00', end: '08:00' },
      timeZone: 'Europe/London',
    });
    const bad = await world.api.call('put', '/me/notification-settings', {
      as: 'off',
      body: { enabled: true, quietHours: { start: '25:00', end: '08:00' } },
    });
    expect(bad.status).toBe(400);
  });

  it('queues each nudge once, aimed at the person who has to act', async () => {
    const first = await runNudgeScan(world.services);
    expect(first.errors).toBe(0);
    const again = await runNudgeScan(world.services);
    expect(again.queued).toBe(0);
    expect(again.duplicates + again.optedOut).toBe(first.considered);

    expect((await nudgesOf('ana')).map((n) => n.kind)).toEqual(['sessionTomorrow']);
    expect((await nudgesOf('kenji')).map((n) => n.kind)).toEqual(['sessionTomorrow']);
    expect((await nudgesOf('lee')).map((n) => n.kind)).toEqual([]);
    // The declined session was not held, so nobody is asked to check in on it.
    expect((await nudgesOf('broken')).map((n) => n.kind)).toEqual(['partnerNotResponding']);
    expect((await nudgesOf('flaky')).map((n) => n.kind)).toEqual([]);
    expect((await nudgesOf('hr')).map((n) => n.kind)).toEqual(['pairingAtRisk']);
    // Opened by HR, it lands where the pair's missed and declined sessions are listed.
    expect((await nudgesOf('hr'))[0]?.link).toMatch(/#\/admin\/programs\/[^/]+\/bookings$/);
    const [tomorrow] = await nudgesOf('ana');
    expect(tomorrow?.text).toMatch(/^Your session with Kenji is tomorrow at 11:00: /);
  });

  it('defers a nudge that falls in quiet hours to 08:00 in the person’s own zone, without dropping it', async () => {
    // 12:00 UTC is 13:00 in London (sent now) and 21:00 in Tokyo (deferred to 08:00 JST).
    const [ana] = await nudgesOf('ana');
    const [kenji] = await nudgesOf('kenji');
    expect(ana?.scheduledFor.toISOString()).toBe('2026-05-10T12:00:00.000Z');
    expect(kenji?.scheduledFor.toISOString()).toBe('2026-05-10T23:00:00.000Z');
    const [job] = await world.db
      .select()
      .from(jobs)
      .where(eq(jobs.key, kenji?.id ?? ''));
    expect(job?.runAfter.toISOString()).toBe('2026-05-10T23:00:00.000Z');
  });

  it('records an opted-out person’s nudge as skipped, with no send job', async () => {
    const off = await nudgesOf('off');
    expect(off.map((n) => [n.kind, n.status, n.outcome])).toEqual([
      ['checkInWaiting', 'skipped', 'opted-out'],
    ]);
    const [job] = await world.db
      .select()
      .from(jobs)
      .where(eq(jobs.key, off[0]?.id ?? ''));
    expect(job).toBeUndefined();
  });

  it('sends each nudge in its own job: one person’s failure does not stop the others', async () => {
    await queueNotification(world.services, {
      personId: 'flaky',
      kind: 'checkInWaiting',
      subjectId: 'manual',
      params: { partnerName: 'Bo', sessionTitle: 'Charter' },
    });
    const outcomes = await runQueued('notify-send');
    const sent = await world.db
      .select()
      .from(notifications)
      .where(eq(notifications.status, 'sent'));
    expect(sent.map((n) => n.personId).sort()).toEqual(['ana', 'hr']);
    // 403 (app not installed): failed for good, recorded with a code only.
    const [bo] = await nudgesOf('broken');
    expect([bo?.status, bo?.outcome]).toEqual(['failed', 'graph-403-Forbidden']);
    expect(outcomes.filter((o) => o.error === 'PermanentJobError')).toHaveLength(1);
    // 503: still queued, retried later. Kenji is in quiet hours: also later.
    expect((await nudgesOf('flaky'))[0]?.status).toBe('queued');
    expect((await nudgesOf('kenji'))[0]?.status).toBe('queued');
    expect(outcomes.filter((o) => o.error === 'RetryLaterError')).toHaveLength(2);
  });

  it('calls Graph sendActivityNotification with the manifest activity type and a text topic', async () => {
    const call = graph.requests.find(
      (r) => r.path === '/users/ana/teamwork/sendActivityNotification',
    );
    expect(call?.method).toBe('POST');
    expect(call?.body).toMatchObject({
      topic: {
        source: 'text',
        value: 'Reverse mentoring',
        webUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:3978\/#\/session\/[0-9a-f-]{36}$/),
      },
      activityType: 'sessionTomorrow',
      previewText: { content: expect.stringContaining('Kenji') },
      templateParameters: expect.arrayContaining([{ name: 'partnerName', value: 'Kenji' }]),
    });
  });

  it('sends the deferred nudge once quiet hours are over, unless the person turned nudges off meanwhile', async () => {
    clock.set('2026-05-10T23:00:00Z');
    await runQueued('notify-send');
    expect((await nudgesOf('kenji'))[0]?.status).toBe('sent');
  });

  it('lists only the caller’s own nudges and marks them read', async () => {
    const res = await world.api.call('get', '/me/notifications', { as: 'ana' });
    const items = (res.body as { items: NotificationView[] }).items;
    expect(items.map((i) => i.kind)).toEqual(['sessionTomorrow']);
    expect(items.every((i) => !i.read)).toBe(true);
    await world.api.call('post', '/me/notifications/read', { as: 'ana', body: {} });
    const after = await world.api.call('get', '/me/notifications', { as: 'ana' });
    expect((after.body as { items: NotificationView[] }).items.every((i) => i.read)).toBe(true);
    const other = await world.api.call('get', '/me/notifications', { as: 'lee' });
    expect((other.body as { items: NotificationView[] }).items).toEqual([]);
  });
});
