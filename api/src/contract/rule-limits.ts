import type { PairingStatus, ProgramStatus } from './vocabulary.js';

/**
 * The limits of a program's rules: the API's schema is built from these and the tab's form shows
 * and checks the same numbers, so a hint never promises what the server refuses.
 */
export const RULE_LIMITS = {
  sessions: { label: 'Sessions', min: 2, max: 52, integer: true },
  durationMinutes: { label: 'Minutes per session', min: 30, max: 60, integer: true },
  leaderCapacity: { label: 'Mentors per leader', min: 1, max: 2, integer: true },
  mentorMaxLevel: { label: 'Highest mentor level', min: 0, max: 10, integer: false },
  leaderMinLevel: { label: 'Lowest leader level', min: 0, max: 10, integer: false },
  minLevelGap: { label: 'Minimum level gap', min: 0, max: 10, integer: false },
  mentorHiredWithinYears: { label: 'Mentors hired within (years)', min: 1, max: 50, integer: true },
  weight: { label: 'Weight', min: 0, max: 10, integer: false },
} as const;

export type RuleLimitKey = keyof typeof RULE_LIMITS;

export const TOPIC_LIMITS = { minTopics: 1, maxTopics: 30, minChars: 2, maxChars: 60 } as const;

/**
 * Who may take part, by the directory's department and office (as Entra ID spells them; case and
 * outer spaces do not matter). An empty list is everyone. One source for the API's schema, the
 * rules form's labels and hints, and the words of the "left out, and why" reason.
 */
export const ELIGIBILITY_FIELDS = {
  eligibleDepartments: {
    label: 'Open to departments',
    noun: 'department',
    hint: 'Only people in these departments may enrol, as mentor or leader. Leave empty for every department.',
  },
  eligibleOffices: {
    label: 'Open to offices',
    noun: 'office',
    hint: 'Only people in these offices may enrol, as mentor or leader. Leave empty for every office.',
  },
} as const;

export type EligibilityField = keyof typeof ELIGIBILITY_FIELDS;

export const ELIGIBILITY_LIMITS = { maxValues: 50, maxChars: 100 } as const;

/** Why a person's department or office keeps them out of a program; undefined when it does not. */
export function eligibilityProblem(
  field: EligibilityField,
  allowed: readonly string[] | undefined,
  value: string | null,
): string | undefined {
  if (allowed === undefined || allowed.length === 0) return undefined;
  const { noun } = ELIGIBILITY_FIELDS[field];
  const list = allowed.join(', ');
  if (value === null || value.trim() === '')
    return `this program is open to the ${noun}s ${list}, and no ${noun} is on record`;
  const key = value.trim().toLowerCase();
  if (allowed.some((a) => a.trim().toLowerCase() === key)) return undefined;
  return `the ${noun} ${value.trim()} is not among those this program is open to (${list})`;
}

/**
 * Who may take part, by Entra ID (Microsoft 365 or security) group: a person in any listed group,
 * directly or through nested groups, may enrol. One source for the schema, the rules form and the
 * reason's words, as ELIGIBILITY_FIELDS. At most 20 groups.
 */
export const GROUP_ELIGIBILITY = {
  label: 'Open to groups',
  hint: 'Only members of these Microsoft 365 or security groups (nested groups count) may enrol, as mentor or leader. Leave empty for everyone.',
  maxGroups: 20,
  maxNameChars: 256,
  /** The picker's search: at least this many characters of a word of the group's name. */
  searchMinChars: 1,
  searchMaxChars: 100,
  /** Groups a search answers. */
  searchResults: 10,
} as const;

/** A group a program is open to: its Entra object id and its name, kept for display. */
export interface EligibleGroup {
  id: string;
  displayName: string;
}

/**
 * Why a person outside every listed group is kept out ("not in the group Graduate programme
 * 2026"); undefined when the list is empty or the person is in one of them.
 */
export function groupEligibilityProblem(
  allowed: readonly EligibleGroup[] | undefined,
  memberOf: ReadonlySet<string>,
): string | undefined {
  if (allowed === undefined || allowed.length === 0) return undefined;
  if (allowed.some((g) => memberOf.has(g.id.toLowerCase()))) return undefined;
  const [only] = allowed;
  if (allowed.length === 1 && only !== undefined) return `not in the group ${only.displayName}`;
  return `not in any of the groups ${allowed.map((g) => g.displayName).join(', ')}`;
}

/** "Minutes per session must be a whole number from 30 to 60", or undefined when it fits. */
export function ruleLimitProblem(key: RuleLimitKey, value: number): string | undefined {
  const l = RULE_LIMITS[key];
  const ok =
    Number.isFinite(value) &&
    value >= l.min &&
    value <= l.max &&
    (!l.integer || Number.isInteger(value));
  return ok ? undefined : ruleLimitMessage(key);
}

export function ruleLimitMessage(key: RuleLimitKey): string {
  const l = RULE_LIMITS[key];
  return `${l.label} must be ${l.integer ? 'a whole number' : 'a number'} from ${l.min} to ${l.max}`;
}

/**
 * A program's enrolment window: closing must come after opening (either may be unset). The API
 * refuses with this sentence and the dates form shows it before anyone saves.
 */
export const ENROLMENT_WINDOW_PROBLEM =
  'Enrolment must close after it opens: pick a closing time later than the opening time.';

