import { recordAudit } from '../identity/index.js';
import type { AuditAction } from '../contract/index.js';
import type { Db } from '../store/index.js';

export interface ProgramAudit {
  actorId: string;
  action: AuditAction;
  targetType: 'program' | 'match-run' | 'enrolment' | 'pairing';
  targetId: string;
  reason?: string | null | undefined;
  detail?: Record<string, unknown>;
}

/** Every admin action of this concept lands in the audit log, inside the change's transaction. */
export async function audit(db: Db, entry: ProgramAudit): Promise<void> {
  await recordAudit(db, {
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    reason: entry.reason ?? null,
    ...(entry.detail === undefined ? {} : { detail: entry.detail }),
  });
}
