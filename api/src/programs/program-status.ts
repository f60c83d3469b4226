import { ProblemError } from '../app/index.js';
import type { ProgramStatus } from '../store/index.js';

/**
 * The only moves a program makes. Forward through the cohort's life, plus matching → enrolling so
 * an admin can reopen enrolment after seeing who is missing. Closed is final.
 */
export const PROGRAM_TRANSITIONS: Readonly<Record<ProgramStatus, readonly ProgramStatus[]>> = {
  draft: ['enrolling'],
  enrolling: ['matching'],
  matching: ['active', 'enrolling'],
  active: ['closed'],
  closed: [],
};

export function nextStatuses(from: ProgramStatus): ProgramStatus[] {
  return [...PROGRAM_TRANSITIONS[from]];
}

export function invalidTransition(from: ProgramStatus, to: ProgramStatus): ProblemError {
  const allowed = PROGRAM_TRANSITIONS[from];
  return new ProblemError({
    status: 409,
    type: 'invalid-transition',
    title: 'This status change is not allowed',
    detail:
      allowed.length === 0
        ? `A ${from} program cannot move to ${to}: ${from} is final.`
        : `A ${from} program cannot move to ${to}; it can move to ${allowed.join(' or ')}.`,
    extensions: { from, to, allowed: [...allowed] },
  });
}

/** Throws the 409 `invalid-transition` problem unless `from → to` is one of the allowed moves. */
export function assertTransition(from: ProgramStatus, to: ProgramStatus): void {
  if (!PROGRAM_TRANSITIONS[from].includes(to)) throw invalidTransition(from, to);
}
