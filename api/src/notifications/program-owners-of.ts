import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../store/index.js';
import { programOwners, programs } from '../store/index.js';

/**
 * The people who own each program: they receive its nudges (a pairing at risk). A program with
 * no owner row (one created before owners existed) falls back to its creator.
 */
export async function ownersOfPrograms(
  db: Db,
  programIds: string[],
): Promise<Map<string, string[]>> {
  const owners = new Map<string, string[]>();
  if (programIds.length === 0) return owners;
  const rows = await db
    .select({ programId: programOwners.programId, personId: programOwners.personId })
    .from(programOwners)
    .where(inArray(programOwners.programId, programIds))
    .orderBy(asc(programOwners.addedAt));
  for (const r of rows) owners.set(r.programId, [...(owners.get(r.programId) ?? []), r.personId]);
  const creators = await db
    .select({ id: programs.id, createdBy: programs.createdBy })
    .from(programs)
    .where(inArray(programs.id, programIds));
  for (const p of creators) if (!owners.has(p.id)) owners.set(p.id, [p.createdBy]);
  return owners;
}
