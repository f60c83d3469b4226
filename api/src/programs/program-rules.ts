import { z } from 'zod';
import { DEFAULT_TOPICS } from '../contract/index.js';
import type { ProgramRules } from '../store/index.js';
import { CADENCES, ROLES } from '../contract/index.js';

export const DEFAULT_TOPIC_KEYS: readonly string[] = DEFAULT_TOPICS.map((t) => t.key);

/** Weights of the named score parts; 0 switches a part off. */
const weightsSchema = z
  .object({
    gap: z.number().min(0).max(10).default(1),
    topics: z.number().min(0).max(10).default(2),
    overlap: z.number().min(0).max(10).default(1.5),
    diversity: z.number().min(0).max(10).default(1),
    novelty: z.number().min(0).max(10).default(1),
  })
  .strict();

const level = z.number().min(0).max(10);

/** A custom topic is a short label; default topics are given by key. */
const topic = z.string().trim().min(2).max(60);

/**
 * Program rules as an admin sends them: every field optional, defaults filled in, unknown
 * fields rejected. The defaults describe a typical cohort: juniors up to level 3 mentor
 * directors and above, six sessions every two weeks, 45 minutes, one mentor per leader.
 */
export const programRulesSchema = z
  .object({
    mentorMaxLevel: level.default(3),
    leaderMinLevel: level.default(7),
    mentorHiredWithinYears: z.number().int().min(1).max(50).optional(),
    minLevelGap: z.number().min(0).max(10).default(3),
    topics: z
      .array(topic)
      .min(1)
      .max(30)
      .default([...DEFAULT_TOPIC_KEYS])
      .refine((ts) => new Set(ts.map((t) => t.toLowerCase())).size === ts.length, {
        message: 'topics must not repeat',
      }),
    cadence: z.enum(CADENCES).default('biweekly'),
    sessions: z.number().int().min(2).max(52).default(6),
    durationMinutes: z.number().int().min(30).max(60).default(45),
    leaderCapacity: z.number().int().min(1).max(2).default(1),
    organizer: z.enum(ROLES).default('mentor'),
    weights: weightsSchema.default({ gap: 1, topics: 2, overlap: 1.5, diversity: 1, novelty: 1 }),
  })
  .strict()
  .refine((r) => r.mentorMaxLevel < r.leaderMinLevel, {
    message: 'mentorMaxLevel must be below leaderMinLevel',
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
    mentorMaxLevel: level,
    leaderMinLevel: level,
    mentorHiredWithinYears: z.number().int().min(1).max(50).nullable(),
    minLevelGap: z.number().min(0).max(10),
    topics: z.array(topic).min(1).max(30),
    cadence: z.enum(CADENCES),
    sessions: z.number().int().min(2).max(52),
    durationMinutes: z.number().int().min(30).max(60),
    leaderCapacity: z.number().int().min(1).max(2),
    organizer: z.enum(ROLES),
    weights: weightsSchema.partial(),
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
