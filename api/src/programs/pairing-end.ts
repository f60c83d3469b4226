import { and, eq, ne } from 'drizzle-orm';
import { enqueueJob } from '../jobs/index.js';
import type { Db } from '../store/index.js';
import { pairings } from '../store/index.js';

/**
 * Ends a pairing and queues the cancellation of its remaining calendar series in the same
 * transaction, so a pairing never ends while its invites stay in two calendars. Returns false
 * when it had already ended.
 */
export async function endPairing(
  tx: Db,
  o: { pairingId: string; reason: string; now: Date },
): Promise<boolean> {
  const ended = await tx
    .update(pairings)
    .set({ status: 'ended', endedAt: o.now, endReason: o.reason })
    .where(and(eq(pairings.id, o.pairingId), ne(pairings.status, 'ended')))
    .returning({ id: pairings.id });
  if (ended.length === 0) return false;
  await enqueueJob(tx, {
    kind: 'series-cancel',
    key: o.pairingId,
    payload: { pairingId: o.pairingId, reason: o.reason },
  });
  return true;
}
