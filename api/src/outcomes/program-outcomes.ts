import { and, eq, inArray, ne } from 'drizzle-orm';
import type {
  OutcomeChange,
  OutcomeDimensionView,
  OutcomesView,
  SurveyRoleName,
} from '../contract/index.js';
import { MIN_GROUP_SIZE, shown, suppressedGroups } from '../insights/index.js';
import { careerLevel } from '../org/index.js';
import type { Db } from '../store/index.js';
import { enrolments, pairings, people, programs, surveyResponses } from '../store/index.js';
import { SURVEY_ROLES } from './instrument.js';
import type { SurveyInstrument } from './instrument.js';
import type { SurveyLibrary } from './instrument-loader.js';
import { pairedChange } from './paired-change.js';
import { surveyWindow } from './survey-windows.js';
import { windowSessionsOf } from './window-sessions.js';

const NOT_SET = 'Not set';
const BREAKDOWNS = ['department', 'office', 'careerLevel'] as const;
type Breakdown = (typeof BREAKDOWNS)[number];

const round2 = (x: number) => Math.round(x * 100) / 100;
const meanOf = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** A person's score on a dimension: the mean of their answers to its items. */
function dimensionScore(
  instrument: SurveyInstrument | undefined,
  answers: Record<string, number>,
  dimension: string,
): number | undefined {
  const values = (instrument?.items ?? [])
    .filter((i) => i.dimension === dimension)
    .flatMap((i) => (answers[i.key] === undefined ? [] : [answers[i.key] as number]));
  return values.length === 0 ? undefined : meanOf(values);
}

const SUPPRESSED: OutcomeChange = { paired: null, mean: null, low: null, high: null };

function changeCell(pairs: { before: number; after: number }[]): OutcomeChange {
  if (pairs.length < MIN_GROUP_SIZE) return SUPPRESSED;
  const c = pairedChange(pairs);
  if (c === undefined) return SUPPRESSED;
  return { paired: c.n, mean: c.mean, low: c.low, high: c.high };
}

/**
 * A program's outcome surveys as aggregates only: per role and dimension the baseline and end
 * means, and the paired change (end − baseline, over people who answered both) with its 95%
 * t interval; response rates (the end survey's per pairing); the change broken down by department, office and career level
 * (never age). Every cell describes at least `MIN_GROUP_SIZE` people or is null, and a breakdown
 * with one small group hides another so the role total cannot give it back.
 */
