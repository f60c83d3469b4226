import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  calendarDateSchema,
  instantSchema,
  problems,
  retentionMonthsSchema,
} from '../app/index.js';
import { REASON_LIMITS, type ProgramRulesView, type ProgramView } from '../contract/index.js';
import type { Services } from '../app/index.js';
import type { Db, ProgramRules, ProgramStatus } from '../store/index.js';
import { enrolments, matchRuns, pairings, programOwners, programs } from '../store/index.js';
import { audit } from './audit.js';
import { checkEligibleGroups } from './eligible-groups.js';
import { findGuideTrack } from '../guides/index.js';
import { currentGuideVersion } from './guide-version.js';
import { endPairing } from './pairing-end.js';
import { assertTransition, nextStatuses } from './program-status.js';
import { mergeRules, programRulesSchema, rulesPatchSchema } from './program-rules.js';
import {
  CLOSED_PROGRAM_PROBLEM,
  ENROLMENT_WINDOW_PROBLEM,
  enrolmentWindowProblem,
  PROGRAM_STATUSES,
  rulesFixedProblem,
} from '../contract/index.js';

export type ProgramRow = typeof programs.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const uuidParam = z.string().regex(UUID, 'must be an id');

const windowFields = {
  enrolmentOpensAt: instantSchema.nullable(),
  enrolmentClosesAt: instantSchema.nullable(),
  startsOn: calendarDateSchema.nullable(),
  retentionMonths: retentionMonthsSchema,
};

function windowIsOrdered(p: {
  enrolmentOpensAt?: string | null;
  enrolmentClosesAt?: string | null;
}): boolean {
  return (
    enrolmentWindowProblem(p.enrolmentOpensAt ?? null, p.enrolmentClosesAt ?? null) === undefined
  );
}

const windowMessage = {
  message: ENROLMENT_WINDOW_PROBLEM,
  path: ['enrolmentClosesAt'],
};

export const programInput = z
  .object({
    name: z.string().trim().min(3).max(120),
    description: z.string().trim().max(2000).default(''),
    rules: programRulesSchema.prefault({}),
    guideTrackId: z.string().trim().min(1).max(100).optional(),
    enrolmentOpensAt: windowFields.enrolmentOpensAt.default(null),
    enrolmentClosesAt: windowFields.enrolmentClosesAt.default(null),
    startsOn: windowFields.startsOn.default(null),
    retentionMonths: windowFields.retentionMonths.default(24),
  })
  .strict()
  .refine(windowIsOrdered, windowMessage);

export type ProgramInput = z.infer<typeof programInput>;

export const programPatch = z
  .object({
    name: z.string().trim().min(3).max(120),
    description: z.string().trim().max(2000),
    rules: rulesPatchSchema,
    /** The guide track version new pairings follow; pairings keep the version they started on. */
    guide: z
      .object({ id: z.string().trim().min(1).max(64), version: z.string().trim().min(1).max(32) })
      .strict(),
    ...windowFields,
  })
  .partial()
  .strict();

export type ProgramPatch = z.infer<typeof programPatch>;

export const transitionInput = z
  .object({
    to: z.enum(PROGRAM_STATUSES),
    reason: z.string().trim().min(REASON_LIMITS.minChars).max(REASON_LIMITS.maxChars).optional(),
  })
  .strict();

export async function findProgram(db: Db, programId: string): Promise<ProgramRow> {
  if (!UUID.test(programId)) throw problems.notFound('No such program.');
  const [row] = await db.select().from(programs).where(eq(programs.id, programId)).limit(1);
  if (row === undefined) throw problems.notFound('No such program.');
  return row;
}

/** Whether people may enrol right now: the program is enrolling and inside its window. */
export function enrolmentOpen(p: ProgramRow, now: Date): boolean {
  if (p.status !== 'enrolling') return false;
  if (p.enrolmentOpensAt !== null && now < p.enrolmentOpensAt) return false;
  if (p.enrolmentClosesAt !== null && now >= p.enrolmentClosesAt) return false;
  return true;
}

/**
 * A program's rules as the API shows them: the eligibility lists always present (rules stored
 * before they existed have none), empty meaning everyone.
 */
function rulesView(r: ProgramRules): ProgramRulesView {
  return {
    mentorMaxLevel: r.mentorMaxLevel,
    leaderMinLevel: r.leaderMinLevel,
    ...(r.mentorHiredWithinYears === undefined
      ? {}
      : { mentorHiredWithinYears: r.mentorHiredWithinYears }),
    minLevelGap: r.minLevelGap,
    topics: [...r.topics],
    cadence: r.cadence,
    sessions: r.sessions,
    durationMinutes: r.durationMinutes,
    leaderCapacity: r.leaderCapacity,
    organizer: r.organizer,
    weights: { ...r.weights },
    eligibleDepartments: [...(r.eligibleDepartments ?? [])],
    eligibleOffices: [...(r.eligibleOffices ?? [])],
    eligibleGroups: (r.eligibleGroups ?? []).map((g) => ({ id: g.id, displayName: g.displayName })),
  };
}

