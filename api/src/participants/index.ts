export { participantRoutes } from './participant-routes.js';
export { homeView, notInDirectory } from './home-view.js';
export {
  compareForHome,
  currentSeries,
  nextSessionOf,
  pairingViews,
  roleOf,
} from './pairing-views.js';
export type { PairingViewsOptions, PairingWithProgram } from './pairing-views.js';
export { pairingById, pairingsOf } from './pairing-rows.js';
export { guideTitles } from './guide-titles.js';
export type { GuideTitleLookup, GuideVersionRef } from './guide-titles.js';
