import { desc } from 'drizzle-orm';
import type { AuditEntry } from '../contract/index.js';
import { auditLog, type Db } from '../store/index.js';

export interface AuditRecord {
  /** The person who acted (their Graph user id), or `system` for jobs acting on their own. */
  actorId: string;
  /** Dotted verb, e.g. `program.transition`, `match.override`, `insights.export`. */
  action: string;
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

/** The most recent audit rows, newest first. */
export async function listAudit(db: Db, o: { limit: number }): Promise<AuditEntry[]> {
  const rows = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(o.limit);
  return rows.map((r) => ({
    id: r.id,
    actorId: r.actorId,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    reason: r.reason,
    detail: r.detail,
    at: r.at.toISOString(),
  }));
}
