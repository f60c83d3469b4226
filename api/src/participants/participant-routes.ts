import { z } from 'zod';
import { problems, route } from '../app/index.js';
import type { RouteDef } from '../app/index.js';
import type { HomeView, PairingView } from '../contract/index.js';
import type { Services } from '../app/index.js';
import { homeView } from './home-view.js';
import { guideTitles } from './guide-titles.js';
import { loadPairingSnapshot } from './participant-snapshot.js';
import { pairingViewsFrom } from './pairing-views.js';

const pairingParams = z.object({ pairingId: z.uuid() }).strict();

/** What a participant sees: the home screen and one pairing. Read-only. */
export function participantRoutes(services: Services): RouteDef[] {
  const { db } = services;
  return [
    route({
      method: 'get',
      path: '/me/home',
      access: 'signed-in',
      summary: "The caller's home screen: profile, enrolments, pairings, open programs, nudges",
      async handle({ principal }): Promise<HomeView> {
        return homeView(services, principal);
      },
    }),
    route({
      method: 'get',
      path: '/pairings/:pairingId',
      access: 'pairing-member',
      summary: "One pairing from the caller's side (an admin outside it sees the mentor's side)",
      params: pairingParams,
      async handle({ principal: caller, params }): Promise<PairingView> {
        const snapshot = await loadPairingSnapshot(db, caller.userId, params.pairingId);
        const titleOf = await guideTitles(db, snapshot.pairings);
        const [view] = pairingViewsFrom({
          viewerId: caller.userId,
          snapshot,
          titleOf,
          now: services.now(),
        });
        if (view === undefined) throw problems.notFound('No such pairing.');
        return view;
      },
    }),
  ];
}
