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
      summary: "One of the caller's surveys with its items and their own answers",
      params: surveyParams,
      async handle({ principal, params }): Promise<MySurveyView> {
        const me = principal;
        const library = await shippedSurveys();
        return mySurvey(
          services.db,
          library,
          me.userId,
          params.programId,
          params.phase,
          services.now(),
        );
      },
    }),
    route({
      method: 'put',
      path: '/me/surveys/:programId/:phase',
      access: 'signed-in',
      summary: "Saves the caller's answers while the survey is open (replaces earlier ones)",
      params: surveyParams,
      body: answersBody,
      async handle({ principal, params, body }): Promise<MySurveyView> {
        const me = principal;
        const library = await shippedSurveys();
        return saveMySurvey(services.db, library, {
          personId: me.userId,
          programId: params.programId,
          phase: params.phase,
          answers: body.answers,
          now: services.now(),
        });
      },
    }),
  ];
}
