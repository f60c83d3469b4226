import type { RouteDef, Services } from '../app/index.js';
import { insightsCsv } from './insights-csv.js';
import { programInsights } from './program-insights.js';
import { programReportRoutes } from './report-routes.js';

export function insightsRoutes(services: Services): RouteDef[] {
  return programReportRoutes(services, {
    name: 'insights',
    summary: 'Program outcomes as aggregates over groups of at least 5 people',
    csvSummary: 'The same aggregates as CSV (audited)',
    load: (s, programId) => programInsights(s.db, programId, s.now()),
    csv: insightsCsv,
  });
}
