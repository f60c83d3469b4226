import { z } from 'zod';
import { route } from '../app/index.js';
import type { RouteDef } from '../app/index.js';
import type {
  CurrentMatchRunView,
  MatchRunView,
  RematchCandidateView,
  SwapCandidatesView,
} from '../contract/index.js';
import type { Services } from '../app/index.js';
import {
  addOverride,
  approveRun,
  createMatchRun,
  currentRun,
  findRun,
  matchRunInput,
  matchRunView,
  overrideInput,
  swapCandidates,
} from './match-runs.js';
import { applyRematch, applyRematchInput, rematchCandidates } from './rematch-apply.js';

const id = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be an id');
const programParams = z.object({ programId: id }).strict();
const runParams = z.object({ runId: id }).strict();
const requestParams = z.object({ requestId: id }).strict();

/** Admin match runs: propose, review, override (re-solve), approve; and applying a rematch. */
export function matchRunRoutes(services: Services): RouteDef[] {
  return [
    route({
      method: 'post',
      path: '/programs/:programId/match-runs',
      access: 'admin',
      idempotent: true,
      summary: 'Propose pairs for the program’s cohort',
      params: programParams,
      body: matchRunInput,
      handle: async ({ principal, params, body }) => {
        const view: MatchRunView = await createMatchRun(
          services,
          principal.userId,
          params.programId,
          body,
        );
        return { status: 201, body: view };
      },
    }),
    route({
      method: 'get',
      path: '/programs/:programId/match-runs/current',
      access: 'admin',
      summary: 'The program’s current proposal, else its newest run, else null',
      params: programParams,
      handle: async ({ params }): Promise<CurrentMatchRunView> => ({
        run: await currentRun(services.db, params.programId),
      }),
    }),
    route({
      method: 'get',
      path: '/match-runs/:runId',
      access: 'admin',
      summary: 'One match run with pairs, people left out, overrides and summary',
      params: runParams,
      handle: async ({ params }): Promise<MatchRunView> =>
        matchRunView(services.db, await findRun(services.db, params.runId)),
    }),
    route({
      method: 'get',
      path: '/match-runs/:runId/swap-candidates',
      access: 'admin',
      summary: 'The leaders a mentor may be swapped to under the hard rules, best first',
      params: runParams,
      query: z.object({ mentorId: z.string().trim().min(1).max(200) }).strict(),
      handle: async ({ params, query }): Promise<SwapCandidatesView> =>
        swapCandidates(services, params.runId, query.mentorId),
    }),
    route({
      method: 'post',
      path: '/match-runs/:runId/overrides',
      access: 'admin',
      summary: 'Pin, forbid, remove or swap (with a reason), then re-solve',
      params: runParams,
      body: overrideInput,
      handle: async ({ principal, params, body }): Promise<MatchRunView> =>
        addOverride(services, principal.userId, params.runId, body),
    }),
    route({
      method: 'post',
      path: '/match-runs/:runId/approve',
      access: 'admin',
      summary: 'Create the pairings, queue their bookings, make the program active',
      params: runParams,
      handle: async ({ principal, params }): Promise<{ pairings: number }> =>
        approveRun(services, principal.userId, params.runId),
    }),
    route({
      method: 'get',
      path: '/rematches/:requestId/candidates',
      access: 'admin',
      summary: 'Who could partner the person of an open rematch request now, best first',
      params: requestParams,
      handle: async ({ params }): Promise<{ items: RematchCandidateView[] }> => ({
        items: await rematchCandidates(services, params.requestId),
      }),
    }),
    route({
      method: 'post',
      path: '/rematches/:requestId/apply',
      access: 'admin',
      idempotent: true,
      summary:
        'Pair the person with a candidate (with a reason): ends the old pairing, books the new',
      params: requestParams,
      body: applyRematchInput,
      handle: async ({ principal, params, body }) => {
        const created = await applyRematch(services, principal.userId, params.requestId, body);
        return { status: 201, body: created };
      },
    }),
  ];
}
