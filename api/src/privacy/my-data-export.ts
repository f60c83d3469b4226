import { desc, eq, inArray, or } from 'drizzle-orm';
import type { MyDataExport } from '../contract/index.js';
import type { Db } from '../store/index.js';
import {
  auditLog,
  checkIns,
  commitments,
  enrolments,
  notificationSettings,
  notifications,
  pairings,
  people,
  sessions,
  surveyResponses,
} from '../store/index.js';

type Row = Record<string, unknown>;

/**
 * Everything the app holds about one person, and nothing of anyone else's. Pairings are shared
 * with a partner, so they carry the caller's role, dates and the score parts behind the match
 * (the logic of the automated decision), not the partner's identity, the free-text explanation
 * (which names both people) or the partner's check-ins.
 */
export async function exportMyData(db: Db, personId: string, now: Date): Promise<MyDataExport> {
  const [person] = await db.select().from(people).where(eq(people.id, personId));
  const myEnrolments = await db.select().from(enrolments).where(eq(enrolments.personId, personId));
  const myPairings = await db
    .select()
    .from(pairings)
    .where(or(eq(pairings.mentorId, personId), eq(pairings.leaderId, personId)));
  const pairingIds = myPairings.map((p) => p.id);
  const mySessions =
    pairingIds.length === 0
      ? []
      : await db
          .select({
            id: sessions.id,
            pairingId: sessions.pairingId,
            occurrence: sessions.occurrence,
            guideSessionNumber: sessions.guideSessionNumber,
            startsAt: sessions.startsAt,
            endsAt: sessions.endsAt,
            status: sessions.status,
          })
          .from(sessions)
          .where(inArray(sessions.pairingId, pairingIds));
  const myCheckIns = await db.select().from(checkIns).where(eq(checkIns.personId, personId));
  const myCommitments = await db
    .select()
    .from(commitments)
    .where(eq(commitments.authorId, personId));
  const mySurveyResponses = await db
    .select()
    .from(surveyResponses)
    .where(eq(surveyResponses.personId, personId));
  const myNotifications = await db
    .select()
    .from(notifications)
    .where(eq(notifications.personId, personId))
    .orderBy(desc(notifications.createdAt));
  const [settings] = await db
    .select()
    .from(notificationSettings)
    .where(eq(notificationSettings.personId, personId));
  const audit = await db.select().from(auditLog).where(eq(auditLog.actorId, personId));

  return {
    exportedAt: now.toISOString(),
    person: (person as Row | undefined) ?? null,
    enrolments: myEnrolments,
    pairings: myPairings.map((p) => ({
      id: p.id,
      programId: p.programId,
      myRole: p.mentorId === personId ? 'mentor' : 'leader',
      status: p.status,
      score: p.score,
      scoreParts: p.scoreParts,
      guideTrackId: p.guideTrackId,
      guideTrackVersion: p.guideTrackVersion,
      startedAt: p.startedAt,
      endedAt: p.endedAt,
      endReason: p.endReason,
    })),
    sessions: mySessions,
    checkIns: myCheckIns,
    commitments: myCommitments,
    surveyResponses: mySurveyResponses,
    notifications: myNotifications,
    notificationSettings: (settings as Row | undefined) ?? null,
    auditAsActor: audit,
  };
}
