import { and, asc, eq, ilike, isNull, notInArray, or } from 'drizzle-orm';
import { z } from 'zod';
import { problems, route } from '../app/index.js';
import type { RouteDef, Services } from '../app/index.js';
import type { PersonCard, ProgramOwnerView } from '../contract/index.js';
import { PEOPLE_SEARCH_LIMITS } from '../contract/index.js';
import type { Db } from '../store/index.js';
import { people, programOwners, programs } from '../store/index.js';
import { audit } from './audit.js';
import { containsPattern } from './enrolments.js';
import { personCard } from './person-card.js';

export async function listOwners(db: Db, programId: string): Promise<ProgramOwnerView[]> {
  const [program] = await db
    .select({ id: programs.id })
    .from(programs)
    .where(eq(programs.id, programId));
  if (program === undefined) throw problems.notFound('No such program.');
  const rows = await db
    .select({
      personId: programOwners.personId,
      displayName: people.displayName,
      addedBy: programOwners.addedBy,
      addedAt: programOwners.addedAt,
    })
    .from(programOwners)
    .leftJoin(people, eq(people.id, programOwners.personId))
    .where(eq(programOwners.programId, programId))
    .orderBy(asc(programOwners.addedAt));
  return rows.map((r) => ({
    personId: r.personId,
    displayName: r.displayName ?? r.personId,
    addedBy: r.addedBy,
    addedAt: r.addedAt.toISOString(),
  }));
}

/** An owner added or removed, audited against the program with the person concerned. */
function auditOwnerChange(
  db: Db,
  action: 'program.owner-add' | 'program.owner-remove',
  o: { actorId: string; programId: string; personId: string },
): Promise<void> {
  return audit(db, {
    actorId: o.actorId,
    action,
    targetType: 'program',
    targetId: o.programId,
    detail: { personId: o.personId },
  });
}

/** Adds an owner (a person of the directory), audited; adding one twice changes nothing. */
export async function addOwner(
  services: Services,
  o: { actorId: string; programId: string; personId: string },
): Promise<ProgramOwnerView[]> {
  const db = services.db;
  await listOwners(db, o.programId);
  const [person] = await db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.id, o.personId), isNull(people.goneAt)));
  if (person === undefined)
    throw problems.badRequest('No such person in the directory.', {
      errors: [{ field: 'personId', message: 'not a current member of the organisation' }],
    });
  await db.transaction(async (tx) => {
    const added = await tx
      .insert(programOwners)
      .values({
        programId: o.programId,
        personId: o.personId,
        addedBy: o.actorId,
        addedAt: services.now(),
      })
      .onConflictDoNothing()
      .returning({ personId: programOwners.personId });
    if (added.length > 0) await auditOwnerChange(tx, 'program.owner-add', o);
  });
  return listOwners(db, o.programId);
}

/** Removes an owner, audited; the last owner stays, so a program's nudges always reach someone. */
export async function removeOwner(
  services: Services,
  o: { actorId: string; programId: string; personId: string },
): Promise<ProgramOwnerView[]> {
  const db = services.db;
  const current = await listOwners(db, o.programId);
  if (!current.some((c) => c.personId === o.personId))
    throw problems.notFound('That person does not own this program.');
  if (current.length === 1)
    throw problems.conflict('A program keeps at least one owner; add another one first.');
  await db.transaction(async (tx) => {
    await tx
      .delete(programOwners)
      .where(and(eq(programOwners.programId, o.programId), eq(programOwners.personId, o.personId)));
    await auditOwnerChange(tx, 'program.owner-remove', o);
  });
  return listOwners(db, o.programId);
}

/**
 * People an admin may add as owners: current members of the directory whose name or address
 * contains `q`, not owners already, at most 10 (the picker's suggestions).
 */
export async function ownerCandidates(db: Db, programId: string, q: string): Promise<PersonCard[]> {
  const owners = await listOwners(db, programId);
  const pattern = containsPattern(q);
  const rows = await db
    .select()
    .from(people)
    .where(
      and(
        isNull(people.goneAt),
        eq(people.accountEnabled, true),
        or(ilike(people.displayName, pattern), ilike(people.mail, pattern)),
        owners.length === 0
          ? undefined
          : notInArray(
              people.id,
              owners.map((o) => o.personId),
            ),
      ),
    )
    .orderBy(asc(people.displayName), asc(people.id))
    .limit(10);
  return rows.map(personCard);
}

const programParams = z.object({ programId: z.uuid() }).strict();
const ownerParams = z
  .object({ programId: z.uuid(), personId: z.string().min(1).max(200) })
  .strict();
const ownerBody = z.object({ personId: z.string().min(1).max(200) }).strict();

export function programOwnerRoutes(services: Services): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/programs/:programId/owners',
      access: 'admin',
      summary: "The program's owners: the admins who receive its nudges",
      params: programParams,
      handle: ({ params }): Promise<ProgramOwnerView[]> =>
        listOwners(services.db, params.programId),
    }),
    route({
      method: 'get',
      path: '/programs/:programId/owner-candidates',
      access: 'admin',
      summary: 'People whose name or address contains q, to add as owners (at most 10)',
      params: programParams,
      query: z
        .object({
          q: z
            .string()
            .trim()
            .min(PEOPLE_SEARCH_LIMITS.minChars)
            .max(PEOPLE_SEARCH_LIMITS.maxChars),
        })
        .strict(),
      handle: async ({ params, query }): Promise<{ items: PersonCard[] }> => ({
        items: await ownerCandidates(services.db, params.programId, query.q),
      }),
    }),
    route({
      method: 'post',
      path: '/programs/:programId/owners',
      access: 'admin',
      summary: 'Adds an owner (audited)',
      params: programParams,
      body: ownerBody,
      async handle({ principal, params, body }) {
        const me = principal;
        return {
          status: 201,
          body: await addOwner(services, {
            actorId: me.userId,
            programId: params.programId,
            personId: body.personId,
          }),
        };
      },
    }),
    route({
      method: 'delete',
      path: '/programs/:programId/owners/:personId',
      access: 'admin',
      summary: 'Removes an owner (audited); the last one stays',
      params: ownerParams,
      async handle({ principal, params }): Promise<ProgramOwnerView[]> {
        const me = principal;
        return removeOwner(services, {
          actorId: me.userId,
          programId: params.programId,
          personId: params.personId,
        });
      },
    }),
  ];
}
