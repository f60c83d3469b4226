import { and, count, eq, inArray, isNull, max, ne } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { problems, route } from '../app/index.js';
import type { RouteDef, Services } from '../app/index.js';
import { zoneOrUtc } from '../calendar-time/index.js';
import type { EnrolmentRemindersView } from '../contract/index.js';
import { tabPaths } from '../contract/index.js';
import { PermanentJobError } from '../jobs/index.js';
import type { JobHandlers } from '../jobs/index.js';
import { queueNotification } from '../notifications/index.js';
import { enrolmentInvitations, enrolments, notifications, people } from '../store/index.js';
import { audit } from './audit.js';
import { assessRoles } from './eligibility.js';
import { membershipForRun, NO_GROUPS_READ } from './eligible-groups.js';
import { enrolmentOpen, findProgram, type ProgramRow } from './programs.js';

const KIND = 'enrolmentReminder';

/**
 * Invited people who have neither enrolled nor declined and may still take part (the rules can
 * have changed since the import, or the person moved department): the ones a reminder is for.
 */
async function unanswered(services: Services, program: ProgramRow, now: Date) {
  const db = services.db;
  const rows = await db
    .select({ person: people })
    .from(enrolmentInvitations)
    .innerJoin(people, eq(people.id, enrolmentInvitations.personId))
    .where(
      and(
        eq(enrolmentInvitations.programId, program.id),
        isNull(enrolmentInvitations.acceptedAt),
        isNull(enrolmentInvitations.declinedAt),
      ),
    );
  const enrolled = new Set(
    (
      await db
        .select({ personId: enrolments.personId })
        .from(enrolments)
        .where(and(eq(enrolments.programId, program.id), ne(enrolments.status, 'left')))
    ).map((e) => e.personId),
  );
  const waiting = rows.map((r) => r.person).filter((p) => !enrolled.has(p.id));
  // Groups are read only when someone is waiting (a program page with no invitations reads none).
  const groups =
    waiting.length === 0 ? NO_GROUPS_READ : await membershipForRun(services, program.rules);
  return waiting.filter((p) => assessRoles(p, program.rules, now, groups).eligibleRoles.length > 0);
}

/** Why reminders cannot go out now, in words for the admin; null when they can. */
function whyNotNow(program: ProgramRow, now: Date, waiting: number, reminded: number) {
  if (!enrolmentOpen(program, now))
    return 'Reminders go out while enrolment is open; this program is not open for enrolment now.';
  if (waiting === 0) return 'Everyone invited has answered (or may no longer take part).';
  if (reminded >= waiting) return 'Everyone who has not answered has had their one reminder.';
  return null;
}

export async function enrolmentRemindersView(
  services: Services,
  program: ProgramRow,
  now: Date,
): Promise<EnrolmentRemindersView> {
  const db = services.db;
  const waiting = await unanswered(services, program, now);
  const ids = waiting.map((p) => p.id);
  const [sent] = await db
    .select({ n: count(), last: max(notifications.createdAt) })
    .from(notifications)
    .where(and(eq(notifications.kind, KIND), eq(notifications.subjectId, program.id)));
  const [pending] =
    ids.length === 0
      ? [{ n: 0 }]
      : await db
          .select({ n: count() })
          .from(notifications)
          .where(
            and(
              eq(notifications.kind, KIND),
              eq(notifications.subjectId, program.id),
              inArray(notifications.personId, ids),
            ),
          );
  const remindedWaiting = pending?.n ?? 0;
  const whyNot = whyNotNow(program, now, waiting.length, remindedWaiting);
  return {
    programId: program.id,
    waiting: waiting.length,
    reminded: sent?.n ?? 0,
    toRemind: Math.max(0, waiting.length - remindedWaiting),
    lastRemindedAt: sent?.last?.toISOString() ?? null,
    canSend: whyNot === null,
    whyNot,
  };
}

/**
 * Queues one reminder per unanswered, still eligible invitee: once per person and program (the
 * nudge's dedupe key), after their quiet hours, linking to the program's enrol page.
 */
export async function sendEnrolmentReminders(
  services: Services,
  programId: string,
): Promise<{ queued: number; duplicates: number; optedOut: number }> {
  const now = services.now();
  const program = await findProgram(services.db, programId);
  const result = { queued: 0, duplicates: 0, optedOut: 0 };
  // The window may have closed between the admin's click and this job.
  if (!enrolmentOpen(program, now)) return result;
  for (const p of await unanswered(services, program, now)) {
    const closesOn =
      program.enrolmentClosesAt === null
        ? 'when the program team closes it'
        : `on ${DateTime.fromJSDate(program.enrolmentClosesAt, { zone: zoneOrUtc(p.timeZone) }).toFormat('d LLL')}`;
    const outcome = await queueNotification(services, {
      personId: p.id,
      kind: KIND,
      subjectId: program.id,
      params: { programName: program.name, closesOn },
      path: tabPaths.enrol(program.id),
    });
    if (outcome === 'queued') result.queued += 1;
    else if (outcome === 'duplicate') result.duplicates += 1;
    else result.optedOut += 1;
  }
  return result;
}

export function enrolmentReminderJobHandlers(
  services: Services,
): JobHandlers<'enrolment-reminders'> {
  return {
    'enrolment-reminders': async (ctx) => {
      const programId = ctx.job.payload.programId;
      if (typeof programId !== 'string')
        throw new PermanentJobError('enrolment-reminders: no programId');
      return { ...(await sendEnrolmentReminders(services, programId)) };
    },
  };
}

const programParams = z.object({ programId: z.uuid() }).strict();

export function enrolmentReminderRoutes(services: Services): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/programs/:programId/enrolment-reminders',
      access: 'admin',
      summary: 'How many invited people have not answered, and how many were reminded',
      params: programParams,
      handle: async ({ params }): Promise<EnrolmentRemindersView> =>
        enrolmentRemindersView(
          services,
          await findProgram(services.db, params.programId),
          services.now(),
        ),
    }),
    route({
      method: 'post',
      path: '/programs/:programId/enrolment-reminders',
      access: 'admin',
      summary: 'Remind invited people who have not answered, once each (a job; quiet hours kept)',
      params: programParams,
      async handle({ principal, params }) {
        const now = services.now();
        const program = await findProgram(services.db, params.programId);
        const view = await enrolmentRemindersView(services, program, now);
        if (!view.canSend) throw problems.conflict(view.whyNot ?? 'Nothing to send.');
        await audit(services.db, {
          actorId: principal.userId,
          action: 'program.remind',
          targetType: 'program',
          targetId: program.id,
          detail: { toRemind: view.toRemind },
        });
        await services.enqueue({
          kind: 'enrolment-reminders',
          key: `${program.id}:${now.getTime()}`,
          payload: { programId: program.id },
        });
        return { status: 202, body: view };
      },
    }),
  ];
}