/**
 * A program's own fields, as its row holds them or as the home snapshot's JSON renders them
 * (instants as `Date` or as PostgreSQL's text).
 */
export type ProgramViewFields = Pick<
  ProgramRow,
  'id' | 'name' | 'description' | 'status' | 'rules' | 'guideTrackId' | 'guideTrackVersion'
> & {
  enrolmentOpensAt: Date | string | null;
  enrolmentClosesAt: Date | string | null;
  startsOn: string | null;
};

const isoOrNull = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

/**
 * The one mapper to `ProgramView`: the admin's view reads the counts with two queries, the home
 * screen's single-statement snapshot brings them along.
 */
export function toProgramView(p: ProgramViewFields, counts: ProgramView['counts']): ProgramView {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    status: p.status,
    rules: rulesView(p.rules),
    guideTrackId: p.guideTrackId,
    guideTrackVersion: p.guideTrackVersion,
    enrolmentOpensAt: isoOrNull(p.enrolmentOpensAt),
    enrolmentClosesAt: isoOrNull(p.enrolmentClosesAt),
    startsOn: p.startsOn,
    counts,
    nextStatuses: nextStatuses(p.status),
  };
}

export async function programView(db: Db, p: ProgramRow): Promise<ProgramView> {
  const byRole = await db
    .select({ role: enrolments.role, n: count() })
    .from(enrolments)
    .where(and(eq(enrolments.programId, p.id), eq(enrolments.status, 'active')))
    .groupBy(enrolments.role);
  const [paired] = await db
    .select({
      current: sql<number>`count(*) filter (where ${pairings.status} <> 'ended')::int`,
      ended: sql<number>`count(*) filter (where ${pairings.status} = 'ended')::int`,
    })
    .from(pairings)
    .where(eq(pairings.programId, p.id));
  return toProgramView(p, {
    mentors: byRole.find((b) => b.role === 'mentor')?.n ?? 0,
    leaders: byRole.find((b) => b.role === 'leader')?.n ?? 0,
    pairings: paired?.current ?? 0,
    endedPairings: paired?.ended ?? 0,
  });
}

export async function listPrograms(
  db: Db,
  o: { status?: ProgramStatus } = {},
): Promise<ProgramView[]> {
  const rows = await db
    .select()
    .from(programs)
    .where(o.status === undefined ? undefined : eq(programs.status, o.status))
    .orderBy(asc(programs.createdAt), asc(programs.id));
  return Promise.all(rows.map((r) => programView(db, r)));
}

export async function createProgram(
  services: Services,
  actorId: string,
  input: ProgramInput,
): Promise<ProgramView> {
  const guide = await currentGuideVersion(services.db, input.guideTrackId);
  const groups = await checkEligibleGroups(services, input.rules.eligibleGroups);
  const rules = groups === undefined ? input.rules : { ...input.rules, eligibleGroups: groups };
  const now = services.now();
  const row = await services.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(programs)
      .values({
        name: input.name,
        description: input.description,
        rules,
        guideTrackId: guide.id,
        guideTrackVersion: guide.version,
        enrolmentOpensAt: input.enrolmentOpensAt === null ? null : new Date(input.enrolmentOpensAt),
        enrolmentClosesAt:
          input.enrolmentClosesAt === null ? null : new Date(input.enrolmentClosesAt),
        startsOn: input.startsOn,
        retentionMonths: input.retentionMonths,
        createdBy: actorId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (created === undefined) throw new Error('program insert returned nothing');
    // Its creator owns it first: program nudges reach them until other owners are added.
    await tx
      .insert(programOwners)
      .values({ programId: created.id, personId: actorId, addedBy: actorId, addedAt: now });
    await audit(tx, {
      actorId,
      action: 'program.create',
      targetType: 'program',
      targetId: created.id,
      detail: { name: created.name, guideTrack: `${guide.id}@${guide.version}` },
    });
    return created;
  });
  return programView(services.db, row);
}

