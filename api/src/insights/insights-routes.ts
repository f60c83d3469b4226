import { z } from 'zod';
import { problems, route } from '../app/index.js';
import type { RouteDef } from '../app/index.js';
import type { InsightsView } from '../contract/index.js';
import { recordAudit } from '../identity/index.js';
import type { Services } from '../app/index.js';
import { insightsCsv } from './insights-csv.js';
import { programInsights } from './program-insights.js';

const params = z.object({ programId: z.uuid() }).strict();

export function insightsRoutes(services: Services): RouteDef[] {
  const load = async (programId: string): Promise<InsightsView> => {
    const view = await programInsights(services.db, programId, services.now());
    if (view === undefined) throw problems.notFound('No such program.');
    return view;
  };
  return [
    route({
      method: 'get',
      path: '/programs/:programId/insights',
      access: 'admin',
      summary: 'Program outcomes as aggregates over groups of at least 5 people',
      params,
      handle: ({ params: p }): Promise<InsightsView> => load(p.programId),
    }),
    route({
      method: 'get',
      path: '/programs/:programId/insights.csv',
      access: 'admin',
      summary: 'The same aggregates as CSV (audited)',
      params,
      async handle({ principal, params: p }) {
        const caller = principal;
        const view = await load(p.programId);
        await recordAudit(services.db, {
          actorId: caller.userId,
          action: 'insights.export-csv',
          targetType: 'program',
          targetId: p.programId,
        });
        return {
          body: insightsCsv(view),
          contentType: 'text/csv; charset=utf-8',
          headers: {
            'content-disposition': `attachment; filename="insights-${p.programId}.csv"`,
            'cache-control': 'no-store',
          },
        };
      },
    }),
  ];
}
