// Long on purpose: one file is the whole HTTP contract, so the tab and the API import one place and drift shows up as one diff.
/**
 * The HTTP contract between the API and the tab: response shapes of every route, by name.
 * Pure types (no runtime imports), so the tab imports them too and both sides break together.
 * Request bodies are zod schemas in the concept that owns the route; their inferred types match
 * the `…Input` types here.
 */

import type { EligibleGroup } from './rule-limits.js';
import type {
  Cadence,
  EnrolmentStatus,
  PairingStatus,
  ProgramStatus,
  Role,
  SeriesStatus,
  SessionStatus,
} from './vocabulary.js';

/** The topics programs offer by default; programs may add custom ones. */
export const DEFAULT_TOPICS = [
  { key: 'digital-ai-tools', label: 'Digital and AI tools' },
  { key: 'remote-async', label: 'Remote and async collaboration' },
  { key: 'social-cultural-trends', label: 'Social and cultural trends' },
  { key: 'diversity-inclusion', label: 'Diversity and inclusion' },
  { key: 'wellbeing', label: 'Mental health and wellbeing' },
  { key: 'leadership-flexibility', label: 'Leadership and flexibility expectations' },
] as const;

/** The guide's sessions that are not a topic people pick, named where topics are listed. */
export const GUIDE_SESSION_TOPICS = [
  { key: 'charter', label: 'Charter' },
  { key: 'commitments', label: 'Commitments' },
  { key: 'open-topic', label: 'Open topic' },
] as const;

const TOPIC_NAMES: ReadonlyMap<string, string> = new Map(
  [...DEFAULT_TOPICS, ...GUIDE_SESSION_TOPICS].map((t) => [t.key, t.label]),
);

/**
 * The one name of a topic wherever it shows (enrol form, rules, pairing page, session guide,
 * calendar invites, insights, outcomes): a known key's label, else the text as written (a
 * program's custom topic, or `fallback`).
 */
export function topicName(key: string, fallback?: string): string {
  return TOPIC_NAMES.get(key) ?? fallback ?? key;
}

/** GET /api/me */
export interface Me {
  id: string;
  displayName: string;
  mail: string | null;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  timeZone: string | null;
  isAdmin: boolean;
  /** True when running on the local tenant (dev sign-in available). */
  localMode: boolean;
}

/** A person as others see them (partner cards, admin lists). */
export interface PersonCard {
  id: string;
  displayName: string;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  timeZone: string | null;
  /** Relative URL of the profile photo, or null (the tab shows initials). */
  photoUrl: string | null;
}

/** A program's rules (also what the store keeps). */
export interface ProgramRulesView {
  /** Highest career level that may mentor (early-career side). */
  mentorMaxLevel: number;
  /** Lowest career level that may be mentored (senior side). */
  leaderMinLevel: number;
  /** Optional: mentors hired within this many years. */
  mentorHiredWithinYears?: number | undefined;
  minLevelGap: number;
  topics: string[];
  cadence: Cadence;
  sessions: number;
  durationMinutes: number;
  /** Mentors per leader (default one-to-one). */
  leaderCapacity: number;
  organizer: Role;
  weights: { gap: number; topics: number; overlap: number; diversity: number; novelty: number };
  /**
   * Directory departments the program is open to; empty: every department. Always in the API's
   * answers; absent in rules stored before the field existed.
   */
  eligibleDepartments?: string[] | undefined;
  /** Directory offices the program is open to; empty: every office (as above). */
  eligibleOffices?: string[] | undefined;
  /** Entra groups the program is open to (nested membership counts); empty: everyone (as above). */
  eligibleGroups?: EligibleGroup[] | undefined;
}

/** GET /api/directory/groups?search=: groups of the directory, for a program's eligibility rules. */
export interface DirectoryGroupsView {
  items: (EligibleGroup & { description: string | null })[];
}

/** GET /api/programs/eligibility-options: the departments and offices the directory has. */
export interface EligibilityOptionsView {
  departments: string[];
  offices: string[];
}

