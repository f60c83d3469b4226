/** The activity types declared in the app manifest (`activities.activityTypes`). */
export const ACTIVITY_TYPES = [
  'sessionTomorrow',
  'checkInWaiting',
  'partnerNotResponding',
  'pairingAtRisk',
  'seriesBooked',
  'matched',
  'leftOut',
  'partnerChanged',
  'seriesChanged',
  'surveyWaiting',
  'enrolmentReminder',
] as const;

export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/**
 * The manifest's template text (at most 128 characters there); the stored text fills it in so the
 * tab shows the same words.
 */
export const TEMPLATES: Record<ActivityType, string> = {
  sessionTomorrow: 'Your session with {partnerName} is tomorrow at {startTime}: {sessionTitle}',
  checkInWaiting: 'How did {sessionTitle} with {partnerName} go? Your check-in is waiting',
  partnerNotResponding:
    '{partnerName} has not answered about {sessionDate}. Pick a new time or ask for a rematch',
  pairingAtRisk: 'The pairing {pairingName} needs attention: {reason}',
  seriesBooked:
    '{sessionCount} sessions with {partnerName} are in your calendar, starting {firstSession}',
  matched: 'You are matched with {partnerName} in {programName}. First session: {firstSession}',
  leftOut: 'You are not paired in {programName} this round: {reason}. {nextStep}',
  partnerChanged: '{partnerName} {change}. {nextStep}',
  seriesChanged: 'Session {sessionNumber} with {partnerName} {change}',
  surveyWaiting: 'Three minutes for {programName}: your {surveyName} is open until {closesOn}',
  enrolmentReminder:
    'You were invited to {programName}. Enrolment closes {closesOn}: enrol or decline in the app',
};

export function fillTemplate(kind: ActivityType, params: Record<string, string>): string {
  return TEMPLATES[kind].replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '');
}
