import { z } from 'zod';
import { problems, route } from '../app/index.js';
import type { RouteDef } from '../app/index.js';
import type { CheckInView, CommitmentListView, CommitmentView } from '../contract/index.js';
import type { Services } from '../app/index.js';
import { checkInInput, getOwnCheckIn, putOwnCheckIn } from './check-ins.js';
import {
  addCommitment,
  commitmentInput,
  commitmentPatch,
  listCommitments,
  setCommitmentDone,
} from './commitments.js';
import { findPairingRole, findSessionMembership } from './session-membership.js';

const sessionParams = z.object({ sessionId: z.uuid() }).strict();
const pairingParams = z.object({ pairingId: z.uuid() }).strict();

/**
 * Check-ins and commitments. Every handler re-checks that the caller is one of the two people,
 * even where the route table already did, because admins pass some member rules and this is
 * private data: an admin who is not in the pairing gets 403 here.
 */
export function feedbackRoutes(services: Services): RouteDef[] {
  const { db } = services;
  return [
    route({
      method: 'get',
      path: '/sessions/:sessionId/check-in',
      access: 'session-member',
      summary: "The caller's own check-in for a session (never anyone else's)",
      params: sessionParams,
      async handle({ principal: caller, params }): Promise<CheckInView> {
        const m = await findSessionMembership(db, params.sessionId, caller.userId);
        return getOwnCheckIn(db, m, caller.userId, services.now());
      },
    }),
    route({
      method: 'put',
      path: '/sessions/:sessionId/check-in',
      access: 'session-member',
      summary: "Save the caller's own check-in: held, ratings and a private reflection",
      params: sessionParams,
      body: checkInInput,
      async handle({ principal: caller, params, body }): Promise<CheckInView> {
        const m = await findSessionMembership(db, params.sessionId, caller.userId);
        return putOwnCheckIn(db, m, caller.userId, body, services.now());
      },
    }),
    route({
      method: 'get',
      path: '/pairings/:pairingId/commitments',
      access: 'pairing-member',
      summary: "The leader's commitments from the closing session (both people of the pair)",
      params: pairingParams,
      async handle({ principal: caller, params }): Promise<CommitmentListView> {
        await findPairingRole(db, params.pairingId, caller.userId);
        return listCommitments(db, params.pairingId, caller.userId);
      },
    }),
    route({
      method: 'post',
      path: '/pairings/:pairingId/commitments',
      access: 'pairing-member',
      summary: 'The leader records a commitment with an optional due date',
      params: pairingParams,
      body: commitmentInput,
      async handle({ principal: caller, params, body }) {
        const { role } = await findPairingRole(db, params.pairingId, caller.userId);
        if (role !== 'leader') throw problems.forbidden('Commitments are the leader’s to make.');
        const view = await addCommitment(db, {
          pairingId: params.pairingId,
          authorId: caller.userId,
          text: body.text,
          dueOn: body.dueOn,
          now: services.now(),
        });
        return { status: 201, body: view };
      },
    }),
    route({
      method: 'patch',
      path: '/pairings/:pairingId/commitments/:commitmentId',
      access: 'pairing-member',
      summary: 'The leader marks a commitment done (or not)',
      params: z.object({ pairingId: z.uuid(), commitmentId: z.uuid() }).strict(),
      body: commitmentPatch,
      async handle({ principal: caller, params, body }): Promise<CommitmentView> {
        await findPairingRole(db, params.pairingId, caller.userId);
        return setCommitmentDone(db, {
          pairingId: params.pairingId,
          commitmentId: params.commitmentId,
          callerId: caller.userId,
          done: body.done,
          now: services.now(),
        });
      },
    }),
  ];
}
