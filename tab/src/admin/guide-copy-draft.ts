import {
  DEFAULT_TOPICS,
  GUIDE_LIMITS,
  type GuideTrackSessionView,
  type GuideTrackView,
  type Role,
} from '../api/index.js';

/**
 * The guide screen's edited copy, kept apart from the screen so it can be tested: the draft, what
 * the server would refuse (from the same GUIDE_LIMITS its schema is built from), and the edits
 * sent, holding only what changed.
 */

export type ListField = 'prompts' | 'preWork';
export type TextField = 'title' | 'goal' | 'exercise' | 'reflectionQuestion' | 'summary';

export interface SessionDraft {
  /** Stable across adds and removes, for React keys and field ids. */
  id: string;
  /** Its number in the version copied; null for a session this copy adds. */
  origin: number | null;
  key: string;
  topic: string;
  title: string;
  goal: string;
  /** As typed; checked to be a whole number of minutes. */
  durationMinutes: string;
  prompts: Record<Role, string[]>;
  preWork: Record<Role, string[]>;
  exercise: string;
  reflectionQuestion: string;
  summary: string;
}

export interface GuideDraft {
  version: string;
  title: string;
  description: string;
  /** One per line. */
  groundRules: string;
  /** Charter first, commitments last, in the copy's order. */
  sessions: SessionDraft[];
  openTopic: SessionDraft;
  reason: string;
  /** Counter for the ids of added sessions. */
  added: number;
}

export const ROLES_IN_ORDER: readonly Role[] = ['mentor', 'leader'];

function sessionDraftOf(s: GuideTrackSessionView, id: string): SessionDraft {
  return {
    id,
    origin: s.number,
    key: s.key,
    topic: s.topic,
    title: s.title,
    goal: s.goal,
    durationMinutes: String(s.durationMinutes),
    prompts: { mentor: [...s.prompts.mentor], leader: [...s.prompts.leader] },
    preWork: { mentor: [...s.preWork.mentor], leader: [...s.preWork.leader] },
    exercise: s.exercise,
    reflectionQuestion: s.reflectionQuestion,
    summary: s.summary,
  };
}

export function draftOf(track: GuideTrackView, version: string): GuideDraft {
  return {
    version,
    title: track.title,
    description: track.description,
    groundRules: track.groundRules.join('\n'),
    sessions: track.sessions.map((s) => sessionDraftOf(s, `s${s.number}`)),
    openTopic: sessionDraftOf(track.openTopic, 'open'),
    reason: '',
    added: 0,
  };
}

/** A version not yet taken: 2026.1 → 2026.1.1, 2026.1.2, … ('' when none fits the limit). */
export function nextVersion(base: string, taken: Set<string>): string {
  for (let n = 1; ; n += 1) {
    const v = `${base}.${n}`;
    if (v.length > GUIDE_LIMITS.versionMax) return '';
    if (!taken.has(v)) return v;
  }
}

/** Where a session may be added, or why not. Never after the last (commitments close a guide). */
export function addSessionProblem(d: GuideDraft, index: number): string | undefined {
  if (index < 0 || index >= d.sessions.length - 1)
    return 'The commitments session closes the guide; add sessions before it.';
  if (d.sessions.length >= GUIDE_LIMITS.sessions.max)
    return `A guide has at most ${GUIDE_LIMITS.sessions.max} sessions.`;
  if (d.sessions.filter((s) => s.origin === null).length >= GUIDE_LIMITS.addedSessionsMax)
    return `One copy adds at most ${GUIDE_LIMITS.addedSessionsMax} sessions.`;
  return undefined;
}

/** Whether a session may go, or why not: the charter opens a guide and commitments close it. */
export function removeSessionProblem(d: GuideDraft, index: number): string | undefined {
  if (index === 0) return 'The charter opens every guide, so it stays.';
  if (index === d.sessions.length - 1)
    return 'The commitments session closes every guide, so it stays.';
  if (d.sessions.length <= GUIDE_LIMITS.sessions.min)
    return `A guide keeps at least ${GUIDE_LIMITS.sessions.min} sessions.`;
  return undefined;
}

/** A new, empty session on a topic people pick, placed after `index`. */
export function withSessionAdded(d: GuideDraft, index: number, topicKey: string): GuideDraft {
  if (addSessionProblem(d, index) !== undefined) return d;
  const before = d.sessions[index];
  const added: SessionDraft = {
    id: `new${d.added + 1}`,
    origin: null,
    key: topicKey,
    topic: DEFAULT_TOPICS.find((t) => t.key === topicKey)?.label ?? topicKey,
    title: '',
    goal: '',
    durationMinutes: before?.durationMinutes ?? '60',
    prompts: { mentor: [''], leader: [''] },
    preWork: { mentor: [''], leader: [''] },
    exercise: '',
    reflectionQuestion: '',
    summary: '',
  };
  const sessions = [...d.sessions];
  sessions.splice(index + 1, 0, added);
  return { ...d, sessions, added: d.added + 1 };
}

