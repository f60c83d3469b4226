import type { Role } from '../contract/index.js';
/**
 * Career level from what the org chart says about a job — title, how deep in the chart, how big
 * the organisation the person leads, time with the company — and never from age or birthday.
 * The level suggests a role; the person can always correct it at enrolment.
 */

export interface TitleRule {
  /** Matched case-insensitively against the job title as whole words. */
  pattern: RegExp;
  level: number;
  label: string;
}

/** First match wins, so more specific titles come first (Senior Manager before Manager). */
export const DEFAULT_TITLE_RULES: readonly TitleRule[] = [
  {
    pattern:
      /\b(chief\s+\w+(\s+\w+)?\s+officer|ceo|cto|cfo|coo|cio|ciso|cpo|chro|cmo|(?<!vice\s)president)\b/i,
    level: 10,
    label: 'C-level',
  },
  { pattern: /\b(evp|executive\s+vice\s+president)\b/i, level: 9.5, label: 'EVP' },
  { pattern: /\b(svp|senior\s+vice\s+president)\b/i, level: 9, label: 'SVP' },
  { pattern: /\b(vp|vice\s+president)\b/i, level: 8, label: 'VP' },
  { pattern: /\bdirector\b/i, level: 7, label: 'Director' },
  { pattern: /\bhead\s+of\b|\bhead\b/i, level: 7, label: 'Head' },
  { pattern: /\b(senior|sr\.?)\s+manager\b/i, level: 6, label: 'Senior Manager' },
  { pattern: /\bmanager\b/i, level: 5, label: 'Manager' },
  { pattern: /\bprincipal\b|\bdistinguished\b|\bfellow\b/i, level: 5, label: 'Principal' },
  { pattern: /\bstaff\b/i, level: 4.5, label: 'Staff' },
  { pattern: /\b(senior|sr\.?|lead)\b/i, level: 4, label: 'Senior' },
  { pattern: /\binterns?\b|\binternship\b|\bwerkstudent\b/i, level: 0, label: 'Intern' },
  { pattern: /\b(graduate|grad|apprentice|trainee)\b/i, level: 1, label: 'Graduate' },
  { pattern: /\b(junior|jr\.?|entry[-\s]level)\b/i, level: 1.5, label: 'Junior' },
  { pattern: /\bassociate\b/i, level: 2, label: 'Associate' },
];

/** Level of a title no rule recognises (an engineer, an analyst). */
export const UNTITLED_LEVEL = 3;

export interface CareerInput {
  title?: string | null;
  /** Levels below the top of the chart (0 = the top); null when unknown. */
  depth: number | null;
  /** Everyone under this person, transitively. */
  orgSize: number;
  /** ISO date or Date; only used when the title says nothing. */
  hireDate?: string | Date | null;
}

export interface CareerOptions {
  titleRules?: readonly TitleRule[];
  /** Levels at or below this suggest the mentor role (early career). Default 3. */
  mentorMaxLevel?: number;
  /** Levels at or above this suggest the leader role. Default 7. */
  leaderMinLevel?: number;
  /** "Today", for tenure. Default now. */
  asOf?: Date;
}

export type SuggestedRole = Role;

export interface CareerLevel {
  /** 0 (intern) … 10 (top of the company). */
  level: number;
  role: SuggestedRole | null;
  /** Why, in words, for the person and the admin. */
  reasons: string[];
}

/** Level from the size of the organisation someone leads. */
export function levelFromOrgSize(orgSize: number): number {
  if (orgSize >= 1000) return 9;
  if (orgSize >= 200) return 8;
  if (orgSize >= 50) return 7;
  if (orgSize >= 10) return 6;
  if (orgSize >= 1) return 5;
  return 0;
}

export function levelFromTitle(
  title: string | null | undefined,
  rules: readonly TitleRule[] = DEFAULT_TITLE_RULES,
): TitleRule | undefined {
  if (title === null || title === undefined || title.trim() === '') return undefined;
  return rules.find((rule) => rule.pattern.test(title));
}

export function careerLevel(person: CareerInput, options: CareerOptions = {}): CareerLevel {
  const reasons: string[] = [];
  const rule = levelFromTitle(person.title, options.titleRules);
  let level: number;
  if (rule !== undefined) {
    level = rule.level;
    reasons.push(`title "${person.title ?? ''}" reads as ${rule.label}`);
  } else {
    level = UNTITLED_LEVEL;
    const years = tenureYears(person.hireDate, options.asOf ?? new Date());
    if (years !== undefined && years < 2) {
      level = 2;
      reasons.push(`joined ${formatYears(years)} ago`);
    } else if (years !== undefined && years >= 8) {
      level = 4;
      reasons.push(`${formatYears(years)} with the company`);
    }
  }

  // Leading people outranks a modest title: a "Senior Engineer" with 300 reports is senior.
  if (person.orgSize > 0) {
    const fromOrg = levelFromOrgSize(person.orgSize);
    if (fromOrg > level) {
      level = fromOrg;
      reasons.push(`leads an organisation of ${person.orgSize}`);
    }
  }
  if (person.depth === 0 && person.orgSize > 0) {
    level = 10;
    reasons.push('top of the org chart');
  } else if (person.depth === 1 && person.orgSize >= 10 && level < 9) {
    level = 9;
    reasons.push('reports to the top of the org chart');
  }

  const mentorMax = options.mentorMaxLevel ?? 3;
  const leaderMin = options.leaderMinLevel ?? 7;
  const role: SuggestedRole | null =
    person.orgSize === 0 && level <= mentorMax ? 'mentor' : level >= leaderMin ? 'leader' : null;
  return { level, role, reasons };
}

function tenureYears(hireDate: string | Date | null | undefined, asOf: Date): number | undefined {
  if (hireDate === null || hireDate === undefined) return undefined;
  const date = typeof hireDate === 'string' ? new Date(hireDate) : hireDate;
  const ms = asOf.getTime() - date.getTime();
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  return ms / (365.25 * 24 * 3600 * 1000);
}

function formatYears(years: number): string {
  if (years < 1) return 'less than a year';
  const whole = Math.floor(years);
  return whole === 1 ? '1 year' : `${whole} years`;
}
