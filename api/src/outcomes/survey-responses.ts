import { and, asc, eq, inArray, isNotNull, isNull, ne, or } from 'drizzle-orm';
import { problems } from '../app/index.js';
import type { EndSurveySubject, MySurveyView, SurveyInstrumentView } from '../contract/index.js';
import type { Db } from '../store/index.js';
import {
  enrolments,
  pairings,
  people,
  programs,
  rematchRequests,
  surveyResponses,
} from '../store/index.js';
import type { SurveyInstrument, SurveyPhase } from './instrument.js';
import type { SurveyLibrary } from './instrument-loader.js';
import { surveyWindow } from './survey-windows.js';
import type { SurveyWindow } from './survey-windows.js';
import { windowSessionsOf } from './window-sessions.js';

export function instrumentView(i: SurveyInstrument): SurveyInstrumentView {
  return {
    key: i.key,
    role: i.role,
    phase: i.phase,
    version: i.version,
    title: i.title,
    introMarkdown: i.introMarkdown,
    dimensions: i.dimensions.map((d) => ({ ...d })),
    items: i.items.map((item) => ({ ...item, scale: { ...item.scale } })),
  };
}

/**
 * The surveys a person is asked in each program they take part in, with their own answers: the
 * baseline once per program, and the end survey once per pairing they had in it (oldest first;
 * one without a pairing when they had none), so someone rematched after an early ending is asked
 * about each pairing. Only the caller's rows are read: nobody else's answers reach this view.
 */
export async function listMySurveys(
  db: Db,
  library: SurveyLibrary,
  personId: string,
  now: Date,
  only?: { programId: string },
): Promise<MySurveyView[]> {
  const mine = await db
    .select({ enrolment: enrolments, program: programs })
    .from(enrolments)
    .innerJoin(programs, eq(programs.id, enrolments.programId))
    .where(
      and(
        eq(enrolments.personId, personId),
        ne(enrolments.status, 'left'),
        ne(programs.status, 'draft'),
        ...(only === undefined ? [] : [eq(enrolments.programId, only.programId)]),
      ),
    );
  if (mine.length === 0) return [];
  const programIds = mine.map((m) => m.program.id);
  const myPairings = await db
    .select()
    .from(pairings)
    .where(
      and(
        inArray(pairings.programId, programIds),
        or(eq(pairings.mentorId, personId), eq(pairings.leaderId, personId)),
      ),
    )
    .orderBy(asc(pairings.startedAt), asc(pairings.id));
  const sessionsOf = await windowSessionsOf(
    db,
    myPairings.map((p) => p.id),
  );
  const answered = await db
    .select()
    .from(surveyResponses)
    .where(
      and(eq(surveyResponses.personId, personId), inArray(surveyResponses.programId, programIds)),
    );

  const asked = mine.flatMap(({ enrolment, program }) => {
    const inProgram = myPairings.filter((p) => p.programId === program.id);
    const base = {
      enrolledAt: enrolment.createdAt,
      programClosedAt: program.status === 'closed' ? (program.closedAt ?? program.updatedAt) : null,
    };
    // The baseline closes at the first session of any of the person's pairings: a rematch's
    // sessions starting later do not open it again.
    const baseline: AskedSurvey = {
      enrolment,
      program,
      phase: 'baseline',
      pairing: undefined,
      window: surveyWindow(
        'baseline',
        { ...base, pairing: undefined, sessions: inProgram.flatMap((p) => sessionsOf(p)) },
        now,
      ),
    };
    const ends = (inProgram.length === 0 ? [undefined] : inProgram).map((pairing): AskedSurvey => ({
      enrolment,
      program,
      phase: 'end',
      pairing,
      window: surveyWindow('end', { ...base, pairing, sessions: sessionsOf(pairing) }, now),
    }));
    return [baseline, ...ends];
  });
  const endOf = await endSurveySubjects(db, personId, asked);

  return asked.map(({ enrolment, program, phase, pairing, window }, i) => {
    const pairingId = pairing?.id ?? null;
    const response = answered.find(
      (r) => r.programId === program.id && r.phase === phase && r.pairingId === pairingId,
    );
    const instrument =
      (response === undefined
        ? undefined
        : library.find(response.instrumentKey, response.instrumentVersion)) ??
      library.latest(enrolment.role, phase);
    return {
      programId: program.id,
      programName: program.name,
      role: enrolment.role,
      phase,
      pairingId,
      state: window.state,
      opensAt: window.opensAt?.toISOString() ?? null,
      closesAt: window.closesAt?.toISOString() ?? null,
      answeredAt: response?.updatedAt.toISOString() ?? null,
      answers: response?.answers ?? null,
      instrument: instrumentView(instrument),
      endOf: endOf.get(i) ?? null,
    };
  });
}

