import { inArray } from 'drizzle-orm';
import type { Db } from '../store/index.js';
import { sessions } from '../store/index.js';
import type { WindowFacts } from './survey-windows.js';

/**
 * The sessions `surveyWindow` reads, of the given pairings, in one query; the answer finds a
 * pairing's (none for no pairing).
 */
export async function windowSessionsOf(
  db: Db,
  pairingIds: readonly string[],
): Promise<(pairing: { id: string } | undefined) => WindowFacts['sessions']> {
  const rows =
    pairingIds.length === 0
      ? []
      : await db
          .select({
            pairingId: sessions.pairingId,
            occurrence: sessions.occurrence,
            startsAt: sessions.startsAt,
            endsAt: sessions.endsAt,
            status: sessions.status,
          })
          .from(sessions)
          .where(inArray(sessions.pairingId, [...pairingIds]));
  return (pairing) => (pairing === undefined ? [] : rows.filter((s) => s.pairingId === pairing.id));
}
