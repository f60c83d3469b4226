import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/index.js';
import { notifications, pairings, surveyResponses } from '../store/index.js';
import { createTestStoreMigratedTo } from '../store/testing.js';
import { seedPairing, seedPeople, seedProgram } from '../testing/route-harness.js';
import { listMySurveys } from './survey-responses.js';
import { shippedSurveys } from './survey-routes.js';

/**
 * Migration 0011: end answers given while the end survey was one per program are attached to the
 * pairing they were about, and so are the end-survey nudges already sent.
 */
let store: Store;
let program: string;
let other: string;
const ids: Record<string, string> = {};

async function pairing(
  programId: string,
  mentorId: string,
  leaderId: string,
  o: { started: string; ended?: string; sessions?: string[] },
): Promise<string> {
  const { pairingId } = await seedPairing(store.db, {
    programId,
    mentorId,
    leaderId,
    sessions: (o.sessions ?? []).map((d) => ({ startsAt: `${d}T09:00:00Z`, status: 'held' })),
  });
  await store.db
    .update(pairings)
    .set({
      startedAt: new Date(o.started),
      ...(o.ended === undefined
        ? {}
        : { status: 'ended' as const, endedAt: new Date(o.ended), endReason: 'left' }),
    })
    .where(eq(pairings.id, pairingId));
  return pairingId;
}

/** An answer as the table held it before 0011 (no pairing column yet). */
const oldAnswer = (programId: string, personId: string, phase: string, at: string) =>
  store.db.execute(sql`
    insert into survey_responses
      (program_id, person_id, role, phase, instrument_key, instrument_version, answers,
       created_at, updated_at)
    values (${programId}, ${personId}, 'mentor', ${phase}, ${`mentor-${phase}`}, '2026.1',
      '{"heard-senior": 3}'::jsonb, ${at}, ${at})`);

beforeAll(async () => {
  store = await createTestStoreMigratedTo('0010_session_avoid_times');
  await seedPeople(
    store.db,
    ['a', 'a1', 'a2', 'b', 'b1', 'b2', 'c', 'c1', 'd', 'x'].map((id) => ({ id })),
  );
  program = await seedProgram(store.db);
  other = await seedProgram(store.db);
  // a: first partner left on 1 May, a answered on 5 May, rematched on 10 May.
  ids.a1 = await pairing(program, 'a', 'a1', {
    started: '2026-04-01T09:00:00Z',
    ended: '2026-05-01T09:00:00Z',
  });
  ids.a2 = await pairing(program, 'a', 'a2', {
    started: '2026-05-10T09:00:00Z',
    sessions: ['2026-05-20', '2026-06-20', '2026-07-20'],
  });
  await oldAnswer(program, 'a', 'end', '2026-05-05T09:00:00Z');
  await oldAnswer(program, 'a', 'baseline', '2026-03-30T09:00:00Z');
  // b: the same, but answered only after the rematch's sessions were over: about the rematch.
  ids.b1 = await pairing(program, 'b', 'b1', {
    started: '2026-04-01T09:00:00Z',
    ended: '2026-05-01T09:00:00Z',
  });
  ids.b2 = await pairing(program, 'b', 'b2', { started: '2026-05-10T09:00:00Z' });
  await oldAnswer(program, 'b', 'end', '2026-07-25T09:00:00Z');
  // c: one pairing whose sessions were over (not ended) when c answered.
  ids.c1 = await pairing(program, 'c', 'c1', { started: '2026-04-01T09:00:00Z' });
  await oldAnswer(program, 'c', 'end', '2026-07-25T09:00:00Z');
  // d: never paired; answered when the program closed. x: paired in another program only.
  await oldAnswer(program, 'd', 'end', '2026-07-25T09:00:00Z');
  await pairing(other, 'x', 'c1', { started: '2026-04-01T09:00:00Z' });
  await oldAnswer(program, 'x', 'end', '2026-07-25T09:00:00Z');
  // The end-survey nudge a was sent about the first pairing, and a baseline nudge.
  for (const [subject, at] of [
    [`${program}:end`, '2026-05-02T09:00:00Z'],
    [`${program}:baseline`, '2026-03-20T09:00:00Z'],
  ] as const)
    await store.db.insert(notifications).values({
      personId: 'a',
      kind: 'surveyWaiting',
      subjectId: subject,
      dedupeKey: `surveyWaiting:a:${subject}`,
      text: 'Three minutes',
      scheduledFor: new Date(at),
      createdAt: new Date(at),
    });

  await store.migrate();
}, 120_000);
afterAll(() => store.close());

describe('migration 0011: end answers per pairing', () => {
  it('attaches each existing end answer to the pairing it was asked about', async () => {
    const rows = await store.db.select().from(surveyResponses);
    const of = (personId: string, phase: string) =>
      rows.find((r) => r.personId === personId && r.phase === phase)?.pairingId;
    expect(of('a', 'end')).toBe(ids.a1);
    expect(of('a', 'baseline')).toBeNull();
    expect(of('b', 'end')).toBe(ids.b2);
    expect(of('c', 'end')).toBe(ids.c1);
    expect(of('d', 'end')).toBeNull();
    expect(of('x', 'end')).toBeNull();
  });

  it('keeps the old answer on its pairing and asks about the next one', async () => {
    const library = await shippedSurveys();
    const mine = await listMySurveys(store.db, library, 'a', new Date('2026-07-25T12:00:00Z'));
    expect(
      mine
        .filter((s) => s.phase === 'end')
        .map((s) => [s.pairingId, s.state, s.answers?.['heard-senior'] ?? null]),
    ).toEqual([
      [ids.a1, 'closed', 3],
      [ids.a2, 'open', null],
    ]);
  });

  it('attaches the end-survey nudge already sent to its pairing, so it is not sent again', async () => {
    const rows = await store.db.select().from(notifications);
    expect(rows.map((n) => [n.subjectId, n.dedupeKey, n.pairingId]).sort()).toEqual(
      [
        [`${program}:baseline`, `surveyWaiting:a:${program}:baseline`, null],
        [`${program}:end:${ids.a1}`, `surveyWaiting:a:${program}:end:${ids.a1}`, ids.a1],
      ].sort(),
    );
  });
});
