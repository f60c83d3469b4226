import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { ProblemError, route, type RouteDef } from '../app/index.js';
import type { AuditList, Me } from '../contract/index.js';
import type { Services } from '../app/index.js';
import { people } from '../store/index.js';
import { listAudit } from './audit.js';
import { isAdmin } from './authenticate.js';

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
        // A valid token for someone the org sync has not seen (or saw leave) has nothing to show.
        if (person === undefined || person.goneAt !== null) {
          throw new ProblemError({
            status: 404,
            type: 'not-in-directory',
            title: 'You are not in the directory yet',
            detail:
              'Your account is signed in, but the organisation directory does not list you. It refreshes regularly; try again later.',
          });
        }
        return {
          id: person.id,
          displayName: person.displayName,
          mail: person.mail,
          jobTitle: person.jobTitle,
          department: person.department,
          officeLocation: person.officeLocation,
          timeZone: person.timeZone,
          isAdmin: isAdmin(principal),
          localMode: services.config.localMode,
        };
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
