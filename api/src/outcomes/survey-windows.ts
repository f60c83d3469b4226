import type { EndSurveyReason } from '../contract/index.js';
import type { SessionStatus } from '../store/index.js';
import type { SurveyPhase } from './instrument.js';

const DAY = 24 * 3_600_000;
/** How long the end survey stays open after the last session, the pairing's or program's end. */
export const END_SURVEY_OPEN_DAYS = 28;

export interface WindowFacts {
  enrolledAt: Date;
  programClosedAt: Date | null;
  pairing: { endedAt: Date | null } | undefined;
  /** The pairing's sessions (any status). */
  sessions: readonly { occurrence: number; startsAt: Date; endsAt: Date; status: SessionStatus }[];
}

export interface SurveyWindow {
  opensAt: Date | null;
  closesAt: Date | null;
  state: 'upcoming' | 'open' | 'closed';
  /** The end survey, once it has a date: what opened it. */
  reason?: EndSurveyReason;
}

function earliest(...dates: (Date | null | undefined)[]): Date | null {
  const known = dates.filter((d): d is Date => d instanceof Date);
  if (known.length === 0) return null;
  return new Date(Math.min(...known.map((d) => d.getTime())));
}

/** `opensAt` null: already open. */
function stateOf(opensAt: Date | null, closesAt: Date | null, now: Date): SurveyWindow['state'] {
  if (opensAt !== null && opensAt.getTime() > now.getTime()) return 'upcoming';
  if (closesAt !== null && closesAt.getTime() <= now.getTime()) return 'closed';
  return 'open';
}

/**
 * When a person's survey can be answered. The baseline opens at enrolment and closes when the
 * first session starts (or the program closes): answers after it would measure the program, not
 * the starting point. The end survey opens after the last guide session is held, or when the
 * pairing or the program ends, whichever is first, and stays open for four weeks. The sessions
 * an ending cancelled still count as the pairing's last: a pairing that ended early opens the
 * survey when it ended, not at the last session it happened to hold.
 */
export function surveyWindow(phase: SurveyPhase, facts: WindowFacts, now: Date): SurveyWindow {
  const live = facts.sessions.filter((s) => s.status !== 'cancelled');
  if (phase === 'baseline') {
    const first = live.reduce<Date | null>(
      (min, s) => (min === null || s.startsAt < min ? s.startsAt : min),
      null,
    );
    const closesAt = earliest(first, facts.programClosedAt);
    // Open from enrolment; being enrolled is the opening, whatever the clocks say.
    return { opensAt: facts.enrolledAt, closesAt, state: stateOf(null, closesAt, now) };
  }
  const endedAt = facts.pairing?.endedAt ?? null;
  const planned = facts.sessions.filter(
    (s) => s.status !== 'cancelled' || (endedAt !== null && s.startsAt >= endedAt),
  );
  const last = planned.reduce<(typeof planned)[number] | undefined>(
    (max, s) => (max === undefined || s.occurrence > max.occurrence ? s : max),
    undefined,
  );
  // The last session is over once its time has passed, held or not (a no-show ends it too);
  // one being rebooked is not over yet, and one the ending cancelled never took place.
  const lastHeld =
    last !== undefined &&
    last.status !== 'rebooking' &&
    last.status !== 'cancelled' &&
    last.endsAt <= now
      ? last.endsAt
      : null;
  const opensAt = earliest(lastHeld, endedAt, facts.programClosedAt);
  if (opensAt === null) return { opensAt: null, closesAt: null, state: 'upcoming' };
  const closesAt = new Date(opensAt.getTime() + END_SURVEY_OPEN_DAYS * DAY);
  // On a tie the sessions being over wins (a program closed the moment its last session ended),
  // then the program closing (which ends its pairings at the same instant).
  const at = (d: Date | null) => d !== null && d.getTime() === opensAt.getTime();
  const reason: EndSurveyReason = at(lastHeld)
    ? 'sessions-over'
    : at(facts.programClosedAt)
      ? 'program-closed'
      : 'pairing-ended';
  return { opensAt, closesAt, state: stateOf(opensAt, closesAt, now), reason };
}
