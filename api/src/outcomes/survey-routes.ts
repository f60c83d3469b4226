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

/** Which of the caller's surveys a path names: the end survey on a pairing when it has one. */
type SurveyTarget = { programId: string } & ({ phase: 'baseline' | 'end' } | { pairingId: string });
const targetOf = (userId: string, t: SurveyTarget) => ({
  personId: userId,
  programId: t.programId,
  ...('pairingId' in t ? { phase: 'end' as const, pairingId: t.pairingId } : { phase: t.phase }),
});

export function surveyRoutes(services: Services): RouteDef[] {
  const one = <P extends SurveyTarget>(path: string, params: z.ZodType<P>): RouteDef[] => [
    route({
      method: 'get',
      path,
      access: 'signed-in',
      summary:
        "One of the caller's surveys with its items and their own answers (the end survey on the pairing named, else the current one)",
      params,
      async handle({ principal, params: p }): Promise<MySurveyView> {
        const library = await shippedSurveys();
        return mySurvey(services.db, library, {
          ...targetOf(principal.userId, p),
          now: services.now(),
        });
      },
    }),
    route({
      method: 'put',
      path,
      access: 'signed-in',
      summary:
        "Saves the caller's answers while the survey is open, replacing earlier ones (the end survey on the pairing named, else the current one)",
      params,
      body: answersBody,
      async handle({ principal, params: p, body }): Promise<MySurveyView> {
        const library = await shippedSurveys();
        return saveMySurvey(services.db, library, {
          ...targetOf(principal.userId, p),
          answers: body.answers,
          now: services.now(),
        });
      },
    }),
  ];
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
    ...one('/me/surveys/:programId/:phase', surveyParams),
    ...one('/me/surveys/:programId/end/:pairingId', endSurveyParams),
  ];
}
