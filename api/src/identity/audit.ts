import { desc, inArray } from 'drizzle-orm';
import type { AuditAction, AuditEntry } from '../contract/index.js';
import { auditLog, people, programs, type Db } from '../store/index.js';

export interface AuditRecord {
  /** The person who acted (their Graph user id), or `system` for jobs acting on their own. */
  actorId: string;
  /** Dotted verb, one with words in `AUDIT_ACTION_WORDS` (e.g. `program.transition`). */
  action: AuditAction;
  targetType: string;
  targetId?: string | null | undefined;
  /** Why, in the admin's own words, when they gave one. */
  reason?: string | null | undefined;
  /** Small structured context. Never reflection text or tokens: the audit log is read by admins. */
  detail?: Record<string, unknown> | null | undefined;
}

/**
 * Appends one row to the audit log. Pass the transaction of the change being audited so the
 * action and its record land together or not at all.
 */
export async function recordAudit(db: Db, entry: AuditRecord): Promise<number> {
  const [row] = await db
    .insert(auditLog)
    .values({
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      reason: entry.reason ?? null,
      detail: entry.detail ?? null,
    })
    .returning({ id: auditLog.id });
  if (row === undefined) throw new Error('The audit row was not written');
  return row.id;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The program an entry is about: its target, or the program its detail names (a match run's). */
function programIdOf(r: { targetType: string; targetId: string | null; detail: unknown }) {
  const id =
    r.targetType === 'program'
      ? r.targetId
      : (r.detail as { programId?: unknown } | null)?.programId;
  return typeof id === 'string' && UUID.test(id) ? id : null;
}

/**
 * The most recent audit rows, newest first, with the names people read: who acted (from the
 * directory) and the program the action concerns.
 */
export async function listAudit(db: Db, o: { limit: number }): Promise<AuditEntry[]> {
  const rows = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(o.limit);
  const actorIds = [...new Set(rows.map((r) => r.actorId))];
  const programIds = [...new Set(rows.map(programIdOf).filter((id) => id !== null))];
  const actors =
    actorIds.length === 0
      ? []
      : await db
          .select({ id: people.id, name: people.displayName })
          .from(people)
          .where(inArray(people.id, actorIds));
  const named =
    programIds.length === 0
      ? []
      : await db
          .select({ id: programs.id, name: programs.name })
          .from(programs)
          .where(inArray(programs.id, programIds));
  const actorName = new Map(actors.map((a) => [a.id, a.name]));
  const programName = new Map(named.map((p) => [p.id, p.name]));
  return rows.map((r) => {
    const programId = programIdOf(r);
    return {
      id: r.id,
      actorId: r.actorId,
      actorName: actorName.get(r.actorId) ?? null,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      programName: programId === null ? null : (programName.get(programId) ?? null),
      reason: r.reason,
      detail: r.detail,
      at: r.at.toISOString(),
    };
  });
}
