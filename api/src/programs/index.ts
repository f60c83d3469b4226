export { programRoutes } from './program-routes.js';
export {
  createProgram,
  enrolmentOpen,
  findProgram,
  listPrograms,
  programInput,
  programView,
  toProgramView,
  transitionProgram,
  updateProgram,
  uuidParam,
} from './programs.js';
export type { ProgramInput, ProgramPatch, ProgramRow } from './programs.js';
export { parseProgramRules, programRulesSchema, DEFAULT_TOPIC_KEYS } from './program-rules.js';
export type { ProgramRulesInput } from './program-rules.js';
export { PROGRAM_TRANSITIONS, assertTransition, nextStatuses } from './program-status.js';
export { assessRoles, whyNotAPerson, whyNotEligible } from './eligibility.js';
export type { EligibilityPerson } from './eligibility.js';
export {
  enrol,
  enrolmentView,
  enrolmentViews,
  listEnrolments,
  myEnrolments,
  suggestedRole,
  updateMyEnrolment,
} from './enrolments.js';
export type { EnrolmentRow } from './enrolments.js';
export { importInvitations, MAX_IMPORT_ROWS } from './imports.js';
export { parseEmailCsv } from './email-csv.js';
export { endPairing } from './pairing-end.js';
export { personCard, unknownPersonCard } from './person-card.js';
export type { PersonRow } from './person-card.js';
export { audit } from './audit.js';
export type { ProgramAudit } from './audit.js';
export { listRematchRequests, requestRematch, REMATCH_FLAG } from './rematch.js';
export { addOwner, listOwners, programOwnerRoutes, removeOwner } from './program-owners.js';
export {
  enrolmentReminderJobHandlers,
  enrolmentReminderRoutes,
  enrolmentRemindersView,
  sendEnrolmentReminders,
} from './enrolment-reminders.js';
