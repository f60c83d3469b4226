import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../app/index.js';
import type { Role } from '../contract/index.js';
import { DEFAULT_TOPICS, GUIDE_LIMITS } from '../contract/index.js';

/** The topics a core session can cover, in the order the default track runs them. */
export const CORE_TOPIC_KEYS = [
  'charter',
  'digital-ai-tools',
  'remote-async',
  'social-cultural-trends',
  'diversity-inclusion',
  'wellbeing',
  'leadership-flexibility',
  'commitments',
] as const;

export type CoreTopicKey = (typeof CORE_TOPIC_KEYS)[number];

/** The repeatable session used when a program books more sessions than the track has. */
export const OPEN_TOPIC_KEY = 'open-topic';

export type GuideTopicKey = CoreTopicKey | typeof OPEN_TOPIC_KEY;

export type GuideRole = Role;

export interface PerRole<T> {
  readonly mentor: T;
  readonly leader: T;
}

export interface GuideSession {
  /** 1-based position in the track; the open-topic session is numbered after the last. */
  readonly number: number;
  readonly key: GuideTopicKey;
  /** Human label of the topic, e.g. "Digital and AI tools". */
  readonly topic: string;
  readonly title: string;
  readonly goal: string;
  /** A suggestion; the program's own duration decides the booking. */
  readonly durationMinutes: number;
  readonly preWork: PerRole<readonly string[]>;
  readonly prompts: PerRole<readonly string[]>;
  readonly exercise: string;
  readonly reflectionQuestion: string;
  /** One paragraph, plain text, short enough for an Outlook invite body. */
  readonly summary: string;
  /** Facilitation notes for both people: running order, what good looks like, watch-outs. */
  readonly bodyMarkdown: string;
}

export interface GuideTrack {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly description: string;
  readonly groundRules: readonly string[];
  /** Notes for program admins and participants about the track as a whole. */
  readonly introMarkdown: string;
  /** Charter first, commitments last, numbered 1..n. */
  readonly sessions: readonly GuideSession[];
  /** Repeated when a program has more sessions than `sessions`; see `guideForOccurrence`. */
  readonly openTopic: GuideSession;
  /**
   * `sha256:<hex>` over the track's content (everything except this field and `derivedFrom`).
   * A pairing stores it with the id and version, so it can tell exactly what it started with.
   */
  readonly contentHash: string;
  /** Set on an admin's edited copy: where it came from. */
  readonly derivedFrom?: {
    readonly id: string;
    readonly version: string;
    readonly contentHash: string;
  };
}

// Sizes are bounded so an edited copy cannot grow an invite body or a tab card without limit.
// Messages are whole words: an admin's edited copy shows them next to the field.
const text = (max: number) =>
  z.string().trim().min(1, 'cannot be empty').max(max, `can have at most ${max} characters`);
const list = (itemMax: number) =>
  z
    .array(text(itemMax))
    .min(1, 'need at least one')
    .max(GUIDE_LIMITS.listMax, `can be at most ${GUIDE_LIMITS.listMax}`);
const perRole = (itemMax: number) =>
  z.strictObject({ mentor: list(itemMax), leader: list(itemMax) });

export const TRACK_ID = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case letters, digits and single hyphens')
  .max(64);
export const TRACK_VERSION = z
  .string()
  .regex(GUIDE_LIMITS.versionPattern, 'use a version such as 2026.1')
  .max(GUIDE_LIMITS.versionMax);

/** What a session file's front matter holds (the number comes from the file name). */
export const sessionFrontMatterSchema = z.strictObject({
  key: z.enum([...CORE_TOPIC_KEYS, OPEN_TOPIC_KEY]),
  topic: text(GUIDE_LIMITS.sessionTopic),
  title: text(GUIDE_LIMITS.sessionTitle),
  goal: text(GUIDE_LIMITS.sessionGoal),
  durationMinutes: z
    .int('must be a whole number of minutes')
    .min(
      GUIDE_LIMITS.durationMinutes.min,
      `must be at least ${GUIDE_LIMITS.durationMinutes.min} minutes`,
    )
    .max(
      GUIDE_LIMITS.durationMinutes.max,
      `must be at most ${GUIDE_LIMITS.durationMinutes.max} minutes`,
    ),
  preWork: perRole(GUIDE_LIMITS.preWork),
  prompts: perRole(GUIDE_LIMITS.prompt),
  exercise: text(GUIDE_LIMITS.exercise),
  reflectionQuestion: text(GUIDE_LIMITS.reflectionQuestion),
  summary: text(GUIDE_LIMITS.summary),
});

/** What `track.md`'s front matter holds. */
export const trackFrontMatterSchema = z.strictObject({
  id: TRACK_ID,
  version: TRACK_VERSION,
  title: text(GUIDE_LIMITS.title),
  description: text(GUIDE_LIMITS.description),
  groundRules: z.array(text(GUIDE_LIMITS.groundRule)).min(1).max(GUIDE_LIMITS.groundRulesMax),
});

