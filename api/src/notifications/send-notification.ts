import { eq } from 'drizzle-orm';
import { isGraphError } from '../graph/index.js';
import { PermanentJobError, RetryLaterError } from '../jobs/index.js';
import type { JobContext, JobHandler } from '../jobs/index.js';
import type { Services } from '../app/index.js';
import { notifications, people } from '../store/index.js';
import type { NotificationStatus } from '../store/index.js';
import { nudgeSettingsOf } from './notification-settings.js';
import { nextAllowedSend } from '../calendar-time/index.js';

const TOPIC = 'Reverse mentoring';

/**
 * The `notify-send` job: sends one nudge to the Teams activity feed. Each nudge is its own job,
 * so a failed send (app not installed for that person, throttling) never holds up another.
 * Settings and quiet hours are read again at send time: the person may have changed them.
 */
export function sendNotificationJob(services: Services): JobHandler {
  return async (ctx: JobContext) => {
    const id =
      typeof ctx.job.payload.notificationId === 'string' ? ctx.job.payload.notificationId : '';
    const [n] = await services.db.select().from(notifications).where(eq(notifications.id, id));
    // Deleted with the person's data, or already handled by an earlier attempt.
    if (n === undefined) return { outcome: 'gone' };
    if (n.status !== 'queued') return { outcome: n.status };

    const mark = async (status: NotificationStatus, outcome: string | null) => {
      await services.db
        .update(notifications)
        .set({ status, outcome, ...(status === 'sent' ? { sentAt: services.now() } : {}) })
        .where(eq(notifications.id, n.id));
      return { outcome: outcome ?? status };
    };

    const settings = await nudgeSettingsOf(services.db, n.personId);
    if (!settings.enabled) return mark('skipped', 'opted-out');
    const [person] = await services.db
      .select({ goneAt: people.goneAt })
      .from(people)
      .where(eq(people.id, n.personId));
    if (person === undefined || person.goneAt !== null) return mark('skipped', 'person-gone');

    const now = services.now();
    const allowed = nextAllowedSend(now, settings.timeZone, settings.quiet);
    const notBefore = Math.max(allowed.getTime(), n.scheduledFor.getTime());
    if (notBefore > now.getTime()) {
      await services.db
        .update(notifications)
        .set({ scheduledFor: new Date(notBefore) })
        .where(eq(notifications.id, n.id));
      throw new RetryLaterError('inside quiet hours', notBefore - now.getTime());
    }

    try {
      await services.graph.sendActivityNotification(n.personId, {
        topic: { source: 'text', value: TOPIC, webUrl: n.link ?? services.publicUrl() },
        activityType: n.kind,
        previewText: { content: n.text.slice(0, 150) },
        templateParameters: n.templateParameters,
      });
    } catch (err) {
      if (!isGraphError(err)) throw err;
      const transient = err.status === 0 || err.status === 429 || err.status >= 500;
      if (transient && ctx.job.attempts < ctx.job.maxAttempts) {
        throw new RetryLaterError(
          `Graph ${err.status} ${err.code}`,
          err.retryAfterMs ?? 30_000 * ctx.job.attempts,
        );
      }
      // Codes only: the message may echo the person's address.
      await mark('failed', `graph-${err.status}-${err.code}`);
      throw new PermanentJobError(`activity notification failed: Graph ${err.status} ${err.code}`);
    }
    return mark('sent', null);
  };
}
