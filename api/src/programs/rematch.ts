import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { problems } from '../app/index.js';
import type { RematchRequestView } from '../contract/index.js';
import type { Principal } from '../app/index.js';
import type { Services } from '../app/index.js';
import type { Db } from '../store/index.js';
import { pairings, people, rematchRequests } from '../store/index.js';
import { personCard, unknownPersonCard } from './person-card.js';
import { findProgram } from './programs.js';

export const rematchInput = z.object({ reason: z.string().trim().min(3).max(500) }).strict();

export const REMATCH_FLAG = 'rematch-requested';

/**
 * A member asks for a new partner. The request is recorded and the pairing flagged for the admin;
 * nothing changes for the partner until an admin acts.
 */
export async function requestRematch(
  services: Services,
  principal: Principal,
  pairingId: string,
  reason: string,
): Promise<{ requested: true }> {
  const now = services.now();
  await services.db.transaction(async (tx) => {
    const [pairing] = await tx.select().from(pairings).where(eq(pairings.id, pairingId)).limit(1);
    if (pairing === undefined) throw problems.notFound('No such pairing.');
    const member = principal.userId === pairing.mentorId || principal.userId === pairing.leaderId;
    if (!member)
      throw problems.forbidden('Only the two people of a pairing can ask for a rematch.');
    if (pairing.status === 'ended') throw problems.conflict('This pairing has already ended.');
    await tx
      .insert(rematchRequests)
      .values({
        programId: pairing.programId,
        pairingId,
        source: 'member',
        affectedPersonId: principal.userId,
        requestedBy: principal.userId,
        reason,
        createdAt: now,
      })
      .onConflictDoUpdate({
        target: [
          rematchRequests.pairingId,
          rematchRequests.source,
          rematchRequests.affectedPersonId,
        ],
        targetWhere: eq(rematchRequests.status, 'open'),
        set: { reason },
      });
    await tx.update(pairings).set({ flag: REMATCH_FLAG }).where(eq(pairings.id, pairingId));
  });
  return { requested: true };
}

/** Open (and recently resolved) rematch requests of a program, for the admin. */
export async function listRematchRequests(
  db: Db,
  programId: string,
): Promise<RematchRequestView[]> {
  await findProgram(db, programId);
  const rows = await db
    .select()
    .from(rematchRequests)
    .where(eq(rematchRequests.programId, programId))
    .orderBy(asc(rematchRequests.createdAt), asc(rematchRequests.id));
  const ids = [
    ...new Set(rows.flatMap((r) => [r.affectedPersonId, ...r.candidates.map((c) => c.personId)])),
  ];
  const persons =
    ids.length === 0 ? [] : await db.select().from(people).where(inArray(people.id, ids));
  const byId = new Map(persons.map((p) => [p.id, p]));
  const card = (id: string) => {
    const p = byId.get(id);
    return p === undefined ? unknownPersonCard(id) : personCard(p);
  };
  return rows.map((r) => ({
    id: r.id,
    pairingId: r.pairingId,
    source: r.source,
    affected: card(r.affectedPersonId),
    reason: r.reason,
    status: r.status,
    candidates: r.candidates.map((c) => ({
      person: card(c.personId),
      score: c.score,
      explanation: c.explanation,
    })),
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Whether a person has an open request on this pairing (used by tests and the admin view). */
export async function hasOpenRematch(db: Db, pairingId: string): Promise<boolean> {
  const rows = await db
    .select({ id: rematchRequests.id })
    .from(rematchRequests)
    .where(and(eq(rematchRequests.pairingId, pairingId), eq(rematchRequests.status, 'open')))
    .limit(1);
  return rows.length > 0;
}
