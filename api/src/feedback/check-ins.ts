import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CheckInView } from '../contract/index.js';
import type { Db } from '../store/index.js';
import { checkIns } from '../store/index.js';
import type { SessionMembership } from './session-membership.js';

export const MAX_REFLECTION_CHARS = 5000;

const rating = z.int().min(1).max(5);

/** PUT /api/sessions/:sessionId/check-in body. */
export const checkInInput = z
  .object({
    held: z.boolean(),
    usefulness: rating,
    safety: rating,
    reflection: z.string().max(MAX_REFLECTION_CHARS),
  })
  .strict();

export type CheckInInput = z.infer<typeof checkInInput>;

type CheckInRow = typeof checkIns.$inferSelect;

function toView(sessionId: string, row: CheckInRow | undefined): CheckInView {
  return {
    sessionId,
    held: row?.held ?? null,
    usefulness: row?.usefulness ?? null,
    safety: row?.safety ?? null,
    reflection: row?.reflection ?? '',
    updatedAt: row?.updatedAt.toISOString() ?? null,
    visibility: 'author-only',
  };
}

/**
 * The caller's own check-in. The query is keyed by the caller's id, so no argument can make it
 * return someone else's text: the partner asking for the same session gets their own (or empty).
 */
export async function getOwnCheckIn(
  db: Db,
  m: SessionMembership,
  callerId: string,
): Promise<CheckInView> {
  const rows = await db
    .select()
    .from(checkIns)
    .where(and(eq(checkIns.sessionId, m.session.id), eq(checkIns.personId, callerId)));
  return toView(m.session.id, rows[0]);
}

export async function putOwnCheckIn(
  db: Db,
  m: SessionMembership,
  callerId: string,
  input: CheckInInput,
  now: Date,
): Promise<CheckInView> {
  const values = {
    held: input.held,
    usefulness: input.usefulness,
    safety: input.safety,
    reflection: input.reflection,
    updatedAt: now,
  };
  const rows = await db
    .insert(checkIns)
    .values({
      sessionId: m.session.id,
      pairingId: m.pairing.id,
      personId: callerId,
      ...values,
      createdAt: now,
    })
    .onConflictDoUpdate({ target: [checkIns.sessionId, checkIns.personId], set: values })
    .returning();
  return toView(m.session.id, rows[0]);
}