/** GET /api/programs/:programId, items of GET /api/programs */
export interface ProgramView {
  id: string;
  name: string;
  description: string;
  status: ProgramStatus;
  rules: ProgramRulesView;
  guideTrackId: string;
  guideTrackVersion: string;
  enrolmentOpensAt: string | null;
  enrolmentClosesAt: string | null;
  startsOn: string | null;
  /** `pairings` are current (active or paused); `endedPairings` ended (a closed program's all). */
  counts: { mentors: number; leaders: number; pairings: number; endedPairings: number };
  /** Transitions allowed from the current status (for the admin's buttons). */
  nextStatuses: ProgramStatus[];
}

/** GET /api/me/suggested-role?programId=… */
export interface SuggestedRole {
  level: number;
  suggestedRole: Role | null;
  /** Plain-language reasons, e.g. "Title says Graduate", "Leads 40 people". Never age. */
  reasons: string[];
  eligibleRoles: Role[];
}

/** POST /api/programs/:programId/enrolments body */
export interface EnrolInput {
  role: Role;
  topicsOffered: string[];
  topicsWanted: string[];
  preferredTimes: { weekday: number; startMinutes: number; endMinutes: number }[];
  /** In the person's own words (up to 500 characters); their partner reads it. */
  goals?: string;
}

export interface EnrolmentView {
  id: string;
  programId: string;
  programName: string;
  person: PersonCard;
  role: Role;
  suggestedRole: Role | null;
  status: EnrolmentStatus;
  topicsOffered: string[];
  topicsWanted: string[];
  goals: string;
  createdAt: string;
}

export interface SessionView {
  id: string;
  pairingId: string;
  /**
   * Which of the pair's own sessions this is (1-based), and how many their series has: what a
   * person reads ("Session 6 of 6"). `guideSessionNumber` only says which guide session it
   * follows, which differs when the program has fewer sessions than the guide.
   */
  occurrence: number;
  sessionCount: number;
  startsAt: string;
  endsAt: string;
  status: SessionStatus;
  statusReason: string | null;
  joinUrl: string | null;
  guideSessionNumber: number;
  guideTitle: string;
  /** Whether the caller has already filled the check-in for this session. */
  checkInDone: boolean;
}

/** GET /api/pairings/:pairingId */
export interface PairingView {
  id: string;
  programId: string;
  programName: string;
  myRole: Role;
  partner: PersonCard;
  /** What the partner said at enrolment: topics and, in their words, their goals. */
  partnerProfile: { topicsOffered: string[]; topicsWanted: string[]; goals: string } | null;
  status: PairingStatus;
  explanation: string;
  series: { status: SeriesStatus; joinUrl: string | null; failureReason: string | null } | null;
  nextSession: SessionView | null;
  sessions: SessionView[];
}

/** GET /api/me/home */
export interface HomeView {
  me: Me;
  enrolments: EnrolmentView[];
  pairings: PairingView[];
  /** Programs open for enrolment the caller has not joined. */
  openPrograms: ProgramView[];
  /** Programs whose latest approved matching left the caller out: why, and what happens next. */
  leftOut: MyLeftOutView[];
  /** Programs where the caller's pairing ended and the program team is finding them a new partner. */
  awaitingPartner: MyAwaitingPartnerView[];
  unreadNotifications: number;
}

/** The caller is in a program's rematch queue, with no pairing running: what happened, what next. */
export interface MyAwaitingPartnerView {
  programId: string;
  /** What ended the pairing, in the caller's terms: "Olu Bello left, so your pairing ended". */
  what: string;
  nextStep: string;
  /** When the program team was asked. */
  since: string;
}

/** The caller left out of a program's latest approved matching, in their terms. */
export interface MyLeftOutView {
  programId: string;
  programName: string;
  role: Role;
  reason: string;
  nextStep: string;
  decidedAt: string;
}

/** GET /api/sessions/:sessionId/guide — the guide for this occurrence, for the caller's role. */
export interface SessionGuideView {
  sessionId: string;
  /** The pairing the session belongs to: the side panel shows its commitments next to the guide. */
  pairingId: string;
  role: Role;
  /** The guide session's own number in the track (not what the pair calls it; see `occurrence`). */
  number: number;
  /** Which of the pair's sessions this is, of how many: "Session 6 of 6". */
  occurrence: number;
  sessionCount: number;
  title: string;
  topic: string;
  goal: string;
  durationMinutes: number;
  preWork: string[];
  prompts: string[];
  partnerPrompts: string[];
  exercise: string;
  reflectionQuestion: string;
  groundRules: string[];
}