export const guideSessionSchema = sessionFrontMatterSchema.extend({
  number: z.int().min(1).max(99),
  bodyMarkdown: z.string().trim().max(20_000),
});

// The topics people pick are the ones a middle session may cover (the guide screen offers them).
const MIDDLE_KEYS: ReadonlySet<string> = new Set(DEFAULT_TOPICS.map((t) => t.key));

/**
 * A whole track, as loaded or as stored (an admin's copy). The checks beyond the field shapes
 * are the promises the rest of the app relies on: charter first, commitments last, numbered
 * without gaps, one repeatable open-topic session.
 */
export const guideTrackSchema = trackFrontMatterSchema
  .extend({
    introMarkdown: z.string().trim().max(20_000),
    sessions: z
      .array(guideSessionSchema)
      .min(GUIDE_LIMITS.sessions.min, `needs at least ${GUIDE_LIMITS.sessions.min} sessions`)
      .max(GUIDE_LIMITS.sessions.max, `can have at most ${GUIDE_LIMITS.sessions.max} sessions`),
    openTopic: guideSessionSchema,
    contentHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    derivedFrom: z
      .strictObject({ id: TRACK_ID, version: TRACK_VERSION, contentHash: z.string() })
      .optional(),
  })
  .superRefine((track, ctx) => {
    const { sessions } = track;
    sessions.forEach((session, i) => {
      if (session.number !== i + 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['sessions', i, 'number'],
          message: `sessions must be numbered 1..${sessions.length} without gaps; found ${session.number} at position ${i + 1}`,
        });
      }
      const expected = i === 0 ? 'charter' : i === sessions.length - 1 ? 'commitments' : undefined;
      if (expected !== undefined && session.key !== expected) {
        ctx.addIssue({
          code: 'custom',
          path: ['sessions', i, 'key'],
          message:
            expected === 'charter'
              ? 'must be the charter (charter first, commitments last)'
              : 'must be the commitments session (charter first, commitments last)',
        });
      }
      if (expected === undefined && !MIDDLE_KEYS.has(session.key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sessions', i, 'key'],
          message: `cannot be \`${session.key}\` in the middle: only a topic people pick can`,
        });
      }
    });
    if (track.openTopic.key !== OPEN_TOPIC_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['openTopic', 'key'],
        message: `the repeatable session must have key \`${OPEN_TOPIC_KEY}\``,
      });
    }
    if (track.openTopic.number !== sessions.length + 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['openTopic', 'number'],
        message: `the open-topic session is numbered after the last session (${sessions.length + 1})`,
      });
    }
  });

/**
 * The content hash of a track. It covers the parsed content, not the file bytes, so
 * re-wrapping a paragraph in a content file keeps the hash while changing a word changes it.
 */
export function computeTrackHash(track: Omit<GuideTrack, 'contentHash' | 'derivedFrom'>): string {
  const { contentHash: _hash, derivedFrom: _from, ...content } = track as GuideTrack;
  return `sha256:${createHash('sha256').update(canonicalJson(content)).digest('hex')}`;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** One problem with guide content: the field path (`prompts.mentor[2]`) and what is wrong. */
export interface GuideIssue {
  field: string;
  message: string;
}

export type GuideParseResult<T> = { ok: true; value: T } | { ok: false; issues: GuideIssue[] };

/** Formats a zod issue path as `sessions[3].prompts.mentor[0]`. */
export function formatField(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    const name = String(part);
    return out === '' ? name : `${out}.${name}`;
  }, '');
}

export function issuesOf(error: z.ZodError): GuideIssue[] {
  return error.issues.map((issue) => ({
    field: formatField(issue.path),
    message: issue.message,
  }));
}

/**
 * Validates a whole track (for example an admin's copy read back from the store) and returns it
 * deeply frozen, so no caller can change a pinned version in place. With `rehash` the content
 * hash is computed (for a track just built or edited); without it a stored hash must match.
 */
export function parseGuideTrack(
  input: unknown,
  options: { rehash?: boolean } = {},
): GuideParseResult<GuideTrack> {
  const candidate =
    options.rehash === true && input !== null && typeof input === 'object'
      ? { ...input, contentHash: `sha256:${'0'.repeat(64)}` }
      : input;
  const parsed = guideTrackSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error) };
  const hash = computeTrackHash(parsed.data);
  if (options.rehash !== true && hash !== parsed.data.contentHash) {
    return {
      ok: false,
      issues: [{ field: 'contentHash', message: `does not match the content (expected ${hash})` }],
    };
  }
  const track: GuideTrack = { ...parsed.data, contentHash: hash };
  return { ok: true, value: deepFreeze(track) };
}
