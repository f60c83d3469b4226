import { eq, isNull } from 'drizzle-orm';
import type { Db } from '../store/index.js';
import { dataProblems, syncState } from '../store/index.js';
import type { DataProblem } from './hierarchy.js';
import type { DirectoryReader } from './user-delta.js';

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

export interface OrgSyncDeps {
  db: Db;
  graph: DirectoryReader;
  logger?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  now?: () => Date;
}

const ORG_STREAM = 'org-users';
const CHUNK = 1_000;

/** Where the last round left the directory: the delta link to continue from, if any. */
export async function savedDeltaLink(db: Db): Promise<string | undefined> {
  const [state] = await db.select().from(syncState).where(eq(syncState.key, ORG_STREAM));
  return state?.deltaLink ?? undefined;
}

/** Opens problems newly seen and resolves those that are gone; the same data leaves the table unchanged. */
export async function recordProblems(db: Db, found: DataProblem[], now: Date): Promise<void> {
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

export async function saveCursor(
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
