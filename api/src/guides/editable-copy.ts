import { z } from 'zod';
import { GUIDE_LIMITS } from '../contract/index.js';
import {
  issuesOf,
  parseGuideTrack,
  sessionFrontMatterSchema,
  TRACK_ID,
  TRACK_VERSION,
} from './guide-track.js';
import type { GuideIssue, GuideSession, GuideTrack } from './guide-track.js';

const stringList = z.array(z.string());

const sessionEditSchema = z.strictObject({
  topic: z.string().optional(),
  title: z.string().optional(),
  goal: z.string().optional(),
  durationMinutes: z.number().optional(),
  preWork: z
    .strictObject({ mentor: stringList.optional(), leader: stringList.optional() })
    .optional(),
  prompts: z
    .strictObject({ mentor: stringList.optional(), leader: stringList.optional() })
    .optional(),
  exercise: z.string().optional(),
  reflectionQuestion: z.string().optional(),
  summary: z.string().optional(),
  bodyMarkdown: z.string().optional(),
});

const newSessionSchema = sessionFrontMatterSchema.extend({
  bodyMarkdown: z.string().default(''),
  /** The original session number it goes after. */
  after: z.int().min(1),
});

/**
 * What an admin may change in a copy. Field values are checked by the track schema once the
 * edits are applied, so an edit cannot produce a track the rest of the app cannot use.
 */
export const trackEditsSchema = z.strictObject({
  title: z.string().optional(),
  description: z.string().optional(),
  groundRules: stringList.optional(),
  introMarkdown: z.string().optional(),
  /** Changes to existing sessions, keyed by their number in the original track. */
  sessions: z
    .record(z.string().regex(/^\d+$/, 'session numbers only'), sessionEditSchema)
    .optional(),
  openTopic: sessionEditSchema.optional(),
  /** Original session numbers to drop (only middle sessions can go). */
  removeSessions: z.array(z.int()).optional(),
  /** New middle sessions, each placed after an original session number. */
  addSessions: z
    .array(newSessionSchema)
    .max(GUIDE_LIMITS.addedSessionsMax, `can be at most ${GUIDE_LIMITS.addedSessionsMax}`)
    .optional(),
});

/** Edits may be built from a loaded (read-only) track, so arrays are accepted read-only. */
type ReadonlyDeep<T> = T extends readonly (infer U)[]
  ? readonly ReadonlyDeep<U>[]
  : T extends object
    ? { readonly [K in keyof T]: ReadonlyDeep<T[K]> }
    : T;

export type SessionEdit = ReadonlyDeep<z.input<typeof sessionEditSchema>>;
export type TrackEdits = ReadonlyDeep<z.input<typeof trackEditsSchema>>;

/**
 * Edits as typed by code, or as a request carried them: they are checked here either way, so a
 * bad one is refused with each problem in words (see `guideIssueSentence`).
 */
export type UncheckedTrackEdits = TrackEdits | Readonly<Record<string, unknown>>;

export interface DeriveCopyOptions {
  newId: string;
  newVersion: string;
  edits?: UncheckedTrackEdits;
}

const FIELD_WORDS: Record<string, string> = {
  id: 'the guide id',
  version: 'the new version',
  title: 'the title',
  description: 'the description',
  introMarkdown: 'the introduction',
  topic: 'the topic name',
  goal: 'the goal',
  durationMinutes: 'the length',
  exercise: 'the exercise',
  reflectionQuestion: 'the reflection question',
  summary: 'the invite summary',
  bodyMarkdown: 'the facilitation notes',
  key: 'the topic',
  sessions: 'the guide',
  number: 'the numbering',
};

/**
 * A field path in words an admin recognises: `sessions[3].prompts.mentor[1]` → "session 4,
 * mentor prompt 2"; `openTopic.goal` → "the repeatable session, the goal". Sessions are numbered
 * as in the copy, the way the guide screen shows them.
 */
export function guideFieldWords(field: string): string {
  const n = (digits: string | undefined) => Number(digits ?? '0') + 1;
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^sessions\[(\d+)\]/, (m) => `session ${n(m[1])}`],
    [/^sessions\.(\d+)/, (m) => `session ${m[1] ?? ''} of the original`],
    [/^openTopic/, () => 'the repeatable session'],
    [
      /^(prompts|preWork)\.(mentor|leader)(?:\[(\d+)\])?/,
      (m) => {
        const what = m[1] === 'prompts' ? 'prompt' : 'pre-work item';
        return m[3] === undefined
          ? `the ${m[2] ?? ''} ${what}s`
          : `${m[2] ?? ''} ${what} ${n(m[3])}`;
      },
    ],
    [
      /^groundRules(?:\[(\d+)\])?/,
      (m) => (m[1] === undefined ? 'the ground rules' : `ground rule ${n(m[1])}`),
    ],
    [
      /^addSessions(?:\[(\d+)\])?/,
      (m) => (m[1] === undefined ? 'the added sessions' : `added session ${n(m[1])}`),
    ],
    [/^removeSessions(?:\[\d+\])?/, () => 'the removed sessions'],
    [/^(\w+)/, (m) => FIELD_WORDS[m[1] ?? ''] ?? m[1] ?? ''],
  ];
  const parts: string[] = [];
  let rest = field.replace(/^edits\./, '');
  while (rest !== '') {
    const hit = rules.map(([re, say]) => ({ m: re.exec(rest), say })).find((r) => r.m !== null);
    if (hit?.m == null) break;
    parts.push(hit.say(hit.m));
    rest = rest.slice(hit.m[0].length).replace(/^\./, '');
  }
  return parts.join(', ');
}