export async function updateProgram(
  services: Services,
  actorId: string,
  programId: string,
  input: ProgramPatch,
): Promise<ProgramView> {
  const groups = await checkEligibleGroups(services, input.rules?.eligibleGroups);
  const patch =
    groups === undefined || input.rules === undefined
      ? input
      : { ...input, rules: { ...input.rules, eligibleGroups: groups } };
  const row = await services.db.transaction(async (tx) => {
    const current = await findProgram(tx, programId);
    if (current.status === 'closed') throw problems.conflict(CLOSED_PROGRAM_PROBLEM);
    // Rules shape who is matched with whom; once pairs exist they stay as approved.
    const rulesFixed = rulesFixedProblem(current.status);
    if (patch.rules !== undefined && rulesFixed !== undefined) throw problems.conflict(rulesFixed);
    const rules =
      patch.rules === undefined
        ? current.rules
        : parseMerged(mergeRules(current.rules, patch.rules));
    if (
      patch.guide !== undefined &&
      (await findGuideTrack(tx, patch.guide.id, patch.guide.version)) === undefined
    )
      throw problems.badRequest('There is no such guide version.', {
        errors: [
          { field: 'guide', message: `${patch.guide.id}@${patch.guide.version} does not exist` },
        ],
      });
    const next = {
      name: patch.name ?? current.name,
      guideTrackId: patch.guide?.id ?? current.guideTrackId,
      guideTrackVersion: patch.guide?.version ?? current.guideTrackVersion,
      description: patch.description ?? current.description,
      rules,
      enrolmentOpensAt:
        patch.enrolmentOpensAt === undefined
          ? current.enrolmentOpensAt
          : patch.enrolmentOpensAt === null
            ? null
            : new Date(patch.enrolmentOpensAt),
      enrolmentClosesAt:
        patch.enrolmentClosesAt === undefined
          ? current.enrolmentClosesAt
          : patch.enrolmentClosesAt === null
            ? null
            : new Date(patch.enrolmentClosesAt),
      startsOn: patch.startsOn === undefined ? current.startsOn : patch.startsOn,
      retentionMonths: patch.retentionMonths ?? current.retentionMonths,
    };
    const windowProblem = enrolmentWindowProblem(next.enrolmentOpensAt, next.enrolmentClosesAt);
    if (windowProblem !== undefined)
      throw problems.badRequest(windowProblem, {
        errors: [{ field: 'enrolmentClosesAt', message: windowProblem }],
      });
    const [updated] = await tx
      .update(programs)
      .set({ ...next, updatedAt: services.now() })
      .where(eq(programs.id, programId))
      .returning();
    if (updated === undefined) throw problems.notFound('No such program.');
    await audit(tx, {
      actorId,
      action: 'program.update',
      targetType: 'program',
      targetId: programId,
      detail: {
        fields: Object.keys(patch),
        ...(patch.guide === undefined
          ? {}
          : {
              guide: {
                from: `${current.guideTrackId}@${current.guideTrackVersion}`,
                to: `${patch.guide.id}@${patch.guide.version}`,
              },
            }),
      },
    });
    return updated;
  });
  return programView(services.db, row);
}

function parseMerged(merged: unknown) {
  const parsed = programRulesSchema.safeParse(merged);
  if (!parsed.success) {
    throw problems.badRequest('The rules are not valid after this change.', {
      errors: parsed.error.issues.map((i) => ({
        field: ['rules', ...i.path].join('.'),
        message: i.message,
      })),
    });
  }
  return parsed.data;
}

export async function transitionProgram(
  services: Services,
  actorId: string,
  programId: string,
  to: ProgramStatus,
  reason: string | undefined,
): Promise<ProgramView> {
  const now = services.now();
  const ended: string[] = [];
  const row = await services.db.transaction(async (tx) => {
    const current = await findProgram(tx, programId);
    assertTransition(current.status, to);
    if (to === 'active') {
      const [live] = await tx
        .select({ n: count() })
        .from(pairings)
        .where(and(eq(pairings.programId, programId), ne(pairings.status, 'ended')));
      if ((live?.n ?? 0) === 0)
        throw problems.conflict(
          'Approve a match run first: approving it makes the program active.',
        );
    }
    if (to === 'closed') {
      const open = await tx
        .select({ id: pairings.id })
        .from(pairings)
        .where(and(eq(pairings.programId, programId), ne(pairings.status, 'ended')));
      for (const p of open) {
        if (await endPairing(tx, { pairingId: p.id, reason: 'program closed', now }))
          ended.push(p.id);
      }
    }
    if (to === 'enrolling') {
      // Reopening enrolment makes any pending proposal stale: the cohort will change.
      await tx
        .update(matchRuns)
        .set({ status: 'superseded', updatedAt: now })
        .where(and(eq(matchRuns.programId, programId), eq(matchRuns.status, 'proposed')));
    }
    const [updated] = await tx
      .update(programs)
      .set({ status: to, updatedAt: now, ...(to === 'closed' ? { closedAt: now } : {}) })
      .where(and(eq(programs.id, programId), eq(programs.status, current.status)))
      .returning();
    if (updated === undefined) throw problems.conflict('The program changed meanwhile; try again.');
    await audit(tx, {
      actorId,
      action: 'program.transition',
      targetType: 'program',
      targetId: programId,
      reason,
      detail: { from: current.status, to, pairingsEnded: ended.length },
    });
    return updated;
  });
  // The cancellations were queued with the change; this only wakes the worker.
  for (const id of ended)
    await services.enqueue({
      kind: 'series-cancel',
      key: id,
      payload: { pairingId: id, reason: 'program closed' },
    });
  return programView(services.db, row);
}

/** Ids of programs, for filters that take several. */
export async function programsById(db: Db, ids: string[]): Promise<Map<string, ProgramRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(programs).where(inArray(programs.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}
