import { and, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import { problems } from '../app/index.js';
import type { Services } from '../app/index.js';
import { REASON_LIMITS, type RematchCandidateView } from '../contract/index.js';
import { enqueueJob, seriesBookJob } from '../jobs/index.js';
import { messagePartnerChanged } from '../notifications/index.js';
import {
  audit,
  endPairing,
  openRematchRequest,
  personCard,
  unknownPersonCard,
} from '../programs/index.js';
import type { Db, Role } from '../store/index.js';
import { pairings, people, programs, rematchRequests } from '../store/index.js';
import { candidatesFor, programContext, type Candidate } from './reevaluate-pairings.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const applyRematchInput = z
  .object({
    /** The new partner, one of the request's current candidates. */
    personId: z.string().trim().min(1).max(200),
    reason: z.string().trim().min(REASON_LIMITS.minChars).max(REASON_LIMITS.maxChars),
  })
  .strict();

export type ApplyRematchInput = z.infer<typeof applyRematchInput>;

/** Enough to show every feasible partner on one screen without paging. */
const MAX_CANDIDATES = 20;

async function openRequest(db: Db, requestId: string) {
  if (!UUID.test(requestId)) throw problems.notFound('No such rematch request.');
  const [row] = await db
    .select({ request: rematchRequests, pairing: pairings, program: programs })
    .from(rematchRequests)
    .innerJoin(pairings, eq(pairings.id, rematchRequests.pairingId))
    .innerJoin(programs, eq(programs.id, rematchRequests.programId))
    .where(eq(rematchRequests.id, requestId))
    .limit(1);
  if (row === undefined) throw problems.notFound('No such rematch request.');
  if (row.request.status !== 'open')
    throw problems.conflict('This rematch request has already been resolved.');
  if (row.program.status !== 'active')
    throw problems.conflict('Rematches are made while the program is active.');
  return row;
}

/**
 * Everyone who could partner the affected person right now: the other role, free (leaders with
 * room), breaking no hard rule (reporting line, level gap, never-pair, earlier pairing), best
 * first. Computed fresh, so a candidate listed at request time who has since been paired is gone.
 */
async function freshCandidates(
  services: Services,
  row: Awaited<ReturnType<typeof openRequest>>,
): Promise<{ candidates: Candidate[]; role: Role }> {
  const { request, pairing, program } = row;
  const role: Role = request.affectedPersonId === pairing.mentorId ? 'mentor' : 'leader';
  const partner = role === 'mentor' ? pairing.leaderId : pairing.mentorId;
  const ctx = await programContext(services.db, program.id, program.rules, services.now());
  const candidates = candidatesFor(
    ctx.cohort,
    { id: request.affectedPersonId, role },
    ctx.matchRules,
    ctx.busy,
    program.rules.leaderCapacity,
    partner,
    MAX_CANDIDATES,
  );
  return { candidates, role };
}

/** GET /api/rematches/:requestId/candidates — the partners an admin may apply, best first. */
export async function rematchCandidates(
  services: Services,
  requestId: string,
): Promise<RematchCandidateView[]> {
  const { candidates } = await freshCandidates(services, await openRequest(services.db, requestId));
  const ids = candidates.map((c) => c.personId);
  const rows =
    ids.length === 0 ? [] : await services.db.select().from(people).where(inArray(people.id, ids));
  const byId = new Map(rows.map((p) => [p.id, p]));
  return candidates.map((c) => {
    const p = byId.get(c.personId);
    return {
      person: p === undefined ? unknownPersonCard(c.personId) : personCard(p),
      score: c.score,
      explanation: c.explanation,
    };
  });
}

/**
 * An admin applies a candidate: the old pairing ends (its remaining series is cancelled), a new
 * pairing with the candidate starts and is booked, the request is resolved, and the audit log
 * records who did it and why — all in one transaction. A candidate who is no longer feasible
 * (paired meanwhile, moved into the same reporting line) is refused with 409 and nothing changes.
 */
export async function applyRematch(
  services: Services,
  actorId: string,
  requestId: string,
  input: ApplyRematchInput,
): Promise<{ pairingId: string }> {
  const now = services.now();
  const row = await openRequest(services.db, requestId);
  const { candidates, role } = await freshCandidates(services, row);
  const chosen = candidates.find((c) => c.personId === input.personId);
  if (chosen === undefined)
    throw problems.conflict(
      'That person cannot be paired with them now (already paired, or a matching rule forbids it). Choose another candidate.',
    );
  const { request, pairing, program } = row;
  const [mentorId, leaderId] =
    role === 'mentor'
      ? [request.affectedPersonId, chosen.personId]
      : [chosen.personId, request.affectedPersonId];
  const endReason = `rematched by the program team: ${input.reason}`;

  const result = await services.db.transaction(async (tx) => {
    // Claim the request first: two admins applying at once cannot both create a pairing.
    const claimed = await tx
      .update(rematchRequests)
      .set({ status: 'resolved', resolvedAt: now })
      .where(and(eq(rematchRequests.id, requestId), eq(rematchRequests.status, 'open')))
      .returning({ id: rematchRequests.id });
    if (claimed.length === 0)
      throw problems.conflict('This rematch request has already been resolved.');
    // The partner who is not moving on with them hears it from us, not from a cancelled invite;
    // a pairing that had already ended (their partner left) has nobody left to tell.
    const stillOn = pairing.status !== 'ended';
    if (stillOn)
      await messagePartnerChanged(services, tx, {
        pairingId: pairing.id,
        actorId: request.affectedPersonId,
        change: 'rematched',
        at: now,
      });
    const ended = await endPairing(tx, { pairingId: pairing.id, reason: endReason, now });
    // Other open requests on the ended pairing are answered by this one.
    await tx
      .update(rematchRequests)
      .set({ status: 'resolved', resolvedAt: now })
      .where(
        and(
          eq(rematchRequests.pairingId, pairing.id),
          eq(rematchRequests.status, 'open'),
          ne(rematchRequests.id, requestId),
        ),
      );
    // The message above tells that partner the program team is finding them someone: it is.
    if (stillOn) {
      const partnerRole = role === 'mentor' ? 'leader' : 'mentor';
      await openRematchRequest(services, tx, {
        pairing,
        source: 'partner-moved',
        affectedPersonId: role === 'mentor' ? pairing.leaderId : pairing.mentorId,
        requestedBy: null,
        reason: `The ${role} was given a new partner; the ${partnerRole} needs one too.`,
        now,
      });
    }
    const [created] = await tx
      .insert(pairings)
      .values({
        programId: program.id,
        mentorId,
        leaderId,
        status: 'active',
        matchRunId: null,
        score: Math.round(chosen.score * 100),
        explanation: chosen.explanation,
        scoreParts: chosen.scoreParts,
        guideTrackId: program.guideTrackId,
        guideTrackVersion: program.guideTrackVersion,
        startedAt: now,
      })
      .returning({ id: pairings.id });
    if (created === undefined) throw new Error('insert into pairings returned no row');
    await enqueueJob(tx, seriesBookJob(created.id));
    await audit(tx, {
      actorId,
      action: 'rematch.apply',
      targetType: 'pairing',
      targetId: created.id,
      reason: input.reason,
      detail: {
        requestId,
        programId: program.id,
        previousPairingId: pairing.id,
        mentorId,
        leaderId,
      },
    });
    return { pairingId: created.id, ended };
  });
  // The jobs were queued in the transaction; these only wake the worker.
  if (result.ended)
    await services.enqueue({
      kind: 'series-cancel',
      key: pairing.id,
      payload: { pairingId: pairing.id, reason: endReason },
    });
  await services.enqueue(seriesBookJob(result.pairingId));
  return { pairingId: result.pairingId };
}
