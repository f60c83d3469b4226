import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { User } from '@microsoft/microsoft-graph-types';
import { rowsOf } from '../jobs/index.js';
import type { Db } from '../store/index.js';
import { dataProblems, people, syncState } from '../store/index.js';
import {
  ChartBuilder,
  computeHierarchy,
  computeIndexedHierarchy,
  type DataProblem,
  type IndexedHierarchy,
} from './hierarchy.js';

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
const WRITE_BATCH = 5_000;

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
      deps.logger?.warn({ err: String(err) }, 'org delta cursor unusable; running a full sync');
    }
  }
  return fullRound(deps, started);
}

/**
 * Asks for the next page while the caller is still writing this one, so Graph's latency and the
 * database writes overlap instead of adding up.
 */
export async function* prefetch<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  for (;;) {
    const result = await next;
    if (result.done === true) return;
    next = it.next();
    // Rejections are observed when awaited above; this only keeps Node from calling them unhandled.
    next.catch(() => undefined);
    yield result.value;
  }
}

/** Full-round rows, column by column: written with one `unnest` per page instead of N value lists. */
interface PageColumns {
  /** The person's index in the chart. */
  ix: number[];
  id: string[];
  displayName: string[];
  mail: (string | null)[];
  userPrincipalName: (string | null)[];
  jobTitle: (string | null)[];
  department: (string | null)[];
  officeLocation: (string | null)[];
  hireDate: (string | null)[];
  accountEnabled: boolean[];
  managerId: (string | null)[];
}

function emptyColumns(): PageColumns {
  return {
    ix: [],
    id: [],
    displayName: [],
    mail: [],
    userPrincipalName: [],
    jobTitle: [],
    department: [],
    officeLocation: [],
    hireDate: [],
    accountEnabled: [],
    managerId: [],
  };
}

/** Adds a page to the columns; each person and their manager go into the chart. */
function appendColumns(c: PageColumns, users: DeltaUser[], chart: ChartBuilder): void {
  for (const user of users) {
    if (typeof user.id !== 'string' || user['@removed'] !== undefined) continue;
    const managerId = managerFromDelta(user) ?? null;
    c.ix.push(chart.add(user.id, managerId));
    c.id.push(user.id);
    c.displayName.push(user.displayName ?? '(no name)');
    c.mail.push(user.mail ?? null);
    c.userPrincipalName.push(user.userPrincipalName ?? null);
    c.jobTitle.push(user.jobTitle ?? null);
    c.department.push(user.department ?? null);
    c.officeLocation.push(user.officeLocation ?? null);
    c.hireDate.push(user.employeeHireDate ?? null);
    c.accountEnabled.push(user.accountEnabled ?? true);
    c.managerId.push(managerId);
  }
}

const STAGING = sql.raw('org_sync_staging');

/** Pages wait here (a temporary table: no indexes, no log) until everyone's place is known. */
async function createStaging(db: Db): Promise<void> {
  await db.execute(sql`
    create temporary table ${STAGING} (ix int not null, id text not null,
      display_name text not null, mail text, user_principal_name text, job_title text,
      department text, office_location text, hire_date timestamptz, account_enabled boolean not null,
      manager_id text) on commit drop`);
}

/** Stages some pages of people in one statement. */
async function stageRows(db: Db, c: PageColumns): Promise<void> {
  if (c.id.length === 0) return;
  const col = <T>(values: T[]) => sql.param(values);
  await db.execute(sql`
    insert into ${STAGING}
    select * from unnest(${col(c.ix)}::int[], ${col(c.id)}::text[], ${col(c.displayName)}::text[],
      ${col(c.mail)}::text[], ${col(c.userPrincipalName)}::text[], ${col(c.jobTitle)}::text[],
      ${col(c.department)}::text[], ${col(c.officeLocation)}::text[],
      ${col(c.hireDate)}::timestamptz[], ${col(c.accountEnabled)}::boolean[],
      ${col(c.managerId)}::text[])`);
}

