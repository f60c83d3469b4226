// Long on purpose: one enrolment lifecycle (enrol, change, list, invitations) over the same enrolment rows and their views.
import { and, asc, eq, ilike, inArray, isNull, ne, or } from 'drizzle-orm';
import { messagePartnerChanged, type PartnerChange } from '../notifications/index.js';
import { z } from 'zod';
import { ProblemError, problems } from '../app/index.js';
import type {
  EligibilityOptionsView,
  EnrolmentView,
  InvitationView,
  SuggestedRole,
} from '../contract/index.js';
import type { Services } from '../app/index.js';
import type { Db, EnrolmentStatus, ProgramRules, Role } from '../store/index.js';
import { enrolmentInvitations, enrolments, pairings, people, programs } from '../store/index.js';
import { syncMailboxSettings } from '../org/index.js';
import { assessRoles } from './eligibility.js';
import { membershipOfPerson } from './eligible-groups.js';
import { endPairing } from './pairing-end.js';
import { partnerNeedsNewPartner } from './rematch.js';
import { requeueJob } from '../jobs/index.js';
import { personCard, unknownPersonCard } from './person-card.js';
import { enrolmentOpen, findProgram, uuidParam } from './programs.js';
import { ENROLMENT_STATUSES, PROFILE_LIMITS, ROLES, TOPIC_LIMITS } from '../contract/index.js';

export type EnrolmentRow = typeof enrolments.$inferSelect;

const topicList = z
  .array(z.string().trim().min(TOPIC_LIMITS.minChars).max(TOPIC_LIMITS.maxChars))
  .max(TOPIC_LIMITS.maxTopics);

const preferredTime = z
  .object({
    /** ISO weekday: 1 = Monday … 7 = Sunday, in the person's own time zone. */
    weekday: z.number().int().min(1).max(7),
    startMinutes: z.number().int().min(0).max(1439),
    endMinutes: z.number().int().min(1).max(1440),
  })
  .strict()
  .refine((t) => t.endMinutes > t.startMinutes, {
    message: 'endMinutes must be after startMinutes',
  });

export const enrolInput = z
  .object({
    role: z.enum(ROLES),
    topicsOffered: topicList.default([]),
    topicsWanted: topicList.default([]),
    preferredTimes: z.array(preferredTime).max(PROFILE_LIMITS.preferredTimesMax).default([]),
    /** In their own words, shown to their partner once paired. */
    goals: z.string().trim().max(PROFILE_LIMITS.goalsMax).default(''),
  })
  .strict();

export type EnrolInputParsed = z.infer<typeof enrolInput>;

export const enrolmentPatch = z
  .object({
    status: z.enum(ENROLMENT_STATUSES),
    topicsOffered: topicList,
    topicsWanted: topicList,
    preferredTimes: z.array(preferredTime).max(PROFILE_LIMITS.preferredTimesMax),
    goals: z.string().trim().max(PROFILE_LIMITS.goalsMax),
  })
  .partial()
  .strict();

export type EnrolmentPatch = z.infer<typeof enrolmentPatch>;

