export { isSessionDue, isSessionHeld } from './session-held.js';
