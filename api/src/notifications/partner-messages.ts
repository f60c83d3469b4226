import { eq } from 'drizzle-orm';
import type { Services } from '../app/index.js';
import { tabPaths } from '../contract/index.js';
import type { Db } from '../store/index.js';
import { pairings } from '../store/index.js';
import { peopleById, queueAll } from './event-messages.js';
import { ownersOfPrograms } from './program-owners-of.js';

/**
 * What happened to someone's partner. Leaving the program, deleting one's data (which leaves the
 * program), leaving the organisation, a closed account and being rematched all end the pairing;
 * a pause keeps it.
 */
export type PartnerChange =
  'left' | 'deleted-data' | 'left-company' | 'account-closed' | 'rematched' | 'paused' | 'resumed';

/**
 * Where the message opens: Home, which shows someone without a partner that the program team is
 * finding them one (and offers pause and leave); or the pairing page, which offers "Ask for a
 * rematch" while the pairing runs.
 */
type Where = 'home' | 'pairing';

/** Every ending puts the one who stays in the program's rematch queue (`openRematchRequest`). */
const ENDED =
  'Your remaining sessions with them are cancelled in both calendars. You stay enrolled, and the program team has been asked to find you a new partner';

/** What the one who stays reads: what happened, what became of the sessions, what comes next. */
export const PARTNER_CHANGE_WORDS: Record<
  PartnerChange,
  { change: string; nextStep: string; where: Where }
> = {
  left: { change: 'has left the mentoring program', nextStep: ENDED, where: 'home' },
  // Deleting one's data is their private business: the partner hears only that they left.
  'deleted-data': { change: 'has left the mentoring program', nextStep: ENDED, where: 'home' },
  'left-company': { change: 'has left the organisation', nextStep: ENDED, where: 'home' },
  'account-closed': {
    change: 'can no longer take part, as their work account was closed',
    nextStep: ENDED,
    where: 'home',
  },
  rematched: {
    change: 'has a new partner, chosen by the program team',
    nextStep: ENDED.replace('sessions with them', 'sessions together'),
    where: 'home',
  },
  paused: {
    change: 'has paused the mentoring program',
    nextStep:
      'Your booked sessions stay in both calendars, and nothing new is booked until they resume. If you would rather not wait, ask for a new partner on your pairing page',
    where: 'pairing',
  },
  resumed: {
    change: 'is back from a pause',
    nextStep: 'Your pairing is active again and your booked sessions go ahead',
    where: 'pairing',
  },
};

/**
 * Tells the partner of someone who left, paused, resumed, deleted their data, left the
 * organisation or was rematched what changed, what became of their sessions and what happens
 * next. Written in the caller's transaction, before any data is deleted.
 */
export async function messagePartnerChanged(
  services: Services,
  tx: Db,
  o: { pairingId: string; actorId: string; change: PartnerChange; at: Date },
): Promise<number> {
  const [pairing] = await tx.select().from(pairings).where(eq(pairings.id, o.pairingId));
  if (pairing === undefined) return 0;
  const partnerId = pairing.mentorId === o.actorId ? pairing.leaderId : pairing.mentorId;
  const who = await peopleById(tx, [o.actorId]);
  const words = PARTNER_CHANGE_WORDS[o.change];
  return queueAll(
    services,
    [
      {
        personId: partnerId,
        kind: 'partnerChanged',
        // One message per change and moment: pausing twice is two events.
        subjectId: `${o.pairingId}:${o.change}:${o.at.toISOString()}`,
        pairingId: o.pairingId,
        params: {
          partnerName: who.get(o.actorId)?.displayName ?? 'Your partner',
          change: words.change,
          nextStep: words.nextStep,
        },
        path: words.where === 'home' ? tabPaths.home() : tabPaths.pairing(o.pairingId),
      },
    ],
    tx,
  );
}

/**
 * Tells a program's owners that someone is in its rematch queue, with a link to the queue where
 * they pick the new partner. Once per pairing and person. Written in the caller's transaction.
 */
export async function messageOwnersRematch(
  services: Services,
  tx: Db,
  o: {
    pairing: { id: string; programId: string; mentorId: string; leaderId: string };
    affectedPersonId: string;
    /** Why, in the owners' words and without the member's own text: "the mentor left the program". */
    reason: string;
  },
): Promise<number> {
  const { pairing } = o;
  const owners = (await ownersOfPrograms(tx, [pairing.programId])).get(pairing.programId) ?? [];
  const who = await peopleById(tx, [pairing.mentorId, pairing.leaderId]);
  const name = (id: string) => who.get(id)?.displayName ?? 'a former participant';
  return queueAll(
    services,
    owners
      .filter((owner) => owner !== pairing.mentorId && owner !== pairing.leaderId)
      .map((owner) => ({
        personId: owner,
        kind: 'pairingAtRisk' as const,
        subjectId: `${pairing.id}:rematch:${o.affectedPersonId}`,
        pairingId: pairing.id,
        params: {
          pairingName: `${name(pairing.mentorId)} and ${name(pairing.leaderId)}`,
          reason: o.reason,
        },
        path: tabPaths.adminRematches(pairing.programId),
      })),
    tx,
  );
}
