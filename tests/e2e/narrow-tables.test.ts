// Tables on a phone (Teams mobile is 360 px wide): a mentor's sessions and HR's Bookings show
// every column, Join and Retry included, without scrolling the table sideways; on a desktop they
// are the tables they always were. Screenshots in three themes at both widths, each checked by axe.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_PROGRAM_NAME } from '../../api/src/cli/living-demo.js';
import { bookingSeries, pairings, people, programs } from '../../api/src/store/index.js';
import { startTestApp, type TestApp } from './support/app-server.js';
import {
  closeAll,
  collectPageErrors,
  collectRefusedRequests,
  launchBrowser,
} from './support/browser.js';
import { captureView, THEMES, type ViewCheck } from './support/capture-view.js';
import { seedDemo } from './support/living-demo.js';
import { findPeople, signInThroughPicker } from './support/sign-in.js';
import { ensureTabBuilt } from './support/tab-build.js';

const PHONE = 360;
let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
const db = () => app.server.store.db;

/** The live cohort's pairs with their series, in a fixed order. */
async function livePairs() {
  return db()
    .select({ pairing: pairings, series: bookingSeries })
    .from(pairings)
    .innerJoin(programs, eq(programs.id, pairings.programId))
    .innerJoin(bookingSeries, eq(bookingSeries.pairingId, pairings.id))
    .where(and(eq(programs.name, LIVE_PROGRAM_NAME), eq(pairings.status, 'active')))
    .orderBy(asc(pairings.id));
}

beforeAll(async () => {
  ensureTabBuilt();
  app = await startTestApp({
    beforeJobs: async (services) => {
      await seedDemo(services);
      // One series could not be booked, so Bookings has a Retry button in its last column.
      const pairs = await services.db
        .select({ id: bookingSeries.id })
        .from(bookingSeries)
        .innerJoin(pairings, eq(pairings.id, bookingSeries.pairingId))
        .innerJoin(programs, eq(programs.id, pairings.programId))
        .where(
          and(
            eq(programs.name, LIVE_PROGRAM_NAME),
            inArray(bookingSeries.status, ['booked', 'partial']),
          ),
        )
        .orderBy(asc(pairings.id));
      const last = pairs.at(-1);
      if (last === undefined) throw new Error('the living demo booked no series');
      await services.db
        .update(bookingSeries)
        .set({
          status: 'failed',
          failureReason: "The leader's calendar could not be read when the series was booked.",
        })
        .where(eq(bookingSeries.id, last.id));
    },
  });
  browser = await launchBrowser();
}, 240_000);

afterAll(() => closeAll(contexts, browser, app));

async function signIn(personId: string) {
  const [row] = await db().select().from(people).where(eq(people.id, personId));
  if (row === undefined) throw new Error(`${personId} is not in the directory`);
  const person = (await findPeople(app.url, row.displayName, 50)).find((p) => p.id === personId);
  if (person === undefined) throw new Error(`${row.displayName} is not in the picker`);
  // Signed in on a desktop (the header names who is signed in there); each view then narrows.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const refused = collectRefusedRequests(page);
  await signInThroughPicker(page, app.url, person);
  return { page, errors, refused };
}

