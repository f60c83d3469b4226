import type { Db } from '../store/index.js';
import { auditLog } from '../store/index.js';

export interface AuditEntry {
  actorId: string;
  action: string;
  targetType: string;
  targetId?: string | null;
  reason?: string | null;
  /** Counts and ids only: never reflection text or other personal free text. */
  detail?: Record<string, unknown>;
}

/** Appends one audit row; pass a transaction so the row lands with the change it records. */
export async function writeAuditRow(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    reason: entry.reason ?? null,
    detail: entry.detail ?? null,
  });
}
