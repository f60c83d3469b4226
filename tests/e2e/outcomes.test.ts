import path from 'node:path';
import { and, eq, notInArray } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSED_PROGRAM_NAME } from '../../api/src/cli/living-demo.js';
import type { MySurveysView } from '../../api/src/contract/index.js';
import {
  enrolments,
  pairings,
  people,
  programs,
  surveyResponses,
} from '../../api/src/store/index.js';
import { startTestApp, type TestApp } from './support/app-server.js';
import { closeAll, collectPageErrors, launchBrowser } from './support/browser.js';
import { captureView, SCREENSHOT_DIR, THEMES, type ViewCheck } from './support/capture-view.js';
import { findPeople, shareSignIn, signInThroughPicker, tokenOf } from './support/sign-in.js';
import { ensureTabBuilt } from './support/tab-build.js';
import { seedDemo } from './support/living-demo.js';

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
let pilotId = '';
let liveId = '';

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  return { page, errors: collectPageErrors(page) };
}

async function signInAs(page: Page, id: string) {
  const [row] = await app.server.store.db.select().from(people).where(eq(people.id, id));
  const person = (await findPeople(app.url, row?.displayName ?? id, 50)).find((p) => p.id === id);
  if (person === undefined) throw new Error(`${id} is not in the picker`);
  await signInThroughPicker(page, app.url, person);
}

/**
 * Someone enrolled in the spring cohort but not paired: their baseline survey is still open.
 * Preferably one who has not answered it yet (Home then shows the card).
 */
async function unpairedIn(
  programId: string,
  role: 'mentor' | 'leader',
): Promise<{ id: string; answered: boolean }> {
  const db = app.server.store.db;
  const paired = (
    await db.select().from(pairings).where(eq(pairings.programId, programId))
  ).flatMap((p) => [p.mentorId, p.leaderId]);
  const rows = await db
    .select({ personId: enrolments.personId })
    .from(enrolments)
    .where(
      and(
        eq(enrolments.programId, programId),
        eq(enrolments.role, role),
        notInArray(enrolments.personId, paired),
      ),
    );
  const answered = new Set(
    (
      await db
        .select({ personId: surveyResponses.personId })
        .from(surveyResponses)
        .where(eq(surveyResponses.programId, programId))
    ).map((r) => r.personId),
  );
  const pick = rows.find((r) => !answered.has(r.personId)) ?? rows[0];
  if (pick === undefined) throw new Error(`every ${role} of the spring cohort is paired`);
  return { id: pick.personId, answered: answered.has(pick.personId) };
}

beforeAll(async () => {
  ensureTabBuilt();
  app = await startTestApp();
  // As on `npm start`, the seed runs its own booking worker on its shifted clock: the server's
  // worker (real clock) must not claim those jobs, or the pilot's sessions land in the future.
  await app.server.jobs.stop();
  await seedDemo(app.server.services);
  for (const p of await app.server.store.db.select().from(programs))
    if (p.name === CLOSED_PROGRAM_NAME) pilotId = p.id;
    else liveId = p.id;
  browser = await launchBrowser();
}, 240_000);

afterAll(() => closeAll(contexts, browser, app));

describe('outcome surveys and the program report in a browser', () => {
  it.each(['mentor', 'leader'] as const)(
    'a %s answers the baseline survey from the card on Home',
    async (role) => {
      const { page, errors } = await newPage();
      const person = await unpairedIn(liveId, role);
      await signInAs(page, person.id);
      if (person.answered) {
        // Already answered at seeding: the nudge's link opens it for editing.
        await page.goto(`${app.url}/#/surveys/${liveId}/baseline`);
      } else {
        await page.getByRole('link', { name: 'Answer the baseline survey' }).click();
      }
      await page.getByRole('heading', { level: 1, name: /Baseline survey/ }).waitFor();
      const groups = page.getByRole('radiogroup');
      const count = await groups.count();
      expect(count).toBeGreaterThanOrEqual(12);
      for (let i = 0; i < count; i++)
        await groups
          .nth(i)
          .getByRole('radio')
          .nth((i % 3) + 2)
          .check();
      await page.getByRole('button', { name: /Send my answers|Save my changes/ }).click();
      await page.getByText('Your answers are saved. Only you can read them.').first().waitFor();
      const mine = await fetch(`${app.url}/api/me/surveys`, {
        headers: { authorization: `Bearer ${await tokenOf(page)}` },
      });
      const { surveys } = (await mine.json()) as MySurveysView;
      const baseline = surveys.find((s) => s.programId === liveId && s.phase === 'baseline');
      expect(baseline?.role).toBe(role);
      expect(Object.values(baseline?.answers ?? {})).toHaveLength(count);
      expect(errors).toEqual([]);
    },
  );

  it('shows an admin the outcomes and the report of the seeded pilot, in every theme and width, axe-clean, and prints the report', async () => {
    const first = await newPage();
    const admins = (await findPeople(app.url, '', 50)).filter((p) => p.isAdmin);
    const admin = admins[0];
    if (admin === undefined) throw new Error('no admin in the picker');
    await signInThroughPicker(first.page, app.url, admin);
    const views: [string, string][] = [
      ['admin-outcomes', `#/admin/programs/${pilotId}/outcomes`],
      ['admin-report', `#/admin/programs/${pilotId}/report`],
    ];
    const checks: ViewCheck[] = [];
    const errors = [first.errors];
    for (const theme of THEMES) {
      const { page, errors: pageErrors } = await newPage();
      errors.push(pageErrors);
      await shareSignIn(first.page, page);
      for (const [view, hash] of views)
        checks.push(...(await captureView({ page, baseUrl: app.url, view, hash, theme })));
      if (theme === 'light') {
        // The outcome changes are drawn with their intervals; the report says it in words.
        await page
          .getByText(/95% CI/)
          .first()
          .waitFor();
        await page.getByRole('heading', { name: 'In one minute' }).waitFor();
        await page.emulateMedia({ media: 'print' });
        await page.setViewportSize({ width: 794, height: 1123 });
        await page.screenshot({
          path: path.join(SCREENSHOT_DIR, 'admin-report-print.png'),
          fullPage: true,
        });
        expect(await page.getByRole('button', { name: /Print/ }).isVisible()).toBe(false);
        expect(await page.getByRole('navigation', { name: 'Reverse Mentoring' }).isVisible()).toBe(
          false,
        );
        await page.emulateMedia({ media: 'screen' });
      }
    }
    expect(checks).toHaveLength(views.length * THEMES.length * 2);
    const problems = checks.flatMap((c) =>
      c.violations.map((v) => `${c.view} ${c.theme} ${c.width}px: ${v}`),
    );
    expect(problems).toEqual([]);
    for (const c of checks) expect(c.mainText).toMatch(/Leaders|Mentors/);
    expect(errors.flat()).toEqual([]);
  });
});
