// Long on purpose: one browser session walks the tab's user journeys in order, sharing the started app and browser.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import {
  commitmentAddProblem,
  tabPaths,
  tabUrl,
  type CommitmentListView,
  type HomeView,
  type NotificationView,
  type ProgramView,
  type SessionGuideView,
} from '../../api/src/contract/index.js';
import { threadIdOfJoinUrl } from '../../api/src/guides/index.js';
import { startTestApp, type TestApp } from './support/app-server.js';
import {
  closeAll,
  collectPageErrors,
  collectRefusedRequests,
  launchBrowser,
} from './support/browser.js';
import {
  captureView,
  checkView,
  SCREENSHOT_DIR,
  THEMES,
  waitForView,
  type ThemeName,
  type ViewCheck,
} from './support/capture-view.js';
import {
  samplePeople,
  shareSignIn,
  signInThroughPicker,
  ssoTokenFor,
  tokenOf,
  type DevPerson,
} from './support/sign-in.js';
import { openInTeamsHost, type TeamsHost, type TeamsTheme } from './support/teams-host.js';
import { ensureTabBuilt } from './support/tab-build.js';

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

/** What the journey created, reused by the per-view checks so they show real data. */
const state: { programId?: string; runId?: string; pairingId?: string; sessionId?: string } = {};

/** An id of the right shape that matches nothing: views must show their not-found state. */
const EDITED_PROMPT = 'What do you hope I will still be doing differently a year from now?';
const NO_SUCH_ID = '00000000-0000-4000-8000-00000000dead';

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

async function cast(): Promise<{
  admin: DevPerson;
  mentor: DevPerson;
  leader: DevPerson;
  /** A second mentor the leader could also be paired with: the rematch goes to them. */
  spare: DevPerson;
  /** Someone invited by CSV who is reminded, opens the reminder and declines. */
  invitee: DevPerson;
}> {
  const sample = await samplePeople(app.url);
  // Only people whose name is theirs alone, so the picker and the pages name them unambiguously.
  const people = sample.filter(
    (p) => sample.filter((q) => q.displayName === p.displayName).length === 1,
  );
  const admin = people.find((p) => p.isAdmin);
  const leaders = people.filter((p) => !p.isAdmin && p.suggestedRole === 'leader');
  // A mentor and a leader in the same office (their working hours overlap) but different
  // departments (never in one reporting line), so matching can pair them.
  const compatible = (m: DevPerson, l: DevPerson) =>
    m.officeLocation !== null &&
    l.officeLocation === m.officeLocation &&
    l.department !== m.department;
  const mentor = people.find(
    (m) => !m.isAdmin && m.suggestedRole === 'mentor' && leaders.some((l) => compatible(m, l)),
  );
  const leader = leaders.find((l) => mentor !== undefined && compatible(mentor, l));
  const spare = people.find(
    (m) =>
      !m.isAdmin &&
      m.suggestedRole === 'mentor' &&
      m.id !== mentor?.id &&
      leader !== undefined &&
      compatible(m, leader),
  );
  const invitee = people.find(
    (m) =>
      !m.isAdmin &&
      m.suggestedRole === 'mentor' &&
      ![mentor?.id, spare?.id].includes(m.id) &&
      // Not from the pair's office: matching never has a use for them.
      m.officeLocation !== mentor?.officeLocation,
  );
  if (
    admin === undefined ||
    mentor === undefined ||
    leader === undefined ||
    spare === undefined ||
    invitee === undefined
  ) {
    throw new Error('The demo organisation needs an admin, three mentors and a leader');
  }
  return { admin, mentor, leader, spare, invitee };
}

/**
 * Runs one step of the journey; when it fails, the error names the step and quotes what the tab
 * showed (its problem message bars), which says which API route was missing or refused.
 */
async function step(page: Page, name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (cause) {
    const shown = await page
      .getByRole('alert')
      .allInnerTexts()
      .catch(() => []);
    const onScreen =
      shown.length > 0
        ? shown.join(' | ')
        : ((await page
            .locator('main')
            .first()
            .innerText()
            .catch(() => '')) ?? '');
    const message = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new Error(
      `Journey step "${name}" failed at ${page.url()}: ${message}` +
        `\nThe tab showed: ${onScreen.replace(/\s+/g, ' ').slice(0, 1200)}`,
      { cause },
    );
  }
}

beforeAll(async () => {
  ensureTabBuilt();
  app = await startTestApp();
  browser = await launchBrowser();
});

