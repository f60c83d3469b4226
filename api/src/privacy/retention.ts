import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { RetentionView } from '../contract/index.js';
import { recordAudit } from '../identity/index.js';
import type { Db } from '../store/index.js';
import {
  checkIns,
  commitments,
  enrolments,
  notifications,
  pairings,
  programs,
  surveyResponses,
} from '../store/index.js';

type ProgramRow = typeof programs.$inferSelect;

/** When a closed program's personal data goes: `retentionMonths` calendar months after closing. */
export function purgeAfter(p: Pick<ProgramRow, 'closedAt' | 'retentionMonths'>): Date | null {
  if (p.closedAt === null) return null;
  return DateTime.fromJSDate(p.closedAt, { zone: 'UTC' })
    .plus({ months: p.retentionMonths })
    .toJSDate();
}

export function toRetentionView(p: ProgramRow): RetentionView {
  return {
    programId: p.id,
    retentionMonths: p.retentionMonths,
    closedAt: p.closedAt?.toISOString() ?? null,
    purgeAfter: purgeAfter(p)?.toISOString() ?? null,
  };
}

export interface PurgeSummary {
  programs: number;
  checkIns: number;
  commitments: number;
  surveyResponses: number;
  notifications: number;
  enrolments: number;
  pairings: number;
}

/**
 * Purges the personal data of every closed program past its retention period: check-ins and
 * reflections, commitments, outcome-survey answers, notifications, enrolments' topics and times, pairings' explanations.
 * What remains (who was enrolled and paired, session statuses) is what audit and "no repeat
 * pairings" need. Idempotent: a second run finds nothing left to purge.
 */
export async function purgeExpiredPrograms(db: Db, now: Date): Promise<PurgeSummary> {
  const summary: PurgeSummary = {
    programs: 0,
    checkIns: 0,
    commitments: 0,
    surveyResponses: 0,
    notifications: 0,
    enrolments: 0,
    pairings: 0,
  };
  const closed = await db
    .select()
    .from(programs)
    .where(and(eq(programs.status, 'closed'), isNotNull(programs.closedAt)));
  for (const program of closed) {
    const due = purgeAfter(program);
    if (due === null || due.getTime() > now.getTime()) continue;
    await db.transaction(async (tx) => {
      const ids = (
        await tx
          .select({ id: pairings.id })
          .from(pairings)
          .where(eq(pairings.programId, program.id))
      ).map((p) => p.id);
      const onPairings = async (purge: () => Promise<unknown[]>): Promise<number> =>
        ids.length === 0 ? 0 : (await purge()).length;
      const counts = {
        checkIns: await onPairings(() =>
          tx
            .delete(checkIns)
            .where(inArray(checkIns.pairingId, ids))
            .returning({ id: checkIns.id }),
        ),
        commitments: await onPairings(() =>
          tx
            .delete(commitments)
            .where(inArray(commitments.pairingId, ids))
            .returning({ id: commitments.id }),
        ),
        notifications: await onPairings(() =>
          tx
            .delete(notifications)
            .where(inArray(notifications.pairingId, ids))
            .returning({ id: notifications.id }),
        ),
        pairings: await onPairings(() =>
          tx
            .update(pairings)
            .set({ explanation: '', scoreParts: {} })
            .where(inArray(pairings.id, ids))
            .returning({ id: pairings.id }),
        ),
        surveyResponses: (
          await tx
            .delete(surveyResponses)
            .where(eq(surveyResponses.programId, program.id))
            .returning({ id: surveyResponses.id })
        ).length,
        enrolments: (
          await tx
            .update(enrolments)
            .set({ topicsOffered: [], topicsWanted: [], preferredTimes: [] })
            .where(eq(enrolments.programId, program.id))
            .returning({ id: enrolments.id })
        ).length,
      };
      summary.programs += 1;
      for (const [key, n] of Object.entries(counts) as [keyof typeof counts, number][])
        summary[key] += n;
      if (counts.checkIns + counts.commitments + counts.surveyResponses + counts.notifications > 0)
        await recordAudit(tx, {
          actorId: 'system',
          action: 'program.retention-purge',
          targetType: 'program',
          targetId: program.id,
          detail: { ...counts, retentionMonths: program.retentionMonths },
        });
    });
  }
  return summary;
}
