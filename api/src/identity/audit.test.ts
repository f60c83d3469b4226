import { describe, expect, it } from 'vitest';
import { seedPeople, seedProgram } from '../testing/route-harness.js';
import { useTestStore } from '../testing/store-world.js';
import { listAudit, recordAudit } from './audit.js';

describe('audit log', () => {
  const store = useTestStore();

  it('records who did what to which target and why, newest first', async () => {
    await recordAudit(store.db, {
      actorId: 'hr-1',
      action: 'program.transition',
      targetType: 'program',
      targetId: 'p-1',
      reason: 'Cohort is full',
      detail: { from: 'enrolling', to: 'matching' },
    });
    await recordAudit(store.db, {
      actorId: 'hr-2',
      action: 'insights.export-csv',
      targetType: 'program',
    });
    const [latest, first] = await listAudit(store.db, { limit: 10 });
    expect(latest).toMatchObject({
      actorId: 'hr-2',
      action: 'insights.export-csv',
      targetId: null,
      reason: null,
      detail: null,
    });
    expect(first).toMatchObject({
      actorId: 'hr-1',
      targetId: 'p-1',
      reason: 'Cohort is full',
      detail: { from: 'enrolling', to: 'matching' },
    });
    expect(Date.parse(first?.at ?? '')).not.toBeNaN();
    expect(await listAudit(store.db, { limit: 1 })).toHaveLength(1);
  });

  it('names who acted and the program an action concerns, as the audit screen shows them', async () => {
    await seedPeople(store.db, [{ id: 'hr-named', displayName: 'Joaquín Oliveira' }]);
    const programId = await seedProgram(store.db, { createdBy: 'hr-named' });
    await recordAudit(store.db, {
      actorId: 'hr-named',
      action: 'program.transition',
      targetType: 'program',
      targetId: programId,
    });
    await recordAudit(store.db, {
      actorId: 'hr-named',
      action: 'match-run.approve',
      targetType: 'match-run',
      targetId: '77f727f6-c9a1-46bf-8d37-9f3c17f5471b',
      detail: { programId, pairings: 10 },
    });
    await recordAudit(store.db, {
      actorId: 'system',
      action: 'program.retention-purge',
      targetType: 'program',
    });
    const [purge, approve, transition] = await listAudit(store.db, { limit: 3 });
    expect(transition).toMatchObject({
      actorName: 'Joaquín Oliveira',
      programName: 'Test program',
    });
    expect(approve).toMatchObject({ actorName: 'Joaquín Oliveira', programName: 'Test program' });
    expect(purge).toMatchObject({ actorName: null, programName: null });
  });

  it('writes nothing when the change it records is rolled back', async () => {
    const before = (await listAudit(store.db, { limit: 100 })).length;
    await expect(
      store.db.transaction(async (tx) => {
        await recordAudit(tx, {
          actorId: 'hr-1',
          action: 'match-run.approve',
          targetType: 'match-run',
        });
        throw new Error('approval failed');
      }),
    ).rejects.toThrow('approval failed');
    expect(await listAudit(store.db, { limit: 100 })).toHaveLength(before);
  });
});
