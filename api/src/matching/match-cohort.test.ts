import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { matchOverrides } from '../store/index.js';
import { useTestStore } from '../testing/store-world.js';
import { programOverrides } from './match-cohort.js';
import { foldOverrides } from './match-override-state.js';

describe('a program’s overrides', () => {
  const store = useTestStore();

  it('come back in the order admins made them even when their timestamps tie', async () => {
    const programId = randomUUID();
    const runId = randomUUID();
    const at = new Date('2026-03-02T09:00:00Z');
    // Forty changes in one instant: ordering by timestamp and then a random id would put them
    // in a shuffled order almost surely.
    const mentors = Array.from({ length: 40 }, (_, i) => `mentor-${String(i).padStart(2, '0')}`);
    for (const mentorId of mentors)
      await store.db.insert(matchOverrides).values({
        programId,
        runId,
        kind: 'swap',
        mentorId,
        leaderId: 'leader-1',
        reason: 'Asked to work together',
        actorId: 'hr-admin',
        createdAt: at,
      });
    const rows = await programOverrides(store.db, programId);
    expect(rows.map((r) => r.mentorId)).toEqual(mentors);
    // So a leader with room for one keeps the admin's latest swap.
    const state = foldOverrides(rows, 1);
    expect([...state.pins]).toEqual([['mentor-39', 'leader-1']]);
  });
});
