// A pair's series made partly booked on purpose (the leader is away for a week when it is
// booked), explained to the HR admin on Bookings, and retried once the week is cleared: exactly
// the missing session gets its meeting, in the tab and in both people's calendars.
import { and, asc, eq, isNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveRun, createMatchRun } from '../../api/src/matching/index.js';
import { syncMailboxSettings } from '../../api/src/org/index.js';
import {
  assessRoles,
  createProgram,
  enrol,
  membershipForRun,
  programInput,
  transitionProgram,
} from '../../api/src/programs/index.js';
import { workingHoursOf } from '../../api/src/calendar-time/index.js';
import { horizonStartOf } from '../../api/src/scheduling/booking-context.js';
import { bookingSeries, pairings, people, programs, sessions } from '../../api/src/store/index.js';
import { bookTimeAway } from '../../api/src/local-tenant/testing.js';
import { startTestApp, type TestApp } from './support/app-server.js';
import {
  closeAll,
  collectPageErrors,
  collectRefusedRequests,
  launchBrowser,
} from './support/browser.js';
import { captureView, THEMES, waitForView, type ViewCheck } from './support/capture-view.js';
import { findPeople, signInThroughPicker } from './support/sign-in.js';
import { ensureTabBuilt } from './support/tab-build.js';

const DAY = 86_400_000;
let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

const services = () => app.server.services;
const db = () => app.server.store.db;
const tenant = () => {
  const t = app.server.localTenant;
  if (t === undefined) throw new Error('the test app runs without its local tenant');
  return t;
};

interface Signed {
  page: Page;
  errors: string[];
  refused: string[];
}

/** A page of its own, signed in through the picker, watching for errors and refused requests. */
async function signIn(personId: string, displayName: string): Promise<Signed> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const refused = collectRefusedRequests(page);
  const person = (await findPeople(app.url, displayName, 50)).find((p) => p.id === personId);
  if (person === undefined) throw new Error(`${displayName} is not in the picker`);
  await signInThroughPicker(page, app.url, person);
  return { page, errors, refused };
}

/**
 * A fresh program with one mentor and one leader who share an office zone, enrolled and matched
 * through the same functions the tab's screens call; not approved yet.
 */
async function matchedProgram(admin: string) {
  const s = services();
  const program = await createProgram(
    s,
    admin,
    programInput.parse({
      name: 'Autumn cohort — partly booked',
      description: 'Six weekly sessions.',
      rules: { cadence: 'weekly', sessions: 6, mentorMaxLevel: 3, leaderMinLevel: 6 },
    }),
  );
  await transitionProgram(s, admin, program.id, 'enrolling', 'test');
  const [row] = await db().select().from(programs).where(eq(programs.id, program.id));
  if (row === undefined) throw new Error('the program vanished');
  const groups = await membershipForRun(s, row.rules);
  const unreadable = new Set(tenant().state.org.freeBusyErrorIds);
  const everyone = await db()
    .select()
    .from(people)
    .where(and(isNull(people.goneAt), eq(people.accountEnabled, true)))
    .orderBy(asc(people.id));
  const zoneOf = (id: string) => tenant().state.user(id)?.mailbox.timeZone ?? '';
  const eligible = everyone.filter((p) => p.id !== admin && !unreadable.has(p.id));
  const roleOf = (p: (typeof everyone)[number]) =>
    assessRoles(p, row.rules, s.now(), groups).suggestedRole;
  const byId = new Map(everyone.map((p) => [p.id, p]));
  const above = (id: string, other: string): boolean => {
    for (let at = byId.get(id)?.managerId; at != null; at = byId.get(at)?.managerId)
      if (at === other) return true;
    return false;
  };
  // Same office zone, neither in the other's reporting line (the matcher never pairs those).
  const fits = (m: (typeof everyone)[number], l: (typeof everyone)[number]) =>
    roleOf(m) === 'mentor' &&
    zoneOf(m.id) === zoneOf(l.id) &&
    !above(m.id, l.id) &&
    !above(l.id, m.id);
  const leader = eligible.find((l) => roleOf(l) === 'leader' && eligible.some((m) => fits(m, l)));
  const mentor = leader === undefined ? undefined : eligible.find((m) => fits(m, leader));
  if (leader === undefined || mentor === undefined)
    throw new Error('no mentor and leader share an office zone');
  for (const [p, role] of [
    [mentor, 'mentor'],
    [leader, 'leader'],
  ] as const)
    await enrol(s, p.id, program.id, {
      role,
      topicsOffered: role === 'mentor' ? ['digital-ai-tools'] : [],
      topicsWanted: role === 'leader' ? ['digital-ai-tools'] : [],
      preferredTimes: [],
    });
  await syncMailboxSettings({ db: db(), graph: s.graph, now: s.now }, [mentor.id, leader.id]);
  await transitionProgram(s, admin, program.id, 'matching', 'test');
  const run = await createMatchRun(s, admin, program.id);
  if (run.pairs.length !== 1) throw new Error(`not matched: ${JSON.stringify(run.leftOut)}`);
  return { programId: program.id, program: row, runId: run.id, mentor, leader };
}

