import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../store/index.js';
import { people } from '../store/index.js';
import { computeHierarchy } from './hierarchy.js';
import { fullRound } from './full-round.js';
import {
  recordProblems,
  saveCursor,
  savedDeltaLink,
  type OrgSyncDeps,
  type OrgSyncSummary,
} from './org-records.js';
import { managerFromDelta, USER_SELECT, type DeltaUser } from './user-delta.js';

export type { OrgSyncDeps, OrgSyncSummary } from './org-records.js';
export { prefetch, USER_SELECT, type DeltaUser, type DirectoryReader } from './user-delta.js';

const CHUNK = 1_000;

type PersonInsert = typeof people.$inferInsert;

/**
 * A saved cursor that cannot be followed asks for a full round: Graph's 410 (it expired), or the
 * client's refusal (`InvalidRequest`) of a link to another server than the configured Graph, e.g.
 * a cursor from an earlier embedded local tenant, which listened on another port.
 */
function isResyncRequired(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { status, code } = err as { status?: unknown; code?: unknown };
  return status === 410 || code === 'InvalidRequest';
}

/** Only the properties the change carries: delta answers may leave unchanged ones out. */
function personFields(user: DeltaUser, now: Date): Partial<PersonInsert> {
  const fields: Partial<PersonInsert> = { syncedAt: now, goneAt: null };
  if (user.displayName !== undefined) fields.displayName = user.displayName ?? '(no name)';
  if (user.mail !== undefined) fields.mail = user.mail;
  if (user.userPrincipalName !== undefined) fields.userPrincipalName = user.userPrincipalName;
  if (user.jobTitle !== undefined) fields.jobTitle = user.jobTitle;
  if (user.department !== undefined) fields.department = user.department;
  if (user.officeLocation !== undefined) fields.officeLocation = user.officeLocation;
  if (user.employeeHireDate !== undefined) {
    fields.hireDate = user.employeeHireDate === null ? null : new Date(user.employeeHireDate);
  }
  if (user.accountEnabled !== undefined) fields.accountEnabled = user.accountEnabled ?? true;
  const manager = managerFromDelta(user);
  if (manager !== undefined) fields.managerId = manager;
  return fields;
}

/**
 * Brings the people table in line with the directory: a full round the first time (or when the
 * delta cursor expired), then only the changes. Idempotent: the same directory gives the same rows.
 */
export async function syncOrg(
  deps: OrgSyncDeps,
  o: { full?: boolean } = {},
): Promise<OrgSyncSummary> {
  const started = Date.now();
  const deltaLink = o.full === true ? undefined : await savedDeltaLink(deps.db);
  if (deltaLink !== undefined) {
    try {
      return await deltaRound(deps, deltaLink, started);
    } catch (err) {
      if (!isResyncRequired(err)) throw err;
      deps.logger?.warn({ err: String(err) }, 'org delta cursor unusable; running a full sync');
    }
  }
  return fullRound(deps, started);
}

async function deltaRound(
  deps: OrgSyncDeps,
  deltaLink: string,
  started: number,
): Promise<OrgSyncSummary> {
  const now = deps.now?.() ?? new Date();
  const changes: DeltaUser[] = [];
  let nextDeltaLink: string | undefined;
  for await (const page of deps.graph.usersDelta({ select: USER_SELECT, deltaLink })) {
    changes.push(...page.users);
    if (page.deltaLink !== undefined) nextDeltaLink = page.deltaLink;
  }

  let changed = 0;
  let removed = 0;
  let summary: Omit<OrgSyncSummary, 'mode' | 'changed' | 'removed' | 'durationMs'> | undefined;
  await deps.db.transaction(async (tx) => {
    for (const user of changes) {
      if (typeof user.id !== 'string') continue;
      if (user['@removed'] !== undefined) {
        const gone = await tx
          .update(people)
          .set({ goneAt: now })
          .where(and(eq(people.id, user.id), isNull(people.goneAt)))
          .returning({ id: people.id });
        removed += gone.length;
        continue;
      }
      const fields = personFields(user, now);
      await tx
        .insert(people)
        .values({ id: user.id, displayName: fields.displayName ?? '(no name)', ...fields })
        .onConflictDoUpdate({ target: people.id, set: fields });
      changed += 1;
    }
    summary = await replaceHierarchy(tx as unknown as Db, now);
    await saveCursor(tx as unknown as Db, nextDeltaLink, now, 'delta');
  });
  if (summary === undefined) throw new Error('org delta sync did not finish');
  return { mode: 'delta', ...summary, changed, removed, durationMs: Date.now() - started };
}

/** Recomputes everyone's place after changes and writes only what moved. */
async function replaceHierarchy(
  db: Db,
  now: Date,
): Promise<Omit<OrgSyncSummary, 'mode' | 'changed' | 'removed' | 'durationMs'>> {
  const current = await db
    .select({
      id: people.id,
      managerId: people.managerId,
      depth: people.depth,
      orgSize: people.orgSize,
      directReports: people.directReports,
    })
    .from(people)
    .where(isNull(people.goneAt));
  const hierarchy = computeHierarchy(current);
  const moved = current.filter((p) => {
    const next = hierarchy.placements.get(p.id);
    return (
      next !== undefined &&
      (next.depth !== p.depth ||
        next.orgSize !== p.orgSize ||
        next.directReports !== p.directReports)
    );
  });
  for (let i = 0; i < moved.length; i += CHUNK) {
    const values = moved.slice(i, i + CHUNK).map((p) => {
      const next = hierarchy.placements.get(p.id);
      return sql`(${p.id}, ${next?.depth ?? null}::int, ${next?.orgSize ?? 0}::int, ${next?.directReports ?? 0}::int)`;
    });
    await db.execute(sql`
      update ${people} set depth = v.depth, org_size = v.org_size, direct_reports = v.direct_reports
      from (values ${sql.join(values, sql`, `)}) as v(id, depth, org_size, direct_reports)
      where ${people.id} = v.id`);
  }
  await recordProblems(db, hierarchy.problems, now);
  return {
    people: current.length,
    withoutManager: hierarchy.withoutManager,
    maxDepth: hierarchy.maxDepth,
    dataProblems: hierarchy.problems.length,
  };
}
