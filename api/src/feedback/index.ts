export { putOwnCheckIn } from './check-ins.js';
export { addCommitment, setCommitmentDone } from './commitments.js';
export { feedbackRoutes } from './feedback-routes.js';
export { findPairingRole, findSessionMembership } from './session-membership.js';
export type { SessionMembership } from './session-membership.js';
export { isSessionDue, isSessionHeld } from './session-held.js';