/** GET/PUT /api/sessions/:sessionId/check-in — only ever the caller's own. */
export interface CheckInView {
  sessionId: string;
  held: boolean | null;
  usefulness: number | null;
  safety: number | null;
  reflection: string;
  updatedAt: string | null;
  /** Always "only you": shown next to the text box. */
  visibility: 'author-only';
  /** When the check-in opens: the session's start. Saving before then is refused. */
  opensAt: string;
  /** Whether it can be saved now (the session has started). */
  open: boolean;
}

export interface NotificationView {
  id: string;
  kind: string;
  text: string;
  createdAt: string;
  read: boolean;
  link: string | null;
}

export interface ProposedPairView {
  mentor: PersonCard;
  leader: PersonCard;
  score: number;
  scoreParts: Record<string, number>;
  explanation: string;
  pinned: boolean;
}

export interface LeftOutView {
  person: PersonCard;
  role: Role;
  reasonCode: 'no-compatible-partner' | 'capacity' | 'constraint' | 'removed-by-admin';
  reason: string;
}

/**
 * POST /api/programs/:programId/match-runs body (optional). `supersedes`: the current proposal's
 * id, or `null` when there is none; another run created meanwhile makes it a 409 naming that run.
 */
export interface MatchRunInput {
  supersedes?: string | null;
}

/**
 * GET /api/programs/:programId/match-runs/current: the current proposal, else the newest run,
 * else `null` (no matching yet), so the matching screen opens where it was left.
 */
export interface CurrentMatchRunView {
  run: MatchRunView | null;
}

/** GET /api/match-runs/:runId, POST /api/programs/:programId/match-runs */
export interface MatchRunView {
  id: string;
  programId: string;
  status: 'proposed' | 'approved' | 'superseded';
  createdAt: string;
  pairs: ProposedPairView[];
  leftOut: LeftOutView[];
  overrides: {
    id: string;
    kind: 'pin' | 'forbid' | 'remove' | 'swap';
    mentorId: string;
    leaderId: string | null;
    reason: string;
    /** The admin's id; `actorName` is what people read. */
    actor: string;
    actorName: string;
    mentorName: string;
    leaderName: string | null;
    createdAt: string;
  }[];
  summary: {
    eligibleMentors: number;
    eligibleLeaders: number;
    matched: number;
    shareMatched: number;
    scoreQuartiles: [number, number, number, number, number];
    departments: { mentors: Record<string, number>; leaders: Record<string, number> };
    offices: { mentors: Record<string, number>; leaders: Record<string, number> };
  };
}

/**
 * GET /api/match-runs/:runId/swap-candidates?mentorId= — the leaders this mentor may be paired
 * with under the program's hard rules, best score first. Leaders the rules refuse are not listed.
 */
export interface SwapCandidatesView {
  mentorId: string;
  items: {
    leader: PersonCard;
    score: number;
    scoreParts: Record<string, number>;
    /** The mentor this leader has in the proposal now (a swap moves them), if any. */
    currentMentor: PersonCard | null;
  }[];
}

export type CalendarFlag = 'series-declined' | 'needs-attention' | 'series-broken';

/** GET /api/programs/:programId/bookings */
export interface BookingProgressView {
  counts: Record<SeriesStatus, number>;
  items: {
    seriesId: string;
    pairingId: string;
    mentor: PersonCard;
    leader: PersonCard;
    status: SeriesStatus;
    /** Why a series failed, or for a partly booked one how many sessions did not fit. */
    failureReason: string | null;
    attempts: number;
    /** Sessions whose rebooking ran out of retries, with why; the retry action books them. */
    needsAttention: { sessionId: string; startsAt: string; reason: string | null }[];
    /**
     * Sessions already over that the partner declined or nobody held, with why: what a "pairing
     * needs attention" message to the program's owners counts.
     */
    missed: MissedSession[];
    /**
     * What the calendar says needs an admin, most pressing first: the partner declined the whole
     * series, sessions ran out of rebooking retries, or the series is gone from the calendar
     * (its sessions are booked one by one). Null when the calendar is as booked.
     */
    calendarFlag: CalendarFlag | null;
    firstSessionAt: string | null;
    updatedAt: string;
    /**
     * Sessions that did not fit the series time: `rebooking` ones wait for their own meeting
     * (retry books them now), `scheduled` ones already have it. Empty for a fully booked series.
     */
    moved: MovedSession[];
  }[];
}

