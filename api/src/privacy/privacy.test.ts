import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { RETENTION_LIMITS, RETENTION_PROBLEM } from '../contract/index.js';
import type { DeletionReceipt, MyDataExport, RetentionView } from '../contract/index.js';
import { seedPairing, seedPeople, seedProgram, testClock } from '../testing/route-harness.js';
import { useRouteTestWorld } from '../testing/route-world.js';
import { rowsOf } from '../jobs/index.js';
import {
  rematchRequests,
  auditLog,
  checkIns,
  commitments,
  enrolments,
  jobs,
  notifications,
  pairings,
  surveyResponses,
} from '../store/index.js';
import type { Db } from '../store/index.js';
import { privacyRoutes } from './privacy-routes.js';
import { purgeExpiredPrograms } from './retention.js';

const ME = 'me-7c1f';
const PARTNER = 'pa-93fe';
const MY_TEXT = 'my-private-reflection-4471';
const PARTNER_TEXT = 'partner-private-reflection-9902';

const clock = testClock('2026-05-10T12:00:00Z');
const world = useRouteTestWorld({ clock, routes: privacyRoutes });
let pairingId: string;
let programId: string;

async function note(db: Db, personId: string, text: string, pairing: string | null) {
  const [row] = await db
    .insert(notifications)
    .values({
      personId,
      kind: 'checkInWaiting',
      subjectId: `s-${text}`,
      pairingId: pairing,
      dedupeKey: `k-${personId}-${text}`,
      text,
      scheduledFor: new Date(),
    })
    .returning({ id: notifications.id });
  return row?.id ?? '';
}

beforeAll(async () => {
  await seedPeople(world.db, [{ id: ME }, { id: PARTNER }, { id: 'x1' }, { id: 'x2' }]);
  programId = await seedProgram(world.db);
  const seeded = await seedPairing(world.db, {
    programId,
    mentorId: ME,
    leaderId: PARTNER,
    sessions: [{ startsAt: '2026-05-01T09:00:00Z' }, { startsAt: '2026-06-01T09:00:00Z' }],
  });
  pairingId = seeded.pairingId;
  const session = seeded.sessionIds[0] ?? '';
  await world.db.insert(checkIns).values([
    {
      sessionId: session,
      pairingId,
      personId: ME,
      held: true,
      usefulness: 5,
      safety: 4,
      reflection: MY_TEXT,
    },
    {
      sessionId: session,
      pairingId,
      personId: PARTNER,
      held: true,
      usefulness: 3,
      safety: 3,
      reflection: PARTNER_TEXT,
    },
  ]);
  await world.db
    .insert(commitments)
    .values({ pairingId, authorId: PARTNER, text: 'partner commitment 5512' });
  const answers = (point: number) => ({ 'heard-senior': point, 'voice-speak-up': point });
  await world.db.insert(surveyResponses).values([
    {
      programId,
      personId: ME,
      role: 'mentor',
      phase: 'baseline',
      instrumentKey: 'mentor-baseline',
      instrumentVersion: '2026.1',
      answers: answers(2),
    },
    {
      programId,
      personId: PARTNER,
      role: 'leader',
      phase: 'baseline',
      instrumentKey: 'leader-baseline',
      instrumentVersion: '2026.1',
      answers: answers(4),
    },
  ]);
  await note(world.db, ME, 'my-nudge-1203', pairingId);
  await note(world.db, PARTNER, 'partner-nudge-7781', null);
  const other = await seedPairing(world.db, { programId, mentorId: 'x1', leaderId: 'x2' });
  await note(world.db, 'x1', 'other-nudge-3310', other.pairingId);
});