export function enrolmentWindowProblem(
  opensAt: string | Date | null,
  closesAt: string | Date | null,
): string | undefined {
  if (opensAt === null || closesAt === null) return undefined;
  return new Date(opensAt).getTime() < new Date(closesAt).getTime()
    ? undefined
    : ENROLMENT_WINDOW_PROBLEM;
}

/**
 * How long a program's personal data is kept after it closes: the API's schemas and the
 * retention form's field take these months and this sentence.
 */
export const RETENTION_LIMITS = { minMonths: 1, maxMonths: 120, reasonMax: 500 } as const;
export const RETENTION_PROBLEM = `Keep personal data for a whole number of months from ${RETENTION_LIMITS.minMonths} to ${RETENTION_LIMITS.maxMonths}.`;

/**
 * Why a program's rules (and its matching weights and organiser) cannot change now, or undefined
 * while they can: until its pairs are approved. The API's 409 and the program page's note.
 */
export function rulesFixedProblem(status: ProgramStatus): string | undefined {
  if (status === 'draft' || status === 'enrolling' || status === 'matching') return undefined;
  return status === 'closed'
    ? 'This program is closed, so its rules can no longer be changed.'
    : 'The rules of an active program are fixed: its pairs were approved under them.';
}

/** Why a closed program's settings cannot change; the API's 409 and the program page's note. */
export const CLOSED_PROGRAM_PROBLEM =
  'This program is closed, so its dates and settings can no longer be changed.';

/**
 * The career-level scale the org sync assigns from job titles (0 to 10). Shown next to level
 * fields so "3" and "7" mean something.
 */
export const CAREER_LEVELS: readonly { level: number; label: string }[] = [
  { level: 0, label: 'Intern' },
  { level: 1, label: 'Graduate, apprentice' },
  { level: 2, label: 'Associate' },
  { level: 3, label: 'Engineer, analyst (no level in the title)' },
  { level: 4, label: 'Senior' },
  { level: 5, label: 'Manager, principal' },
  { level: 6, label: 'Senior manager' },
  { level: 7, label: 'Director, head of' },
  { level: 8, label: 'Vice president' },
  { level: 9, label: 'Senior vice president' },
  { level: 10, label: 'C-level' },
];

/** The label of the highest scale step at or below a level: 7.5 → "Director, head of". */
export function careerLevelLabel(level: number): string {
  let label = CAREER_LEVELS[0]?.label ?? '';
  for (const step of CAREER_LEVELS) if (step.level <= level) label = step.label;
  return label;
}

/**
 * What an admin's edited copy of a guide may hold: the guide schema is built from these and the
 * guide screen shows the same limits.
 */
export const GUIDE_LIMITS = {
  title: 120,
  description: 600,
  groundRule: 300,
  groundRulesMax: 12,
  sessionTitle: 120,
  sessionGoal: 400,
  sessionTopic: 80,
  /** Each side's prompts and pre-work: a list of 1 to `listMax` items. */
  prompt: 300,
  preWork: 300,
  listMax: 10,
  exercise: 1200,
  reflectionQuestion: 300,
  /** The paragraph that goes into the Outlook invite. */
  summary: 900,
  durationMinutes: { min: 15, max: 180 },
  /** Core sessions in a track (charter first, commitments last; the open topic is extra). */
  sessions: { min: 2, max: 40 },
  /** New sessions one copy may add. */
  addedSessionsMax: 20,
  /** A version such as 2026.1 or 2026.1-finance. */
  versionPattern: /^[0-9][0-9A-Za-z]*(?:[.-][0-9A-Za-z]+)*$/,
  versionMax: 32,
} as const;

/**
 * A person's enrolment profile: their goals in their own words (shown to their partner) and the
 * times they prefer. The API's schema and the enrol form take these numbers.
 */
export const PROFILE_LIMITS = { goalsMax: 500, preferredTimesMax: 35 } as const;

/** The reason an admin or a member gives for an override, a transition or a rematch request. */
export const REASON_LIMITS = { minChars: 3, maxChars: 500 } as const;

/** A check-in's private reflection. */
export const REFLECTION_LIMITS = { maxChars: 5000 } as const;

/** A people search (owners picker): the server's bounds, which the tab's hint names. */
export const PEOPLE_SEARCH_LIMITS = { minChars: 2, maxChars: 100 } as const;

/**
 * A pairing's commitments: the API's schema and cap are these numbers, and the tab hides its form
 * with the same sentence the server would answer.
 */
export const COMMITMENT_LIMITS = { perPairing: 20, textMax: 1000 } as const;

/**
 * Why a commitment cannot be added to a pairing now, or undefined when it can. An ended pairing
 * takes no new commitments (its sessions are over); a paused one does, since a pause stops the
 * meetings, not the leader's follow-through. Ticking existing ones stays open in both.
 */
export function commitmentAddProblem(o: {
  pairingStatus: PairingStatus;
  count: number;
}): string | undefined {
  if (o.pairingStatus === 'ended')
    return 'This pairing has ended, so no new commitments can be added; you can still tick off the ones you made.';
  if (o.count >= COMMITMENT_LIMITS.perPairing)
    return `This pairing has ${COMMITMENT_LIMITS.perPairing} commitments, the most one pairing keeps, so no more can be added; you can still tick them off.`;
  return undefined;
}
