import { and, desc, eq, inArray, ne, or } from 'drizzle-orm';
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
import { SURVEY_PHASES } from './instrument.js';
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
 * The surveys a person is asked, one per program they take part in and phase, with their own
 * answers. Only the caller's rows are read: nobody else's answers ever reach this view.
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
    .orderBy(desc(pairings.startedAt));
  const pairingIds = myPairings.map((p) => p.id);
  const sessionsOf = await windowSessionsOf(db, pairingIds);
  const answered = await db
    .select()
    .from(surveyResponses)
    .where(
      and(eq(surveyResponses.personId, personId), inArray(surveyResponses.programId, programIds)),
    );

  const windows = mine.map(({ enrolment, program }) => {
    // The latest pairing in the program is the one the surveys are about.
    const pairing = myPairings.find((p) => p.programId === program.id);
    const facts = {
      enrolledAt: enrolment.createdAt,
      programClosedAt: program.status === 'closed' ? (program.closedAt ?? program.updatedAt) : null,
      pairing,
      sessions: sessionsOf(pairing),
    };
    return {
      enrolment,
      program,
      pairing,
      windows: SURVEY_PHASES.map((phase) => ({ phase, window: surveyWindow(phase, facts, now) })),
    };
  });
  const endOf = await endSurveySubjects(db, personId, windows);

  const views: MySurveyView[] = [];
  for (const { enrolment, program, windows: phases } of windows) {
    for (const { phase, window } of phases) {
      const response = answered.find((r) => r.programId === program.id && r.phase === phase);
      const instrument =
        (response === undefined
          ? undefined
          : library.find(response.instrumentKey, response.instrumentVersion)) ??
        library.latest(enrolment.role, phase);
      views.push({
        programId: program.id,
        programName: program.name,
        role: enrolment.role,
        phase,
        state: window.state,
        opensAt: window.opensAt?.toISOString() ?? null,
        closesAt: window.closesAt?.toISOString() ?? null,
        answeredAt: response?.updatedAt.toISOString() ?? null,
        answers: response?.answers ?? null,
        instrument: instrumentView(instrument),
        endOf: phase === 'end' ? (endOf.get(program.id) ?? null) : null,
      });
    }
  }
  return views;
}

/**
 * Per program whose end survey has opened, what it asks about: why it opened, the partner of
 * that pairing, and whether the caller waits for a new partner. Reads only when one has opened.
 */
async function endSurveySubjects(
  db: Db,
  personId: string,
  programs: readonly {
    program: { id: string };
    pairing: { mentorId: string; leaderId: string } | undefined;
    windows: readonly { phase: SurveyPhase; window: SurveyWindow }[];
  }[],
): Promise<Map<string, EndSurveySubject>> {
  const opened = programs.flatMap(({ program, pairing, windows }) => {
    const reason = windows.find((w) => w.phase === 'end')?.window.reason;
    if (reason === undefined) return [];
    const partnerId =
      pairing === undefined
        ? undefined
        : pairing.mentorId === personId
          ? pairing.leaderId
          : pairing.mentorId;
    return [{ programId: program.id, reason, partnerId }];
  });
  const out = new Map<string, EndSurveySubject>();
  if (opened.length === 0) return out;
  const partnerIds = opened.flatMap((o) => (o.partnerId === undefined ? [] : [o.partnerId]));
  const names =
    partnerIds.length === 0
      ? []
      : await db
          .select({ id: people.id, displayName: people.displayName })
          .from(people)
          .where(inArray(people.id, partnerIds));
  const endedEarly = opened.filter((o) => o.reason === 'pairing-ended').map((o) => o.programId);
  const waiting =
    endedEarly.length === 0
      ? []
      : await db
          .select({ programId: rematchRequests.programId })
          .from(rematchRequests)
          .where(
            and(
              eq(rematchRequests.affectedPersonId, personId),
              eq(rematchRequests.status, 'open'),
              inArray(rematchRequests.programId, endedEarly),
            ),
          );
  for (const o of opened)
    out.set(o.programId, {
      reason: o.reason,
      partnerName: names.find((n) => n.id === o.partnerId)?.displayName ?? null,
      awaitingPartner:
        o.reason === 'pairing-ended' && waiting.some((w) => w.programId === o.programId),
    });
  return out;
}

export async function mySurvey(
  db: Db,
  library: SurveyLibrary,
  personId: string,
  programId: string,
  phase: SurveyPhase,
  now: Date,
): Promise<MySurveyView> {
  const found = (await listMySurveys(db, library, personId, now, { programId })).find(
    (s) => s.phase === phase,
  );
  if (found === undefined) throw problems.notFound('You are not taking part in this program.');
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
 * Saves the caller's answers: one response per person, program and phase, replaced while the
 * survey is open; refused (409) before it opens and after it closes.
 */
export async function saveMySurvey(
  db: Db,
  library: SurveyLibrary,
  o: {
    personId: string;
    programId: string;
    phase: SurveyPhase;
    answers: Record<string, number>;
    now: Date;
  },
): Promise<MySurveyView> {
  const survey = await mySurvey(db, library, o.personId, o.programId, o.phase, o.now);
  if (survey.state === 'upcoming')
    throw problems.conflict(
      o.phase === 'end'
        ? 'The end survey opens after your last session.'
        : 'This survey is not open yet.',
    );
  if (survey.state === 'closed')
    throw problems.conflict(
      o.phase === 'baseline'
        ? 'The baseline survey closed when your first session started.'
        : 'The end survey has closed.',
    );
  checkAnswers(survey.instrument, o.answers);
  await db
    .insert(surveyResponses)
    .values({
      programId: o.programId,
      personId: o.personId,
      role: survey.role,
      phase: o.phase,
      instrumentKey: survey.instrument.key,
      instrumentVersion: survey.instrument.version,
      answers: o.answers,
      createdAt: o.now,
      updatedAt: o.now,
    })
    .onConflictDoUpdate({
      target: [surveyResponses.programId, surveyResponses.personId, surveyResponses.phase],
      set: { answers: o.answers, updatedAt: o.now },
    });
  return mySurvey(db, library, o.personId, o.programId, o.phase, o.now);
}
