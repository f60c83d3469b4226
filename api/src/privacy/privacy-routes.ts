import { eq } from 'drizzle-orm';
import { messagePartnerChanged } from '../notifications/index.js';
import { partnerNeedsNewPartner } from '../programs/index.js';
import { z } from 'zod';
import { problems, retentionMonthsSchema, route } from '../app/index.js';
import type { RouteDef } from '../app/index.js';
import { RETENTION_LIMITS } from '../contract/index.js';
import type { DeletionReceipt, MyDataExport, RetentionView } from '../contract/index.js';
import { recordAudit } from '../identity/index.js';
import type { Services } from '../app/index.js';
import { programs } from '../store/index.js';
import { deleteMyData } from './delete-my-data.js';
import { exportMyData } from './my-data-export.js';
import { toRetentionView } from './retention.js';

const programParams = z.object({ programId: z.uuid() }).strict();

export function privacyRoutes(services: Services): RouteDef[] {
  const { db } = services;
  const programOf = async (id: string) => {
    const [row] = await db.select().from(programs).where(eq(programs.id, id));
    if (row === undefined) throw problems.notFound('No such program.');
    return row;
  };
  return [
    route({
      method: 'get',
      path: '/me/export',
      access: 'signed-in',
      summary: 'Everything the app holds about the caller, as a JSON download (audited)',
      async handle({ principal }) {
        const caller = principal;
        const body: MyDataExport = await exportMyData(db, caller.userId, services.now());
        await recordAudit(db, {
          actorId: caller.userId,
          action: 'me.export',
          targetType: 'person',
          targetId: caller.userId,
        });
        return {
          body,
          headers: {
            'content-disposition': 'attachment; filename="my-reverse-mentoring-data.json"',
            'cache-control': 'no-store',
          },
        };
      },
    }),
    route({
      method: 'delete',
      path: '/me',
      access: 'signed-in',
      summary:
        "Delete the caller's reflections and check-ins, leave their programs, end their pairings",
      async handle({ principal }): Promise<DeletionReceipt> {
        const caller = principal;
        const now = services.now();
        const { receipt, jobs } = await deleteMyData(db, caller.userId, now, {
          // The partner hears what next, and the program team gets them in its rematch queue
          // (not naming who asked: the request is about the partner, not the one who left).
          tellPartner: async (tx, pairingId) => {
            await messagePartnerChanged(services, tx, {
              pairingId,
              actorId: caller.userId,
              change: 'deleted-data',
              at: now,
            });
            await partnerNeedsNewPartner(services, tx, {
              pairingId,
              leaverId: caller.userId,
              requestedBy: null,
              now,
            });
          },
        });
        // The jobs are already queued inside the transaction; this only wakes the worker.
        for (const job of jobs) await services.enqueue(job);
        return receipt;
      },
    }),
    route({
      method: 'get',
      path: '/programs/:programId/retention',
      access: 'admin',
      summary: "How long a closed program's personal data is kept",
      params: programParams,
      async handle({ params }): Promise<RetentionView> {
        return toRetentionView(await programOf(params.programId));
      },
    }),
    route({
      method: 'put',
      path: '/programs/:programId/retention',
      access: 'admin',
      summary: "Change how long a closed program's personal data is kept (audited)",
      params: programParams,
      body: z
        .object({
          retentionMonths: retentionMonthsSchema,
          reason: z.string().trim().min(1).max(RETENTION_LIMITS.reasonMax).optional(),
        })
        .strict(),
      async handle({ principal, params, body }): Promise<RetentionView> {
        const caller = principal;
        const before = await programOf(params.programId);
        const updated = await db.transaction(async (tx) => {
          const [row] = await tx
            .update(programs)
            .set({ retentionMonths: body.retentionMonths, updatedAt: services.now() })
            .where(eq(programs.id, params.programId))
            .returning();
          await recordAudit(tx, {
            actorId: caller.userId,
            action: 'program.retention',
            targetType: 'program',
            targetId: params.programId,
            reason: body.reason ?? null,
            detail: { from: before.retentionMonths, to: body.retentionMonths },
          });
          return row;
        });
        if (updated === undefined) throw problems.notFound('No such program.');
        return toRetentionView(updated);
      },
    }),
  ];
}
