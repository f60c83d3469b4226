import { z } from 'zod';
import {
  CADENCES,
  DEFAULT_TOPICS,
  ELIGIBILITY_FIELDS,
  ELIGIBILITY_LIMITS,
  GROUP_ELIGIBILITY,
  ROLES,
  RULE_LIMITS,
  TOPIC_LIMITS,
  ruleLimitMessage,
} from '../contract/index.js';
import type { RuleLimitKey } from '../contract/index.js';
import type { ProgramRules } from '../store/index.js';

export const DEFAULT_TOPIC_KEYS: readonly string[] = DEFAULT_TOPICS.map((t) => t.key);

/** A number inside the shared limits, with a message that names the field in words. */
function bounded(key: RuleLimitKey) {
  const l = RULE_LIMITS[key];
  const message = ruleLimitMessage(key);
  const n = z.number({ message }).min(l.min, { message }).max(l.max, { message });
  return l.integer ? n.int({ message }) : n;
}

const weight = bounded('weight');

/** Weights of the named score parts; 0 switches a part off. */
const weightsSchema = z
  .object({
    gap: weight.default(1),
    topics: weight.default(2),
    overlap: weight.default(1.5),
    diversity: weight.default(1),
    novelty: weight.default(1),
  })
  .strict();

const level = (key: 'mentorMaxLevel' | 'leaderMinLevel') => bounded(key);

/** A custom topic is a short label; default topics are given by key. */
const topic = z
  .string()
  .trim()
  .min(TOPIC_LIMITS.minChars, {
    message: `A topic needs at least ${TOPIC_LIMITS.minChars} characters`,
  })
  .max(TOPIC_LIMITS.maxChars, {
    message: `A topic has at most ${TOPIC_LIMITS.maxChars} characters`,
  });
const topicList = z
  .array(topic)
  .min(TOPIC_LIMITS.minTopics, { message: 'Pick at least one topic' })
  .max(TOPIC_LIMITS.maxTopics, { message: `At most ${TOPIC_LIMITS.maxTopics} topics` });

/** Departments or offices a program is open to, spelled as the directory spells them. */
const placeList = (field: keyof typeof ELIGIBILITY_FIELDS) => {
  const { label } = ELIGIBILITY_FIELDS[field];
  return z
    .array(
      z
        .string()
        .trim()
        .min(1, { message: `${label}: a name cannot be empty` })
        .max(ELIGIBILITY_LIMITS.maxChars, {
          message: `${label}: a name has at most ${ELIGIBILITY_LIMITS.maxChars} characters`,
        }),
    )
    .max(ELIGIBILITY_LIMITS.maxValues, {
      message: `${label}: at most ${ELIGIBILITY_LIMITS.maxValues}`,
    })
    .refine((xs) => new Set(xs.map((x) => x.toLowerCase())).size === xs.length, {
      message: `${label}: a name is listed twice`,
    });
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Entra groups a program is open to, by object id; the name is kept for display. */
const groupList = (() => {
  const { label, maxGroups, maxNameChars } = GROUP_ELIGIBILITY;
  return z
    .array(
      z
        .object({
          id: z
            .string()
            .trim()
            .regex(GUID, { message: `${label}: a group id is an Entra object id (a GUID)` })
            .transform((id) => id.toLowerCase()),
          displayName: z
            .string()
            .trim()
            .min(1, { message: `${label}: a group name cannot be empty` })
            .max(maxNameChars, {
              message: `${label}: a group name has at most ${maxNameChars} characters`,
            }),
        })
        .strict(),
    )
    .max(maxGroups, { message: `${label}: at most ${maxGroups} groups` })
    .refine((gs) => new Set(gs.map((g) => g.id)).size === gs.length, {
      message: `${label}: a group is listed twice`,
    });
})();

/**
 * Program rules as an admin sends them: every field optional, defaults filled in, unknown
 * fields rejected. The defaults describe a typical cohort: juniors up to level 3 mentor
 * directors and above, six sessions every two weeks, 45 minutes, one mentor per leader.
 */
export const programRulesSchema = z
  .object({
    mentorMaxLevel: level('mentorMaxLevel').default(3),
    leaderMinLevel: level('leaderMinLevel').default(7),
    mentorHiredWithinYears: bounded('mentorHiredWithinYears').optional(),
    minLevelGap: bounded('minLevelGap').default(3),
    topics: topicList
      .default([...DEFAULT_TOPIC_KEYS])
      .refine((ts) => new Set(ts.map((t) => t.toLowerCase())).size === ts.length, {
        message: 'topics must not repeat',
      }),
    cadence: z.enum(CADENCES).default('biweekly'),
    sessions: bounded('sessions').default(6),
    durationMinutes: bounded('durationMinutes').default(45),
    leaderCapacity: bounded('leaderCapacity').default(1),
    organizer: z.enum(ROLES).default('mentor'),
    weights: weightsSchema.default({ gap: 1, topics: 2, overlap: 1.5, diversity: 1, novelty: 1 }),
    eligibleDepartments: placeList('eligibleDepartments').optional(),
    eligibleOffices: placeList('eligibleOffices').optional(),
    eligibleGroups: groupList.optional(),
  })
  .strict()
  .refine((r) => r.mentorMaxLevel < r.leaderMinLevel, {
    message: 'The highest mentor level must be below the lowest leader level',
    path: ['leaderMinLevel'],
  });

export type ProgramRulesInput = z.input<typeof programRulesSchema>;

/** Parses and defaults rules; the result is what the store keeps. */
export function parseProgramRules(input: unknown): ProgramRules {
  return programRulesSchema.parse(input ?? {});
}

/** The rules with a patch applied, checked as a whole (a patch can break a cross-field rule). */
export const rulesPatchSchema = z
  .object({
    mentorMaxLevel: level('mentorMaxLevel'),
    leaderMinLevel: level('leaderMinLevel'),
    mentorHiredWithinYears: bounded('mentorHiredWithinYears').nullable(),
    minLevelGap: bounded('minLevelGap'),
    topics: topicList,
    cadence: z.enum(CADENCES),
    sessions: bounded('sessions'),
    durationMinutes: bounded('durationMinutes'),
    leaderCapacity: bounded('leaderCapacity'),
    organizer: z.enum(ROLES),
    weights: weightsSchema.partial(),
    eligibleDepartments: placeList('eligibleDepartments'),
    eligibleOffices: placeList('eligibleOffices'),
    eligibleGroups: groupList,
  })
  .partial()
  .strict();

export type RulesPatch = z.infer<typeof rulesPatchSchema>;

export function mergeRules(current: ProgramRules, patch: RulesPatch): unknown {
  const { mentorHiredWithinYears, weights, ...rest } = patch;
  const merged: Record<string, unknown> = {
    ...current,
    ...rest,
    weights: { ...current.weights, ...weights },
  };
  if (mentorHiredWithinYears === null) delete merged.mentorHiredWithinYears;
  else if (mentorHiredWithinYears !== undefined)
    merged.mentorHiredWithinYears = mentorHiredWithinYears;
  return merged;
}
