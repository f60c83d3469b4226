export { clearDevToken, readDevToken, saveDevToken } from './token-store.js';
export { TeamsSignIn } from './teams-sign-in.js';
