import type { GuideSession, GuideTrack } from './guide-track.js';

/**
 * How a program's booked occurrences map onto a track's sessions.
 *
 * - Same number of sessions as the track: one to one.
 * - Fewer: the charter stays first and commitments last; the middle slots go to the middle
 *   sessions in track order, except that topics the program (or pair) prefers are chosen
 *   first. The chosen ones still run in track order, because the track builds trust before the
 *   more personal topics (inclusion, wellbeing) come up.
 * - More: every track session runs once, and the extra occurrences repeat the track's
 *   open-topic deep-dive session, placed after the middle topics and before commitments, so
 *   the pair has covered everything before choosing what to go deeper on, and the program
 *   still ends on commitments.
 *
 * A program needs at least two sessions (charter and commitments); fewer is a configuration
 * error and throws, rather than quietly dropping the commitments that make the program count.
 */
export interface OccurrencePlanOptions {
  /** Topic keys to keep first when the program has fewer sessions than the track. */
  preferredTopics?: readonly string[];
}

export const MIN_PROGRAM_SESSIONS = 2;
export const MAX_PROGRAM_SESSIONS = 52;

function checkTotal(totalSessions: number): void {
  if (
    !Number.isInteger(totalSessions) ||
    totalSessions < MIN_PROGRAM_SESSIONS ||
    totalSessions > MAX_PROGRAM_SESSIONS
  ) {
    throw new RangeError(
      `a program has ${MIN_PROGRAM_SESSIONS}–${MAX_PROGRAM_SESSIONS} sessions (charter and commitments at least), not ${totalSessions}`,
    );
  }
}

/** The guide session for every occurrence of a program with `totalSessions` sessions. */
export function planGuideSessions(
  track: GuideTrack,
  totalSessions: number,
  options: OccurrencePlanOptions = {},
): GuideSession[] {
  checkTotal(totalSessions);
  const { sessions } = track;
  const first = sessions[0];
  const last = sessions[sessions.length - 1];
  if (first === undefined || last === undefined || sessions.length < 2) {
    throw new RangeError(
      `track ${track.id}@${track.version} has no charter and commitments sessions`,
    );
  }
  const middle = sessions.slice(1, -1);
  const slots = totalSessions - 2;
  if (slots >= middle.length) {
    const extra = Array.from({ length: slots - middle.length }, () => track.openTopic);
    return [first, ...middle, ...extra, last];
  }
  const preferred = new Set(options.preferredTopics ?? []);
  const ranked = [
    ...middle.filter((s) => preferred.has(s.key)),
    ...middle.filter((s) => !preferred.has(s.key)),
  ];
  const chosen = ranked.slice(0, slots).sort((a, b) => a.number - b.number);
  return [first, ...chosen, last];
}

/**
 * The guide session for one booked occurrence. `occurrenceIndex` is 0-based (the first
 * occurrence of the series is 0; the store's 1-based `occurrence` column is this plus one).
 */
export function guideForOccurrence(
  track: GuideTrack,
  occurrenceIndex: number,
  totalSessions: number,
  options: OccurrencePlanOptions = {},
): GuideSession {
  checkTotal(totalSessions);
  if (
    !Number.isInteger(occurrenceIndex) ||
    occurrenceIndex < 0 ||
    occurrenceIndex >= totalSessions
  ) {
    throw new RangeError(
      `occurrence index ${occurrenceIndex} is outside 0..${totalSessions - 1} (it is 0-based)`,
    );
  }
  const session = planGuideSessions(track, totalSessions, options)[occurrenceIndex];
  if (session === undefined) throw new RangeError(`no session for occurrence ${occurrenceIndex}`);
  return session;
}
