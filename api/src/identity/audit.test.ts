import { describe, expect, it } from 'vitest';
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
      action: 'insights.export',
      targetType: 'program',
    });
    const [latest, first] = await listAudit(store.db, { limit: 10 });
    expect(latest).toMatchObject({
      actorId: 'hr-2',
      action: 'insights.export',
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

  it('writes nothing when the change it records is rolled back', async () => {
    const before = (await listAudit(store.db, { limit: 100 })).length;
    await expect(
      store.db.transaction(async (tx) => {
        await recordAudit(tx, {
          actorId: 'hr-1',
          action: 'match.approve',
          targetType: 'match-run',
        });
        throw new Error('approval failed');
      }),
    ).rejects.toThrow('approval failed');
    expect(await listAudit(store.db, { limit: 100 })).toHaveLength(before);
  });
});