export const enrolmentFilters = z
  .object({
    role: z.enum(ROLES).optional(),
    status: z.enum(ENROLMENT_STATUSES).optional(),
    q: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

/** Topics must be the program's own, so matching compares like with like. */
function checkTopics(rules: ProgramRules, lists: (string[] | undefined)[]): void {
  const allowed = new Map(rules.topics.map((t) => [t.toLowerCase(), t]));
  const unknown = lists.flatMap((l) => l ?? []).filter((t) => !allowed.has(t.toLowerCase()));
  if (unknown.length > 0)
    throw problems.badRequest(
      `These topics are not offered by this program: ${[...new Set(unknown)].join(', ')}.`,
      {
        errors: [...new Set(unknown)].map((t) => ({
          field: 'topics',
          message: `unknown topic "${t}"`,
        })),
      },
    );
}

function canonicalTopics(rules: ProgramRules, list: string[]): string[] {
  const allowed = new Map(rules.topics.map((t) => [t.toLowerCase(), t]));
  return [...new Set(list.map((t) => allowed.get(t.toLowerCase()) ?? t))];
}

async function findPerson(db: Db, personId: string) {
  const [p] = await db.select().from(people).where(eq(people.id, personId)).limit(1);
  return p;
}

/**
 * The person with their mailbox read at least once: only the mailbox tells a room, equipment or
 * shared mailbox (or an account without one) from a person. One Graph call for someone about to
 * join; if Graph cannot answer now, the mailbox sync after enrolment reads it and matching
 * leaves out whoever it finds is not a person.
 */
async function findPersonWithMailbox(services: Services, personId: string) {
  const person = await findPerson(services.db, personId);
  if (person === undefined || person.mailboxPurpose !== null || person.goneAt !== null)
    return person;
  try {
    await syncMailboxSettings({ db: services.db, graph: services.graph, now: services.now }, [
      person.id,
    ]);
  } catch (err) {
    services.logger.warn({ err, personId }, 'mailbox not readable before enrolment');
    return person;
  }
  return (await findPerson(services.db, personId)) ?? person;
}

/** The suggested role for the caller in a program, from career level (never age). */
export async function suggestedRole(
  services: Services,
  userId: string,
  programId: string,
): Promise<SuggestedRole> {
  const program = await findProgram(services.db, programId);
  const person = await findPersonWithMailbox(services, userId);
  if (person === undefined)
    throw problems.notFound(
      'You are not in the synced org directory yet; try again after the next sync.',
    );
  return assessRoles(
    person,
    program.rules,
    services.now(),
    await membershipOfPerson(services, person.id, program.rules),
  );
}

export async function enrolmentViews(db: Db, rows: EnrolmentRow[]): Promise<EnrolmentView[]> {
  if (rows.length === 0) return [];
  const personIds = [...new Set(rows.map((r) => r.personId))];
  const programIds = [...new Set(rows.map((r) => r.programId))];
  const [persons, progs] = await Promise.all([
    db.select().from(people).where(inArray(people.id, personIds)),
    db
      .select({ id: programs.id, name: programs.name })
      .from(programs)
      .where(inArray(programs.id, programIds)),
  ]);
  const personById = new Map(persons.map((p) => [p.id, p]));
  const nameById = new Map(progs.map((p) => [p.id, p.name]));
  return rows.map((r) => {
    const p = personById.get(r.personId);
    return {
      id: r.id,
      programId: r.programId,
      programName: nameById.get(r.programId) ?? '',
      person: p === undefined ? unknownPersonCard(r.personId) : personCard(p),
      role: r.role,
      suggestedRole: r.suggestedRole,
      status: r.status,
      topicsOffered: r.topicsOffered,
      topicsWanted: r.topicsWanted,
      goals: r.goals,
      createdAt: r.createdAt.toISOString(),
    };
  });
}

export async function enrolmentView(db: Db, row: EnrolmentRow): Promise<EnrolmentView> {
  const [view] = await enrolmentViews(db, [row]);
  if (view === undefined) throw new Error('enrolment view missing');
  return view;
}

/** The caller's own enrolments, for the home view. */
export async function myEnrolments(db: Db, userId: string): Promise<EnrolmentView[]> {
  const rows = await db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.personId, userId), ne(enrolments.status, 'left')))
    .orderBy(asc(enrolments.createdAt));
  return enrolmentViews(db, rows);
}

function notEligible(role: Role, assessment: SuggestedRole): ProblemError {
  return new ProblemError({
    status: 403,
    type: 'not-eligible',
    title: 'Not eligible for this role',
    detail: `You cannot join this program as a ${role}. ${assessment.reasons.join('. ')}.`,
    extensions: { eligibleRoles: assessment.eligibleRoles, reasons: assessment.reasons },
  });
}

/**
 * Opt-in: only the person themselves enrols, only while the program is enrolling and inside its
 * window, and only in a role their career level makes them eligible for. They may pick another
 * eligible role than the suggested one. An admin's invitation is accepted by enrolling.
 */
