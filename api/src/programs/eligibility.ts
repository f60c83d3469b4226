import type { SuggestedRole } from '../contract/index.js';
import { eligibilityProblem, groupEligibilityProblem } from '../contract/index.js';
import { careerLevel } from '../org/index.js';
import type { ProgramRules, Role } from '../store/index.js';
import type { people } from '../store/index.js';
import type { GroupCheck } from './eligible-groups.js';

export type EligibilityPerson = Pick<
  typeof people.$inferSelect,
  | 'id'
  | 'jobTitle'
  | 'depth'
  | 'orgSize'
  | 'hireDate'
  | 'goneAt'
  | 'accountEnabled'
  | 'mailboxPurpose'
  | 'department'
  | 'officeLocation'
>;

const NOT_A_PERSON: Record<string, string> = {
  room: 'a room mailbox, not a person',
  equipment: 'an equipment mailbox, not a person',
  shared: 'a shared mailbox, not a person',
  none: 'has no mailbox, so no meeting can be booked with them',
};

/**
 * Why this directory entry can never be paired, whatever the program's rules: gone, disabled, or
 * not a person's mailbox (Graph's `mailboxSettings.userPurpose`, or no mailbox at all). Null when
 * it may be; an unread mailbox (null purpose) is not held against anyone.
 */
export function whyNotAPerson(person: EligibilityPerson): string | null {
  if (person.goneAt !== null) return 'no longer in the directory';
  if (!person.accountEnabled) return 'the account is disabled';
  return (person.mailboxPurpose !== null && NOT_A_PERSON[person.mailboxPurpose]) || null;
}

/**
 * Why the program's department, office or group list keeps this person out; null when it does
 * not. `groups` holds what the directory said of the person's groups for this run.
 */
export function whyNotInScope(
  person: Pick<EligibilityPerson, 'id' | 'department' | 'officeLocation'>,
  rules: Pick<ProgramRules, 'eligibleDepartments' | 'eligibleOffices' | 'eligibleGroups'>,
  groups: GroupCheck,
): string | null {
  return (
    eligibilityProblem('eligibleDepartments', rules.eligibleDepartments, person.department) ??
    eligibilityProblem('eligibleOffices', rules.eligibleOffices, person.officeLocation) ??
    (groups === 'not-checked'
      ? undefined
      : groupEligibilityProblem(rules.eligibleGroups, groups.groupsOf(person.id))) ??
    null
  );
}

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

function capitalise(s: string): string {
  return s.length === 0 ? s : s[0]?.toUpperCase() + s.slice(1);
}

function formatLevel(level: number): string {
  return Number.isInteger(level) ? String(level) : level.toFixed(1);
}

/**
 * The roles a person may take in a program and the one their career level suggests, with the
 * reasons in plain words. Reads title, place in the org chart and tenure; never age or birthday.
 */
export function assessRoles(
  person: EligibilityPerson,
  rules: ProgramRules,
  now: Date,
  groups: GroupCheck,
): SuggestedRole {
  const career = careerLevel(
    {
      title: person.jobTitle,
      depth: person.depth,
      orgSize: person.orgSize,
      hireDate: person.hireDate,
    },
    { mentorMaxLevel: rules.mentorMaxLevel, leaderMinLevel: rules.leaderMinLevel, asOf: now },
  );
  const reasons = career.reasons.map(capitalise);
  if (reasons.length === 0)
    reasons.push('No title rule applies, so the usual individual-contributor level is assumed');
  const level = career.level;
  const eligibleRoles: Role[] = [];

  const notAPerson = whyNotAPerson(person);
  if (notAPerson !== null) {
    reasons.push(capitalise(notAPerson));
    return { level, suggestedRole: null, reasons, eligibleRoles };
  }
  const outOfScope = whyNotInScope(person, rules, groups);
  if (outOfScope !== null) {
    reasons.push(capitalise(outOfScope));
    return { level, suggestedRole: null, reasons, eligibleRoles };
  }

  let mentorBlocked: string | undefined;
  if (level > rules.mentorMaxLevel)
    mentorBlocked = `Level ${formatLevel(level)} is above this program's mentor limit of ${formatLevel(rules.mentorMaxLevel)}`;
  else if (person.orgSize > 0) mentorBlocked = 'Mentors are people who do not manage others';
  else if (rules.mentorHiredWithinYears !== undefined) {
    const hired = person.hireDate;
    if (hired === null) mentorBlocked = 'This program asks for a hire date, and none is on record';
    else if (now.getTime() - hired.getTime() > rules.mentorHiredWithinYears * YEAR_MS)
      mentorBlocked = `This program's mentors joined within the last ${rules.mentorHiredWithinYears} years`;
  }
  if (mentorBlocked === undefined) {
    eligibleRoles.push('mentor');
    reasons.push(
      `Level ${formatLevel(level)} can mentor in this program (up to level ${formatLevel(rules.mentorMaxLevel)})`,
    );
  }
  if (level >= rules.leaderMinLevel) {
    eligibleRoles.push('leader');
    reasons.push(
      `Level ${formatLevel(level)} can join as a leader (from level ${formatLevel(rules.leaderMinLevel)})`,
    );
  }
  if (eligibleRoles.length === 0) {
    if (mentorBlocked !== undefined) reasons.push(mentorBlocked);
    reasons.push(`Leaders in this program are level ${formatLevel(rules.leaderMinLevel)} or above`);
  }
  const suggested =
    career.role !== null && eligibleRoles.includes(career.role)
      ? career.role
      : (eligibleRoles[0] ?? null);
  return { level, suggestedRole: suggested, reasons, eligibleRoles };
}

/** Why a person may not take `role` in a program now, in words; null when they may. */
export function whyNotEligible(
  person: EligibilityPerson,
  rules: ProgramRules,
  role: Role,
  now: Date,
  groups: GroupCheck,
): string | null {
  const a = assessRoles(person, rules, now, groups);
  if (a.eligibleRoles.includes(role)) return null;
  const level = formatLevel(a.level);
  const notAPerson = whyNotAPerson(person);
  if (notAPerson !== null) return notAPerson;
  const outOfScope = whyNotInScope(person, rules, groups);
  if (outOfScope !== null) return outOfScope;
  if (role === 'leader')
    return `level ${level} is below this program's leader level of ${formatLevel(rules.leaderMinLevel)}`;
  if (a.level > rules.mentorMaxLevel)
    return `level ${level} is above this program's mentor limit of ${formatLevel(rules.mentorMaxLevel)}`;
  if (person.orgSize > 0) return 'now manages others';
  if (person.hireDate === null) return 'no hire date on record';
  return `joined more than ${rules.mentorHiredWithinYears ?? 0} years ago`;
}
