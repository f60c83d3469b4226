export type { GuideSession, GuideTrack } from './guide-track.js';
export { DEFAULT_TRACK_ID, loadGuideTracks } from './guide-loader.js';
export { compareVersions, loadGuideLibrary } from './guide-library.js';
export type { GuideLibrary } from './guide-library.js';
export { guideForOccurrence } from './occurrence-plan.js';
export { escapeHtml, renderInviteBody } from './invite-body.js';
export { runGuidesCli } from './guides-cli.js';
export { runContentCli } from './content-cli.js';
export type { ContentCliResult } from './content-cli.js';
export { FrontMatterError, parseDocument } from './front-matter.js';
export {
  findGuideTrack,
  guideSessionByNumber,
  latestGuideTrack,
  pinnedGuideSession,
  storeGuideTrackCopy,
  syncBuiltinTracks,
} from './guide-store.js';
export { guideRoutes } from './guide-routes.js';
export { threadIdOfJoinUrl } from './meeting-thread.js';
