import { z } from 'zod';

export type SurveyRole = 'mentor' | 'leader';
export type SurveyPhase = 'baseline' | 'end';
export const SURVEY_ROLES: readonly SurveyRole[] = ['mentor', 'leader'];
export const SURVEY_PHASES: readonly SurveyPhase[] = ['baseline', 'end'];

const KEY = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const key = z.string().regex(KEY, 'must be kebab-case, e.g. ai-tools-confident');
const text = (max: number) => z.string().trim().min(1).max(max);

export const scaleSchema = z
  .object({
    min: z.number().int(),
    max: z.number().int(),
    minLabel: text(40),
    maxLabel: text(40),
  })
  .strict()
  .refine((s) => s.min === 1 && (s.max === 5 || s.max === 7), {
    message: 'an agreement scale runs from 1 to 5 or from 1 to 7',
  });
export type SurveyScale = z.infer<typeof scaleSchema>;

/** The front matter of one instrument file, as written by us. */
export const instrumentFileSchema = z
  .object({
    key,
    role: z.enum(['mentor', 'leader']),
    phase: z.enum(['baseline', 'end']),
    version: z.string().regex(/^\d{4}\.\d+$/, 'must look like 2026.1'),
    title: text(80),
    scale: scaleSchema,
    dimensions: z.record(key, text(80)),
    items: z.record(key, z.object({ dimension: key, prompt: text(160) }).strict()),
  })
  .strict();

export interface SurveyDimension {
  key: string;
  label: string;
}

export interface SurveyItem {
  key: string;
  dimension: string;
  prompt: string;
  scale: SurveyScale;
}

/** One versioned outcome survey: who answers it, when, and its items grouped in dimensions. */
export interface SurveyInstrument {
  key: string;
  role: SurveyRole;
  phase: SurveyPhase;
  version: string;
  title: string;
  introMarkdown: string;
  dimensions: SurveyDimension[];
  items: SurveyItem[];
}

export const MIN_ITEMS = 12;
export const MAX_ITEMS = 20;

/** Checks one parsed file and returns the instrument, or the problems found (field, message). */
export function toInstrument(
  data: unknown,
  body: string,
):
  | { ok: true; value: SurveyInstrument }
  | { ok: false; issues: { field: string; message: string }[] } {
  const parsed = instrumentFileSchema.safeParse(data);
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    };
  const f = parsed.data;
  const issues: { field: string; message: string }[] = [];
  const items = Object.entries(f.items).map(([itemKey, item]) => ({
    key: itemKey,
    dimension: item.dimension,
    prompt: item.prompt,
    scale: f.scale,
  }));
  if (items.length < MIN_ITEMS || items.length > MAX_ITEMS)
    issues.push({
      field: 'items',
      message: `an instrument has ${MIN_ITEMS} to ${MAX_ITEMS} items, this one has ${items.length}`,
    });
  const dimensions = Object.entries(f.dimensions).map(([k, label]) => ({ key: k, label }));
  for (const item of items) {
    if (f.dimensions[item.dimension] === undefined)
      issues.push({
        field: `items.${item.key}.dimension`,
        message: `"${item.dimension}" is not one of the dimensions`,
      });
  }
  for (const d of dimensions) {
    if (!items.some((i) => i.dimension === d.key))
      issues.push({ field: `dimensions.${d.key}`, message: 'no item measures this dimension' });
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: {
      key: f.key,
      role: f.role,
      phase: f.phase,
      version: f.version,
      title: f.title,
      introMarkdown: body,
      dimensions,
      items,
    },
  };
}
