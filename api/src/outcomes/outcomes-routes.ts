import type { RouteDef, Services } from '../app/index.js';
import { programReportRoutes } from '../insights/index.js';
import { outcomesCsv } from './outcomes-csv.js';
import { programOutcomes } from './program-outcomes.js';
import { shippedSurveys } from './survey-routes.js';

export function outcomesRoutes(services: Services): RouteDef[] {
  return programReportRoutes(services, {
    name: 'outcomes',
    summary: 'Outcome surveys: baseline, end and paired change with 95% intervals, groups of 5+',
    csvSummary: 'The same outcome aggregates as CSV (audited)',
    load: async (s, programId) => programOutcomes(s.db, await shippedSurveys(), programId, s.now()),
    csv: outcomesCsv,
  });
}
