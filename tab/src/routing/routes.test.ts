import { describe, expect, it } from 'vitest';
import { tabPaths, tabUrl } from '../api/index.js';
import { href, parseRoute, type Route } from './routes.js';

describe('hash routes', () => {
  it('opens a deep link to a pairing and to a session', () => {
    expect(parseRoute('#/pairing/p-1')).toEqual({ name: 'pairing', pairingId: 'p-1' });
    expect(parseRoute('#/session/s%2F2')).toEqual({ name: 'session', sessionId: 's/2' });
  });

  it('treats an empty hash as home and an unknown path as not found', () => {
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#/')).toEqual({ name: 'home' });
    expect(parseRoute('#/nowhere/at/all')).toEqual({ name: 'not-found', path: '/nowhere/at/all' });
  });

  it('builds every link so that parsing it gives the same route back', () => {
    const PROGRAM_PAGES = [
      'admin-program',
      'admin-match',
      'admin-bookings',
      'admin-insights',
      'admin-rematches',
      'admin-guide',
      'admin-outcomes',
      'admin-report',
    ] as const;
    const routes: Route[] = [
      { name: 'home' },
      { name: 'enrol', programId: 'prog 1' },
      { name: 'pairing', pairingId: 'p1' },
      { name: 'session', sessionId: 's1' },
      { name: 'notifications' },
      { name: 'settings' },
      { name: 'meeting' },
      { name: 'config' },
      { name: 'admin' },
      { name: 'admin-audit' },
      ...PROGRAM_PAGES.map((name) => ({ name, programId: 'a' })),
      { name: 'survey', programId: 'a', phase: 'baseline' },
      { name: 'survey', programId: 'a', phase: 'end' },
      { name: 'survey', programId: 'a', phase: 'end', pairingId: 'p2' },
    ];
    for (const route of routes) expect(parseRoute(href(route))).toEqual(route);
  });

  it('opens a page for every link the API puts in messages and invites', () => {
    const id = '0b7e4c1a-3f7d-4c3e-9a57-1d2f3a4b5c6d';
    const paths = [
      tabPaths.home(),
      tabPaths.enrol(id),
      tabPaths.pairing(id),
      tabPaths.session(id),
      tabPaths.notifications(),
      tabPaths.settings(),
      tabPaths.survey(id, 'baseline'),
      tabPaths.survey(id, 'end', id),
      tabPaths.survey(id, 'end'),
      tabPaths.admin(),
      tabPaths.adminProgram(id),
      tabPaths.adminMatch(id),
      tabPaths.adminBookings(id),
      tabPaths.adminInsights(id),
      tabPaths.adminRematches(id),
      tabPaths.adminGuide(id),
      tabPaths.adminAudit(),
    ];
    for (const path of paths) {
      const link = tabUrl('https://tab.example.test/', path);
      expect(parseRoute(link.slice(link.indexOf('#'))).name).not.toBe('not-found');
    }
  });

  it('ignores a query after the hash path', () => {
    expect(parseRoute('#/meeting?joinUrl=x')).toEqual({ name: 'meeting' });
  });
});
