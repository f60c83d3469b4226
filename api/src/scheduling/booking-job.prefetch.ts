import { and, eq, inArray, notInArray } from 'drizzle-orm';
import { DAY_MS } from '../calendar-time/index.js';
import type { Services } from '../app/index.js';
import { bookingSeries, pairings, people } from '../store/index.js';
import {
  cadenceOf,
  ensureMailboxSettings,
  horizonDays,
  horizonStartOf,
  loadPairingContext,
} from './booking-context.js';
import { storeScheduleWorkingHours } from '../org/index.js';
import { cachedFreeBusy, fetchFreeBusy, throttled } from './free-busy-cache.js';

const prefetches = new Map<string, Promise<unknown>>();

/** One bulk prefetch per program at a time in this process; concurrent jobs wait for it. */
export async function sharedProgramPrefetch(services: Services, programId: string): Promise<void> {
  let running = prefetches.get(programId);
  if (running === undefined) {
    running = prefetchProgramFreeBusy(services, programId).finally(() =>
      prefetches.delete(programId),
    );
    prefetches.set(programId, running);
  }
  await running;
}

/**
 * Reads the free/busy of every person in a program's pairs still to book (20 mailboxes a
 * getSchedule call), so booking jobs then only create events: about one Graph request per pair.
 * The answers carry each mailbox's working hours, which stand in for the mailbox settings of
 * people never read; only people whose answer had none are read through mailbox settings.
 */
export async function prefetchProgramFreeBusy(
  services: Services,
  programId: string,
  o: { concurrency?: number } = {},
): Promise<{ pairs: number; requests: number; unknown: number }> {
  const { db } = services;
  const booked = db
    .select({ pairingId: bookingSeries.pairingId })
    .from(bookingSeries)
    .where(inArray(bookingSeries.status, ['booked', 'partial', 'cancelling']));
  const pairs = await db
    .select({ id: pairings.id, mentorId: pairings.mentorId, leaderId: pairings.leaderId })
    .from(pairings)
    .where(
      and(
        eq(pairings.programId, programId),
        eq(pairings.status, 'active'),
        notInArray(pairings.id, booked),
      ),
    );
  const personIds = [...new Set(pairs.flatMap((p) => [p.mentorId, p.leaderId]))];
  let requests = 0;
  let unknown = 0;
  const ctx = personIds.length === 0 ? undefined : await loadPairingContext(db, pairs[0]?.id ?? '');
  if (ctx !== undefined) {
    const cadence = cadenceOf(ctx.program.rules);
    const now = services.now();
    const start = horizonStartOf(ctx.program, now);
    // A margin either side, so jobs that run a little later still find their window covered.
    const window = { start, end: start + (horizonDays(cadence) + 1) * DAY_MS };
    const cached = await cachedFreeBusy(db, personIds, window, now);
    const rows = await db
      .select({ id: people.id, mail: people.mail })
      .from(people)
      .where(
        inArray(
          people.id,
          personIds.filter((id) => !cached.has(id)),
        ),
      );
    const mailboxes = rows.flatMap((r) =>
      r.mail === null || r.mail === '' ? [] : [{ id: r.id, mail: r.mail }],
    );
    // The calls share `$batch` requests, 20 at a time.
    const fetched = await fetchFreeBusy(
      { db, graph: services.graph, now: services.now },
      mailboxes,
      window,
      { concurrency: o.concurrency ?? 20, batched: true },
    );
    requests = fetched.requests;
    unknown = fetched.unknown;
    await storeScheduleWorkingHours(db, fetched.workingHours, now);
  }
  if (personIds.length > 0) {
    await ensureMailboxSettings(db, services.graph, personIds, services.now).catch(
      (err: unknown) => {
        throw throttled(err) ?? err;
      },
    );
  }
  return { pairs: pairs.length, requests, unknown };
}