export interface MissedSession {
  sessionId: string;
  occurrence: number;
  startsAt: string;
  status: 'missed' | 'declined';
  reason: string | null;
}

export interface MovedSession {
  sessionId: string;
  occurrence: number;
  /** When it is (or, still rebooking, when it was due). */
  startsAt: string;
  status: 'rebooking' | 'scheduled';
  /**
   * Why it did not fit (e.g. "Fatima Hansen is busy at the series time"), or the outcome of the
   * last try.
   */
  reason: string | null;
}

/** GET /api/programs/:programId/insights — aggregates only; groups under 5 people are suppressed. */
export interface InsightsView {
  minGroupSize: number;
  enrolment: { mentors: number; leaders: number; matchRate: number | null };
  /** Counts are null (suppressed) when fewer than `minGroupSize` people are paired. */
  /**
   * `scheduled` counts sessions due so far (their time has passed), the base of `heldRate`;
   * `inCalendars` counts every booked session, past and upcoming.
   */
  sessions: {
    scheduled: number | null;
    held: number | null;
    heldRate: number | null;
    inCalendars: number | null;
  };
  checkIns: { usefulness: number | null; safety: number | null; responses: number | null };
  retention: { pairings: number; reachedLastSession: number | null };
  commitments: { made: number | null; followedThrough: number | null };
  /**
   * Sessions held per guide topic. `sessionsHeld` is null when fewer than `minGroupSize` people
   * held it, or when none did: `noneHeld` tells the two apart (no session on it held yet).
   */
  topics: { topic: string; sessionsHeld: number | null; noneHeld: boolean }[];
  byDepartment: {
    group: string;
    people: number | null;
    /** Null when suppressed, or when no session of the group is due yet (`sessionsDue` 0). */
    heldRate: number | null;
    sessionsDue: number | null;
    suppressed: boolean;
  }[];
}

/** Errors: every non-2xx answer is application/problem+json of this shape. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { field: string; message: string }[];
}

/** Items of GET /api/guides/tracks; answer of POST /api/guides/tracks/:trackId/copies (201). */
export interface GuideTrackView {
  id: string;
  version: string;
  title: string;
  description: string;
  source: 'builtin' | 'admin';
  /** The track and version an admin's copy was made from. */
  parent: { id: string; version: string } | null;
  contentHash: string;
  groundRules: string[];
  /** Charter first, commitments last. */
  sessions: GuideTrackSessionView[];
  /** The session repeated when a program books more sessions than the guide has. */
  openTopic: GuideTrackSessionView;
  createdAt: string;
}

/** One session of a guide track as the guide screen shows and edits it. */
export interface GuideTrackSessionView {
  number: number;
  key: string;
  /** The topic's name as the rest of the tab shows it. */
  topic: string;
  title: string;
  goal: string;
  durationMinutes: number;
  prompts: { mentor: string[]; leader: string[] };
  preWork: { mentor: string[]; leader: string[] };
  exercise: string;
  reflectionQuestion: string;
  /** The paragraph that goes into the Outlook invite. */
  summary: string;
}

/** GET /api/pairings/:pairingId/guide-progress — which guide sessions the pair has held. */
export interface GuideProgressView {
  pairingId: string;
  trackId: string;
  trackVersion: string;
  sessions: {
    occurrence: number;
    sessionId: string;
    guideSessionNumber: number;
    title: string;
    topic: string;
    startsAt: string;
    held: boolean;
  }[];
  held: number;
  total: number;
}

/** GET /api/pairings/:pairingId/commitments */
export interface CommitmentListView {
  items: CommitmentView[];
  /** Whether new commitments are taken follows from it (`commitmentAddProblem`). */
  pairingStatus: PairingStatus;
}

/** Items of GET /api/pairings/:pairingId/commitments; answer of POST and PATCH. */
export interface CommitmentView {
  id: string;
  pairingId: string;
  text: string;
  dueOn: string | null;
  done: boolean;
  doneAt: string | null;
  createdAt: string;
  /** True when the caller wrote it (only the author may mark it done). */
  mine: boolean;
}

/** GET and PUT /api/me/notification-settings */
export interface NotificationSettingsView {
  enabled: boolean;
  quietHours: { start: string; end: string };
  /** The zone quiet hours are read in (the person's mailbox time zone). */
  timeZone: string;
}

