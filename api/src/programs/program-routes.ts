import { z } from 'zod';
import { route } from '../app/index.js';
import type { RouteDef } from '../app/index.js';
import { GROUP_ELIGIBILITY } from '../contract/index.js';
import type {
  DirectoryGroupsView,
  EligibilityOptionsView,
  EnrolmentView,
  ImportResultView,
  InvitationView,
  ProgramView,
  RematchRequestView,
  SuggestedRole,
} from '../contract/index.js';
import type { Services } from '../app/index.js';
import {
  declineInvitation,
  eligibilityOptions,
  enrol,
  enrolInput,
  enrolmentFilters,
  enrolmentPatch,
  listEnrolments,
  myInvitations,
  suggestedRole,
  updateMyEnrolment,
} from './enrolments.js';
import { searchDirectoryGroups } from './eligible-groups.js';
import { importInput, importInvitations } from './imports.js';
import {
  createProgram,
  findProgram,
  listPrograms,
  programInput,
  programPatch,
  programView,
  transitionInput,
  transitionProgram,
  updateProgram,
  uuidParam,
} from './programs.js';
import { listRematchRequests, rematchInput, requestRematch } from './rematch.js';
import { PROGRAM_STATUSES } from '../contract/index.js';

const programParams = z.object({ programId: uuidParam }).strict();
const enrolmentParams = z.object({ enrolmentId: uuidParam }).strict();
const pairingParams = z.object({ pairingId: uuidParam }).strict();

/** Programs, enrolment, invitations and member rematch requests. */
export function programRoutes(services: Services): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/programs',
      access: 'admin',
      summary: 'List programs',
      query: z
        .object({
          status: z.enum(PROGRAM_STATUSES).optional(),
        })
        .strict(),
      handle: async ({ query }): Promise<ProgramView[]> =>
        listPrograms(services.db, query.status === undefined ? {} : { status: query.status }),
    }),
    route({
      method: 'post',
      path: '/programs',
      access: 'admin',
      summary: 'Create a program (draft) with rules defaulted',
      idempotent: true,
      body: programInput,
      handle: async ({ principal, body }) => {
        const view: ProgramView = await createProgram(services, principal.userId, body);
        return { status: 201, body: view };
      },
    }),
    route({
      method: 'get',
      path: '/programs/:programId',
      access: 'admin',
      summary: 'One program',
      params: programParams,
      handle: async ({ params }): Promise<ProgramView> =>
        programView(services.db, await findProgram(services.db, params.programId)),
    }),
    route({
      method: 'patch',
      path: '/programs/:programId',
      access: 'admin',
      summary: 'Edit a program (rules only before approval)',
      params: programParams,
      body: programPatch,
      handle: async ({ principal, params, body }): Promise<ProgramView> =>
        updateProgram(services, principal.userId, params.programId, body),
    }),
    route({
      method: 'post',
      path: '/programs/:programId/transitions',
      access: 'admin',
      summary: 'Move a program to another status (409 invalid-transition otherwise)',
      params: programParams,
      body: transitionInput,
      handle: async ({ principal, params, body }): Promise<ProgramView> =>
        transitionProgram(services, principal.userId, params.programId, body.to, body.reason),
    }),
    route({
      method: 'get',
      path: '/programs/:programId/enrolments',
      access: 'admin',
      summary: 'Enrolments of a program, filtered',
      params: programParams,
      query: enrolmentFilters,
      handle: async ({ params, query }): Promise<{ items: EnrolmentView[] }> => ({
        items: await listEnrolments(services.db, params.programId, query),
      }),
    }),
    route({
      method: 'post',
      path: '/programs/:programId/imports',
      access: 'admin',
      idempotent: true,
      summary: 'Invite a CSV list of people (all or nothing; they confirm in the tab)',
      params: programParams,
      body: importInput,
      handle: async ({ principal, params, body }): Promise<ImportResultView> =>
        importInvitations(services, principal.userId, params.programId, body),
    }),
    route({
      method: 'get',
      path: '/programs/:programId/rematches',
      access: 'admin',
      summary: 'Rematch requests and re-org proposals of a program',
      params: programParams,
      handle: async ({ params }): Promise<{ items: RematchRequestView[] }> => ({
        items: await listRematchRequests(services.db, params.programId),
      }),
    }),
    route({
      method: 'get',
      path: '/eligibility-options',
      access: 'admin',
      summary: 'The departments and offices of the directory, for a program’s eligibility rules',
      handle: async (): Promise<EligibilityOptionsView> => eligibilityOptions(services.db),
    }),
    route({
      method: 'get',
      path: '/eligibility-options/groups',
      access: 'admin',
      summary: 'Directory groups with a word of their name starting with q, for eligibility rules',
      query: z
        .object({
          q: z
            .string()
            .trim()
            .min(GROUP_ELIGIBILITY.searchMinChars)
            .max(GROUP_ELIGIBILITY.searchMaxChars),
        })
        .strict(),
      handle: async ({ query }): Promise<DirectoryGroupsView> =>
        searchDirectoryGroups(services, query.q),
    }),
    route({
      method: 'get',
      path: '/me/suggested-role',
      access: 'signed-in',
      summary: 'The role suggested from the caller’s career level, with reasons',
      query: z.object({ programId: uuidParam }).strict(),
      handle: async ({ principal, query }): Promise<SuggestedRole> =>
        suggestedRole(services, principal.userId, query.programId),
    }),
    route({
      method: 'post',
      path: '/programs/:programId/enrolments',
      access: 'signed-in',
      summary: 'Enrol oneself (opt-in, eligible role, enrolment window)',
      params: programParams,
      body: enrolInput,
      handle: async ({ principal, params, body }) => {
        const view: EnrolmentView = await enrol(services, principal.userId, params.programId, body);
        return { status: 201, body: view };
      },
    }),
    route({
      method: 'patch',
      path: '/me/enrolments/:enrolmentId',
      access: 'signed-in',
      summary: 'Pause, resume, leave or edit one’s own enrolment',
      params: enrolmentParams,
      body: enrolmentPatch,
      handle: async ({ principal, params, body }): Promise<EnrolmentView> =>
        updateMyEnrolment(services, principal.userId, params.enrolmentId, body),
    }),
    route({
      method: 'get',
      path: '/me/invitations',
      access: 'signed-in',
      summary: 'Programs an admin invited the caller to, not yet confirmed',
      handle: async ({ principal }): Promise<{ items: InvitationView[] }> => ({
        items: await myInvitations(services.db, principal.userId, services.now()),
      }),
    }),
    route({
      method: 'post',
      path: '/me/invitations/:invitationId/decline',
      access: 'signed-in',
      summary: 'Decline an invitation: it leaves Home and no enrolment reminder follows',
      params: z.object({ invitationId: uuidParam }).strict(),
      handle: async ({ principal, params }): Promise<{ declined: true }> =>
        declineInvitation(services, principal.userId, params.invitationId),
    }),
    route({
      method: 'post',
      path: '/pairings/:pairingId/rematch',
      access: 'pairing-member',
      summary: 'Ask for a new partner (flags the pairing for the admin)',
      params: pairingParams,
      body: rematchInput,
      handle: async ({ principal, params, body }): Promise<{ requested: true }> =>
        requestRematch(services, principal, params.pairingId, body.reason),
    }),
  ];
}
