export type { Principal } from '../app/index.js';
export { assertAuthor, createAccessControl, isAuthor } from './access-control.js';
export type { AccessControlOptions } from './access-control.js';
export { AuthError, isAuthError } from './auth-error.js';
export type { AuthFailureReason } from './auth-error.js';
export {
  authenticate,
  bearerToken,
  findPrincipal,
  getPrincipal,
  hasRole,
  isAdmin,
  principalFromRequest,
  PROGRAM_ADMIN_ROLE,
  requireRole,
} from './authenticate.js';
export type { AuthenticateOptions } from './authenticate.js';
export { createTokenValidator } from './token-validator.js';
export type { TokenValidator, TokenValidatorOptions } from './token-validator.js';
export { listAudit, recordAudit } from './audit.js';
export type { AuditRecord } from './audit.js';
export { devSignInRouter } from './dev-sign-in.js';
export type { DevSignInOptions } from './dev-sign-in.js';
export { identityRoutes } from './identity-routes.js';
export { meView, notInDirectory } from './me.js';
