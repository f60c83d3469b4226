// Outcome surveys, their analysis, the program report and program owners.

export type SurveyRoleName = 'mentor' | 'leader';
export type SurveyPhaseName = 'baseline' | 'end';

export interface SurveyInstrumentView {
  key: string;
  role: SurveyRoleName;
  phase: SurveyPhaseName;
  version: string;
  title: string;
  introMarkdown: string;
  dimensions: { key: string; label: string }[];
  items: {
    key: string;
    dimension: string;
    prompt: string;
    scale: { min: number; max: number; minLabel: string; maxLabel: string };
  }[];
}

/**
 * One survey a person is asked in one program: the baseline once, the end survey once per
 * pairing. `state`: `upcoming` before it opens (the end survey before the pairing's last session
 * or its ending), `open` while it can be answered and edited, `closed` after.
 */
export interface MySurveyView {
  programId: string;
  programName: string;
  role: SurveyRoleName;
  phase: SurveyPhaseName;
  /**
   * The pairing an end survey asks about; null for the baseline, and for the end survey of
   * someone who had no pairing when the program closed.
   */
  pairingId: string | null;
  state: 'upcoming' | 'open' | 'closed';
  opensAt: string | null;
  closesAt: string | null;
  answeredAt: string | null;
  /** The caller's own answers (item key → point), null before they answer. */
  answers: Record<string, number> | null;
  instrument: SurveyInstrumentView;
  /** What an opened end survey asks about; null for the baseline and before the end one opens. */
  endOf: EndSurveySubject | null;
}

/**
 * Why the end survey opened: the pairing's sessions are over, the pairing ended before them, or
 * the program closed first.
 */
export type EndSurveyReason = 'sessions-over' | 'pairing-ended' | 'program-closed';

export interface EndSurveySubject {
  reason: EndSurveyReason;
  /** The partner of the pairing the survey asks about (null without one). */
  partnerName: string | null;
  /** The program team is finding the caller a new partner (an open rematch request). */
  awaitingPartner: boolean;
}

/** GET /api/me/surveys */
export interface MySurveysView {
  surveys: MySurveyView[];
}

/** A mean change with its 95% confidence interval; null where the group is under the minimum. */
export interface OutcomeChange {
  /**
   * People who answered the baseline and at least one end survey (someone asked about two
   * pairings is one person here; their end side is the mean of their answers).
   */
  paired: number | null;
  mean: number | null;
  low: number | null;
  high: number | null;
}

export interface OutcomeDimensionView {
  role: SurveyRoleName;
  dimension: string;
  label: string;
  baselineMean: number | null;
  /** People (one baseline each). */
  baselineResponses: number | null;
  /** Over every end answer: someone asked about two pairings counts twice. */
  endMean: number | null;
  /** End answers (one per person per pairing); null under five people, not five answers. */
  endResponses: number | null;
  change: OutcomeChange;
}

export interface OutcomeBreakdownCell {
  group: string;
  suppressed: boolean;
  change: OutcomeChange;
}

/** GET /api/programs/:programId/outcomes (admins): aggregates over groups of at least 5 people. */
export interface OutcomesView {
  programId: string;
  programName: string;
  minGroupSize: number;
  confidence: 0.95;
  method: 'paired-t';
  scale: { min: number; max: number };
  responseRates: {
    role: SurveyRoleName;
    enrolled: number;
    baseline: { responses: number | null; rate: number | null };
    /**
     * Per pairing: `asked` counts the end surveys that have opened (one per person per pairing
     * that ended or whose sessions are over; one for someone never paired when the program
     * closed), `responses` the answers to them, `rate` their ratio; `respondents` is the number
     * of people behind those answers. Null under five respondents.
     */
    end: {
      asked: number;
      responses: number | null;
      rate: number | null;
      respondents: number | null;
    };
  }[];
  dimensions: OutcomeDimensionView[];
  breakdowns: {
    by: 'department' | 'office' | 'careerLevel';
    role: SurveyRoleName;
    dimension: string;
    cells: OutcomeBreakdownCell[];
  }[];
}

/** GET /api/programs/:programId/owners */
export interface ProgramOwnerView {
  personId: string;
  displayName: string;
  addedBy: string;
  addedAt: string;
}
