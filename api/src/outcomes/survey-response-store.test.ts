import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { pairings, surveyResponses } from '../store/index.js';
import { seedPairing, seedPeople, seedProgram } from '../testing/route-harness.js';
import { useTestStore } from '../testing/store-world.js';
import { saveMySurvey } from './survey-responses.js';
import { shippedSurveys } from './survey-routes.js';

const store = useTestStore();
let programId: string;
let firstPairing: string;
let secondPairing: string;

const row = (o: { personId: string; phase: 'baseline' | 'end'; pairingId: string | null }) => ({
  programId,
  role: 'mentor' as const,
  instrumentKey: `mentor-${o.phase}`,
  instrumentVersion: '2026.1',
  answers: { 'heard-senior': 3 },
  ...o,
});

beforeAll(async () => {
  await seedPeople(store.db, [{ id: 'm1' }, { id: 'l1' }, { id: 'l2' }, { id: 'm2' }]);
  programId = await seedProgram(store.db);
  firstPairing = (await seedPairing(store.db, { programId, mentorId: 'm1', leaderId: 'l1' }))
    .pairingId;
  secondPairing = (await seedPairing(store.db, { programId, mentorId: 'm1', leaderId: 'l2' }))
    .pairingId;
});

describe('survey answers in the store', () => {
  it('holds one end answer per person per pairing, and one baseline per person per program', async () => {
    await store.db.insert(surveyResponses).values([
      row({ personId: 'm1', phase: 'baseline', pairingId: null }),
      row({ personId: 'm1', phase: 'end', pairingId: firstPairing }),
      row({ personId: 'm1', phase: 'end', pairingId: secondPairing }),
      // Someone never paired answers the end survey when the program closes: no pairing.
      row({ personId: 'm2', phase: 'end', pairingId: null }),
    ]);
    const again = [
      row({ personId: 'm1', phase: 'end', pairingId: firstPairing }),
      row({ personId: 'm1', phase: 'baseline', pairingId: null }),
      row({ personId: 'm2', phase: 'end', pairingId: null }),
    ];
    for (const r of again)
      await expect(store.db.insert(surveyResponses).values(r)).rejects.toThrow();
    // A baseline is about the program, never a pairing.
    await expect(
      store.db
        .insert(surveyResponses)
        .values(row({ personId: 'l1', phase: 'baseline', pairingId: firstPairing })),
    ).rejects.toThrow();
    expect(await store.db.select().from(surveyResponses)).toHaveLength(4);
  });

  it('keeps one answer when the same end survey is sent twice at once', async () => {
    await store.db
      .update(pairings)
      .set({ status: 'ended', endedAt: new Date('2026-05-01T09:00:00Z'), endReason: 'left' })
      .where(eq(pairings.id, firstPairing));
    const library = await shippedSurveys();
    const answers = Object.fromEntries(
      library.latest('leader', 'end').items.map((i) => [i.key, 4]),
    );
    const save = () =>
      saveMySurvey(store.db, library, {
        personId: 'l1',
        programId,
        phase: 'end',
        pairingId: firstPairing,
        answers,
        now: new Date('2026-05-03T09:00:00Z'),
      });
    const saved = await Promise.all([save(), save(), save()]);
    expect(saved.map((s) => s.pairingId)).toEqual([firstPairing, firstPairing, firstPairing]);
    const rows = await store.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.personId, 'l1'));
    expect(rows.map((r) => [r.phase, r.pairingId])).toEqual([['end', firstPairing]]);
  });
});
