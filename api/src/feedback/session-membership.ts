import { eq } from 'drizzle-orm';
import { problems } from '../app/index.js';
import type { Db } from '../store/index.js';
import { pairings, sessions } from '../store/index.js';
import type { Role } from '../contract/index.js';

export type SessionRow = typeof sessions.$inferSelect;
export type PairingRow = typeof pairings.$inferSelect;

export interface SessionMembership {
  session: SessionRow;
  pairing: PairingRow;
  role: Role;
  partnerId: string;
}

/**
 * The caller's place in a session's pairing. Checked here as well as by the route table, because
 * the route table lets admins through some member rules and private data must not follow them.
 */
export async function findSessionMembership(
  db: Db,
  sessionId: string,
  userId: string,
): Promise<SessionMembership> {
  const rows = await db
    .select({ session: sessions, pairing: pairings })
    .from(sessions)
    .innerJoin(pairings, eq(pairings.id, sessions.pairingId))
    .where(eq(sessions.id, sessionId));
  const row = rows[0];
  if (row === undefined) throw problems.notFound('No such session.');
  const membership = membershipOf(row.session, row.pairing, userId);
  if (membership === undefined)
    throw problems.forbidden('Only the two people of this pairing can open this session.');
  return membership;
}

export function membershipOf(
  session: SessionRow,
  pairing: PairingRow,
  userId: string,
): SessionMembership | undefined {
  if (pairing.mentorId === userId)
    return { session, pairing, role: 'mentor', partnerId: pairing.leaderId };
  if (pairing.leaderId === userId)
    return { session, pairing, role: 'leader', partnerId: pairing.mentorId };
  return undefined;
}

/** The caller's role in a pairing, or a 403 (admins included: this guards private data). */
export async function findPairingRole(
  db: Db,
  pairingId: string,
  userId: string,
): Promise<{ pairing: PairingRow; role: Role }> {
  const rows = await db.select().from(pairings).where(eq(pairings.id, pairingId));
  const pairing = rows[0];
  if (pairing === undefined) throw problems.notFound('No such pairing.');
  if (pairing.mentorId === userId) return { pairing, role: 'mentor' };
  if (pairing.leaderId === userId) return { pairing, role: 'leader' };
  throw problems.forbidden('Only the two people of this pairing can do this.');
}
