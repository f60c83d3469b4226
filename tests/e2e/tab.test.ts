import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomeView, ProgramView } from '../../api/src/contract/index.js';
import { startTestApp, type TestApp } from './support/app-server.js';
import { collectPageErrors, launchBrowser } from './support/browser.js';
import { captureView, THEMES, type ViewCheck } from './support/capture-view.js';
import { findPeople, signInThroughPicker, tokenOf, type DevPerson } from './support/sign-in.js';
import { ensureTabBuilt } from './support/tab-build.js';

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

/** What the journey created, reused by the per-view checks so they show real data. */
const state: { programId?: string; runId?: string; pairingId?: string; sessionId?: string } = {};

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  return { page, errors: collectPageErrors(page) };
}

async function apiAs<T>(page: Page, path: string): Promise<T> {
  const response = await fetch(`${app.url}${path}`, {
    headers: { Authorization: `Bearer ${await tokenOf(page)}` },
  });
  if (!response.ok)
    throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function cast(): Promise<{ admin: DevPerson; mentor: DevPerson; leader: DevPerson }> {
  const people = await findPeople(app.url);
  const admin = people.find((p) => p.isAdmin);
  const mentor = people.find((p) => !p.isAdmin && p.suggestedRole === 'mentor');
  // A leader from another department: never in the mentor's reporting line.
  const leader = people.find(
    (p) => !p.isAdmin && p.suggestedRole === 'leader' && p.department !== mentor?.department,
  );
  if (admin === undefined || mentor === undefined || leader === undefined) {
    throw new Error('The demo organisation needs an admin, a mentor and a leader');
  }
  return { admin, mentor, leader };
}

beforeAll(async () => {
  ensureTabBuilt();
  app = await startTestApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await app?.close();
});

describe('the tab in a browser', () => {
  it('keeps the first load under 250 kB of gzipped JavaScript', () => {
    const script = fileURLToPath(new URL('../../tab/scripts/bundle-size.mjs', import.meta.url));
    const out = execFileSync(process.execPath, [script], { encoding: 'utf8' });
    const size = JSON.parse(out) as { bench: string; initialJsGzipBytes: number };
    expect(size.bench).toBe('tab-bundle');
    expect(size.initialJsGzipBytes).toBeGreaterThan(0);
    expect(size.initialJsGzipBytes).toBeLessThan(250_000);
  });

  it('journey: an employee enrols, an admin matches and approves, the pair sees the booked series and the guide', async () => {
    const { admin, mentor, leader } = await cast();
    const { page, errors } = await newPage();
    const programName = `Reverse Mentoring e2e ${Date.now()}`;

    // The admin creates the program and opens enrolment.
    await signInThroughPicker(page, app.url, admin);
    await page.goto(`${app.url}/#/admin`);
    await page.getByRole('button', { name: 'New program' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill(programName);
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { level: 1, name: programName }).waitFor();
    state.programId = decodeURIComponent(new URL(page.url()).hash.split('/')[3] ?? '');
    await page.getByRole('button', { name: 'Open enrolment' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Open enrolment' }).click();
    await page.getByText('Enrolling', { exact: true }).first().waitFor();

    // The mentor and the leader enrol from their Home.
    for (const [person, role, topicGroup] of [
      [mentor, 'Mentor', 'Topics I can share'],
      [leader, 'Leader (mentee)', 'Topics I want to learn about'],
    ] as const) {
      await signInThroughPicker(page, app.url, person);
      await page.getByRole('link', { name: `Enrol in ${programName}` }).click();
      await page.getByRole('heading', { level: 1, name: `Enrol in ${programName}` }).waitFor();
      await page
        .getByRole('radio', { name: new RegExp(`^${role.replace(/[()]/g, '\\$&')}`) })
        .check();
      await page
        .getByRole('group', { name: topicGroup })
        .getByRole('checkbox', { name: 'Digital and AI tools' })
        .check();
      await page.getByRole('button', { name: 'Enrol', exact: true }).click();
      await page.getByRole('heading', { level: 3, name: programName }).waitFor();
    }

    // The admin closes enrolment, runs matching, reviews and approves.
    await signInThroughPicker(page, app.url, admin);
    await page.goto(`${app.url}/#/admin/programs/${encodeURIComponent(state.programId)}`);
    await page.getByRole('button', { name: 'Close enrolment and start matching' }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: 'Close enrolment and start matching' })
      .click();
    await page.getByText('Matching', { exact: true }).first().waitFor();
    await page.getByRole('tab', { name: 'Matching' }).click();
    await page.getByRole('button', { name: 'Run matching' }).click();
    await page.getByText(mentor.displayName).first().waitFor();
    await expect(page.getByText(leader.displayName).first()).toBeDefined();
    state.runId =
      new URLSearchParams(new URL(page.url()).hash.split('?')[1]).get('run') ?? undefined;
    await page.getByRole('button', { name: /^Approve \d+ pairs?$/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Approve and book' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bookings' }).waitFor();
    await page
      .getByRole('row', { name: new RegExp(mentor.displayName) })
      .getByText('Booked', { exact: true })
      .waitFor({ timeout: 60_000 });

    // The mentor sees the partner, the booked series with a join link, and the guide.
    await signInThroughPicker(page, app.url, mentor);
    await page.getByText(`You mentor ${leader.displayName}`).first().waitFor();
    await page.getByText('Series: Booked').first().waitFor();
    const join = page.getByRole('link', { name: 'Join' }).first();
    expect(await join.getAttribute('href')).toMatch(/^https:\/\//);
    await page.getByRole('link', { name: /^Prepare for session 1/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Goal' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Your prompts' }).waitFor();
    await page.getByText('Only you can read this. Not your partner, not HR.').waitFor();
    state.sessionId = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');

    // The leader sees the same series from the other side.
    await signInThroughPicker(page, app.url, leader);
    await page.getByText(`${mentor.displayName} mentors you`).first().waitFor();
    expect(await page.getByRole('link', { name: 'Join' }).first().getAttribute('href')).toMatch(
      /^https:\/\//,
    );
    const home = await apiAs<HomeView>(page, '/api/me/home');
    state.pairingId = home.pairings[0]?.id;
    expect(errors).toEqual([]);
  });

  it('renders every view in light, dark and high contrast at 360 and 1280 px with no serious axe violations', async () => {
    const { admin, mentor } = await cast();
    const checks: ViewCheck[] = [];
    const signedOut = await newPage();
    for (const theme of THEMES) {
      checks.push(
        ...(await captureView({
          page: signedOut.page,
          baseUrl: app.url,
          view: 'sign-in',
          hash: '#/',
          theme,
        })),
      );
    }

    const adminPage = await newPage();
    await signInThroughPicker(adminPage.page, app.url, admin);
    if (state.programId === undefined) {
      const programs = await apiAs<ProgramView[]>(adminPage.page, '/api/programs').catch(() => []);
      state.programId = programs[0]?.id;
    }
    const employee = await newPage();
    await signInThroughPicker(employee.page, app.url, mentor);
    if (state.pairingId === undefined) {
      const home = await apiAs<HomeView>(employee.page, '/api/me/home').catch(() => undefined);
      state.pairingId = home?.pairings[0]?.id;
      state.sessionId = home?.pairings[0]?.sessions[0]?.id;
    }
    // Without data from the journey, the views must still show a proper not-found state.
    const programId = encodeURIComponent(state.programId ?? 'no-such-program');
    const employeeViews: [string, string][] = [
      ['home', '#/'],
      ['enrol', `#/enrol/${programId}`],
      ['pairing', `#/pairing/${encodeURIComponent(state.pairingId ?? 'no-such-pairing')}`],
      ['session', `#/session/${encodeURIComponent(state.sessionId ?? 'no-such-session')}`],
      ['notifications', '#/notifications'],
      ['settings', '#/settings'],
      ['meeting', '#/meeting'],
      ['config', '#/config'],
    ];
    const adminViews: [string, string][] = [
      ['admin', '#/admin'],
      ['admin-program', `#/admin/programs/${programId}`],
      [
        'admin-match',
        `#/admin/programs/${programId}/match${state.runId === undefined ? '' : `?run=${encodeURIComponent(state.runId)}`}`,
      ],
      ['admin-bookings', `#/admin/programs/${programId}/bookings`],
      ['admin-insights', `#/admin/programs/${programId}/insights`],
    ];
    for (const theme of THEMES) {
      for (const [view, hash] of employeeViews) {
        checks.push(
          ...(await captureView({ page: employee.page, baseUrl: app.url, view, hash, theme })),
        );
      }
      for (const [view, hash] of adminViews) {
        checks.push(
          ...(await captureView({ page: adminPage.page, baseUrl: app.url, view, hash, theme })),
        );
      }
    }

    expect(checks).toHaveLength((1 + employeeViews.length + adminViews.length) * 3 * 2);
    const problems = checks.flatMap((c) => [
      ...c.violations.map((v) => `${c.view} ${c.theme} ${c.width}px: ${v}`),
      ...(c.heading.trim() === '' ? [`${c.view} ${c.theme} ${c.width}px: empty h1`] : []),
      ...(c.mainText.length < 20
        ? [`${c.view} ${c.theme} ${c.width}px: main is nearly blank`]
        : []),
    ]);
    expect(problems).toEqual([]);
    expect([...signedOut.errors, ...adminPage.errors, ...employee.errors]).toEqual([]);
  });
});