describe('data export', () => {
  it("contains the caller's own data and nothing of anyone else's, and is audited", async () => {
    const res = await world.api.call('get', '/me/export', { as: ME });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const data = res.body as MyDataExport;
    expect(data.person).toMatchObject({ id: ME });
    expect(data.checkIns).toEqual([expect.objectContaining({ reflection: MY_TEXT })]);
    expect(data.enrolments).toHaveLength(1);
    expect(data.pairings).toEqual([expect.objectContaining({ id: pairingId, myRole: 'mentor' })]);
    expect(data.sessions).toHaveLength(2);
    expect(data.notifications).toEqual([expect.objectContaining({ text: 'my-nudge-1203' })]);
    expect(data.surveyResponses).toEqual([
      expect.objectContaining({
        phase: 'baseline',
        answers: { 'heard-senior': 2, 'voice-speak-up': 2 },
      }),
    ]);
    expect(res.text).not.toContain('leader-baseline');
    for (const foreign of [
      PARTNER,
      PARTNER_TEXT,
      'partner-nudge-7781',
      'partner commitment 5512',
      'x1',
      'other-nudge-3310',
    ])
      expect(res.text).not.toContain(foreign);
    const audit = await world.db.select().from(auditLog).where(eq(auditLog.action, 'me.export'));
    expect(audit).toEqual([expect.objectContaining({ actorId: ME, targetId: ME })]);
  });
});

describe('deletion', () => {
  it('leaves nothing of the caller’s private data behind, ends the pairing and queues the series cancellation', async () => {
    const [myCheckIn] = await world.db.select().from(checkIns).where(eq(checkIns.personId, ME));
    const myNotes = await world.db
      .select()
      .from(notifications)
      .where(eq(notifications.personId, ME));
    const res = await world.api.call('delete', '/me', { as: ME });
    expect(res.status).toBe(200);
    expect(res.body as DeletionReceipt).toEqual({
      deleted: { checkIns: 1, commitments: 0, surveyResponses: 1, notifications: 1 },
      enrolmentsLeft: 1,
      pairingsEnded: 1,
    });

    // Every table, every row, as text.
    const tables = rowsOf(
      await world.db.execute(
        sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
      ),
    ).map((r) => String(r.table_name));
    expect(tables).toEqual(
      expect.arrayContaining(['check_ins', 'notifications', 'jobs', 'audit_log']),
    );
    const holding = (needle: string) =>
      Promise.all(
        tables.map(async (t) => {
          const found = rowsOf(
            await world.db.execute(
              sql`select count(*)::int as n from ${sql.identifier(t)} r where r::text like ${`%${needle}%`}`,
            ),
          )[0];
          return Number(found?.n ?? 0) > 0 ? t : undefined;
        }),
      ).then((list) => list.filter((t): t is string => t !== undefined).sort());

    expect(await holding(MY_TEXT)).toEqual([]);
    expect(await holding(myCheckIn?.id ?? 'missing')).toEqual([]);
    for (const n of myNotes) expect(await holding(n.id)).toEqual([]);
    expect(await holding('my-nudge-1203')).toEqual([]);
    // The person's id stays only where history needs it: the directory, the (left) enrolment, the
    // ended pairing and its series (so the cancellation can run and no repeat pairing is proposed),
    // the audit record of the deletion itself, the partner's message that they left and the
    // program team's that the partner needs a new one, which name the pair (both already knew
    // who was paired with whom; nothing of the person's own remains).
    expect(await holding(ME)).toEqual([
      'audit_log',
      'booking_series',
      'enrolments',
      'notifications',
      'pairings',
      'people',
    ]);
    const naming = await world.db
      .select({ personId: notifications.personId, kind: notifications.kind })
      .from(notifications)
      .where(sql`${notifications}::text like ${`%${ME}%`}`);
    expect(naming).toEqual(
      expect.arrayContaining([
        { personId: PARTNER, kind: 'partnerChanged' },
        { personId: 'admin-1', kind: 'pairingAtRisk' },
      ]),
    );
    expect(naming).toHaveLength(2);
    // What the partner's message promises is true: they are in the program's rematch queue,
    // without a trace of who left.
    const queue = await world.db.select().from(rematchRequests);
    expect(queue).toMatchObject([
      {
        pairingId,
        source: 'departure',
        affectedPersonId: PARTNER,
        requestedBy: null,
        status: 'open',
      },
    ]);

    const [pairing] = await world.db.select().from(pairings).where(eq(pairings.id, pairingId));
    expect(pairing).toMatchObject({ status: 'ended', explanation: '' });
    const [enrolment] = await world.db.select().from(enrolments).where(eq(enrolments.personId, ME));
    expect(enrolment).toMatchObject({ status: 'left', topicsOffered: [], topicsWanted: [] });
    const [cancel] = await world.db.select().from(jobs).where(eq(jobs.kind, 'series-cancel'));
    expect(cancel).toMatchObject({
      key: pairingId,
      payload: { pairingId, reason: expect.any(String) },
    });
    const [audit] = await world.db.select().from(auditLog).where(eq(auditLog.action, 'me.delete'));
    expect(JSON.stringify(audit)).not.toContain(MY_TEXT);

    // The partner's own reflection is theirs and stays; the anonymous ratings stay countable.
    expect(await holding(PARTNER_TEXT)).toEqual(['check_ins']);
    // The caller's survey answers are gone; the partner's stay theirs.
    const answersLeft = await world.db.select().from(surveyResponses);
    expect(answersLeft.map((r) => r.personId)).toEqual([PARTNER]);
  });
});

