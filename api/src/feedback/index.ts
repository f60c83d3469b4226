export { checkInInput, getOwnCheckIn, putOwnCheckIn, MAX_REFLECTION_CHARS } from './check-ins.js';
export type { CheckInInput } from './check-ins.js';
export { addCommitment, listCommitments, setCommitmentDone } from './commitments.js';
export { feedbackRoutes } from './feedback-routes.js';
export { findPairingRole, findSessionMembership, membershipOf } from './session-membership.js';
export type { PairingRow, SessionMembership, SessionRow } from './session-membership.js';
export { isSessionDue, isSessionHeld } from './session-held.js';
