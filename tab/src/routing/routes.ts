import { tabPaths } from '../api/contract.js';

export type Route =
  | { name: 'home' }
  | { name: 'enrol'; programId: string }
  | { name: 'pairing'; pairingId: string }
  | { name: 'session'; sessionId: string }
  | { name: 'notifications' }
  | { name: 'settings' }
  | { name: 'meeting' }
  | { name: 'config' }
  | { name: 'admin' }
  | { name: 'admin-program'; programId: string }
  | { name: 'admin-match'; programId: string }
  | { name: 'admin-bookings'; programId: string }
  | { name: 'admin-insights'; programId: string }
  | { name: 'admin-rematches'; programId: string }
  | { name: 'admin-guide'; programId: string }
  | { name: 'admin-audit' }
  | { name: 'admin-outcomes'; programId: string }
  | { name: 'admin-report'; programId: string }
  | { name: 'survey'; programId: string; phase: 'baseline' | 'end'; pairingId?: string }
  | { name: 'not-found'; path: string };

export type RouteName = Route['name'];

function segments(hash: string): string[] {
  const path = hash.replace(/^#/, '').split('?')[0] ?? '';
  return path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

/** `#/pairing/abc` → `{ name: 'pairing', pairingId: 'abc' }`; unknown paths are `not-found`. */
export function parseRoute(hash: string): Route {
  const s = segments(hash);
  const [a, b, c, d] = s;
  if (s.length === 0) return { name: 'home' };
  if (s.length === 1) {
    if (a === 'notifications') return { name: 'notifications' };
    if (a === 'settings') return { name: 'settings' };
    if (a === 'meeting') return { name: 'meeting' };
    if (a === 'config') return { name: 'config' };
    if (a === 'admin') return { name: 'admin' };
  }
  if (s.length === 2 && b !== undefined) {
    if (a === 'enrol') return { name: 'enrol', programId: b };
    if (a === 'pairing') return { name: 'pairing', pairingId: b };
    if (a === 'session') return { name: 'session', sessionId: b };
  }
  if (s.length === 2 && a === 'admin' && b === 'audit') return { name: 'admin-audit' };
  if (a === 'admin' && b === 'programs' && c !== undefined) {
    if (s.length === 3) return { name: 'admin-program', programId: c };
    if (s.length === 4 && d === 'match') return { name: 'admin-match', programId: c };
    if (s.length === 4 && d === 'bookings') return { name: 'admin-bookings', programId: c };
    if (s.length === 4 && d === 'insights') return { name: 'admin-insights', programId: c };
    if (s.length === 4 && d === 'rematches') return { name: 'admin-rematches', programId: c };
    if (s.length === 4 && d === 'guide') return { name: 'admin-guide', programId: c };
    if (s.length === 4 && d === 'outcomes') return { name: 'admin-outcomes', programId: c };
    if (s.length === 4 && d === 'report') return { name: 'admin-report', programId: c };
  }
  if (s.length === 3 && a === 'surveys' && b !== undefined && (c === 'baseline' || c === 'end')) {
    return { name: 'survey', programId: b, phase: c };
  }
  // The end survey on one pairing: someone rematched is asked about each of their pairings.
  if (s.length === 4 && a === 'surveys' && b !== undefined && c === 'end' && d !== undefined) {
    return { name: 'survey', programId: b, phase: c, pairingId: d };
  }
  return { name: 'not-found', path: `/${s.join('/')}` };
}

/** The hash for a route: built from the API's `tabPaths`, so the links in messages and invites
 * and the tab's own links are the same strings and parse back here. */
export function href(route: Route): string {
  switch (route.name) {
    case 'home':
      return `#${tabPaths.home()}`;
    case 'enrol':
      return `#${tabPaths.enrol(route.programId)}`;
    case 'pairing':
      return `#${tabPaths.pairing(route.pairingId)}`;
    case 'session':
      return `#${tabPaths.session(route.sessionId)}`;
    case 'notifications':
    case 'settings':
    case 'meeting':
    case 'config':
    case 'admin':
      return `#/${route.name}`;
    case 'admin-program':
      return `#${tabPaths.adminProgram(route.programId)}`;
    case 'admin-match':
      return `#${tabPaths.adminMatch(route.programId)}`;
    case 'admin-bookings':
      return `#${tabPaths.adminBookings(route.programId)}`;
    case 'admin-insights':
      return `#${tabPaths.adminInsights(route.programId)}`;
    case 'admin-rematches':
      return `#${tabPaths.adminRematches(route.programId)}`;
    case 'admin-guide':
      return `#${tabPaths.adminGuide(route.programId)}`;
    case 'admin-audit':
      return `#${tabPaths.adminAudit()}`;
    case 'admin-outcomes':
      return `#${tabPaths.adminProgram(route.programId)}/outcomes`;
    case 'admin-report':
      return `#${tabPaths.adminProgram(route.programId)}/report`;
    case 'survey':
      return `#${tabPaths.survey(route.programId, route.phase, route.pairingId)}`;
    case 'not-found':
      return `#${route.path}`;
  }
}

export function navigate(route: Route) {
  window.location.hash = href(route);
}
