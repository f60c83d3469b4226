import { and, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ProblemError, problems } from '../app/index.js';
import type { ImportResultView } from '../contract/index.js';
import type { Services } from '../app/index.js';
import { enrolmentInvitations, enrolments, people } from '../store/index.js';
import { audit } from './audit.js';
import { assessRoles } from './eligibility.js';
import { membershipForRun } from './eligible-groups.js';
import { parseEmailCsv } from './email-csv.js';
import { findProgram } from './programs.js';

export const MAX_IMPORT_ROWS = 5000;

export const importInput = z
  .object({
    csv: z.string().min(1).max(1_000_000),
    /** Invite the known addresses even when some are unknown (they are still reported). */
    skipUnknown: z.boolean().default(false),
  })
  .strict();

export type ImportInput = z.infer<typeof importInput>;

/**
 * Invites the people of a CSV list to a program. Opt-in only: an invitation is not an enrolment,
 * the person confirms it in the tab. All or nothing: with a malformed row, or an unknown address
 * (unless `skipUnknown`), nothing is written and the problem lists them.
 */
export async function importInvitations(
  services: Services,
  actorId: string,
  programId: string,
  input: ImportInput,
): Promise<ImportResultView> {
  const now = services.now();
  const program = await findProgram(services.db, programId);
  if (program.status !== 'draft' && program.status !== 'enrolling')
    throw problems.conflict(
      `People can be invited while a program is draft or enrolling, not ${program.status}.`,
    );
  const { emails, invalid } = parseEmailCsv(input.csv);
  if (invalid.length > 0)
    throw problems.badRequest(
      `${invalid.length} row(s) do not hold an email address; nothing was imported.`,
      {
        errors: invalid.slice(0, 100).map((r) => ({
          field: `csv line ${r.line}`,
          message: `"${r.value}" is not an email address`,
        })),
      },
    );
  if (emails.length === 0) throw problems.badRequest('The CSV holds no email addresses.');
  if (emails.length > MAX_IMPORT_ROWS)
    throw problems.badRequest(
      `At most ${MAX_IMPORT_ROWS} addresses per import; this one has ${emails.length}.`,
    );

  const found = await services.db
    .select()
    .from(people)
    .where(
      and(
        isNull(people.goneAt),
        or(
          inArray(sql<string>`lower(${people.mail})`, emails),
          inArray(sql<string>`lower(${people.userPrincipalName})`, emails),
        ),
      ),
    );
  const byEmail = new Map<string, (typeof found)[number]>();
  for (const p of found) {
    if (p.mail !== null) byEmail.set(p.mail.toLowerCase(), p);
    if (p.userPrincipalName !== null && !byEmail.has(p.userPrincipalName.toLowerCase()))
      byEmail.set(p.userPrincipalName.toLowerCase(), p);
  }
  const unknownEmails = emails.filter((e) => !byEmail.has(e));
  if (unknownEmails.length > 0 && !input.skipUnknown) {
    throw new ProblemError({
      status: 422,
      type: 'unknown-emails',
      title: 'Some addresses are not in the directory',
      detail: `${unknownEmails.length} of ${emails.length} addresses match nobody in the directory; nothing was imported. Fix them, or import again with skipUnknown to invite the others.`,
      extensions: { unknownEmails },
    });
  }
  const persons = [
    ...new Map(
      emails.flatMap((e) => {
        const p = byEmail.get(e);
        return p === undefined ? [] : [[p.id, p] as const];
      }),
    ).values(),
  ];

  const groups = await membershipForRun(services, program.rules);
  return services.db.transaction(async (tx) => {
    const ids = persons.map((p) => p.id);
    const enrolled =
      ids.length === 0
        ? []
        : await tx
            .select({ personId: enrolments.personId })
            .from(enrolments)
            .where(
              and(
                eq(enrolments.programId, programId),
                inArray(enrolments.personId, ids),
                ne(enrolments.status, 'left'),
              ),
            );
    const enrolledIds = new Set(enrolled.map((e) => e.personId));
    const toInvite = persons.filter((p) => !enrolledIds.has(p.id));
    const inserted =
      toInvite.length === 0
        ? []
        : await tx
            .insert(enrolmentInvitations)
            .values(
              toInvite.map((p) => ({
                programId,
                personId: p.id,
                suggestedRole: assessRoles(p, program.rules, now, groups).suggestedRole,
                invitedBy: actorId,
                createdAt: now,
              })),
            )
            .onConflictDoNothing()
            .returning({ id: enrolmentInvitations.id });
    const result: ImportResultView = {
      invited: inserted.length,
      alreadyInvited: toInvite.length - inserted.length,
      alreadyEnrolled: enrolledIds.size,
      unknownEmails,
    };
    await audit(tx, {
      actorId,
      action: 'program.import',
      targetType: 'program',
      targetId: programId,
      detail: { rows: emails.length, ...result, unknownEmails: unknownEmails.length },
    });
    return result;
  });
}
