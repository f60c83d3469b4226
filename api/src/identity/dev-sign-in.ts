import { and, asc, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import express, { type Router } from 'express';
import { z } from 'zod';
import { ProblemError, problems, validationProblem } from '../app/index.js';
import type { Config } from '../config/index.js';
import type { DevPerson, DevSignIn } from '../contract/index.js';
import { careerLevel } from '../org/index.js';
import { people, type Db } from '../store/index.js';

export interface DevSignInOptions {
  config: Config;
  db: Db;
  /** Origin of the in-process local tenant, when there is one. */
  localTenantOrigin: string | undefined;
  fetchImpl?: typeof fetch;
}

const peopleQuery = z
  .object({
    search: z.string().trim().max(100).default(''),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();

const signInBody = z.object({ userId: z.string().trim().min(1).max(128) }).strict();

const localPeopleAnswer = z.object({
  value: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      jobTitle: z.string().nullish(),
      department: z.string().nullish(),
      programAdmin: z.boolean(),
    }),
  ),
  programAdminIds: z.array(z.string()).default([]),
});

/** Case-insensitive match on what the picker shows; the search text is literal, not a pattern. */
function matching(search: string): SQL | undefined {
  if (search === '') return undefined;
  const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return or(
    ilike(people.displayName, pattern),
    ilike(people.mail, pattern),
    ilike(people.jobTitle, pattern),
    ilike(people.department, pattern),
  );
}

const tokenAnswer = z.object({ access_token: z.string(), expires_in: z.number() });

/**
 * Where the local tenant answers, or an error when there is none. Only a local tenant issues
 * tokens for any user on request; pointing this at Entra or real Graph must be impossible.
 */
function localTenantOrigin(o: DevSignInOptions): string {
  const graph = o.config.graph;
  if (!o.config.localMode || graph.kind === 'entra')
    throw new Error('The dev sign-in refuses to start outside local mode');
  if (graph.kind === 'external-local-tenant') return new URL(graph.baseUrl).origin;
  if (o.localTenantOrigin === undefined)
    throw new Error('The dev sign-in needs the embedded local tenant, which is not running');
  return o.localTenantOrigin;
}

function tenantUnavailable(): ProblemError {
  return new ProblemError({
    status: 503,
    type: 'local-tenant-unavailable',
    title: 'The local tenant does not answer',
    detail: 'The dev sign-in asks the local tenant for a token; it could not be reached.',
  });
}

/**
 * Local mode only: pick a demo person and get the token the local tenant issues for them. The API
 * then validates it exactly as it validates Entra tokens (signature from the published keys,
 * issuer, audience, scope), so the sign-in path under test is the production one.
 */
export function devSignInRouter(o: DevSignInOptions): Router {
  const origin = localTenantOrigin(o);
  const fetchImpl = o.fetchImpl ?? globalThis.fetch;
  const call = async (path: string, init?: RequestInit): Promise<Response> => {
    try {
      return await fetchImpl(`${origin}${path}`, { ...init, signal: AbortSignal.timeout(5_000) });
    } catch {
      throw tenantUnavailable();
    }
  };

  const router = express.Router();
  router.get('/dev/people', async (req, res) => {
    const query = peopleQuery.safeParse(req.query);
    if (!query.success) throw validationProblem(query.error, 'query');
    const { search, limit } = query.data;
    const params = new URLSearchParams({ search, top: String(limit) });
    const answer = await call(`/_local/people?${params.toString()}`);
    if (!answer.ok) throw tenantUnavailable();
    const parsed = localPeopleAnswer.safeParse(await answer.json());
    if (!parsed.success) throw tenantUnavailable();
    const admins = new Set(parsed.data.programAdminIds);
    for (const p of parsed.data.value) if (p.programAdmin) admins.add(p.id);

    // The synced directory, admins first so the admin views are one click away in a demo.
    const synced = await o.db
      .select()
      .from(people)
      .where(and(isNull(people.goneAt), matching(search)))
      .orderBy(
        sql`case when ${inArray(people.id, [...admins])} then 0 else 1 end`,
        asc(people.displayName),
      )
      .limit(limit);
    const list: DevPerson[] =
      synced.length > 0
        ? synced.map((row) => ({
            id: row.id,
            displayName: row.displayName,
            jobTitle: row.jobTitle,
            department: row.department,
            officeLocation: row.officeLocation,
            timeZone: row.timeZone,
            photoUrl: null,
            isAdmin: admins.has(row.id),
            suggestedRole: careerLevel({
              title: row.jobTitle,
              depth: row.depth,
              orgSize: row.orgSize,
              hireDate: row.hireDate,
            }).role,
          }))
        : // Before the first org sync: the tenant's own list, without what only the sync knows.
          parsed.data.value.map((p) => ({
            id: p.id,
            displayName: p.displayName,
            jobTitle: p.jobTitle ?? null,
            department: p.department ?? null,
            officeLocation: null,
            timeZone: null,
            photoUrl: null,
            isAdmin: admins.has(p.id),
            suggestedRole: null,
          }));
    res.json({ people: list });
  });

  router.post('/dev/sign-in', async (req, res) => {
    const body = signInBody.safeParse(req.body ?? {});
    if (!body.success) throw validationProblem(body.error, 'body');
    const answer = await call(`/_local/users/${encodeURIComponent(body.data.userId)}/token`, {
      method: 'POST',
    });
    if (answer.status === 404) throw problems.notFound('No such person in the local tenant.');
    if (!answer.ok) throw tenantUnavailable();
    const token = tokenAnswer.safeParse(await answer.json());
    if (!token.success) throw tenantUnavailable();
    const result: DevSignIn = {
      accessToken: token.data.access_token,
      expiresIn: token.data.expires_in,
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(result);
  });
  return router;
}
