import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { route, type RouteDef } from '../app/index.js';
import type { AuditList, Me } from '../contract/index.js';
import type { Services } from '../app/index.js';
import { people } from '../store/index.js';
import { listAudit } from './audit.js';
import { meView, notInDirectory } from './me.js';

const auditQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(500).default(100) })
  .strict();

/** `GET /api/me` (who am I) and `GET /api/audit` (what admins did). */
export function identityRoutes(services: Services): RouteDef[] {
  const { db } = services;
  return [
    route({
      method: 'get',
      path: '/me',
      access: 'signed-in',
      summary: "The caller's own person record from the synced directory",
      async handle({ principal }): Promise<Me> {
        const [person] = await db
          .select()
          .from(people)
          .where(eq(people.id, principal.userId))
          .limit(1);
        if (person === undefined || person.goneAt !== null) throw notInDirectory();
        return meView(person, principal, services.config.localMode);
      },
    }),
    route({
      method: 'get',
      path: '/audit',
      access: 'admin',
      summary: 'The most recent admin actions and exports, newest first',
      query: auditQuery,
      async handle({ query }): Promise<AuditList> {
        return { items: await listAudit(db, { limit: query.limit }) };
      },
    }),
  ];
}