beforeAll(async () => {
  ensureTabBuilt();
  app = await startTestApp();
  browser = await launchBrowser();
}, 240_000);

afterAll(() => closeAll(contexts, browser, app));

describe('a partly booked series, explained to the admin and retried', () => {
  it('the admin sees which session could not be booked and why; once the leader deletes their leave, Retry books exactly the sessions that were waiting', async () => {
    const admin = (
      (await (await fetch(`${tenant().origin}/_local/people?top=1`)).json()) as {
        programAdminIds: string[];
      }
    ).programAdminIds[0];
    if (admin === undefined) throw new Error('the local tenant has no program admin');
    const { programId, program, runId, mentor, leader } = await matchedProgram(admin);

    // Before approval, the leader books a week of leave two weeks out, in their own days:
    // whichever weekly time the series takes, exactly one of its sessions falls in that week.
    const [leaderRow] = await db().select().from(people).where(eq(people.id, leader.id));
    const hours = leaderRow === undefined ? undefined : workingHoursOf(leaderRow);
    if (hours?.ok !== true) throw new Error("the leader's working hours were not read");
    const zone = hours.value.zone;
    const firstDay = DateTime.fromMillis(horizonStartOf(program, services().now()), {
      zone,
    }).startOf('day');
    const away = {
      start: firstDay.plus({ days: 15 }).toMillis(),
      end: firstDay.plus({ days: 22 }).toMillis(),
    };
    const leave = bookTimeAway(tenant(), leader.id, away);
    await approveRun(services(), admin, runId);
    const [pairing] = await db().select().from(pairings).where(eq(pairings.programId, programId));
    if (pairing === undefined) throw new Error('the approved run made no pairing');
    await expect
      .poll(
        async () =>
          (
            await db().select().from(bookingSeries).where(eq(bookingSeries.pairingId, pairing.id))
          )[0]?.status,
        { timeout: 60_000, interval: 500 },
      )
      .toBe('partial');
    const waiting = await db()
      .select()
      .from(sessions)
      .where(and(eq(sessions.pairingId, pairing.id), eq(sessions.status, 'rebooking')))
      .orderBy(asc(sessions.occurrence));
    const inLeave = waiting.filter(
      (s) => s.startsAt.getTime() >= away.start && s.startsAt.getTime() < away.end,
    );
    expect(inLeave).toHaveLength(1);
    const horizon = [Date.now(), Date.now() + 120 * DAY] as const;
    const calendars = () => ({
      leader: tenant().state.meetingsWith(leader.id, mentor.id, ...horizon),
      mentor: tenant().state.meetingsWith(mentor.id, leader.id, ...horizon),
    });
    const before = calendars();
    // Six sessions in the series, in both calendars, the one in the leave week among them.
    expect(before.leader.map((m) => m.startMs)).toHaveLength(6);
    expect(before.mentor.map((m) => m.startMs)).toEqual(before.leader.map((m) => m.startMs));

    const shots: ViewCheck[] = [];
    const bookings = `#/admin/programs/${encodeURIComponent(programId)}/bookings`;
    const hr = await signIn(admin, (await nameOf(admin)) ?? admin);
    const row = hr.page
      .getByRole('row')
      .filter({ hasText: mentor.displayName })
      .filter({ hasText: leader.displayName });
    // The row in the three themes at 360 and 1280 px, each checked by axe.
    const shoot = async (view: string) => {
      for (const theme of THEMES)
        shots.push(
          ...(await captureView({ page: hr.page, baseUrl: app.url, view, hash: bookings, theme })),
        );
    };
    await hr.page.goto(`${app.url}/${bookings}`);
    await waitForView(hr.page);
    await row.getByText('Partly booked', { exact: true }).waitFor();
    // Which sessions, when, and why, in words.
    const n = waiting.length;
    await row
      .getByText(
        `${n} ${n === 1 ? 'session' : 'sessions'} did not fit the series time; ${n} still ${n === 1 ? 'waits' : 'wait'} for a meeting of ${n === 1 ? 'its' : 'their'} own (booked a week before, or now with Retry).`,
      )
      .waitFor();
    const moved = row.getByRole('list', { name: 'Sessions that did not fit the series' });
    const items = await moved.getByRole('listitem').allInnerTexts();
    expect(items).toHaveLength(n);
    const away0 = inLeave[0];
    if (away0 === undefined) throw new Error('no session in the leave week');
    expect(items[waiting.indexOf(away0)]).toMatch(
      new RegExp(
        `^Session ${away0.occurrence}, .*: ${leader.displayName} is busy at the series time \\(waiting for its own meeting\\)$`,
      ),
    );
    await shoot('bookings-partly');

    // The leader is back: the leave is deleted, and the admin retries.
    tenant().state.cancelAsOrganizer(leader.id, leave);
    await hr.page.goto(`${app.url}/${bookings}`);
    await waitForView(hr.page);
    await row
      .getByRole('button', {
        name: `Retry booking for ${mentor.displayName} and ${leader.displayName}`,
      })
      .click();
    await hr.page
      .getByText(
        `Booking ${n} ${n === 1 ? 'session as its own meeting' : 'sessions as their own meetings'} now`,
      )
      .first()
      .waitFor();
    await row.getByText('Booked', { exact: true }).waitFor({ timeout: 60_000 });
    expect(await row.getByRole('button', { name: /^Retry booking/ }).count()).toBe(0);
    const after = await moved.getByRole('listitem').allInnerTexts();
    expect(after).toHaveLength(n);
    for (const text of after) expect(text).toMatch(/; booked as its own meeting$/);
    await shoot('bookings-retried');

    // In both calendars: each waiting session left the series and got one meeting of its own;
    // nothing else moved, nothing is there twice.
    const rebooked = await db()
      .select()
      .from(sessions)
      .where(eq(sessions.pairingId, pairing.id))
      .orderBy(asc(sessions.occurrence));
    const waitingIds = new Set(waiting.map((w) => w.id));
    expect(rebooked.map((s) => s.status)).toEqual(rebooked.map(() => 'scheduled'));
    const singles = rebooked.filter((s) => waitingIds.has(s.id)).map((s) => s.startsAt.getTime());
    const kept = before.leader
      .map((m) => m.startMs)
      .filter((t) => !waiting.some((w) => w.startsAt.getTime() === t));
    const now = calendars();
    for (const side of [now.leader, now.mentor]) {
      expect(side).toHaveLength(6);
      expect(side.filter((m) => !m.recurring).map((m) => m.startMs)).toEqual(singles);
      expect(side.filter((m) => m.recurring).map((m) => m.startMs)).toEqual(kept);
    }
    // The leave week is free again and the Retry read it afresh: the session lands in that week
    // (from the day before its series time), not after it as the booking's old read would have.
    const away1 = rebooked.find((s) => s.id === away0.id);
    expect(away1?.startsAt.getTime()).toBeGreaterThanOrEqual(away.start - DAY);
    expect(away1?.startsAt.getTime()).toBeLessThan(away.end);
    expect(hr.errors).toEqual([]);
    expect(hr.refused).toEqual([]);
    expect(
      shots.flatMap((c) => c.violations.map((v) => `${c.view} ${c.theme} ${c.width}: ${v}`)),
    ).toEqual([]);

    // The leader's pairing page shows the series booked and that session with its own meeting.
    const own = await signIn(leader.id, leader.displayName);
    await own.page.goto(`${app.url}/#/pairing/${encodeURIComponent(pairing.id)}`);
    await waitForView(own.page);
    await own.page.getByText('Series: Booked', { exact: true }).first().waitFor();
    const sessionRow = own.page.getByRole('row').filter({
      has: own.page.getByRole('link', { name: `Join session ${away0.occurrence}` }),
    });
    await sessionRow.getByText(/; booked as its own meeting$/).waitFor();
    await sessionRow.getByText('Booked', { exact: true }).waitFor();
    expect(own.errors).toEqual([]);
    expect(own.refused).toEqual([]);
  }, 240_000);
});

async function nameOf(id: string): Promise<string | undefined> {
  const [row] = await db()
    .select({ name: people.displayName })
    .from(people)
    .where(eq(people.id, id));
  return row?.name;
}