/** GET and PUT /api/programs/:programId/retention (admin) */
export interface RetentionView {
  programId: string;
  retentionMonths: number;
  closedAt: string | null;
  /** When the program's personal data will be purged (null while the program is open). */
  purgeAfter: string | null;
}

/** GET /api/me/export — everything the app holds about the caller, and nothing of anyone else's. */
export interface MyDataExport {
  exportedAt: string;
  person: Record<string, unknown> | null;
  enrolments: Record<string, unknown>[];
  pairings: Record<string, unknown>[];
  sessions: Record<string, unknown>[];
  checkIns: Record<string, unknown>[];
  commitments: Record<string, unknown>[];
  /** The person's own outcome-survey answers. */
  surveyResponses: Record<string, unknown>[];
  notifications: Record<string, unknown>[];
  notificationSettings: Record<string, unknown> | null;
  auditAsActor: Record<string, unknown>[];
}

/** DELETE /api/me */
export interface DeletionReceipt {
  deleted: {
    checkIns: number;
    commitments: number;
    surveyResponses: number;
    notifications: number;
  };
  enrolmentsLeft: number;
  pairingsEnded: number;
}

/** Items of GET /dev/people (local mode only). */
export type DevPerson = PersonCard & { isAdmin: boolean; suggestedRole: Role | null };

/** POST /dev/sign-in (local mode only): a token the local tenant issued, validated like Entra's. */
export interface DevSignIn {
  accessToken: string;
  expiresIn: number;
}

/** Items of GET /api/audit: one admin action or export. */
export interface AuditEntry {
  id: number;
  actorId: string;
  /** Who acted, as the directory names them; null for `system` or someone no longer listed. */
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  /** The program the action concerns (its target, or the program of a match run), by name. */
  programName: string | null;
  reason: string | null;
  detail: Record<string, unknown> | null;
  /** ISO instant. */
  at: string;
}

/** GET /api/audit?limit= (newest first; limit 1–500, default 100) */
export interface AuditList {
  items: AuditEntry[];
}

/** POST /api/programs/:programId/imports — invitations, never enrolments (opt-in only). */
export interface ImportResultView {
  /** New invitations; each becomes an enrolment only when the person confirms in the tab. */
  invited: number;
  alreadyInvited: number;
  alreadyEnrolled: number;
  /** Addresses matching nobody in the directory (only non-empty with `skipUnknown: true`). */
  unknownEmails: string[];
}

/** GET/POST /api/programs/:programId/enrolment-reminders (admin). */
export interface EnrolmentRemindersView {
  programId: string;
  /** Invited, still eligible, neither enrolled nor declined. */
  waiting: number;
  /** Reminders queued or sent for this program so far (each person at most once). */
  reminded: number;
  /** Of those waiting, how many have not had their reminder yet. */
  toRemind: number;
  lastRemindedAt: string | null;
  /** Whether Send reminders works now; if not, `whyNot` says why in words. */
  canSend: boolean;
  whyNot: string | null;
}

/** Items of GET /api/me/invitations: programs an admin invited the caller to. */
export interface InvitationView {
  id: string;
  programId: string;
  programName: string;
  programDescription: string;
  programStatus: ProgramStatus;
  suggestedRole: Role | null;
  /** Whether Enrol works now; if not, the dates say when it does (or did). */
  enrolmentOpen: boolean;
  enrolmentOpensAt: string | null;
  enrolmentClosesAt: string | null;
  createdAt: string;
}

/**
 * Items of GET /api/programs/:programId/rematches (admin): pairings that need a new partner for
 * one person — asked for by a member, or found after an org sync (the two now share a reporting
 * line, or one has left). `candidates` is a proposal for the affected person only.
 */
export interface RematchRequestView {
  id: string;
  pairingId: string;
  source: 'member' | 'reporting-line' | 'departure' | 'partner-moved';
  affected: PersonCard;
  reason: string;
  status: 'open' | 'resolved';
  candidates: RematchCandidateView[];
  createdAt: string;
}

/** Items of GET /api/rematches/:requestId/candidates (admin): feasible partners now, best first. */
export interface RematchCandidateView {
  person: PersonCard;
  score: number;
  explanation: string;
}

/** POST /api/rematches/:requestId/apply (201): the new pairing. */
export interface AppliedRematchView {
  pairingId: string;
}
