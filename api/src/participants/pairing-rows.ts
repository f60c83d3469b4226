import { eq, getTableColumns, or } from 'drizzle-orm';
import type { Db } from '../store/index.js';
import { pairings, programs } from '../store/index.js';
import type { PairingWithProgram } from './pairing-views.js';

const withProgramName = { ...getTableColumns(pairings), programName: programs.name };

/** The pairings a person is in, on either side, with their program's name (both sides indexed). */
export function pairingsOf(db: Db, personId: string): Promise<PairingWithProgram[]> {
  return db
    .select(withProgramName)
    .from(pairings)
    .innerJoin(programs, eq(programs.id, pairings.programId))
    .where(or(eq(pairings.mentorId, personId), eq(pairings.leaderId, personId)));
}

/** One pairing with its program's name; the route table has already checked the caller may see it. */
export async function pairingById(
  db: Db,
  pairingId: string,
): Promise<PairingWithProgram | undefined> {
  const [row] = await db
    .select(withProgramName)
    .from(pairings)
    .innerJoin(programs, eq(programs.id, pairings.programId))
    .where(eq(pairings.id, pairingId))
    .limit(1);
  return row;
}