/** Writes every staged person with their place in the chart, in one statement. */
async function writePeople(db: Db, h: IndexedHierarchy, now: Date): Promise<void> {
  const depth = Array.from(h.depth, (d) => (d < 0 ? null : d));
  await db.execute(sql`
    insert into ${people} (id, display_name, mail, user_principal_name, job_title, department,
      office_location, hire_date, account_enabled, manager_id, depth, org_size, direct_reports,
      synced_at, gone_at)
    select s.id, s.display_name, s.mail, s.user_principal_name, s.job_title, s.department,
      s.office_location, s.hire_date, s.account_enabled, s.manager_id, v.depth, v.org_size,
      v.direct_reports, ${now}::timestamptz, null
    from ${STAGING} s join unnest(${sql.param(depth)}::int[],
      ${sql.param(Array.from(h.orgSize))}::int[], ${sql.param(Array.from(h.directReports))}::int[])
      with ordinality as v(depth, org_size, direct_reports, n) on v.n = s.ix + 1
    on conflict (id) do update set
      display_name = excluded.display_name, mail = excluded.mail,
      user_principal_name = excluded.user_principal_name, job_title = excluded.job_title,
      department = excluded.department, office_location = excluded.office_location,
      hire_date = excluded.hire_date, account_enabled = excluded.account_enabled,
      manager_id = excluded.manager_id, depth = excluded.depth, org_size = excluded.org_size,
      direct_reports = excluded.direct_reports, synced_at = excluded.synced_at, gone_at = null`);
}

/** A secondary index of `people` as PostgreSQL would create it again. */
interface IndexDefinition {
  name: string;
  definition: string;
}

/**
 * The indexes of `people` that only speed up reads: not the primary key (the upsert's conflict
 * target), not unique ones, none behind a constraint. Read from the catalogue, so a migration that
 * changes them changes what is rebuilt.
 */
async function readOnlyIndexes(db: Db): Promise<IndexDefinition[]> {
  const result = await db.execute(sql`
    select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indrelid = ${sql.raw(`'people'::regclass`)} and not i.indisunique
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
    order by c.relname`);
  return rowsOf(result).map((r) => ({ name: String(r.name), definition: String(r.definition) }));
}

/**
 * The first full round fills an empty table: building its read indexes once after the load costs
 * a fraction of keeping them up to date row by row (about 0.7 s of 100,000 people on PGlite).
 * Nobody reads an empty chart, so the exclusive lock the drop takes until commit keeps no one
 * waiting; later rounds, with readers, keep their indexes. Returns the indexes to build again.
 */
async function dropIndexesForFirstLoad(db: Db): Promise<IndexDefinition[]> {
  const [someone] = await db.select({ id: people.id }).from(people).limit(1);
  if (someone !== undefined) return [];
  const indexes = await readOnlyIndexes(db);
  for (const index of indexes) await db.execute(sql`drop index ${sql.identifier(index.name)}`);
  return indexes;
}

/**
 * Pages are staged as they arrive (a few thousand people a statement) and then dropped: only the
 * chart (an index and a manager index per person, in typed arrays) stays in memory. Once it is
 * complete everyone is written with their place, in one transaction with the cursor: a crash
 * leaves the previous state and no cursor, and the next run converges on the same rows.
 */
async function fullRound(deps: OrgSyncDeps, started: number): Promise<OrgSyncSummary> {
  const now = deps.now?.() ?? new Date();
  const chart = new ChartBuilder();
  let nextDeltaLink: string | undefined;
  let removed = 0;
  let hierarchy: IndexedHierarchy | undefined;
  await deps.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    await createStaging(db);
    // Pages are small (Graph sends at most 999 users a page): a few are gathered per statement.
    let pending = emptyColumns();
    for await (const page of prefetch(deps.graph.usersDelta({ select: USER_SELECT }))) {
      appendColumns(pending, page.users, chart);
      if (page.deltaLink !== undefined) nextDeltaLink = page.deltaLink;
      if (pending.id.length >= WRITE_BATCH) {
        await stageRows(db, pending);
        pending = emptyColumns();
      }
    }
    await stageRows(db, pending);
    hierarchy = computeIndexedHierarchy(chart.chart());
    const dropped = await dropIndexesForFirstLoad(db);
    await writePeople(db, hierarchy, now);
    for (const index of dropped) await db.execute(sql.raw(index.definition));
    // Whoever the full round did not return has left the directory.
    const gone = await db
      .update(people)
      .set({ goneAt: now })
      .where(and(isNull(people.goneAt), lt(people.syncedAt, now)))
      .returning({ id: people.id });
    removed = gone.length;
    await recordProblems(db, hierarchy.problems, now);
    await saveCursor(db, nextDeltaLink, now, 'full');
  });
  if (hierarchy === undefined) throw new Error('org sync did not finish');
  return {
    mode: 'full',
    people: chart.people,
    withoutManager: hierarchy.withoutManager,
    maxDepth: hierarchy.maxDepth,
    dataProblems: hierarchy.problems.length,
    changed: chart.people,
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
