import { and, eq, inArray, ne, or } from 'drizzle-orm';
import type { DeletionReceipt } from '../contract/index.js';
import { recordAudit } from '../identity/index.js';
import { enqueueJob } from '../jobs/index.js';
import type { EnqueueOptions } from '../jobs/index.js';
import type { Db } from '../store/index.js';
import {
  checkIns,
  commitments,
  enrolments,
  jobs,
  notificationSettings,
  notifications,
  pairings,
  surveyResponses,
} from '../store/index.js';

/** Owned by booking: cancels the rest of a pairing's series in both calendars. */
export const SERIES_CANCEL = 'series-cancel';
export const DELETION_END_REASON = 'participant-deleted-their-data';

/**
 * Deletes what the app holds privately about a person, in one transaction: their check-ins and
 * reflections, commitments, outcome-survey answers, notifications (and the nudges about their pairings) and settings.
 * Their enrolments are left and stripped of topics and times; their pairings end, lose the
 * explanation that names them, and get a `series-cancel` job so nothing stays in anyone's
 * calendar. The org record stays (it is the directory's, re-synced from Graph) and so do
 * anonymous aggregates. The audit row holds counts, never text. `tellPartner` runs in the same
 * transaction for each pairing that ends, after the old nudges are gone, so the partner hears.
 */
export async function deleteMyData(
  db: Db,
  personId: string,
  now: Date,
  o: { tellPartner?: (tx: Db, pairingId: string) => Promise<unknown> } = {},
): Promise<{ receipt: DeletionReceipt; jobs: EnqueueOptions[] }> {
  return db.transaction(async (tx) => {
    const deletedCheckIns = await tx
      .delete(checkIns)
      .where(eq(checkIns.personId, personId))
      .returning({ id: checkIns.id });
    const deletedCommitments = await tx
      .delete(commitments)
      .where(eq(commitments.authorId, personId))
      .returning({ id: commitments.id });

    const deletedSurveyResponses = await tx
      .delete(surveyResponses)
      .where(eq(surveyResponses.personId, personId))
      .returning({ id: surveyResponses.id });

    const mine = or(eq(pairings.mentorId, personId), eq(pairings.leaderId, personId));
    const allPairings = await tx
      .select({ id: pairings.id, status: pairings.status })
      .from(pairings)
      .where(mine);
    const open = allPairings.filter((p) => p.status !== 'ended').map((p) => p.id);
    if (open.length > 0) {
      await tx
        .update(pairings)
        .set({ status: 'ended', endedAt: now, endReason: DELETION_END_REASON })
        .where(inArray(pairings.id, open));
    }
    if (allPairings.length > 0) {
      await tx
        .update(pairings)
        .set({ explanation: '', scoreParts: {} })
        .where(
          inArray(
            pairings.id,
            allPairings.map((p) => p.id),
          ),
        );
    }

    const pairingIds = allPairings.map((p) => p.id);
    const deletedNotifications = await tx
      .delete(notifications)
      .where(
        pairingIds.length === 0
          ? eq(notifications.personId, personId)
          : or(eq(notifications.personId, personId), inArray(notifications.pairingId, pairingIds)),
      )
      .returning({ id: notifications.id });
    // Their send jobs are keyed by notification id: nothing may point at a deleted nudge.
    const notificationIds = deletedNotifications.map((n) => n.id);
    if (notificationIds.length > 0)
      await tx
        .delete(jobs)
        .where(and(eq(jobs.kind, 'notify-send'), inArray(jobs.key, notificationIds)));
    await tx.delete(notificationSettings).where(eq(notificationSettings.personId, personId));
    if (o.tellPartner !== undefined) for (const id of open) await o.tellPartner(tx, id);

    const left = await tx
      .update(enrolments)
      .set({
        status: 'left',
        topicsOffered: [],
        topicsWanted: [],
        preferredTimes: [],
        updatedAt: now,
      })
      .where(and(eq(enrolments.personId, personId), ne(enrolments.status, 'left')))
      .returning({ id: enrolments.id });
    await tx
      .update(enrolments)
      .set({ topicsOffered: [], topicsWanted: [], preferredTimes: [] })
      .where(eq(enrolments.personId, personId));

    const cancelJobs: EnqueueOptions[] = open.map((pairingId) => ({
      kind: SERIES_CANCEL,
      key: pairingId,
      payload: { pairingId, reason: 'A participant left the program.' },
    }));
    for (const job of cancelJobs) await enqueueJob(tx, job);

    const receipt: DeletionReceipt = {
      deleted: {
        checkIns: deletedCheckIns.length,
        commitments: deletedCommitments.length,
        surveyResponses: deletedSurveyResponses.length,
        notifications: deletedNotifications.length,
      },
      enrolmentsLeft: left.length,
      pairingsEnded: open.length,
    };
    await recordAudit(tx, {
      actorId: personId,
      action: 'me.delete',
      targetType: 'person',
      targetId: personId,
      detail: {
        ...receipt.deleted,
        enrolmentsLeft: receipt.enrolmentsLeft,
        pairingsEnded: receipt.pairingsEnded,
      },
    });
    return { receipt, jobs: cancelJobs };
  });
}
