// The employee views after Home, bundled as one lazily loaded chunk (see shell/route-view.tsx).
export { ConfigView } from './config-view.js';
export { EnrolView } from './enrol-view.js';
export { MeetingView } from './meeting-view.js';
export { NotificationsView } from './notifications-view.js';
export { PairingView } from './pairing-view.js';
export { SessionView } from './session-view.js';
export { SettingsView } from './settings-view.js';
