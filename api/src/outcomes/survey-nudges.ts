import { and, eq, ne } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Services } from '../app/index.js';
import { zoneOrUtc } from '../calendar-time/index.js';
import type { JobHandlers } from '../jobs/index.js';
import { requeueJob } from '../jobs/index.js';
import { queueNotification } from '../notifications/index.js';
import { tabPaths } from '../contract/index.js';
import type { MySurveyView } from '../contract/index.js';
import { enrolments, people, programs } from '../store/index.js';
import { listMySurveys } from './survey-responses.js';
import { shippedSurveys } from './survey-routes.js';

export const SURVEY_NUDGE_INTERVAL_MS = 60 * 60_000;

/**
 * Asks each person once per open survey they have not answered (the end survey once per pairing), through the activity feed:
 * queued by `queueNotification`, so it waits out the person's quiet hours and respects their
 * opt-out, and links straight to the survey.
 */
export async function runSurveyNudgeScan(services: Services): Promise<{ queued: number }> {
  const { db } = services;
  const now = services.now();
  const library = await shippedSurveys();
  const members = await db
    .selectDistinct({ personId: enrolments.personId, timeZone: people.timeZone })
    .from(enrolments)
    .innerJoin(programs, eq(programs.id, enrolments.programId))
    .leftJoin(people, eq(people.id, enrolments.personId))
    .where(and(ne(enrolments.status, 'left'), ne(programs.status, 'draft')));
  let queued = 0;
  for (const m of members) {
    const surveys = await listMySurveys(db, library, m.personId, now);
    for (const s of surveys) {
      if (s.state !== 'open' || s.answeredAt !== null) continue;
      const outcome = await queueNotification(services, {
        personId: m.personId,
        kind: 'surveyWaiting',
        // Once per survey asked: the end survey once per pairing.
        subjectId:
          s.pairingId === null
            ? `${s.programId}:${s.phase}`
            : `${s.programId}:${s.phase}:${s.pairingId}`,
        pairingId: s.pairingId ?? undefined,
        params: {
          programName: s.programName,
          surveyName: surveyName(s),
          closesOn:
            s.closesAt === null
              ? 'your first session'
              : DateTime.fromISO(s.closesAt, { zone: zoneOrUtc(m.timeZone) }).toFormat('d LLL'),
        },
        path: tabPaths.survey(s.programId, s.phase, s.pairingId),
      });
      if (outcome === 'queued') queued += 1;
    }
  }
  return { queued };
}

/**
 * What the message calls the survey: a pairing that ended early is named, so someone waiting for
 * a new partner is not told the program is over.
 */
function surveyName(s: MySurveyView): string {
  if (s.phase === 'baseline') return 'baseline survey';
  if (s.endOf?.reason !== 'pairing-ended') return 'end-of-program survey';
  return s.endOf.partnerName === null
    ? 'survey on your pairing that ended'
    : `survey on your pairing with ${s.endOf.partnerName}`;
}

/** Puts the periodic survey scan in the queue (once at start; repeated calls change nothing). */
export async function startSurveyNudges(services: Services): Promise<void> {
  await requeueJob(services.db, { kind: 'survey-nudge-scan', key: 'scan' });
}

export function surveyJobHandlers(
  services: Services,
): JobHandlers<'survey-nudge-scan' | 'survey-nudge-scan-schedule'> {
  return {
    'survey-nudge-scan': async () => {
      const summary = await runSurveyNudgeScan(services);
      await requeueJob(services.db, {
        kind: 'survey-nudge-scan-schedule',
        key: 'scan',
        delayMs: SURVEY_NUDGE_INTERVAL_MS,
      });
      return { ...summary };
    },
    'survey-nudge-scan-schedule': async () => {
      await requeueJob(services.db, { kind: 'survey-nudge-scan', key: 'scan' });
    },
  };
}
