export { participantRoutes } from './participant-routes.js';
export { homeView, openProgramView } from './home-view.js';
export {
  cardOf,
  compareForHome,
  nextSessionOf,
  pairingViewsFrom,
  roleOf,
} from './pairing-views.js';
export type { PairingViewsOptions } from './pairing-views.js';
export { iso, loadHomeSnapshot, loadPairingSnapshot } from './participant-snapshot.js';
export type {
  EnrolmentJson,
  HomeSnapshot,
  OpenProgramJson,
  PairingJson,
  PairingsSnapshot,
  PersonJson,
  SessionJson,
} from './participant-snapshot.js';
export { guideTitles } from './guide-titles.js';
export type { GuideTitleLookup, GuideVersionRef } from './guide-titles.js';