export async function enrol(
  services: Services,
  userId: string,
  programId: string,
  input: Omit<EnrolInputParsed, 'goals'> & { goals?: string },
): Promise<EnrolmentView> {
  const now = services.now();
  const program = await findProgram(services.db, programId);
  if (!enrolmentOpen(program, now)) {
    throw new ProblemError({
      status: 409,
      type: 'enrolment-closed',
      title: 'Enrolment is not open',
      detail:
        program.status === 'enrolling'
          ? 'This program is outside its enrolment window.'
          : `This program is ${program.status}, not enrolling.`,
    });
  }
  checkTopics(program.rules, [input.topicsOffered, input.topicsWanted]);
  const person = await findPersonWithMailbox(services, userId);
  if (person === undefined)
    throw problems.notFound(
      'You are not in the synced org directory yet; try again after the next sync.',
    );
  const assessment = assessRoles(
    person,
    program.rules,
    now,
    await membershipOfPerson(services, person.id, program.rules),
  );
  if (!assessment.eligibleRoles.includes(input.role)) throw notEligible(input.role, assessment);

  const row = await services.db.transaction(async (tx) => {
    const [invitation] = await tx
      .select()
      .from(enrolmentInvitations)
      .where(
        and(
          eq(enrolmentInvitations.programId, programId),
          eq(enrolmentInvitations.personId, userId),
        ),
      )
      .limit(1);
    const values = {
      role: input.role,
      suggestedRole: assessment.suggestedRole,
      status: 'active' as const,
      topicsOffered: canonicalTopics(program.rules, input.topicsOffered),
      topicsWanted: canonicalTopics(program.rules, input.topicsWanted),
      preferredTimes: input.preferredTimes,
      goals: input.goals ?? '',
      source: invitation === undefined ? ('self' as const) : ('import' as const),
      updatedAt: now,
    };
    const [existing] = await tx
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.programId, programId), eq(enrolments.personId, userId)))
      .limit(1);
    let saved: EnrolmentRow | undefined;
    if (existing === undefined) {
      // A twin request may insert between the read above and this write: the unique index decides.
      [saved] = await tx
        .insert(enrolments)
        .values({ ...values, programId, personId: userId, createdAt: now })
        .onConflictDoNothing({ target: [enrolments.programId, enrolments.personId] })
        .returning();
      if (saved === undefined) throw await alreadyEnrolled(tx, programId, userId);
    } else if (existing.status === 'left') {
      [saved] = await tx
        .update(enrolments)
        .set(values)
        .where(eq(enrolments.id, existing.id))
        .returning();
    } else {
      throw await alreadyEnrolled(tx, programId, userId);
    }
    if (invitation !== undefined && invitation.acceptedAt === null)
      await tx
        .update(enrolmentInvitations)
        .set({ acceptedAt: now })
        .where(eq(enrolmentInvitations.id, invitation.id));
    if (saved === undefined) throw new Error('enrolment write returned nothing');
    return saved;
  });
  // Time zone and working hours are read for program members only, a batch at a time.
  await services.enqueue({ kind: 'mailbox-sync', key: `enrol-${userId}-${now.getTime()}` });
  return enrolmentView(services.db, row);
}

async function alreadyEnrolled(db: Db, programId: string, userId: string): Promise<ProblemError> {
  const [row] = await db
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(and(eq(enrolments.programId, programId), eq(enrolments.personId, userId)))
    .limit(1);
  return problems.conflict('You are already enrolled in this program.', {
    enrolmentId: row?.id ?? null,
  });
}

async function ownEnrolment(db: Db, userId: string, enrolmentId: string): Promise<EnrolmentRow> {
  if (!uuidParam.safeParse(enrolmentId).success) throw problems.notFound('No such enrolment.');
  const [row] = await db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.id, enrolmentId), eq(enrolments.personId, userId)))
    .limit(1);
  // Someone else's enrolment answers the same as a missing one.
  if (row === undefined) throw problems.notFound('No such enrolment.');
  return row;
}

/**
 * Pause, resume, leave or edit one's own enrolment. Leaving ends the person's pairing in the
 * program and queues the cancellation of its series; the partner stays enrolled and is flagged
 * for a new partner. Pausing pauses the pairing; resuming restarts it when the partner is active.
 */
