import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { problems } from '../app/index.js';
import { REFLECTION_LIMITS, type CheckInView } from '../contract/index.js';
import type { Db } from '../store/index.js';
import { checkIns } from '../store/index.js';
import type { SessionMembership } from './session-membership.js';

export const MAX_REFLECTION_CHARS = REFLECTION_LIMITS.maxChars;

const rating = z.int().min(1).max(5);

/** PUT /api/sessions/:sessionId/check-in body. */
export const checkInInput = z
  .object({
    held: z.boolean(),
    // A session that did not happen has nothing to rate.
    usefulness: rating.nullable().optional(),
    safety: rating.nullable().optional(),
    reflection: z.string().max(MAX_REFLECTION_CHARS),
  })
  .strict()
  .refine((v) => !v.held || (v.usefulness != null && v.safety != null), {
    message: 'rate usefulness and safety (1 to 5) when the session took place',
    path: ['usefulness'],
  });

export type CheckInInput = z.infer<typeof checkInInput>;

type CheckInRow = typeof checkIns.$inferSelect;

/** A check-in is about a session that happened: it opens when the session starts. */
export function checkInOpen(m: SessionMembership, now: Date): boolean {
  return m.session.startsAt.getTime() <= now.getTime();
}

function toView(m: SessionMembership, row: CheckInRow | undefined, now: Date): CheckInView {
  return {
    sessionId: m.session.id,
    held: row?.held ?? null,
    usefulness: row?.usefulness ?? null,
    safety: row?.safety ?? null,
    reflection: row?.reflection ?? '',
    updatedAt: row?.updatedAt.toISOString() ?? null,
    visibility: 'author-only',
    opensAt: m.session.startsAt.toISOString(),
    open: checkInOpen(m, now),
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
  now: Date,
): Promise<CheckInView> {
  const rows = await db
    .select()
    .from(checkIns)
    .where(and(eq(checkIns.sessionId, m.session.id), eq(checkIns.personId, callerId)));
  return toView(m, rows[0], now);
}

export async function putOwnCheckIn(
  db: Db,
  m: SessionMembership,
  callerId: string,
  input: CheckInInput,
  now: Date,
): Promise<CheckInView> {
  if (!checkInOpen(m, now))
    throw problems.conflict('A check-in opens once the session has started.', {
      opensAt: m.session.startsAt.toISOString(),
    });
  const values = {
    held: input.held,
    usefulness: input.held ? (input.usefulness ?? null) : null,
    safety: input.held ? (input.safety ?? null) : null,
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
  return toView(m, rows[0], now);
}
