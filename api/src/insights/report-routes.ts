import { z } from 'zod';
import { problems, route } from '../app/index.js';
import type { RouteDef, Services } from '../app/index.js';
import type { ReportName } from '../contract/index.js';
import { recordAudit } from '../identity/index.js';

const params = z.object({ programId: z.uuid() }).strict();

/** A program report the admin reads as JSON and exports as CSV (insights, outcomes). */
export interface ProgramReport<V> {
  /** Names the paths (`/programs/:programId/<name>` and `.csv`), the audit action and the file. */
  name: ReportName;
  summary: string;
  csvSummary: string;
  /** The report, or undefined when there is no such program. */
  load(services: Services, programId: string): Promise<V | undefined>;
  csv(view: V): string;
}

/** The report's two admin routes; the CSV export is audited as `<name>.export-csv`. */
export function programReportRoutes<V>(services: Services, report: ProgramReport<V>): RouteDef[] {
  const load = async (programId: string): Promise<V> => {
    const view = await report.load(services, programId);
    if (view === undefined) throw problems.notFound('No such program.');
    return view;
  };
  return [
    route({
      method: 'get',
      path: `/programs/:programId/${report.name}`,
      access: 'admin',
      summary: report.summary,
      params,
      handle: ({ params: p }): Promise<V> => load(p.programId),
    }),
    route({
      method: 'get',
      path: `/programs/:programId/${report.name}.csv`,
      access: 'admin',
      summary: report.csvSummary,
      params,
      async handle({ principal, params: p }) {
        const view = await load(p.programId);
        await recordAudit(services.db, {
          actorId: principal.userId,
          action: `${report.name}.export-csv`,
          targetType: 'program',
          targetId: p.programId,
        });
        return {
          body: report.csv(view),
          contentType: 'text/csv; charset=utf-8',
          headers: {
            'content-disposition': `attachment; filename="${report.name}-${p.programId}.csv"`,
            'cache-control': 'no-store',
          },
        };
      },
    }),
  ];
}
