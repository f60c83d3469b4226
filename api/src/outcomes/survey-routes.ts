import { z } from 'zod';
import { route } from '../app/index.js';
import type { RouteDef, Services } from '../app/index.js';
import type { MySurveyView, MySurveysView } from '../contract/index.js';
import { loadSurveyLibrary } from './instrument-loader.js';
import type { SurveyLibrary } from './instrument-loader.js';
import { listMySurveys, mySurvey, saveMySurvey } from './survey-responses.js';

let shipped: Promise<SurveyLibrary> | undefined;
/** The shipped surveys, loaded once per process (content is checked at the first load). */
export function shippedSurveys(): Promise<SurveyLibrary> {
  shipped ??= loadSurveyLibrary();
  return shipped;
}

const surveyParams = z.object({ programId: z.uuid(), phase: z.enum(['baseline', 'end']) }).strict();
const endSurveyParams = z.object({ programId: z.uuid(), pairingId: z.uuid() }).strict();
const answersBody = z
  .object({
    answers: z
      .record(z.string().max(60), z.number().int().min(1).max(7))
      .refine((a) => Object.keys(a).length <= 40, 'too many answers'),
  })
  .strict();

export function surveyRoutes(services: Services): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/me/surveys',
      access: 'signed-in',
      summary: "The caller's outcome surveys in each program, with their own answers",
      async handle({ principal }): Promise<MySurveysView> {
        const me = principal;
        const library = await shippedSurveys();
        return { surveys: await listMySurveys(services.db, library, me.userId, services.now()) };
      },
    }),
    route({
      method: 'get',
      path: '/me/surveys/:programId/:phase',
      access: 'signed-in',
      summary:
        "One of the caller's surveys with its items and their own answers (end: the current one)",
      params: surveyParams,
      async handle({ principal, params }): Promise<MySurveyView> {
        const library = await shippedSurveys();
        return mySurvey(services.db, library, {
          personId: principal.userId,
          programId: params.programId,
          phase: params.phase,
          now: services.now(),
        });
      },
    }),
    route({
      method: 'get',
      path: '/me/surveys/:programId/end/:pairingId',
      access: 'signed-in',
      summary: "The caller's end survey on one of their pairings, with their own answers",
      params: endSurveyParams,
      async handle({ principal, params }): Promise<MySurveyView> {
        const library = await shippedSurveys();
        return mySurvey(services.db, library, {
          personId: principal.userId,
          programId: params.programId,
          phase: 'end',
          pairingId: params.pairingId,
          now: services.now(),
        });
      },
    }),
    route({
      method: 'put',
      path: '/me/surveys/:programId/:phase',
      access: 'signed-in',
      summary: "Saves the caller's answers while the survey is open (end: the current one)",
      params: surveyParams,
      body: answersBody,
      async handle({ principal, params, body }): Promise<MySurveyView> {
        const library = await shippedSurveys();
        return saveMySurvey(services.db, library, {
          personId: principal.userId,
          programId: params.programId,
          phase: params.phase,
          answers: body.answers,
          now: services.now(),
        });
      },
    }),
    route({
      method: 'put',
      path: '/me/surveys/:programId/end/:pairingId',
      access: 'signed-in',
      summary:
        "Saves the caller's end-survey answers on one of their pairings while open (replaces earlier ones)",
      params: endSurveyParams,
      body: answersBody,
      async handle({ principal, params, body }): Promise<MySurveyView> {
        const library = await shippedSurveys();
        return saveMySurvey(services.db, library, {
          personId: principal.userId,
          programId: params.programId,
          phase: 'end',
          pairingId: params.pairingId,
          answers: body.answers,
          now: services.now(),
        });
      },
    }),
  ];
}