interface AskedSurvey {
  enrolment: typeof enrolments.$inferSelect;
  program: typeof programs.$inferSelect;
  phase: SurveyPhase;
  /** The pairing an end survey is about (undefined for the baseline, or without a pairing). */
  pairing: typeof pairings.$inferSelect | undefined;
  window: SurveyWindow;
}

/**
 * Per end survey that has opened (by its index), what it asks about: why it opened, the partner
 * of that pairing, and whether the caller waits for a new partner after it. Reads only when one
 * has opened.
 */
async function endSurveySubjects(
  db: Db,
  personId: string,
  asked: readonly AskedSurvey[],
): Promise<Map<number, EndSurveySubject>> {
  const opened = asked.flatMap(({ phase, pairing, window }, index) => {
    const reason = window.reason;
    if (phase !== 'end' || reason === undefined) return [];
    const partnerId =
      pairing === undefined
        ? undefined
        : pairing.mentorId === personId
          ? pairing.leaderId
          : pairing.mentorId;
    return [{ index, pairingId: pairing?.id, reason, partnerId }];
  });
  const out = new Map<number, EndSurveySubject>();
  if (opened.length === 0) return out;
  const partnerIds = opened.flatMap((o) => (o.partnerId === undefined ? [] : [o.partnerId]));
  const names =
    partnerIds.length === 0
      ? []
      : await db
          .select({ id: people.id, displayName: people.displayName })
          .from(people)
          .where(inArray(people.id, partnerIds));
  const endedEarly = opened.flatMap((o) =>
    o.reason === 'pairing-ended' && o.pairingId !== undefined ? [o.pairingId] : [],
  );
  const waiting =
    endedEarly.length === 0
      ? []
      : await db
          .select({ pairingId: rematchRequests.pairingId })
          .from(rematchRequests)
          .where(
            and(
              eq(rematchRequests.affectedPersonId, personId),
              eq(rematchRequests.status, 'open'),
              inArray(rematchRequests.pairingId, endedEarly),
            ),
          );
  for (const o of opened)
    out.set(o.index, {
      reason: o.reason,
      partnerName: names.find((n) => n.id === o.partnerId)?.displayName ?? null,
      awaitingPartner:
        o.reason === 'pairing-ended' && waiting.some((w) => w.pairingId === o.pairingId),
    });
  return out;
}

/**
 * Which of a program's end surveys a link without a pairing opens (a message or a tab from
 * before the survey was per pairing): the latest one waiting for an answer, else the latest
 * that has opened, else the latest.
 */
function currentEndSurvey(ends: readonly MySurveyView[]): MySurveyView | undefined {
  const latest = (f: (s: MySurveyView) => boolean) => ends.filter(f).at(-1);
  return (
    latest((s) => s.state === 'open' && s.answeredAt === null) ??
    latest((s) => s.state !== 'upcoming') ??
    ends.at(-1)
  );
}

/**
 * One of the caller's surveys: the baseline, or the end survey on `pairingId` (the current one
 * without it). A pairing that is not the caller's, in this program, is not found.
 */
