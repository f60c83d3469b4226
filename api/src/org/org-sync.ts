import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { User } from '@microsoft/microsoft-graph-types';
import type { Db } from '../store/index.js';
import { dataProblems, people, syncState } from '../store/index.js';
import { computeHierarchy, type DataProblem } from './hierarchy.js';

/** A user as `/users/delta` returns it: changed properties, the manager link, or a removal. */
export type DeltaUser = User & {
  'manager@delta'?: { id?: string; '@removed'?: unknown }[];
  '@removed'?: { reason?: string };
};

/** The part of the Graph client org sync needs. */
export interface DirectoryReader {
  usersDelta(o: {
    select: string[];
    deltaLink?: string;
  }): AsyncIterable<{ users: DeltaUser[]; deltaLink?: string }>;
}

export interface OrgSyncSummary {
  mode: 'full' | 'delta';
  people: number;
  withoutManager: number;
  maxDepth: number;
  dataProblems: number;
  changed: number;
  removed: number;
  durationMs: number;
}

export const USER_SELECT = [
  'id',
  'displayName',
  'mail',
  'userPrincipalName',
  'jobTitle',
  'department',
  'officeLocation',
  'employeeHireDate',
  'accountEnabled',
  'manager',
];

const ORG_STREAM = 'org-users';
const CHUNK = 1_000;

type PersonInsert = typeof people.$inferInsert;

/** Graph's 410 on a delta link means the cursor expired: start again with a full round. */
function isResyncRequired(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { status?: unknown }).status === 410;
}

function managerFromDelta(user: DeltaUser): string | null | undefined {
  const links = user['manager@delta'];
  if (links === undefined) return undefined;
  const current = links.find((l) => l['@removed'] === undefined && typeof l.id === 'string');
  return current?.id ?? null;
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

export interface OrgSyncDeps {
  db: Db;
  graph: DirectoryReader;
  logger?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  now?: () => Date;
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
  const [state] = await deps.db.select().from(syncState).where(eq(syncState.key, ORG_STREAM));
  const deltaLink = o.full === true ? undefined : (state?.deltaLink ?? undefined);
  if (deltaLink !== undefined) {
    try {
      return await deltaRound(deps, deltaLink, started);
    } catch (err) {
      if (!isResyncRequired(err)) throw err;
      deps.logger?.warn({}, 'org delta cursor expired (410); running a full sync');
    }
  }
  return fullRound(deps, started);
}

async function fullRound(deps: OrgSyncDeps, started: number): Promise<OrgSyncSummary> {
  const now = deps.now?.() ?? new Date();
  const seen = new Map<string, PersonInsert>();
  let nextDeltaLink: string | undefined;
  for await (const page of deps.graph.usersDelta({ select: USER_SELECT })) {
    for (const user of page.users) {
      if (typeof user.id !== 'string' || user['@removed'] !== undefined) continue;
      const fields = personFields(user, now);
      seen.set(user.id, {
        id: user.id,
        displayName: fields.displayName ?? '(no name)',
        ...fields,
        managerId: fields.managerId ?? null,
      });
    }
    if (page.deltaLink !== undefined) nextDeltaLink = page.deltaLink;
  }

  const hierarchy = computeHierarchy(
    [...seen.values()].map((p) => ({ id: p.id, managerId: p.managerId ?? null })),
  );
  const rows = [...seen.values()].map((p) => {
    const placement = hierarchy.placements.get(p.id);
    return {
      ...p,
      depth: placement?.depth ?? null,
      orgSize: placement?.orgSize ?? 0,
      directReports: placement?.directReports ?? 0,
    };
  });

  let removed = 0;
  await deps.db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await tx
        .insert(people)
        .values(rows.slice(i, i + CHUNK))
        .onConflictDoUpdate({
          target: people.id,
          set: {
            displayName: sql`excluded.display_name`,
            mail: sql`excluded.mail`,
            userPrincipalName: sql`excluded.user_principal_name`,
            jobTitle: sql`excluded.job_title`,
            department: sql`excluded.department`,
            officeLocation: sql`excluded.office_location`,
            hireDate: sql`excluded.hire_date`,
            accountEnabled: sql`excluded.account_enabled`,
            managerId: sql`excluded.manager_id`,
            depth: sql`excluded.depth`,
            orgSize: sql`excluded.org_size`,
            directReports: sql`excluded.direct_reports`,
            goneAt: sql`null`,
            syncedAt: sql`excluded.synced_at`,
          },
        });
    }
    // Whoever the full round did not return has left the directory.
    const gone = await tx
      .update(people)
      .set({ goneAt: now })
      .where(and(isNull(people.goneAt), lt(people.syncedAt, now)))
      .returning({ id: people.id });
    removed = gone.length;
    await recordProblems(tx as unknown as Db, hierarchy.problems, now);
    await saveCursor(tx as unknown as Db, nextDeltaLink, now, 'full');
  });

  return {
    mode: 'full',
    people: rows.length,
    withoutManager: hierarchy.withoutManager,
    maxDepth: hierarchy.maxDepth,
    dataProblems: hierarchy.problems.length,
    changed: rows.length,
    removed,
    durationMs: Date.now() - started,
  };
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

/** Opens problems newly seen and resolves those that are gone; the same data leaves the table unchanged. */
async function recordProblems(db: Db, found: DataProblem[], now: Date): Promise<void> {
  const open = await db
    .select({ id: dataProblems.id, personId: dataProblems.personId, kind: dataProblems.kind })
    .from(dataProblems)
    .where(isNull(dataProblems.resolvedAt));
  const key = (p: { personId: string; kind: string }) => `${p.kind}\u0000${p.personId}`;
  const foundKeys = new Set(found.map(key));
  const openKeys = new Set(open.map(key));
  const fresh = found.filter((p) => !openKeys.has(key(p)));
  for (let i = 0; i < fresh.length; i += CHUNK) {
    await db
      .insert(dataProblems)
      .values(fresh.slice(i, i + CHUNK).map((p) => ({ ...p, detectedAt: now })));
  }
  for (const p of open) {
    if (!foundKeys.has(key(p))) {
      await db.update(dataProblems).set({ resolvedAt: now }).where(eq(dataProblems.id, p.id));
    }
  }
}

async function saveCursor(
  db: Db,
  deltaLink: string | undefined,
  now: Date,
  mode: 'full' | 'delta',
): Promise<void> {
  const times = mode === 'full' ? { lastFullSyncAt: now } : { lastDeltaSyncAt: now };
  await db
    .insert(syncState)
    .values({ key: ORG_STREAM, deltaLink: deltaLink ?? null, ...times, updatedAt: now })
    .onConflictDoUpdate({
      target: syncState.key,
      set: { deltaLink: deltaLink ?? null, ...times, updatedAt: now },
    });
}