export async function updateMyEnrolment(
  services: Services,
  userId: string,
  enrolmentId: string,
  patch: EnrolmentPatch,
): Promise<EnrolmentView> {
  const now = services.now();
  const cancelled: { pairingId: string; reason: string }[] = [];
  /** Mailboxes of pairings paused or resumed here: their calendar subscriptions follow. */
  const watchChanged = new Set<string>();
  const row = await services.db.transaction(async (tx) => {
    const current = await ownEnrolment(tx, userId, enrolmentId);
    if (current.status === 'left')
      throw problems.conflict('You have left this program; enrol again to rejoin.');
    const [program] = await tx
      .select()
      .from(programs)
      .where(eq(programs.id, current.programId))
      .limit(1);
    if (program === undefined) throw problems.notFound('No such program.');
    if (program.status === 'closed') throw problems.conflict('This program is closed.');
    checkTopics(program.rules, [patch.topicsOffered, patch.topicsWanted]);
    const status: EnrolmentStatus = patch.status ?? current.status;

    const side = current.role === 'mentor' ? pairings.mentorId : pairings.leaderId;
    const open = await tx
      .select()
      .from(pairings)
      .where(
        and(
          eq(pairings.programId, current.programId),
          eq(side, userId),
          ne(pairings.status, 'ended'),
        ),
      );

    const change: PartnerChange | undefined =
      status === current.status
        ? undefined
        : status === 'left'
          ? 'left'
          : status === 'paused'
            ? 'paused'
            : current.status === 'paused'
              ? 'resumed'
              : undefined;
    if (change !== undefined)
      for (const p of open)
        await messagePartnerChanged(services, tx, {
          pairingId: p.id,
          actorId: userId,
          change,
          at: now,
        });
    if (status === 'left') {
      for (const p of open) {
        const reason = `the ${current.role} left the program`;
        if (await endPairing(tx, { pairingId: p.id, reason, now }))
          cancelled.push({ pairingId: p.id, reason });
        await partnerNeedsNewPartner(services, tx, {
          pairingId: p.id,
          leaverId: userId,
          requestedBy: userId,
          now,
        });
      }
    } else if (status === 'paused' && current.status !== 'paused' && open.length > 0) {
      for (const p of open) for (const id of [p.mentorId, p.leaderId]) watchChanged.add(id);
      await tx
        .update(pairings)
        .set({ status: 'paused' })
        .where(
          and(
            inArray(
              pairings.id,
              open.map((p) => p.id),
            ),
            eq(pairings.status, 'active'),
          ),
        );
    } else if (status === 'active' && current.status === 'paused') {
      for (const p of open) {
        for (const id of [p.mentorId, p.leaderId]) watchChanged.add(id);
        const partnerId = current.role === 'mentor' ? p.leaderId : p.mentorId;
        const [partner] = await tx
          .select({ status: enrolments.status })
          .from(enrolments)
          .where(and(eq(enrolments.programId, p.programId), eq(enrolments.personId, partnerId)))
          .limit(1);
        // A pairing runs again only when neither of the two has paused.
        if (partner === undefined || partner.status === 'active')
          await tx
            .update(pairings)
            .set({ status: 'active' })
            .where(and(eq(pairings.id, p.id), eq(pairings.status, 'paused')));
      }
    }
    const [saved] = await tx
      .update(enrolments)
      .set({
        status,
        ...(patch.topicsOffered === undefined
          ? {}
          : { topicsOffered: canonicalTopics(program.rules, patch.topicsOffered) }),
        ...(patch.topicsWanted === undefined
          ? {}
          : { topicsWanted: canonicalTopics(program.rules, patch.topicsWanted) }),
        ...(patch.preferredTimes === undefined ? {} : { preferredTimes: patch.preferredTimes }),
        ...(patch.goals === undefined ? {} : { goals: patch.goals }),
        updatedAt: now,
      })
      .where(eq(enrolments.id, current.id))
      .returning();
    if (saved === undefined) throw new Error('enrolment update returned nothing');
    return saved;
  });
  for (const c of cancelled)
    await services.enqueue({ kind: 'series-cancel', key: c.pairingId, payload: c });
  // The subscription job for each mailbox removes it when no live pairing is left, and makes
  // it again for a pairing that resumed.
  for (const id of watchChanged)
    await requeueJob(services.db, {
      kind: 'graph-subscribe',
      key: id,
      payload: { organizerId: id },
    });
  return enrolmentView(services.db, row);
}