export async function programOutcomes(
  db: Db,
  library: SurveyLibrary,
  programId: string,
  now: Date,
): Promise<OutcomesView | undefined> {
  const [program] = await db.select().from(programs).where(eq(programs.id, programId));
  if (program === undefined) return undefined;
  const enrolled = await db
    .select({
      personId: enrolments.personId,
      role: enrolments.role,
      createdAt: enrolments.createdAt,
    })
    .from(enrolments)
    .where(and(eq(enrolments.programId, programId), ne(enrolments.status, 'left')));
  const responses = await db
    .select({
      personId: surveyResponses.personId,
      role: surveyResponses.role,
      phase: surveyResponses.phase,
      instrumentKey: surveyResponses.instrumentKey,
      instrumentVersion: surveyResponses.instrumentVersion,
      answers: surveyResponses.answers,
    })
    .from(surveyResponses)
    .where(eq(surveyResponses.programId, programId));
  const pairingRows = await db.select().from(pairings).where(eq(pairings.programId, programId));
  const sessionsOf = await windowSessionsOf(
    db,
    pairingRows.map((p) => p.id),
  );
  const ids = [
    ...new Set([...enrolled.map((e) => e.personId), ...responses.map((r) => r.personId)]),
  ];
  const facts =
    ids.length === 0
      ? []
      : await db
          .select({
            id: people.id,
            department: people.department,
            officeLocation: people.officeLocation,
            jobTitle: people.jobTitle,
            depth: people.depth,
            orgSize: people.orgSize,
            hireDate: people.hireDate,
          })
          .from(people)
          .where(inArray(people.id, ids));
  const groupOf = new Map<string, Record<Breakdown, string>>();
  for (const f of facts) {
    const level = careerLevel(
      { title: f.jobTitle, depth: f.depth, orgSize: f.orgSize, hireDate: f.hireDate },
      { asOf: now },
    ).level;
    groupOf.set(f.id, {
      department: f.department?.trim() || NOT_SET,
      office: f.officeLocation?.trim() || NOT_SET,
      careerLevel: `Level ${level}`,
    });
  }

  const closedAt = program.status === 'closed' ? (program.closedAt ?? program.updatedAt) : null;
  /**
   * The end surveys a person has been asked: one per pairing of theirs whose survey has opened
   * (it ended, or its sessions are over), or one when the program closed on someone never paired.
   */
  const endAsked = (personId: string, enrolledAt: Date) => {
    const theirs = pairingRows.filter((p) => p.mentorId === personId || p.leaderId === personId);
    return (theirs.length === 0 ? [undefined] : theirs).filter(
      (pairing) =>
        surveyWindow(
          'end',
          { enrolledAt, programClosedAt: closedAt, pairing, sessions: sessionsOf(pairing) },
          now,
        ).state !== 'upcoming',
    ).length;
  };
  const peopleIn = (rows: readonly { personId: string }[]) =>
    new Set(rows.map((r) => r.personId)).size;

  const instrumentOf = (r: (typeof responses)[number]) =>
    library.find(r.instrumentKey, r.instrumentVersion);

  const view: OutcomesView = {
    programId,
    programName: program.name,
    minGroupSize: MIN_GROUP_SIZE,
    confidence: 0.95,
    method: 'paired-t',
    scale: { min: 1, max: 5 },
    responseRates: [],
    dimensions: [],
    breakdowns: [],
  };
  for (const role of SURVEY_ROLES) {
    const inRole = enrolled.filter((e) => e.role === role);
    const baseline = responses.filter((r) => r.role === role && r.phase === 'baseline');
    const end = responses.filter((r) => r.role === role && r.phase === 'end');
    // Baseline figures count people (one answer each). End figures count surveys: a person with
    // two pairings is asked twice and each answer counts, so `asked`, `responses` and `rate` are
    // per pairing; `respondents` counts the people behind them, and every end figure is shown
    // only when at least `MIN_GROUP_SIZE` people answered (never on a count of answers).
    const asked = inRole.reduce((n, e) => n + endAsked(e.personId, e.createdAt), 0);
    const respondents = peopleIn(end);
    view.responseRates.push({
      role,
      enrolled: inRole.length,
      baseline: {
        responses: shown(baseline.length, baseline.length),
        rate: shown(
          baseline.length,
          inRole.length === 0 ? null : round2(baseline.length / inRole.length),
        ),
      },
      end: {
        asked,
        responses: shown(respondents, end.length),
        rate: shown(respondents, asked === 0 ? null : round2(end.length / asked)),
        respondents: shown(respondents, respondents),
      },
    });

    const instrument = library.latest(role, 'baseline');
    view.scale = {
      min: instrument.items[0]?.scale.min ?? 1,
      max: instrument.items[0]?.scale.max ?? 5,
    };
    for (const dimension of instrument.dimensions) {
      const scores = (rows: typeof responses) =>
        rows.flatMap((r) => {
          const s = dimensionScore(instrumentOf(r), r.answers, dimension.key);
          return s === undefined ? [] : [{ personId: r.personId, score: s }];
        });
      const before = scores(baseline);
      // One score per end answer: a person with two pairings has two.
      const after = scores(end);
      // The paired change is per person (its t interval needs independent differences): the end
      // side of someone asked about two pairings is the mean of their two answers, so each
      // pairing's answer counts and the person counts once.
      const afterBy = new Map<string, number[]>();
      for (const a of after) afterBy.set(a.personId, [...(afterBy.get(a.personId) ?? []), a.score]);
      const pairs = before.flatMap((b) => {
        const a = afterBy.get(b.personId);
        return a === undefined ? [] : [{ personId: b.personId, before: b.score, after: meanOf(a) }];
      });
      const cell: OutcomeDimensionView = {
        role: role as SurveyRoleName,
        dimension: dimension.key,
        label: dimension.label,
        baselineMean: shown(
          before.length,
          before.length === 0 ? null : round2(meanOf(before.map((b) => b.score))),
        ),
        baselineResponses: shown(before.length, before.length),
        // Over every end answer (each pairing's counts), shown from five people, not answers.
        endMean: shown(
          peopleIn(after),
          after.length === 0 ? null : round2(meanOf(after.map((a) => a.score))),
        ),
        endResponses: shown(peopleIn(after), after.length),
        change: changeCell(pairs),
      };
      view.dimensions.push(cell);

      for (const by of BREAKDOWNS) {
        const groups = new Map<string, typeof pairs>();
        for (const p of pairs) {
          const g = groupOf.get(p.personId)?.[by] ?? NOT_SET;
          groups.set(g, [...(groups.get(g) ?? []), p]);
        }
        // A breakdown of a suppressed total would give it back: nothing is shown then.
        const hidden =
          cell.change.paired === null
            ? new Set(groups.keys())
            : suppressedGroups(
                [...groups].map(([group, list]) => ({ group, people: list.length })),
              );
        view.breakdowns.push({
          by,
          role,
          dimension: dimension.key,
          cells: [...groups]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([group, list]) => ({
              group,
              suppressed: hidden.has(group),
              change: hidden.has(group) ? SUPPRESSED : changeCell(list),
            })),
        });
      }
    }
  }
  return view;
}
