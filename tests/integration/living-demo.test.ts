import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_PROGRAM_NAME } from '../../api/src/cli/living-demo.js';
import { listPrograms } from '../../api/src/programs/programs.js';
import { isSessionHeld } from '../../api/src/feedback/session-held.js';
import { bookingProgress, REBOOK_LEAD_MS } from '../../api/src/scheduling/index.js';
import { checkIns, pairings, programs, sessions } from '../../api/src/store/index.js';
import { startTestApp, type TestApp } from '../e2e/support/app-server.js';
import { seedDemo } from '../e2e/support/living-demo.js';

let app: TestApp;
beforeAll(async () => {
  // As on `npm start`: the seed runs before the server's worker starts.
  app = await startTestApp({ beforeJobs: seedDemo });
}, 300_000);
afterAll(() => app.close());

describe('the living demo reads as a real program would', () => {
  it('has no past session still waiting to be rebooked, and counts checked-in sessions as held', async () => {
    const { db } = app.server.store;
    const now = app.server.services.now();
    const rows = await db
      .select({ session: sessions, program: programs.name })
      .from(sessions)
      .innerJoin(pairings, eq(pairings.id, sessions.pairingId))
      .innerJoin(programs, eq(programs.id, pairings.programId));
    expect(rows.length).toBeGreaterThan(0);
    // A session that did not fit its series is rebooked a week before it is due.
    const overdue = rows.filter(
      (r) =>
        r.session.status === 'rebooking' &&
        r.session.startsAt.getTime() - REBOOK_LEAD_MS <= now.getTime(),
    );
    expect(overdue.map((r) => `${r.program} #${r.session.occurrence}`)).toEqual([]);
    const heldAnswers = await db
      .select({ sessionId: checkIns.sessionId })
      .from(checkIns)
      .where(
        and(
          eq(checkIns.held, true),
          inArray(
            checkIns.sessionId,
            rows.map((r) => r.session.id),
          ),
        ),
      );
    expect(heldAnswers.length).toBeGreaterThan(0);
    const checkedIn = new Set(heldAnswers.map((a) => a.sessionId));
    const notHeld = rows.filter(
      (r) => checkedIn.has(r.session.id) && !isSessionHeld(r.session, now),
    );
    expect(
      notHeld.map((r) => `${r.program} #${r.session.occurrence}: ${r.session.status}`),
    ).toEqual([]);
  });

  it('explains each partly booked series by sessions that truly moved', async () => {
    const { db } = app.server.store;
    const now = app.server.services.now().getTime();
    const live = await db.select().from(programs).where(eq(programs.status, 'active'));
    for (const p of live) {
      const view = await bookingProgress(app.server.services, p.id);
      for (const item of view.items.filter((i) => i.status === 'partial')) {
        expect(item.moved.length).toBeGreaterThan(0);
        for (const m of item.moved.filter((x) => x.status === 'rebooking'))
          expect(new Date(m.startsAt).getTime() - REBOOK_LEAD_MS).toBeGreaterThan(now);
      }
    }
  });

  it('shows at least the 10 pairs the live program is set up for on Bookings, each series booked', async () => {
    // The e2e tests' organisation (200 people) has about a dozen leaders: the pilot used to take
    // most of them and the live program got 2 of its 10 pairs.
    const { db } = app.server.store;
    const [live] = await db.select().from(programs).where(eq(programs.name, LIVE_PROGRAM_NAME));
    if (live === undefined) throw new Error('the living demo has no live program');
    const view = await bookingProgress(app.server.services, live.id);
    const pairs = await db.select().from(pairings).where(eq(pairings.programId, live.id));
    expect(pairs.length).toBeGreaterThanOrEqual(10);
    expect(view.items.map((i) => i.pairingId).sort()).toEqual(pairs.map((p) => p.id).sort());
    expect(view.counts.queued + view.counts.searching + view.counts.failed).toBe(0);
    for (const item of view.items) expect(['booked', 'partial']).toContain(item.status);
  });

  it('lists both programs with a start date, and the pilot with the pairs it had', async () => {
    const listed = await listPrograms(app.server.store.db);
    expect(listed.map((p) => p.startsOn === null)).toEqual([false, false]);
    const pilot = listed.find((p) => p.status === 'closed');
    expect(pilot?.counts.pairings).toBe(0);
    expect(pilot?.counts.endedPairings).toBeGreaterThan(0);
  });
});
