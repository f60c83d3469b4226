import { z } from 'zod';
import { RETENTION_LIMITS, RETENTION_PROBLEM } from '../contract/index.js';
import { ProblemError } from './problem.js';

const UNPAIRED_SURROGATE_RE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text the database cannot store: PostgreSQL refuses NUL in `text` and `jsonb`, and `jsonb`
 * refuses an unpaired UTF-16 surrogate (`\ud800` alone). Either would reach the database and come
 * back as a 500, so every string a request carries is checked once, at the edge, before any schema
 * or handler sees it.
 */
export function unstorableTextReason(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (UNPAIRED_SURROGATE_RE.test(value)) return 'must not contain an unpaired UTF-16 surrogate';
  return undefined;
}

const MAX_DEPTH = 64;

/** The path of the first string (key or value) in `value` that the database cannot store. */
export function findUnstorableText(
  value: unknown,
  path: string[] = [],
): { field: string; message: string } | undefined {
  if (typeof value === 'string') {
    const message = unstorableTextReason(value);
    return message === undefined ? undefined : { field: path.join('.'), message };
  }
  if (typeof value !== 'object' || value === null || path.length > MAX_DEPTH) return undefined;
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value);
  for (const [key, child] of entries) {
    const keyReason = unstorableTextReason(key);
    if (keyReason !== undefined) return { field: [...path, key].join('.'), message: keyReason };
    const found = findUnstorableText(child, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Throws a 400 problem naming the field when `value` (from `where`) holds unstorable text. */
export function refuseUnstorableText(value: unknown, where: 'params' | 'query' | 'body'): void {
  const found = findUnstorableText(value, [where]);
  if (found === undefined) return;
  const errors = [found];
  throw new ProblemError({
    status: 400,
    type: 'validation',
    title: 'The request is not valid',
    detail: `${found.field}: ${found.message}`,
    extensions: { errors },
  });
}

/** The instants and dates the API accepts: a sane range that PostgreSQL and every client can hold. */
export const EARLIEST_INSTANT = '1970-01-01T00:00:00.000Z';
export const LATEST_INSTANT = '2200-01-01T00:00:00.000Z';
const earliestMs = Date.parse(EARLIEST_INSTANT);
const latestMs = Date.parse(LATEST_INSTANT);
const rangeMessage = `must be between ${EARLIEST_INSTANT.slice(0, 10)} and ${LATEST_INSTANT.slice(0, 10)}`;

function inRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= earliestMs && ms < latestMs;
}

/** An ISO 8601 instant with an offset (`2026-03-01T09:00:00Z`), between 1970 and 2200. */
export const instantSchema = z.iso
  .datetime({ offset: true })
  .refine((v) => inRange(Date.parse(v)), rangeMessage);

/** An ISO 8601 calendar date (`2026-03-01`), between 1970 and 2200. */
export const calendarDateSchema = z.iso
  .date()
  .refine((v) => inRange(Date.parse(`${v}T00:00:00Z`)), rangeMessage);

/** Months a program's personal data is kept after it closes (the retention form shows the same). */
export const retentionMonthsSchema = z
  .int({ message: RETENTION_PROBLEM })
  .min(RETENTION_LIMITS.minMonths, { message: RETENTION_PROBLEM })
  .max(RETENTION_LIMITS.maxMonths, { message: RETENTION_PROBLEM });
