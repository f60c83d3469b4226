import { and, asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { calendarDateSchema, problems } from '../app/index.js';
import type { CommitmentListView, CommitmentView } from '../contract/index.js';
import { COMMITMENT_LIMITS, commitmentAddProblem } from '../contract/index.js';
import type { Db } from '../store/index.js';
import { commitments, pairings } from '../store/index.js';

export const commitmentInput = z
  .object({
    text: z.string().trim().min(1).max(COMMITMENT_LIMITS.textMax),
    dueOn: calendarDateSchema.optional(),
  })
  .strict();

export const commitmentPatch = z.object({ done: z.boolean() }).strict();

type CommitmentRow = typeof commitments.$inferSelect;

function toView(row: CommitmentRow, callerId: string): CommitmentView {
  return {
    id: row.id,
    pairingId: row.pairingId,
    text: row.text,
    dueOn: row.dueOn,
    done: row.done,
    doneAt: row.doneAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    mine: row.authorId === callerId,
  };
}

/**
 * The pair's commitments. They are made in the closing session, together, so both people of the
 * pairing see them; admins only ever see counts (insights). The pairing's status comes along so
 * the tab offers "Add" only where the server would take it.
 */
export async function listCommitments(
  db: Db,
  pairingId: string,
  callerId: string,
): Promise<CommitmentListView> {
  const [pairing] = await db
    .select({ status: pairings.status })
    .from(pairings)
    .where(eq(pairings.id, pairingId));
  if (pairing === undefined) throw problems.notFound('No such pairing.');
  const rows = await db
    .select()
    .from(commitments)
    .where(eq(commitments.pairingId, pairingId))
    .orderBy(asc(commitments.createdAt), asc(commitments.id));
  return { items: rows.map((r) => toView(r, callerId)), pairingStatus: pairing.status };
}

export async function addCommitment(
  db: Db,
  o: { pairingId: string; authorId: string; text: string; dueOn?: string | undefined; now: Date },
): Promise<CommitmentView> {
  const rows = await db.transaction(async (tx) => {
    // The pairing's row lock makes count-then-insert one step: parallel adds queue behind it.
    const [pairing] = await tx
      .select({ id: pairings.id, status: pairings.status })
      .from(pairings)
      .where(eq(pairings.id, o.pairingId))
      .for('update');
    if (pairing === undefined) throw problems.notFound('No such pairing.');
    const [existing] = await tx
      .select({ n: count() })
      .from(commitments)
      .where(eq(commitments.pairingId, o.pairingId));
    const refused = commitmentAddProblem({
      pairingStatus: pairing.status,
      count: existing?.n ?? 0,
    });
    if (refused !== undefined) throw problems.conflict(refused);
    return tx
      .insert(commitments)
      .values({
        pairingId: o.pairingId,
        authorId: o.authorId,
        text: o.text,
        dueOn: o.dueOn ?? null,
        createdAt: o.now,
        updatedAt: o.now,
      })
      .returning();
  });
  const row = rows[0];
  if (row === undefined) throw new Error('commitment insert returned nothing');
  return toView(row, o.authorId);
}

export async function setCommitmentDone(
  db: Db,
  o: { pairingId: string; commitmentId: string; callerId: string; done: boolean; now: Date },
): Promise<CommitmentView> {
  const rows = await db
    .select()
    .from(commitments)
    .where(and(eq(commitments.id, o.commitmentId), eq(commitments.pairingId, o.pairingId)));
  const row = rows[0];
  if (row === undefined) throw problems.notFound('No such commitment in this pairing.');
  if (row.authorId !== o.callerId)
    throw problems.forbidden('Only the person who made a commitment can mark it done.');
  const updated = await db
    .update(commitments)
    .set({ done: o.done, doneAt: o.done ? o.now : null, updatedAt: o.now })
    .where(eq(commitments.id, row.id))
    .returning();
  const next = updated[0];
  if (next === undefined) throw problems.notFound('No such commitment in this pairing.');
  return toView(next, o.callerId);
}