export function withSessionRemoved(d: GuideDraft, index: number): GuideDraft {
  if (removeSessionProblem(d, index) !== undefined) return d;
  return { ...d, sessions: d.sessions.filter((_s, i) => i !== index) };
}

/** Moves item `from` one place up (-1) or down (+1); out of range changes nothing. */
export function moved<T>(items: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  const out = [...items];
  const [item] = out.splice(from, 1);
  if (item === undefined || to < 0 || to > items.length - 1) return [...items];
  out.splice(to, 0, item);
  return out;
}

const trimmed = (items: readonly string[]) => items.map((i) => i.trim());

function tooLong(value: string, max: number): string | undefined {
  return value.trim().length > max ? `At most ${max} characters` : undefined;
}

function required(value: string, max: number, what: string): string | undefined {
  return value.trim() === '' ? `${what} is needed` : tooLong(value, max);
}

const LIST_WORDS: Record<ListField, { one: string; max: number }> = {
  prompts: { one: 'prompt', max: GUIDE_LIMITS.prompt },
  preWork: { one: 'pre-work item', max: GUIDE_LIMITS.preWork },
};

export const TEXT_FIELDS: Record<TextField, { label: string; max: number; rows?: number }> = {
  title: { label: 'title', max: GUIDE_LIMITS.sessionTitle },
  goal: { label: 'goal', max: GUIDE_LIMITS.sessionGoal, rows: 2 },
  exercise: { label: 'exercise', max: GUIDE_LIMITS.exercise, rows: 3 },
  reflectionQuestion: { label: 'reflection question', max: GUIDE_LIMITS.reflectionQuestion },
  summary: { label: 'invite summary', max: GUIDE_LIMITS.summary, rows: 3 },
};

/** The field id of one part of a session, shared by the problems and the form. */
export const fieldId = (sessionId: string, part: string) => `${sessionId}-${part}`;

function sessionProblems(s: SessionDraft, out: Record<string, string>): void {
  for (const [field, spec] of Object.entries(TEXT_FIELDS) as [
    TextField,
    { label: string; max: number },
  ][]) {
    const p = required(s[field], spec.max, `A ${spec.label}`);
    if (p !== undefined) out[fieldId(s.id, field)] = p;
  }
  const minutes = Number(s.durationMinutes.trim());
  const { min, max } = GUIDE_LIMITS.durationMinutes;
  if (
    s.durationMinutes.trim() === '' ||
    !Number.isInteger(minutes) ||
    minutes < min ||
    minutes > max
  )
    out[fieldId(s.id, 'durationMinutes')] = `A whole number of minutes from ${min} to ${max}`;
  for (const list of ['prompts', 'preWork'] as const) {
    const words = LIST_WORDS[list];
    for (const role of ROLES_IN_ORDER) {
      const items = s[list][role];
      if (items.length === 0)
        out[fieldId(s.id, `${list}-${role}`)] = `Keep at least one ${words.one}`;
      else if (items.length > GUIDE_LIMITS.listMax)
        out[fieldId(s.id, `${list}-${role}`)] = `At most ${GUIDE_LIMITS.listMax} ${words.one}s`;
      items.forEach((item, i) => {
        const p =
          item.trim() === '' ? `Write the ${words.one} or remove it` : tooLong(item, words.max);
        if (p !== undefined) out[fieldId(s.id, `${list}-${role}-${i}`)] = p;
      });
    }
  }
}

/** What the server would refuse, said before saving, keyed by field id. */
export function draftProblems(d: GuideDraft, taken: Set<string>): Record<string, string> {
  const out: Record<string, string> = {};
  const v = d.version.trim();
  if (!GUIDE_LIMITS.versionPattern.test(v) || v.length > GUIDE_LIMITS.versionMax)
    out.version = 'Use a version such as 2026.1 or 2026.1-finance';
  else if (taken.has(v))
    out.version = 'This version exists already; versions are never overwritten';
  const title = required(d.title, GUIDE_LIMITS.title, 'A title');
  if (title !== undefined) out.title = title;
  const description = required(d.description, GUIDE_LIMITS.description, 'A description');
  if (description !== undefined) out.description = description;
  const rules = groundRulesOf(d);
  if (rules.length === 0) out.groundRules = 'Keep at least one ground rule';
  else if (rules.length > GUIDE_LIMITS.groundRulesMax)
    out.groundRules = `At most ${GUIDE_LIMITS.groundRulesMax} ground rules`;
  else if (rules.some((r) => r.length > GUIDE_LIMITS.groundRule))
    out.groundRules = `Each ground rule has at most ${GUIDE_LIMITS.groundRule} characters`;
  for (const s of [...d.sessions, d.openTopic]) sessionProblems(s, out);
  return out;
}

