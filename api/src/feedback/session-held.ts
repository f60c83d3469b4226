import type { SessionStatus } from '../store/index.js';

/**
 * Whether a session counts as held. Statuses come from the calendar, not from self-report:
 * `held` is held; a `scheduled` occurrence that has ended without being cancelled or declined in
 * Outlook is held too (nothing in the calendar says otherwise). Declined, cancelled, missed and
 * rebooking occurrences are not held. Check-ins' own "held" answer never changes this.
 */
export function isSessionHeld(s: { status: SessionStatus; endsAt: Date }, now: Date): boolean {
  if (s.status === 'held') return true;
  return s.status === 'scheduled' && s.endsAt.getTime() <= now.getTime();
}

/** Whether a session was due by now (counts in "scheduled" of held vs scheduled). */
export function isSessionDue(s: { status: SessionStatus; startsAt: Date }, now: Date): boolean {
  return s.status !== 'rebooking' && s.startsAt.getTime() <= now.getTime();
}