/** Admin list with filters; `q` matches name or mail. */
export async function listEnrolments(
  db: Db,
  programId: string,
  f: z.infer<typeof enrolmentFilters>,
): Promise<EnrolmentView[]> {
  await findProgram(db, programId);
  const pattern = f.q === undefined ? undefined : containsPattern(f.q);
  const rows = await db
    .select({ e: enrolments })
    .from(enrolments)
    .innerJoin(people, eq(people.id, enrolments.personId))
    .where(
      and(
        eq(enrolments.programId, programId),
        f.role === undefined ? undefined : eq(enrolments.role, f.role),
        f.status === undefined ? undefined : eq(enrolments.status, f.status),
        pattern === undefined
          ? undefined
          : or(ilike(people.displayName, pattern), ilike(people.mail, pattern)),
      ),
    )
    .orderBy(asc(people.displayName), asc(enrolments.id))
    .limit(5000);
  return enrolmentViews(
    db,
    rows.map((r) => r.e),
  );
}

/**
 * The departments and offices current people have, each once (first spelling wins when only the
 * case differs), sorted: what the rules form offers, so a rule never names a place nobody is in.
 */
export async function eligibilityOptions(db: Db): Promise<EligibilityOptionsView> {
  const rows = await db
    .selectDistinct({ department: people.department, office: people.officeLocation })
    .from(people)
    .where(and(isNull(people.goneAt), eq(people.accountEnabled, true)));
  const distinct = (values: (string | null)[]) => {
    const byKey = new Map<string, string>();
    for (const v of values) {
      const t = v?.trim() ?? '';
      if (t !== '' && !byKey.has(t.toLowerCase())) byKey.set(t.toLowerCase(), t);
    }
    return [...byKey.values()].sort((a, b) => a.localeCompare(b));
  };
  return {
    departments: distinct(rows.map((r) => r.department)),
    offices: distinct(rows.map((r) => r.office)),
  };
}

/** An ILIKE pattern for "contains `text`", with the pattern characters in `text` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replaceAll(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Pending invitations of the caller (imported by an admin, neither confirmed nor declined). */
export async function myInvitations(db: Db, userId: string, now: Date): Promise<InvitationView[]> {
  const rows = await db
    .select({ invitation: enrolmentInvitations, program: programs })
    .from(enrolmentInvitations)
    .innerJoin(programs, eq(programs.id, enrolmentInvitations.programId))
    .where(
      and(
        eq(enrolmentInvitations.personId, userId),
        isNull(enrolmentInvitations.acceptedAt),
        isNull(enrolmentInvitations.declinedAt),
        // A program that has ended has nothing left to join.
        ne(programs.status, 'closed'),
      ),
    )
    .orderBy(asc(enrolmentInvitations.createdAt));
  return rows.map(({ invitation: i, program: p }) => ({
    id: i.id,
    programId: p.id,
    programName: p.name,
    programDescription: p.description,
    programStatus: p.status,
    suggestedRole: i.suggestedRole,
    enrolmentOpen: enrolmentOpen(p, now),
    enrolmentOpensAt: p.enrolmentOpensAt?.toISOString() ?? null,
    enrolmentClosesAt: p.enrolmentClosesAt?.toISOString() ?? null,
    createdAt: i.createdAt.toISOString(),
  }));
}

/** The caller says no to an invitation: it leaves their Home and no reminder follows. */
export async function declineInvitation(
  services: Services,
  userId: string,
  invitationId: string,
): Promise<{ declined: true }> {
  const [row] = await services.db
    .select()
    .from(enrolmentInvitations)
    .where(eq(enrolmentInvitations.id, invitationId))
    .limit(1);
  // Someone else's invitation is as unknown to the caller as one that does not exist.
  if (row?.personId !== userId) throw problems.notFound('No such invitation.');
  if (row.acceptedAt !== null)
    throw problems.conflict(
      'You already enrolled through this invitation; leave the program from your enrolment on Home instead.',
    );
  if (row.declinedAt === null)
    await services.db
      .update(enrolmentInvitations)
      .set({ declinedAt: services.now() })
      .where(eq(enrolmentInvitations.id, invitationId));
  return { declined: true };
}