function groundRulesOf(d: GuideDraft): string[] {
  return d.groundRules
    .split('\n')
    .map((r) => r.trim())
    .filter((r) => r !== '');
}

/** The API's `edits` body: see `trackEditsSchema` in the API's guides folder. */
export interface CopyEdits {
  title?: string;
  description?: string;
  groundRules?: string[];
  sessions?: Record<string, SessionChange>;
  openTopic?: SessionChange;
  removeSessions?: number[];
  addSessions?: (Required<Omit<SessionChange, 'prompts' | 'preWork'>> & {
    key: string;
    topic: string;
    prompts: Record<Role, string[]>;
    preWork: Record<Role, string[]>;
    after: number;
  })[];
}

export interface SessionChange {
  title?: string;
  goal?: string;
  durationMinutes?: number;
  prompts?: Partial<Record<Role, string[]>>;
  preWork?: Partial<Record<Role, string[]>>;
  exercise?: string;
  reflectionQuestion?: string;
  summary?: string;
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

function sessionChange(original: GuideTrackSessionView, s: SessionDraft): SessionChange {
  const change: SessionChange = {};
  for (const field of Object.keys(TEXT_FIELDS) as TextField[]) {
    if (s[field].trim() !== original[field]) change[field] = s[field].trim();
  }
  const minutes = Number(s.durationMinutes.trim());
  if (minutes !== original.durationMinutes) change.durationMinutes = minutes;
  for (const list of ['prompts', 'preWork'] as const) {
    const byRole: Partial<Record<Role, string[]>> = {};
    for (const role of ROLES_IN_ORDER) {
      const items = trimmed(s[list][role]);
      if (!sameList(items, original[list][role])) byRole[role] = items;
    }
    if (Object.keys(byRole).length > 0) change[list] = byRole;
  }
  return change;
}

/** Only what changed goes to the server as edits. */
export function editsOf(track: GuideTrackView, d: GuideDraft): CopyEdits {
  const rules = groundRulesOf(d);
  const sessions: Record<string, SessionChange> = {};
  const addSessions: NonNullable<CopyEdits['addSessions']> = [];
  let after = 1;
  for (const s of d.sessions) {
    const original = track.sessions.find((o) => o.number === s.origin);
    if (original !== undefined) {
      after = original.number;
      const change = sessionChange(original, s);
      if (Object.keys(change).length > 0) sessions[String(original.number)] = change;
      continue;
    }
    addSessions.push({
      key: s.key,
      topic: s.topic,
      title: s.title.trim(),
      goal: s.goal.trim(),
      durationMinutes: Number(s.durationMinutes.trim()),
      prompts: { mentor: trimmed(s.prompts.mentor), leader: trimmed(s.prompts.leader) },
      preWork: { mentor: trimmed(s.preWork.mentor), leader: trimmed(s.preWork.leader) },
      exercise: s.exercise.trim(),
      reflectionQuestion: s.reflectionQuestion.trim(),
      summary: s.summary.trim(),
      after,
    });
  }
  const kept = new Set(d.sessions.map((s) => s.origin));
  const removeSessions = track.sessions.map((s) => s.number).filter((n) => !kept.has(n));
  const openTopic = sessionChange(track.openTopic, d.openTopic);
  return {
    ...(d.title.trim() === track.title ? {} : { title: d.title.trim() }),
    ...(d.description.trim() === track.description ? {} : { description: d.description.trim() }),
    ...(sameList(rules, track.groundRules) ? {} : { groundRules: rules }),
    ...(Object.keys(sessions).length === 0 ? {} : { sessions }),
    ...(Object.keys(openTopic).length === 0 ? {} : { openTopic }),
    ...(removeSessions.length === 0 ? {} : { removeSessions }),
    ...(addSessions.length === 0 ? {} : { addSessions }),
  };
}

/**
 * The form's field id for a field the server named (`sessions[3].prompts.mentor[0]`, numbered as
 * in the copy, the way the form lists sessions), so its words show next to that field.
 */
export function serverFieldId(d: GuideDraft, field: string): string {
  const path = field.replace(/^(body\.)?(edits\.)?/, '');
  if (/(^|\.)(newVersion|version)$/.test(path)) return 'version';
  const top = /^(title|description|groundRules)\b/.exec(path);
  if (top !== null) return top[1] ?? path;
  const session =
    /^(?:sessions\[(\d+)\]|openTopic)\.?(\w+)?(?:\.(mentor|leader))?(?:\[(\d+)\])?/.exec(path);
  if (session === null) return path;
  const [, index, part, role, item] = session;
  const target = index === undefined ? d.openTopic : d.sessions[Number(index)];
  if (target === undefined || part === undefined) return path;
  return fieldId(target.id, [part, role, item].filter((x) => x !== undefined).join('-'));
}