export async function mySurvey(
  db: Db,
  library: SurveyLibrary,
  o: {
    personId: string;
    programId: string;
    phase: SurveyPhase;
    pairingId?: string | undefined;
    now: Date;
  },
): Promise<MySurveyView> {
  const mine = await listMySurveys(db, library, o.personId, o.now, { programId: o.programId });
  if (mine.length === 0) throw problems.notFound('You are not taking part in this program.');
  const ofPhase = mine.filter((s) => s.phase === o.phase);
  const found =
    o.pairingId === undefined
      ? o.phase === 'end'
        ? currentEndSurvey(ofPhase)
        : ofPhase[0]
      : ofPhase.find((s) => s.pairingId === o.pairingId);
  if (found === undefined)
    throw problems.notFound('You have no pairing with this id in this program.');
  return found;
}

/** Checks that every item is answered with a point on its scale and nothing else is sent. */
function checkAnswers(instrument: SurveyInstrumentView, answers: Record<string, number>): void {
  const errors: { field: string; message: string }[] = [];
  for (const item of instrument.items) {
    const value = answers[item.key];
    if (value === undefined) errors.push({ field: `answers.${item.key}`, message: 'not answered' });
    else if (!Number.isInteger(value) || value < item.scale.min || value > item.scale.max)
      errors.push({
        field: `answers.${item.key}`,
        message: `must be a whole number from ${item.scale.min} to ${item.scale.max}`,
      });
  }
  for (const k of Object.keys(answers)) {
    if (!instrument.items.some((i) => i.key === k))
      errors.push({ field: `answers.${k}`, message: 'not an item of this survey' });
  }
  if (errors.length > 0)
    throw problems.badRequest('Answer every statement on its scale.', { errors });
}

/**
 * Saves the caller's answers: one response per person and program for the baseline, per person
 * and pairing for the end survey, replaced while the survey is open (the unique indexes make a
 * repeated or concurrent save one answer); refused (409) before it opens and after it closes.
 */
export async function saveMySurvey(
  db: Db,
  library: SurveyLibrary,
  o: {
    personId: string;
    programId: string;
    phase: SurveyPhase;
    /** The pairing an end survey is about; without it, the current end survey. */
    pairingId?: string | undefined;
    answers: Record<string, number>;
    now: Date;
  },
): Promise<MySurveyView> {
  const survey = await mySurvey(db, library, o);
  if (survey.state === 'upcoming')
    throw problems.conflict(
      o.phase === 'end'
        ? 'The end survey on a pairing opens when it ends or after its last session.'
        : 'This survey is not open yet.',
    );
  if (survey.state === 'closed')
    throw problems.conflict(
      o.phase === 'baseline'
        ? 'The baseline survey closed when your first session started.'
        : 'The end survey has closed.',
    );
  checkAnswers(survey.instrument, o.answers);
  const row = {
    programId: o.programId,
    personId: o.personId,
    role: survey.role,
    phase: o.phase,
    pairingId: survey.pairingId,
    instrumentKey: survey.instrument.key,
    instrumentVersion: survey.instrument.version,
    answers: o.answers,
    createdAt: o.now,
    updatedAt: o.now,
  };
  // The unique index the answer falls under: per program without a pairing, else per pairing.
  const conflict =
    survey.pairingId === null
      ? {
          target: [surveyResponses.programId, surveyResponses.personId, surveyResponses.phase],
          targetWhere: isNull(surveyResponses.pairingId),
        }
      : {
          target: [surveyResponses.pairingId, surveyResponses.personId, surveyResponses.phase],
          targetWhere: isNotNull(surveyResponses.pairingId),
        };
  await db
    .insert(surveyResponses)
    .values(row)
    .onConflictDoUpdate({ ...conflict, set: { answers: o.answers, updatedAt: o.now } });
  return mySurvey(db, library, { ...o, pairingId: survey.pairingId ?? undefined });
}
