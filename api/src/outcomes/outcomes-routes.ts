import { z } from 'zod';
import { problems, route } from '../app/index.js';
import type { RouteDef, Services } from '../app/index.js';
import type { OutcomesView } from '../contract/index.js';
import { recordAudit } from '../identity/index.js';
import { outcomesCsv } from './outcomes-csv.js';
import { programOutcomes } from './program-outcomes.js';
import { shippedSurveys } from './survey-routes.js';

const params = z.object({ programId: z.uuid() }).strict();

export function outcomesRoutes(services: Services): RouteDef[] {
  const load = async (programId: string): Promise<OutcomesView> => {
    const view = await programOutcomes(
      services.db,
      await shippedSurveys(),
      programId,
      services.now(),
    );
    if (view === undefined) throw problems.notFound('No such program.');
    return view;
  };
  return [
    route({
      method: 'get',
      path: '/programs/:programId/outcomes',
      access: 'admin',
      summary: 'Outcome surveys: baseline, end and paired change with 95% intervals, groups of 5+',
      params,
      handle: ({ params: p }): Promise<OutcomesView> => load(p.programId),
    }),
    route({
      method: 'get',
      path: '/programs/:programId/outcomes.csv',
      access: 'admin',
      summary: 'The same outcome aggregates as CSV (audited)',
      params,
      async handle({ principal, params: p }) {
        const caller = principal;
        const view = await load(p.programId);
        await recordAudit(services.db, {
          actorId: caller.userId,
          action: 'outcomes.export-csv',
          targetType: 'program',
          targetId: p.programId,
        });
        return {
          body: outcomesCsv(view),
          contentType: 'text/csv; charset=utf-8',
          headers: {
            'content-disposition': `attachment; filename="outcomes-${p.programId}.csv"`,
            'cache-control': 'no-store',
          },
        };
      },
    }),
  ];
}