afterAll(() => closeAll(contexts, browser, app));

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
    const { admin, mentor, leader, spare, invitee } = await cast();
    const { page, errors } = await newPage();
    // Every control the tab offers must succeed: any refused API call fails the journey.
    const refused = collectRefusedRequests(page);
    const programName = `Reverse Mentoring e2e ${Date.now()}`;
    const dialog = page.getByRole('dialog');

    await step(page, 'the admin creates a program', async () => {
      await signInThroughPicker(page, app.url, admin);
      await page.goto(`${app.url}/#/admin`);
      await page.getByRole('button', { name: 'New program' }).click();
      await dialog.getByRole('textbox', { name: 'Name' }).fill(programName);
      await dialog.getByRole('button', { name: 'Create' }).click();
      await page.getByRole('heading', { level: 1, name: programName }).waitFor();
      state.programId = decodeURIComponent(new URL(page.url()).hash.split('/')[3] ?? '');
    });

    await step(page, 'the admin opens enrolment', async () => {
      await page.getByRole('button', { name: 'Open enrolment' }).click();
      await dialog.getByRole('button', { name: 'Open enrolment' }).click();
      await page.getByText('Enrolling', { exact: true }).first().waitFor();
    });

    await step(page, 'the admin invites a CSV list and sets dates and retention', async () => {
      const me = await apiAs<{ mail: string }>(page, '/api/me');
      const invited = (await (
        await fetch(`${app.url}/api/me`, {
          headers: { Authorization: `Bearer ${(await ssoTokenFor(app.url, invitee)).token}` },
        })
      ).json()) as { mail: string };
      const invite = page.getByRole('region', { name: 'Invite people' });
      await invite
        .getByRole('textbox', { name: 'Or paste the addresses' })
        .fill(`email\n${me.mail}\n${invited.mail}`);
      await invite.getByRole('button', { name: 'Send invitations' }).click();
      await invite.getByText(/^2 invited/).waitFor();
      await page.getByLabel('Enrolment closes').fill('2027-06-30T17:00');
      await page.getByRole('button', { name: 'Save dates and matching' }).click();
      await page.getByText('Dates and matching saved').first().waitFor();
      const retention = page.getByRole('region', { name: 'Data retention' });
      await retention.getByRole('spinbutton').fill('12');
      await retention.getByRole('textbox', { name: /^Reason/ }).fill('Works council agreement');
      await retention.getByRole('button', { name: 'Save retention' }).click();
      await page.getByText('Retention saved').first().waitFor();
    });

    await step(
      page,
      'the admin reminds the invited people and adds and removes an owner',
      async () => {
        // The reminders card counts the new invitations once the page reads it again.
        await page.reload();
        const reminders = page.getByRole('region', { name: 'Enrolment reminders' });
        await reminders.getByRole('button', { name: /^Remind \d+ (person|people)$/ }).click();
        await page
          .getByText(/on the way/)
          .first()
          .waitFor();
        const owners = page.getByRole('region', { name: 'Program owners' });
        await owners.getByRole('searchbox', { name: 'Add an owner' }).fill(spare.displayName);
        await owners.getByRole('button', { name: `Add ${spare.displayName} as owner` }).click();
        const list = owners.getByRole('list', { name: 'Program owners' });
        await list.getByText(spare.displayName, { exact: true }).waitFor();
        await owners.getByRole('button', { name: `Remove ${spare.displayName} as owner` }).click();
        await list.getByText(spare.displayName, { exact: true }).waitFor({ state: 'detached' });
      },
    );

    await step(
      page,
      'the admin opens the rules to a directory group and sees it saved',
      async () => {
        const rulesSection = () => page.getByRole('region', { name: 'Rules and cadence' });
        const chosen = () =>
          rulesSection().getByRole('list', { name: 'Groups this program is open to' });
        await rulesSection()
          .getByRole('searchbox', { name: 'Find a group by name' })
          .fill('graduate prog');
        await rulesSection()
          .getByRole('button', { name: 'Add the group Graduate programme 2026' })
          .click();
        await rulesSection().getByRole('button', { name: 'Save rules' }).click();
        await page.getByText('Rules saved').first().waitFor();
        await page.reload();
        await chosen().getByText('Graduate programme 2026', { exact: true }).waitFor();
        // Open to everyone again: the journey's mentor and leader are not graduates.
        await rulesSection()
          .getByRole('button', { name: 'Remove the group Graduate programme 2026' })
          .click();
        await rulesSection().getByRole('button', { name: 'Save rules' }).click();
        await page.getByText('Rules saved').first().waitFor();
        await chosen().getByText('Everyone: no group chosen.').waitFor();
      },
    );

    await step(
      page,
      'the admin edits a copy of the guide, a prompt included, and puts it in use',
      async () => {
        await page.getByRole('tab', { name: 'Guide' }).click();
        const copy = page.getByRole('region', { name: 'Edit a copy' });
        await copy.getByRole('button', { name: /^Session 2 · / }).click();
        await copy
          .getByRole('textbox', { name: 'Session 2 goal' })
          .fill('Try one AI tool together on a real task from the leader’s week.');
        // Session 1's first mentor prompt, rewritten and moved below the second one, then back.
        await copy.getByRole('button', { name: /^Session 1 · / }).click();
        await copy.getByRole('textbox', { name: 'Session 1 mentor prompt 1' }).fill(EDITED_PROMPT);
        await copy.getByRole('button', { name: 'Move Session 1 mentor prompt 1 down' }).click();
        expect(
          await copy.getByRole('textbox', { name: 'Session 1 mentor prompt 2' }).inputValue(),
        ).toBe(EDITED_PROMPT);
        await copy.getByRole('button', { name: 'Move Session 1 mentor prompt 2 up' }).click();
        // The form with two sessions open: every control named, nothing serious for axe.
        for (const width of [360, 1280]) {
          const seen = await checkView(page, 'admin-guide-copy-open', 'light', width);
          expect(seen.violations).toEqual([]);
        }
        await copy.getByRole('button', { name: /^Save as version .+ and use it$/ }).click();
        await page
          .getByText(/^New pairs in .+ now follow version/)
          .first()
          .waitFor();
        const current = page.getByRole('region', { name: 'The guide new pairs follow' });
        await current
          .getByText('Try one AI tool together on a real task from the leader’s week.', {
            exact: false,
          })
          .waitFor();
        await current.getByText(EDITED_PROMPT, { exact: false }).waitFor();
      },
    );

    await step(
      page,
      'the invited person opens the reminder, sees the invitation and declines',
      async () => {
        await signInThroughPicker(page, app.url, invitee);
        let reminder: NotificationView | undefined;
        // Queued by a job as soon as the admin asked: seconds.
        for (let i = 0; i < 60 && reminder === undefined; i++) {
          reminder = (
            await apiAs<{ items: NotificationView[] }>(page, '/api/me/notifications')
          ).items.find((n) => n.kind === 'enrolmentReminder');
          if (reminder === undefined) await new Promise((r) => setTimeout(r, 500));
        }
        expect(reminder?.text).toContain(`You were invited to ${programName}`);
        await page.goto('about:blank');
        await page.goto(reminder?.link ?? '');
        await page.getByRole('heading', { level: 1, name: `Enrol in ${programName}` }).waitFor();
        await page.goto(`${app.url}/#/`);
        const invitations = page.getByRole('region', { name: 'Invitations' });
        await invitations.getByRole('link', { name: `Enrol in ${programName}` }).waitFor();
        await invitations
          .getByRole('button', { name: `Decline the invitation to ${programName}` })
          .click();
        await page.getByText(`You declined ${programName}`).first().waitFor();
        await invitations.waitFor({ state: 'detached' });
      },
    );

    for (const [person, role, topics] of [
      [mentor, /^Mentor/, 'Topics I can share'],
      [spare, /^Mentor/, 'Topics I can share'],
      [leader, /^Leader \(mentee\)/, 'Topics I want to learn about'],
    ] as const) {
      await step(page, `${person.displayName} enrols`, async () => {
        await signInThroughPicker(page, app.url, person);
        await page.getByRole('link', { name: `Enrol in ${programName}` }).click();
        await page.getByRole('heading', { level: 1, name: `Enrol in ${programName}` }).waitFor();
        await page.getByRole('radio', { name: role }).check();
        await page
          .getByRole('group', { name: topics })
          .getByRole('checkbox', { name: 'Digital and AI tools' })
          .check();
        if (person === mentor)
          await page
            .getByRole('textbox', { name: 'In my own words' })
            .fill('I want to show how my team uses AI every day.');
        await page.getByRole('button', { name: 'Enrol', exact: true }).click();
        await page.getByRole('heading', { level: 3, name: programName }).waitFor();
        // The spare mentor pauses, so matching leaves them free for the rematch later.
        if (person === spare) {
          await page.getByRole('button', { name: 'Pause' }).click();
          await dialog.getByRole('button', { name: 'Pause' }).click();
          await page.getByRole('button', { name: 'Resume' }).waitFor();
        }
      });
    }

    await step(page, 'the admin closes enrolment and runs matching', async () => {
      await signInThroughPicker(page, app.url, admin);
      await page.goto(`${app.url}/#/admin/programs/${encodeURIComponent(state.programId ?? '')}`);
      const close = 'Close enrolment and start matching';
      await page.getByRole('button', { name: close }).click();
      await dialog.getByRole('button', { name: close }).click();
      await page.getByText('Matching', { exact: true }).first().waitFor();
      await page.getByRole('tab', { name: 'Matching' }).click();
      await page.getByRole('button', { name: 'Run matching' }).click();
      await page.getByRole('heading', { level: 2, name: /^Proposed pairs \([1-9]/ }).waitFor();
      await page.getByText(mentor.displayName).first().waitFor();
      state.runId =
        new URLSearchParams(new URL(page.url()).hash.split('?')[1]).get('run') ?? undefined;
      // Opened afresh without a run in the address, the screen lands on that same proposal.
      await page.goto(
        `${app.url}/#/admin/programs/${encodeURIComponent(state.programId ?? '')}/match`,
      );
      await page.reload();
      await page.getByRole('heading', { level: 2, name: /^Proposed pairs \([1-9]/ }).waitFor();
      await expect
        .poll(() => new URLSearchParams(new URL(page.url()).hash.split('?')[1]).get('run'))
        .toBe(state.runId);
    });

    await step(page, 'the admin approves and the series is booked', async () => {
      await page.getByRole('button', { name: /^Approve \d+ pairs?$/ }).click();
      await dialog.getByRole('button', { name: 'Approve and book' }).click();
      await page.getByRole('heading', { level: 1, name: 'Bookings' }).waitFor();
      await page
        .getByRole('row', { name: new RegExp(mentor.displayName) })
        // Busy calendars may leave a session or two for rebooking: partly booked has landed too.
        .getByText(/^(Booked|Partly booked)$/)
        .waitFor({ timeout: 60_000 });
    });

    await step(page, 'the mentor sees the booked series, the join link and the guide', async () => {
      await signInThroughPicker(page, app.url, mentor);
      await page.getByText(`You mentor ${leader.displayName}`).first().waitFor();
      await page
        .getByText(/^Series: (Booked|Partly booked)$/)
        .first()
        .waitFor();
      const join = page.getByRole('link', { name: 'Join' }).first();
      expect(await join.getAttribute('href')).toMatch(/^https:\/\//);
      await page.getByRole('link', { name: /^Prepare for session 1/ }).click();
      await page.getByRole('heading', { level: 2, name: 'Goal' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Your prompts' }).waitFor();
      // The pair was matched after the admin's copy was put in use: they follow it.
      await page.getByText(EDITED_PROMPT, { exact: true }).waitFor();
      // Session 1 is still ahead: the check-in says when it opens instead of offering a form the
      // server would refuse.
      await page.getByText(/^The check-in opens when the session starts/).waitFor();
      state.sessionId = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');
    });

    await step(page, 'the leader sees the same series from the other side', async () => {
      await signInThroughPicker(page, app.url, leader);
      await page.getByText(`${mentor.displayName} mentors you`).first().waitFor();
      const join = page.getByRole('link', { name: 'Join' }).first();
      expect(await join.getAttribute('href')).toMatch(/^https:\/\//);
      const home = await apiAs<HomeView>(page, '/api/me/home');
      state.pairingId = home.pairings[0]?.id;
    });

    await step(
      page,
      'both hear they are matched, and every message link opens a page',
      async () => {
        const links: string[] = [];
        for (const person of [mentor, leader]) {
          await signInThroughPicker(page, app.url, person);
          let items: NotificationView[] = [];
          // Sent by a job once the booking has an outcome: seconds, not the 15-minute scan.
          for (let i = 0; i < 60 && !items.some((n) => n.kind === 'matched'); i++) {
            items = (await apiAs<{ items: NotificationView[] }>(page, '/api/me/notifications'))
              .items;
            if (!items.some((n) => n.kind === 'matched'))
              await new Promise((r) => setTimeout(r, 500));
          }
          const matched = items.find((n) => n.kind === 'matched');
          const partner = person === mentor ? leader : mentor;
          expect(matched?.text).toContain(`You are matched with ${partner.displayName}`);
          for (const n of items) if (n.link !== null) links.push(n.link);
          // The Open link in the tab's own list leads to the pairing, not to "Page not found".
          await page.goto(`${app.url}/#/notifications`);
          await page.getByRole('link', { name: 'Open' }).first().click();
          await page.getByText(`${partner.displayName}`).first().waitFor();
          expect(
            await page.getByRole('heading', { level: 1, name: 'Page not found' }).count(),
          ).toBe(0);
        }
        // Every kind of message links to one of these tab paths (built by the same tabPaths).
        const ids = {
          programId: state.programId ?? '',
          pairingId: state.pairingId ?? '',
          sessionId: state.sessionId ?? '',
        };
        links.push(
          tabUrl(app.url, tabPaths.home()),
          tabUrl(app.url, tabPaths.pairing(ids.pairingId)),
          tabUrl(app.url, tabPaths.session(ids.sessionId)),
        );
        // Each link opened by the kind of person its messages go to: the pair's pages by the
        // mentor, the program's page by an admin (an admin may not read a pair's private parts).
        const opens: [DevPerson, string][] = [
          ...[...new Set(links)].map((link): [DevPerson, string] => [mentor, link]),
          [admin, tabUrl(app.url, tabPaths.adminProgram(ids.programId))],
        ];
        for (const [person, link] of opens) {
          await signInThroughPicker(page, app.url, person);
          // A fresh load each time, so the heading read is this link's and not the last page's.
          await page.goto('about:blank');
          await page.goto(link);
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          const h1 = await page.getByRole('heading', { level: 1 }).first().innerText();
          expect(h1, link).not.toBe('Page not found');
        }
      },
    );

    await step(
      page,
      'the leader writes a commitment, ticks it, and asks for a rematch',
      async () => {
        // The message-link step before this one signed in as the admin.
        await signInThroughPicker(page, app.url, leader);
        await page.getByRole('link', { name: `All sessions with ${mentor.displayName}` }).click();
        await page.getByText('I want to show how my team uses AI every day.').waitFor();
        const text = 'Run one team meeting async-first';
        await page.getByRole('textbox', { name: 'New commitment' }).fill(text);
        await page.getByRole('button', { name: 'Add commitment' }).click();
        // The box follows the server: it shows ticked once the commitment is saved as done.
        await page.getByRole('checkbox', { name: text }).click();
        await page.getByRole('checkbox', { name: text, checked: true }).waitFor();
        await page.getByRole('button', { name: 'Ask for a rematch' }).click();
        await dialog.getByRole('textbox').fill('Our calendars never line up');
        await dialog.getByRole('button', { name: 'Ask for a rematch' }).click();
        await page.getByText('Rematch requested', { exact: false }).first().waitFor();
      },
    );

    await step(page, 'the spare mentor resumes', async () => {
      await signInThroughPicker(page, app.url, spare);
      await page.getByRole('button', { name: 'Resume' }).click();
      await page.getByRole('button', { name: 'Pause' }).waitFor();
    });

    await step(
      page,
      'the admin applies a rematch candidate and finds it in the audit log',
      async () => {
        await signInThroughPicker(page, app.url, admin);
        await page.goto(
          `${app.url}/#/admin/programs/${encodeURIComponent(state.programId ?? '')}/rematches`,
        );
        await page.getByRole('button', { name: `Pair with ${spare.displayName}` }).click();
        await dialog.getByRole('textbox').fill('The leader asked; calendars clash');
        await dialog.getByRole('button', { name: 'Pair them' }).click();
        await page.getByRole('heading', { level: 2, name: 'Resolved (1)' }).waitFor();
        await page.goto(`${app.url}/#/admin`);
        await page.getByRole('link', { name: 'Audit log' }).click();
        await page.getByRole('cell', { name: 'Gave someone a new partner' }).first().waitFor();
        await page.getByRole('cell', { name: 'The leader asked; calendars clash' }).waitFor();
        // Who did it and to which program, by name: never the admin's or the program's id.
        const applied = page
          .getByRole('row')
          .filter({ hasText: 'Gave someone a new partner' })
          .first();
        await applied.getByRole('cell', { name: admin.displayName, exact: true }).waitFor();
        const appliedText = await applied.innerText();
        expect(appliedText).toContain(`pairing in ${programName}`);
        expect(appliedText).not.toContain(admin.id);
      },
    );

    await step(
      page,
      'every message sent in this journey opens its page for its recipient',
      async () => {
        const kinds = new Set<string>();
        for (const person of [mentor, leader, spare, invitee, admin]) {
          await signInThroughPicker(page, app.url, person);
          const items = (await apiAs<{ items: NotificationView[] }>(page, '/api/me/notifications'))
            .items;
          const byKind = new Map(items.filter((n) => n.link !== null).map((n) => [n.kind, n]));
          for (const [kind, n] of byKind) {
            kinds.add(kind);
            await page.goto('about:blank');
            await page.goto(n.link ?? '');
            await page.getByRole('heading', { level: 1 }).first().waitFor();
            await waitForView(page);
            const h1 = await page.getByRole('heading', { level: 1 }).first().innerText();
            expect(h1, `${kind} for ${person.displayName}: ${n.link ?? ''}`).not.toBe(
              'Page not found',
            );
          }
        }
        // The kinds this journey causes live; the time-driven ones (a session tomorrow, a check-in
        // waiting, a partner not answering, a pairing at risk, a survey) and a moved session are
        // created by the app's scans on a moved clock and opened in tests/e2e/messages.test.ts.
        // The mentor whose leader was rematched hears it (partnerChanged), as do the new pair.
        expect([...kinds]).toEqual(
          expect.arrayContaining(['matched', 'enrolmentReminder', 'partnerChanged']),
        );
        console.info(`message kinds opened live: ${[...kinds].sort().join(', ')}`);
      },
    );
    expect(errors).toEqual([]);
    expect(refused).toEqual([]);
  });

  it('renders every view in light, dark and high contrast at 360 and 1280 px with no serious axe violations', async () => {
    const { admin, mentor } = await cast();
    const adminFirst = await newPage();
    await signInThroughPicker(adminFirst.page, app.url, admin);
    const employeeFirst = await newPage();
    await signInThroughPicker(employeeFirst.page, app.url, mentor);

    if (state.programId === undefined) {
      const programs = await apiAs<ProgramView[]>(adminFirst.page, '/api/programs').catch(() => []);
      state.programId = programs[0]?.id;
    }
    if (state.pairingId === undefined) {
      const home = await apiAs<HomeView>(employeeFirst.page, '/api/me/home').catch(() => undefined);
      state.pairingId = home?.pairings[0]?.id;
      state.sessionId = home?.pairings[0]?.sessions[0]?.id;
    }
    // Without data from the journey the views must still show a proper not-found state.
    const programId = encodeURIComponent(state.programId ?? NO_SUCH_ID);
    const run = state.runId === undefined ? '' : `?run=${encodeURIComponent(state.runId)}`;
    const employeeViews: [string, string][] = [
      ['home', '#/'],
      ['enrol', `#/enrol/${programId}`],
      ['pairing', `#/pairing/${encodeURIComponent(state.pairingId ?? NO_SUCH_ID)}`],
      ['session', `#/session/${encodeURIComponent(state.sessionId ?? NO_SUCH_ID)}`],
      ['notifications', '#/notifications'],
      ['settings', '#/settings'],
      ['meeting', '#/meeting'],
      ['config', '#/config'],
      ['not-found', '#/no/such/page'],
    ];
    const adminViews: [string, string][] = [
      ['admin', '#/admin'],
      ['admin-program', `#/admin/programs/${programId}`],
      ['admin-match', `#/admin/programs/${programId}/match${run}`],
      ['admin-bookings', `#/admin/programs/${programId}/bookings`],
      ['admin-insights', `#/admin/programs/${programId}/insights`],
      ['admin-rematches', `#/admin/programs/${programId}/rematches`],
      ['admin-guide', `#/admin/programs/${programId}/guide`],
      ['admin-audit', '#/admin/audit'],
      // The admin invited themselves in the journey: Home shows the invitation.
      ['home-invited', '#/'],
    ];

    // Each theme in fresh pages signed in as the same people. Themes run one after another: on
    // two cores, running them side by side was slower.
    const errors: string[][] = [adminFirst.errors, employeeFirst.errors];
    const perTheme = async (theme: ThemeName): Promise<ViewCheck[]> => {
      const signedOut = await newPage();
      const employee = await newPage();
      const adminPage = await newPage();
      errors.push(signedOut.errors, employee.errors, adminPage.errors);
      await shareSignIn(employeeFirst.page, employee.page);
      await shareSignIn(adminFirst.page, adminPage.page);
      const checks = await captureView({
        page: signedOut.page,
        baseUrl: app.url,
        view: 'sign-in',
        hash: '#/',
        theme,
      });
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
      return checks;
    };
    const checks: ViewCheck[] = [];
    for (const theme of THEMES) checks.push(...(await perTheme(theme)));

    expect(checks).toHaveLength((1 + employeeViews.length + adminViews.length) * 3 * 2);
    const problems = checks.flatMap((c) => [
      ...c.violations.map((v) => `${c.view} ${c.theme} ${c.width}px: ${v}`),
      ...(c.heading.trim() === '' ? [`${c.view} ${c.theme} ${c.width}px: empty h1`] : []),
      ...(c.mainText.length < 20
        ? [`${c.view} ${c.theme} ${c.width}px: main is nearly blank`]
        : []),
    ]);
    expect(problems).toEqual([]);
    expect(errors.flat()).toEqual([]);
    // 18 views x 3 themes x 2 widths, each screenshotted and checked by axe (16 before); about
    // six minutes on two busy cores, so the limit is 7.
  }, 420_000);
});

describe('the tab hosted in Teams', () => {
  /** Teams' theme names and the tab's own, in the order the host switches through them. */
  const TEAMS_THEMES: [TeamsTheme, ThemeName][] = [
    ['default', 'light'],
    ['dark', 'dark'],
    ['contrast', 'contrast'],
  ];
  /** Where Save in the configuration dialog pointed the meeting tab (the side panel opens it). */
  let contentUrl: string | undefined;

  async function hostAs(
    person: DevPerson,
    options: Pick<Parameters<typeof openInTeamsHost>[2], 'frameContext' | 'tabPath' | 'meeting'> & {
      auth?: { error: string };
    },
  ): Promise<{ host: TeamsHost; page: Page; errors: string[] }> {
    const { page, errors } = await newPage();
    const sso = await ssoTokenFor(app.url, person);
    const host = await openInTeamsHost(page, app.url, {
      ...options,
      user: {
        id: person.id,
        displayName: person.displayName,
        userPrincipalName: `${person.displayName.replace(/\W+/g, '.').toLowerCase()}@contoso.test`,
      },
      tenantId: sso.tenantId,
      theme: 'default',
      auth: options.auth ?? { token: sso.token },
    });
    return { host, page, errors };
  }

  /** The tab's theme and background after the host switched it, with a screenshot of both. */
  async function themeRound(
    h: { host: TeamsHost; page: Page },
    surface: string,
  ): Promise<string[]> {
    const backgrounds: string[] = [];
    for (const [teams, ours] of TEAMS_THEMES) {
      await h.host.setTheme(teams);
      await h.host.frame.waitForFunction(
        (expected) => document.documentElement.dataset.theme === expected,
        ours,
      );
      backgrounds.push(
        await h.host.frame.evaluate(() => {
          const root = document.querySelector('.fui-FluentProvider > div');
          return root === null ? '' : getComputedStyle(root).backgroundColor;
        }),
      );
      await h.page.screenshot({
        path: path.join(SCREENSHOT_DIR, `hosted-${surface}-${ours}.png`),
        fullPage: true,
      });
    }
    return backgrounds;
  }

  it('personal tab: Teams SSO signs the person in (no dev sign-in), home shows, and a Teams theme change re-themes it live', async () => {
    const { mentor } = await cast();
    const hosted = await hostAs(mentor, { frameContext: 'content', tabPath: '/index.html#/' });
    const tab = hosted.host.frame;
    await tab.locator('header').getByText(mentor.displayName, { exact: true }).waitFor();
    // The person's own home (the journey before may have re-paired them through a rematch).
    const firstName = mentor.displayName.split(' ')[0] ?? '';
    await tab.getByRole('heading', { level: 1, name: `Welcome, ${firstName}` }).waitFor();
    expect(await tab.getByRole('combobox', { name: 'Person' }).count()).toBe(0);
    expect(await tab.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    expect(await tab.evaluate(() => sessionStorage.length)).toBe(0);

    const backgrounds = await themeRound(hosted, 'personal');
    expect(new Set(backgrounds).size).toBe(3);
    const record = await hosted.host.record();
    expect(record.calls.slice(0, 2)).toEqual(['initialize', 'getContext']);
    expect(record.tokensIssued).toBeGreaterThan(0);
    expect(record.unanswered).toEqual([]);
    expect(hosted.errors).toEqual([]);
  });

  it('configurable tab: the settings page is valid at once and Save hands Teams the meeting guide', async () => {
    const { mentor } = await cast();
    const hosted = await hostAs(mentor, {
      frameContext: 'settings',
      tabPath: '/index.html#/config',
    });
    await hosted.host.frame
      .getByRole('heading', { level: 1, name: 'Add the mentoring guide' })
      .waitFor();
    await hosted.host.frame.getByText('Select Save to add the tab.').waitFor();
    const save = hosted.page.getByRole('button', { name: 'Save' });
    await expect.poll(() => save.isEnabled()).toBe(true);
    await themeRound(hosted, 'config');

    await save.click();
    await hosted.page.getByRole('status').getByText('Saved', { exact: true }).waitFor();
    const record = await hosted.host.record();
    expect(record.saveResult).toBe('success');
    expect(record.savedConfig).toMatchObject({
      entityId: 'reverse-mentoring-guide',
      contentUrl: `${app.url}/#/meeting`,
      suggestedDisplayName: 'Mentoring guide',
    });
    contentUrl = record.savedConfig?.contentUrl;
    expect(record.unanswered).toEqual([]);
    expect(hosted.errors).toEqual([]);
  });

  it("meeting side panel and stage: find the booked session from the meeting chat and show its guide for the viewer's role", async () => {
    const { mentor, leader } = await cast();
    const mentorSso = await ssoTokenFor(app.url, mentor);
    const homeResponse = await fetch(`${app.url}/api/me/home`, {
      headers: { Authorization: `Bearer ${mentorSso.token}` },
    });
    const home = (await homeResponse.json()) as HomeView;
    const pairing = home.pairings.find((p) => p.partner.id === leader.id);
    const joinUrl = pairing?.series?.joinUrl ?? pairing?.nextSession?.joinUrl ?? null;
    if (joinUrl === null)
      throw new Error('The journey test books the series this test opens the side panel of');
    const chatId = threadIdOfJoinUrl(joinUrl);
    if (chatId === undefined) throw new Error(`No meeting thread in ${joinUrl}`);
    const meeting = { chatId, meetingId: Buffer.from(`0#${chatId}#0`).toString('base64') };
    const tabPath =
      contentUrl === undefined
        ? '/#/meeting'
        : new URL(contentUrl).pathname + new URL(contentUrl).hash;

    for (const [person, role] of [
      [mentor, 'mentor'],
      [leader, 'leader (mentee)'],
    ] as const) {
      const sso = await ssoTokenFor(app.url, person);
      const expected = (await (
        await fetch(`${app.url}/api/meeting-guide?joinUrl=${encodeURIComponent(joinUrl)}`, {
          headers: { Authorization: `Bearer ${sso.token}` },
        })
      ).json()) as SessionGuideView;
      // The leader has the guide shared to the meeting stage; the mentor keeps the side panel.
      const frameContext = person === mentor ? 'sidePanel' : 'meetingStage';
      const hosted = await hostAs(person, { frameContext, tabPath, meeting });
      const panel = hosted.host.frame;
      await panel.getByRole('heading', { level: 1, name: 'Session guide' }).waitFor();
      await panel.getByText(expected.goal, { exact: true }).waitFor();
      await panel.getByText(`your role: ${role}`, { exact: false }).waitFor();
      await panel
        .getByText(expected.prompts[0] ?? '', { exact: true })
        .first()
        .waitFor();
      // In a meeting the tab has no app header: the side panel is a 320 px frame with the
      // guide, the check-in (or when it opens) and the pair's commitments, and nothing else.
      expect(await panel.getByRole('navigation', { name: 'Reverse Mentoring' }).count()).toBe(0);
      expect(await panel.getByRole('banner').count()).toBe(0);
      await panel.getByRole('heading', { level: 2, name: 'Check-in' }).waitFor();
      await panel.getByRole('heading', { level: 2, name: 'Commitments' }).waitFor();
      if (person === leader) {
        // The journey's rematch ends this pairing: then the leader reads why instead of a form
        // the server would refuse; in a pairing still running, the form is there.
        const list = (await (
          await fetch(`${app.url}/api/pairings/${expected.pairingId}/commitments`, {
            headers: { Authorization: `Bearer ${sso.token}` },
          })
        ).json()) as CommitmentListView;
        const why = commitmentAddProblem({
          pairingStatus: list.pairingStatus,
          count: list.items.length,
        });
        if (why === undefined)
          await panel.getByRole('button', { name: 'Add commitment' }).waitFor();
        else {
          await panel.getByText(why, { exact: true }).waitFor();
          expect(await panel.getByRole('button', { name: 'Add commitment' }).count()).toBe(0);
        }
      }
      if (frameContext === 'sidePanel') {
        // Nothing is wider than the panel: no sideways scrolling at 320 px.
        const overflow = await panel.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
      }
      if (person === mentor) {
        await themeRound(hosted, 'side-panel');
        // The lower half of the panel: the check-in and the commitments.
        await panel.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await hosted.page.screenshot({
          path: path.join(SCREENSHOT_DIR, 'hosted-side-panel-lower-contrast.png'),
        });
      }
      const record = await hosted.host.record();
      expect(record.unanswered).toEqual([]);
      expect(hosted.errors).toEqual([]);
    }
  });

  it('a refused getAuthToken shows a clear message and a retry, never a blank page', async () => {
    const { mentor } = await cast();
    const sso = await ssoTokenFor(app.url, mentor);
    const hosted = await hostAs(mentor, {
      frameContext: 'content',
      tabPath: '/index.html#/',
      auth: { error: 'resourceRequiresConsent' },
    });
    const tab = hosted.host.frame;
    await tab.getByRole('heading', { level: 1, name: 'We could not sign you in' }).waitFor();
    const alert = tab.getByRole('alert');
    await alert.getByText('Teams sign-in failed').waitFor();
    await alert.getByText(/has not yet approved Reverse Mentoring/).waitFor();
    await hosted.page.screenshot({
      path: path.join(SCREENSHOT_DIR, 'hosted-sign-in-failed-light.png'),
      fullPage: true,
    });

    await hosted.host.setAuth({ token: sso.token });
    await tab.getByRole('button', { name: 'Try again' }).click();
    await tab.locator('header').getByText(mentor.displayName, { exact: true }).waitFor();
    expect(hosted.errors).toEqual([]);
  });
});
