import { enqueueJob } from '../jobs/index.js';
import type { Services } from '../app/index.js';
import { notifications } from '../store/index.js';
import type { Db } from '../store/index.js';
import { fillTemplate } from './activity-types.js';
import type { ActivityType } from './activity-types.js';
import { nudgeSettingsOf } from './notification-settings.js';
import { nextAllowedSend } from '../calendar-time/index.js';
import { tabUrl } from '../contract/index.js';

export interface NudgeInput {
  personId: string;
  kind: ActivityType;
  /** What it is about: with person and kind, the dedupe key. */
  subjectId: string;
  pairingId?: string | undefined;
  params: Record<string, string>;
  /** Path in the tab, built with `tabPaths` (e.g. `tabPaths.session(id)`). */
  path?: string | undefined;
}

export type QueueOutcome = 'queued' | 'duplicate' | 'opted-out';

/**
 * Queues one nudge, once per person + kind + subject, with its own `notify-send` job scheduled
 * for the end of the person's quiet hours when it falls inside them. A person who turned nudges
 * off gets a `skipped` row (so the same nudge is not reconsidered) and no job. Other concepts
 * (matching, booking, enrolments, privacy) call this as things happen. With `tx`, the nudge and
 * its job are written in the caller's transaction, so they exist exactly when the change does;
 * the worker's next poll picks the job up.
 */
export async function queueNotification(
  services: Services,
  input: NudgeInput,
  o: { tx?: Db } = {},
): Promise<QueueOutcome> {
  const now = services.now();
  const settings = await nudgeSettingsOf(o.tx ?? services.db, input.personId);
  const dedupeKey = `${input.kind}:${input.personId}:${input.subjectId}`;
  const scheduledFor = settings.enabled
    ? nextAllowedSend(now, settings.timeZone, settings.quiet)
    : now;
  const write = async (tx: Db) => {
    const inserted = await tx
      .insert(notifications)
      .values({
        personId: input.personId,
        kind: input.kind,
        subjectId: input.subjectId,
        pairingId: input.pairingId ?? null,
        dedupeKey,
        status: settings.enabled ? 'queued' : 'skipped',
        outcome: settings.enabled ? null : 'opted-out',
        text: fillTemplate(input.kind, input.params),
        link: input.path === undefined ? null : tabUrl(services.publicUrl(), input.path),
        templateParameters: Object.entries(input.params).map(([name, value]) => ({ name, value })),
        scheduledFor,
        createdAt: now,
      })
      .onConflictDoNothing({ target: notifications.dedupeKey })
      .returning({ id: notifications.id });
    const row = inserted[0];
    if (row !== undefined && settings.enabled) {
      // In the same transaction: a queued nudge always has its job.
      await enqueueJob(tx, {
        kind: 'notify-send',
        key: row.id,
        payload: { notificationId: row.id },
        runAfter: scheduledFor,
      });
    }
    return row?.id;
  };
  const id = o.tx === undefined ? await services.db.transaction(write) : await write(o.tx);
  if (id === undefined) return 'duplicate';
  if (!settings.enabled) return 'opted-out';
  if (o.tx !== undefined) return 'queued';
  // Wakes the worker; the job already exists, so this adds nothing.
  await services.enqueue({
    kind: 'notify-send',
    key: id,
    payload: { notificationId: id },
    runAfter: scheduledFor,
  });
  return 'queued';
}
