export { programRoutes } from './program-routes.js';
export {
  createProgram,
  findProgram,
  programInput,
  programView,
  toProgramView,
  transitionProgram,
} from './programs.js';
export type { ProgramRow } from './programs.js';
export { parseProgramRules } from './program-rules.js';
export { assertTransition } from './program-status.js';
export { assessRoles, whyNotEligible } from './eligibility.js';
export { membershipForRun, NO_GROUPS_READ } from './eligible-groups.js';
export { enrol, myEnrolments, updateMyEnrolment } from './enrolments.js';
export { endPairing } from './pairing-end.js';
export { openRematchRequest, partnerNeedsNewPartner } from './rematch.js';
export { personCard, unknownPersonCard } from './person-card.js';
export { audit } from './audit.js';
export { addOwner, programOwnerRoutes } from './program-owners.js';
export { enrolmentReminderJobHandlers, enrolmentReminderRoutes } from './enrolment-reminders.js';