/** One issue as a sentence: "Session 4, mentor prompt 2 has at most 300 characters." */
export function guideIssueSentence(issue: GuideIssue): string {
  const where = guideFieldWords(issue.field);
  const sentence = where === '' ? issue.message : `${where} ${issue.message}`;
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}${/[.!?]$/.test(sentence) ? '' : '.'}`;
}

export class GuideEditError extends Error {
  readonly issues: readonly GuideIssue[];

  constructor(issues: GuideIssue[]) {
    super(`The edited guide is not valid. ${issues.map(guideIssueSentence).join(' ')}`);
    this.name = 'GuideEditError';
    this.issues = issues;
  }
}

type MutableSession = Omit<GuideSession, 'number'> & { number: number };

function applySessionEdit(
  session: GuideSession,
  edit: z.output<typeof sessionEditSchema>,
): MutableSession {
  const { preWork, prompts, ...scalars } = edit;
  const defined = Object.fromEntries(Object.entries(scalars).filter(([, v]) => v !== undefined));
  return {
    ...structuredClone(session),
    ...defined,
    preWork: {
      mentor: [...(preWork?.mentor ?? session.preWork.mentor)],
      leader: [...(preWork?.leader ?? session.preWork.leader)],
    },
    prompts: {
      mentor: [...(prompts?.mentor ?? session.prompts.mentor)],
      leader: [...(prompts?.leader ?? session.prompts.leader)],
    },
  };
}

/**
 * An admin's edited copy of a track under a new id or version. The original is never touched
 * (tracks are frozen, and the copy is built from clones), so pairings pinned to it keep exactly
 * what they started with. The copy records where it came from and gets its own content hash.
 */
export function deriveEditableCopy(track: GuideTrack, options: DeriveCopyOptions): GuideTrack {
  const issues: GuideIssue[] = [];
  const id = TRACK_ID.safeParse(options.newId);
  if (!id.success) issues.push(...issuesOf(id.error).map((i) => ({ ...i, field: 'id' })));
  const version = TRACK_VERSION.safeParse(options.newVersion);
  if (!version.success)
    issues.push(...issuesOf(version.error).map((i) => ({ ...i, field: 'version' })));
  if (options.newId === track.id && options.newVersion === track.version) {
    issues.push({
      field: 'version',
      message: `must differ from ${track.version}, the version copied: pairings follow it as it is`,
    });
  }
  const parsedEdits = trackEditsSchema.safeParse(options.edits ?? {});
  if (!parsedEdits.success)
    issues.push(
      ...issuesOf(parsedEdits.error).map((i) => ({
        ...i,
        field: i.field === '' ? 'edits' : `edits.${i.field}`,
      })),
    );
  if (issues.length > 0 || !parsedEdits.success) throw new GuideEditError(issues);
  const edits = parsedEdits.data;

  const known = new Set(track.sessions.map((s) => s.number));
  for (const n of [
    ...Object.keys(edits.sessions ?? {}).map(Number),
    ...(edits.removeSessions ?? []),
    ...(edits.addSessions ?? []).map((s) => s.after),
  ]) {
    if (!known.has(n))
      issues.push({
        field: `edits.sessions.${n}`,
        message: 'does not exist',
      });
  }
  if (issues.length > 0) throw new GuideEditError(issues);

  const removed = new Set(edits.removeSessions ?? []);
  const sessions: MutableSession[] = [];
  for (const session of track.sessions) {
    if (!removed.has(session.number)) {
      sessions.push(applySessionEdit(session, edits.sessions?.[String(session.number)] ?? {}));
    }
    for (const added of (edits.addSessions ?? []).filter((a) => a.after === session.number)) {
      const { after: _after, ...content } = added;
      sessions.push({ ...content, number: 0 });
    }
  }
  sessions.forEach((s, i) => {
    s.number = i + 1;
  });
  const openTopic = {
    ...applySessionEdit(track.openTopic, edits.openTopic ?? {}),
    number: sessions.length + 1,
  };

  const result = parseGuideTrack(
    {
      id: options.newId,
      version: options.newVersion,
      title: edits.title ?? track.title,
      description: edits.description ?? track.description,
      groundRules: [...(edits.groundRules ?? track.groundRules)],
      introMarkdown: edits.introMarkdown ?? track.introMarkdown,
      sessions,
      openTopic,
      derivedFrom: { id: track.id, version: track.version, contentHash: track.contentHash },
    },
    { rehash: true },
  );
  if (!result.ok) throw new GuideEditError(result.issues);
  return result.value;
}
