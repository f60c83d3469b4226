import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { problems } from '../app/index.js';
import { REASON_LIMITS, type RematchRequestView } from '../contract/index.js';
import type { Principal } from '../app/index.js';
import type { Services } from '../app/index.js';
import { messageOwnersRematch } from '../notifications/index.js';
import type { Db, RematchSource, Role } from '../store/index.js';
import { pairings, people, rematchRequests } from '../store/index.js';
import { personCard, unknownPersonCard } from './person-card.js';
import { findProgram } from './programs.js';

export const rematchInput = z
  .object({ reason: z.string().trim().min(REASON_LIMITS.minChars).max(REASON_LIMITS.maxChars) })
  .strict();

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
    const role = principal.userId === pairing.mentorId ? 'mentor' : 'leader';
    // The member's own words stay in the queue; the owners' Teams message says only who asked.
    await messageOwnersRematch(services, tx, {
      pairing,
      affectedPersonId: principal.userId,
      reason: `the ${role} asked for a new partner`,
    });
  });
  return { requested: true };
}

type PairingRow = typeof pairings.$inferSelect;

/**
 * Puts the person who needs a new partner in the program's rematch queue (once while a request
 * of that kind is open) and tells the program's owners, in the caller's transaction: what the
 * message to that person promises ("the program team has been asked to find you a new partner").
 */
export async function openRematchRequest(
  services: Services,
  tx: Db,
  r: {
    pairing: Pick<PairingRow, 'id' | 'programId' | 'mentorId' | 'leaderId'>;
    source: RematchSource;
    affectedPersonId: string;
    requestedBy: string | null;
    /** A sentence for the queue: "The mentor left the program; the leader needs a new partner." */
    reason: string;
    candidates?: { personId: string; score: number; explanation: string }[];
    now: Date;
  },
): Promise<boolean> {
  const inserted = await tx
    .insert(rematchRequests)
    .values({
      programId: r.pairing.programId,
      pairingId: r.pairing.id,
      source: r.source,
      affectedPersonId: r.affectedPersonId,
      requestedBy: r.requestedBy,
      reason: r.reason,
      candidates: r.candidates ?? [],
      createdAt: r.now,
    })
    .onConflictDoNothing()
    .returning({ id: rematchRequests.id });
  if (inserted.length === 0) return false;
  await messageOwnersRematch(services, tx, {
    pairing: r.pairing,
    affectedPersonId: r.affectedPersonId,
    reason: r.reason.charAt(0).toLowerCase() + r.reason.slice(1).replace(/\.$/, ''),
  });
  return true;
}

/**
 * The partner of someone who left the program (or deleted their data, which leaves it) goes into
 * the rematch queue. The leaver's side is named by role only.
 */
export async function partnerNeedsNewPartner(
  services: Services,
  tx: Db,
  o: { pairingId: string; leaverId: string; requestedBy: string | null; now: Date },
): Promise<boolean> {
  const [pairing] = await tx.select().from(pairings).where(eq(pairings.id, o.pairingId));
  if (pairing === undefined) return false;
  const leaver: Role = pairing.mentorId === o.leaverId ? 'mentor' : 'leader';
  const stays: Role = leaver === 'mentor' ? 'leader' : 'mentor';
  return openRematchRequest(services, tx, {
    pairing,
    source: 'departure',
    affectedPersonId: leaver === 'mentor' ? pairing.leaderId : pairing.mentorId,
    requestedBy: o.requestedBy,
    reason: `The ${leaver} left the program; the ${stays} needs a new partner.`,
    now: o.now,
  });
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
