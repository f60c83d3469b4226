export { participantRoutes } from './participant-routes.js';
