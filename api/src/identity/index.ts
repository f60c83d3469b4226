export { createAccessControl } from './access-control.js';
export { isAdmin } from './authenticate.js';
export { createTokenValidator } from './token-validator.js';
export { recordAudit } from './audit.js';
export { devSignInRouter } from './dev-sign-in.js';
export { identityRoutes } from './identity-routes.js';
export { meView, notInDirectory } from './me.js';