async function settle(page: Page, width: number) {
  await page.setViewportSize({ width, height: 800 });
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

/** Screenshots of `hash` in each theme at 360 and 1280 px; axe's serious or critical findings. */
async function inThemes(page: Page, view: string, hash: string): Promise<string[]> {
  const shots: ViewCheck[] = [];
  for (const theme of THEMES)
    shots.push(...(await captureView({ page, baseUrl: app.url, view, hash, theme })));
  return shots.flatMap((c) => c.violations.map((v) => `${c.theme} ${c.width}: ${v}`));
}

/** Left and right edges of what a locator finds, without scrolling anything into view. */
async function edges(locator: Locator): Promise<{ what: string; left: number; right: number }[]> {
  return locator.evaluateAll((nodes) =>
    nodes.map((n) => {
      const r = n.getBoundingClientRect();
      return { what: (n.textContent ?? '').slice(0, 40), left: r.left, right: r.right };
    }),
  );
}

/**
 * At 360 px: the last cell of every row, and every button or link in it, lies within the
 * screen, each last cell says its column's name, and the page does not scroll sideways.
 */
async function fitsThePhone(page: Page, table: Locator, lastColumn: string, action: Locator) {
  await settle(page, PHONE);
  const rows = table.getByRole('row').filter({ has: page.getByRole('cell') });
  expect(await rows.count()).toBeGreaterThan(0);
  const lastCells = rows.locator('td:last-child');
  const offScreen = [...(await edges(lastCells)), ...(await edges(action))].filter(
    (b) => b.left < 0 || b.right > PHONE,
  );
  expect(offScreen).toEqual([]);
  expect(await action.count()).toBeGreaterThan(0);
  // Each cell with something in it says its column's name (an empty one, no Retry, says nothing).
  const texts = (await lastCells.allInnerTexts()).filter((t) => t.trim() !== '');
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) expect(text.startsWith(`${lastColumn}:`)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    PHONE,
  );
}

/** At 1280 px: a table with its header row in sight, every header on one line beside the next. */
async function isATable(page: Page, table: Locator, columns: string[]) {
  await settle(page, 1280);
  expect(await table.getByRole('table').evaluate((t) => getComputedStyle(t).display)).toBe('table');
  const headers = await Promise.all(
    columns.map((name) => table.getByRole('columnheader', { name, exact: true }).boundingBox()),
  );
  for (const box of headers) {
    expect(box?.width ?? 0).toBeGreaterThan(20);
    expect(box?.y).toBe(headers[0]?.y);
  }
  expect(await table.locator('td [data-column-label]').first().isVisible()).toBe(false);
}

describe('tables on a 360 px phone', () => {
  it("a mentor's sessions show Join and the guide on screen, each cell named; a table on a desktop", async () => {
    const pairs = await livePairs();
    // The first pair; the last one's series is the one made to fail.
    const mine = pairs.find((p) => p.series.status === 'booked' || p.series.status === 'partial');
    if (mine === undefined) throw new Error('no live pair has a booked series');
    const hash = `#/pairing/${encodeURIComponent(mine.pairing.id)}`;
    const mentor = await signIn(mine.pairing.mentorId);
    const violations = await inThemes(mentor.page, 'narrow-sessions', hash);
    const table = mentor.page.getByRole('region', { name: 'Sessions table' });
    const actions = table.getByRole('row').getByRole('link');
    await fitsThePhone(mentor.page, table, 'Actions', actions);
    expect(await table.getByRole('link', { name: /^Join session/ }).count()).toBeGreaterThan(0);
    await isATable(mentor.page, table, ['Session', 'When', 'Status', 'Actions']);
    expect(violations).toEqual([]);
    expect(mentor.errors).toEqual([]);
    expect(mentor.refused).toEqual([]);
  }, 180_000);

  it("HR's Bookings show Retry on screen beside its series' status, each cell named; a table on a desktop", async () => {
    const [first] = await livePairs();
    if (first === undefined) throw new Error('the living demo has no live pairs');
    const tenant = app.server.localTenant;
    if (tenant === undefined) throw new Error('the test app runs without its local tenant');
    const listed = (await (await fetch(`${tenant.origin}/_local/people?top=1`)).json()) as {
      programAdminIds: string[];
    };
    const [admin] = listed.programAdminIds;
    if (admin === undefined) throw new Error('the local tenant has no program admin');
    const hash = `#/admin/programs/${encodeURIComponent(first.pairing.programId)}/bookings`;
    const hr = await signIn(admin);
    const violations = await inThemes(hr.page, 'narrow-bookings', hash);
    const table = hr.page.getByRole('region', { name: 'Series table' });
    const retry = table.getByRole('button', { name: /^Retry booking for / });
    await fitsThePhone(hr.page, table, 'Action', retry);
    await isATable(hr.page, table, ['Mentor', 'Leader', 'Status', 'Action']);
    expect(violations).toEqual([]);
    expect(hr.errors).toEqual([]);
    expect(hr.refused).toEqual([]);
  }, 180_000);
});
