export { clearDevToken, readDevToken, saveDevToken } from './token-store.js';