describe('retention', () => {
  it('lets admins read and change the retention period, audited', async () => {
    const denied = await world.api.call('put', `/programs/${programId}/retention`, {
      as: ME,
      body: { retentionMonths: 6 },
    });
    expect(denied.status).toBe(403);
    // The sentence the retention form shows under its field, for both ends of the range.
    for (const retentionMonths of [
      RETENTION_LIMITS.minMonths - 1,
      RETENTION_LIMITS.maxMonths + 1,
    ]) {
      const bad = await world.api.call('put', `/programs/${programId}/retention`, {
        as: 'hr',
        admin: true,
        body: { retentionMonths },
      });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({
        errors: [{ field: 'body.retentionMonths', message: RETENTION_PROBLEM }],
      });
    }
    const ok = await world.api.call('put', `/programs/${programId}/retention`, {
      as: 'hr',
      admin: true,
      body: { retentionMonths: 6, reason: 'works council agreement' },
    });
    expect(ok.body as RetentionView).toEqual({
      programId,
      retentionMonths: 6,
      closedAt: null,
      purgeAfter: null,
    });
    const audit = await world.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'program.retention'));
    expect(audit).toEqual([
      expect.objectContaining({ actorId: 'hr', detail: { from: 24, to: 6 } }),
    ]);
  });

  it('purges a closed program’s personal data once its months have passed, and not before', async () => {
    const old = await seedProgram(world.db, {
      status: 'closed',
      closedAt: new Date('2024-01-31T10:00:00Z'),
    });
    const recent = await seedProgram(world.db, {
      status: 'closed',
      closedAt: new Date('2025-06-30T10:00:00Z'),
    });
    await seedPeople(world.db, [{ id: 'o1' }, { id: 'o2' }, { id: 'r1' }, { id: 'r2' }]);
    for (const [prog, m, l] of [
      [old, 'o1', 'o2'],
      [recent, 'r1', 'r2'],
    ] as const) {
      const p = await seedPairing(world.db, {
        programId: prog,
        mentorId: m,
        leaderId: l,
        sessions: [{ startsAt: '2024-01-01T09:00:00Z' }],
      });
      await world.db.insert(checkIns).values({
        sessionId: p.sessionIds[0] ?? '',
        pairingId: p.pairingId,
        personId: m,
        reflection: `text-${m}`,
      });
      await note(world.db, l, `nudge-${l}`, p.pairingId);
    }
    // 24 months after 31 Jan 2024 is 31 Jan 2026: one day before, nothing goes.
    expect((await purgeExpiredPrograms(world.db, new Date('2026-01-30T12:00:00Z'))).programs).toBe(
      0,
    );
    const summary = await purgeExpiredPrograms(world.db, new Date('2026-02-01T00:00:00Z'));
    expect(summary).toMatchObject({
      programs: 1,
      checkIns: 1,
      notifications: 1,
      enrolments: 2,
      pairings: 1,
    });
    const left = await world.db.select().from(checkIns);
    expect(left.map((c) => c.reflection)).toContain('text-r1');
    expect(left.map((c) => c.reflection)).not.toContain('text-o1');
    const [e] = await world.db.select().from(enrolments).where(eq(enrolments.personId, 'o1'));
    expect(e?.topicsOffered).toEqual([]);
    expect((await purgeExpiredPrograms(world.db, new Date('2026-02-02T00:00:00Z'))).checkIns).toBe(
      0,
    );
  });
});
