export {
  CORE_TOPIC_KEYS,
  OPEN_TOPIC_KEY,
  computeTrackHash,
  guideTrackSchema,
  parseGuideTrack,
} from './guide-track.js';
export type {
  CoreTopicKey,
  GuideIssue,
  GuideParseResult,
  GuideRole,
  GuideSession,
  GuideTopicKey,
  GuideTrack,
  PerRole,
} from './guide-track.js';
export {
  DEFAULT_CONTENT_ROOT,
  DEFAULT_TRACK_ID,
  GuideContentError,
  loadGuideTrack,
  loadGuideTracks,
} from './guide-loader.js';
export type { LoadGuidesOptions } from './guide-loader.js';
export { compareVersions, createGuideLibrary, loadGuideLibrary } from './guide-library.js';
export type { GuideLibrary } from './guide-library.js';
export {
  MAX_PROGRAM_SESSIONS,
  MIN_PROGRAM_SESSIONS,
  guideForOccurrence,
  planGuideSessions,
} from './occurrence-plan.js';
export type { OccurrencePlanOptions } from './occurrence-plan.js';
export { guideForRole } from './role-view.js';
export type { RoleSessionGuide } from './role-view.js';
export { escapeHtml, renderInviteBody } from './invite-body.js';
export type { InviteBodyOptions } from './invite-body.js';
export { GuideEditError, deriveEditableCopy, trackEditsSchema } from './editable-copy.js';
export type { DeriveCopyOptions, SessionEdit, TrackEdits } from './editable-copy.js';
export { runGuidesCli } from './guides-cli.js';
export { runContentCli } from './content-cli.js';
export type { ContentCliResult, ContentCliSpec } from './content-cli.js';
export { FrontMatterError, parseDocument } from './front-matter.js';
export type { FrontMatterValue, ParsedDocument } from './front-matter.js';
export type { GuidesCliResult } from './guides-cli.js';
export {
  GuideVersionConflictError,
  findGuideTrack,
  guideSessionByNumber,
  latestGuideTrack,
  listGuideTracks,
  pinnedGuideSession,
  storeGuideTrackCopy,
  syncBuiltinTracks,
} from './guide-store.js';
export type { CreateCopyOptions, StoredGuideTrack } from './guide-store.js';
export {
  findMeetingSession,
  guideProgress,
  guideRoutes,
  sessionGuideView,
  toTrackView,
} from './guide-routes.js';
export type { GuideRoutesOptions, MeetingKey } from './guide-routes.js';
export { threadIdOfJoinUrl, threadIdOfMeetingId } from './meeting-thread.js';
