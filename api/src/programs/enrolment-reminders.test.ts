import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EnrolmentRemindersView } from '../contract/index.js';
import { jobContextOf, seedPeople, seedProgram, testClock } from '../testing/route-harness.js';
import { useRouteTestWorld } from '../testing/route-world.js';
import {
  auditLog,
  enrolmentInvitations,
  enrolments,
  jobs,
  notifications,
  programs,
} from '../store/index.js';
import { enrolmentReminderJobHandlers, enrolmentReminderRoutes } from './enrolment-reminders.js';

const BASE = 'http://127.0.0.1:3978';
// 22:30 in London: inside the default quiet hours (20:00 to 08:00).
const clock = testClock('2026-05-10T21:30:00Z');
const world = useRouteTestWorld({ clock, routes: enrolmentReminderRoutes });
let programId: string;
const admin = { as: 'hr', admin: true };
const path = () => `/programs/${programId}/enrolment-reminders`;

async function runQueuedJobs(): Promise<void> {
  const handler = enrolmentReminderJobHandlers(world.services)['enrolment-reminders'];
  const queued = await world.db.select().from(jobs).where(eq(jobs.kind, 'enrolment-reminders'));
  for (const job of queued) await handler(jobContextOf(job));
}

beforeAll(async () => {
  const grad = { jobTitle: 'Graduate Engineer', timeZone: 'Europe/London' };
  await seedPeople(world.db, [
    { id: 'quiet', displayName: 'Quinn', ...grad },
    { id: 'declined', displayName: 'Dee', ...grad },
    { id: 'enrolled', displayName: 'Ena', ...grad },
    { id: 'left-company', displayName: 'Lee', ...grad, goneAt: new Date('2026-04-01') },
    { id: 'hr', displayName: 'Harriet' },
  ]);
  programId = await seedProgram(world.db, { createdBy: 'hr' });
  await world.db
    .update(programs)
    .set({ status: 'draft', name: 'Spring cohort', enrolmentClosesAt: new Date('2026-05-20') })
    .where(eq(programs.id, programId));
  for (const personId of ['quiet', 'declined', 'enrolled', 'left-company'])
    await world.db
      .insert(enrolmentInvitations)
      .values({ programId, personId, invitedBy: 'hr', suggestedRole: 'mentor' });
  await world.db
    .update(enrolmentInvitations)
    .set({ declinedAt: new Date('2026-05-09') })
    .where(eq(enrolmentInvitations.personId, 'declined'));
  await world.db
    .update(enrolmentInvitations)
    .set({ acceptedAt: new Date('2026-05-09') })
    .where(eq(enrolmentInvitations.personId, 'enrolled'));
  await world.db.insert(enrolments).values({ programId, personId: 'enrolled', role: 'mentor' });
});

describe('enrolment reminders', () => {
  it('says before the admin tries that reminders wait for enrolment to open, and refuses them', async () => {
    const view = (await world.api.call('get', path(), admin)).body as EnrolmentRemindersView;
    expect(view).toMatchObject({ waiting: 1, reminded: 0, canSend: false });
    expect(view.whyNot).toMatch(/not open for enrolment/);
    const refused = await world.api.call('post', path(), admin);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(await world.db.select().from(jobs).where(eq(jobs.kind, 'enrolment-reminders'))).toEqual(
      [],
    );
    expect((await world.api.call('post', path(), { as: 'quiet' })).status).toBe(403);
  });

  it('reminds only the invited person who has not answered, once, after their quiet hours, linking to the enrol page', async () => {
    await world.db.update(programs).set({ status: 'enrolling' }).where(eq(programs.id, programId));
    const before = (await world.api.call('get', path(), admin)).body as EnrolmentRemindersView;
    // Dee declined, Ena enrolled, Lee has left the company: only Quinn is waiting.
    expect(before).toMatchObject({ waiting: 1, toRemind: 1, reminded: 0, canSend: true });

    const sent = await world.api.call('post', path(), admin);
    expect(sent.status).toBe(202);
    await runQueuedJobs();
    const rows = await world.db
      .select()
      .from(notifications)
      .where(eq(notifications.kind, 'enrolmentReminder'));
    expect(rows.map((r) => r.personId)).toEqual(['quiet']);
    const [quinn] = rows;
    expect(quinn?.text).toBe(
      'You were invited to Spring cohort. Enrolment closes on 20 May: enrol or decline in the app',
    );
    expect(quinn?.link).toBe(`${BASE}/#/enrol/${programId}`);
    // Sent at 08:00 London time (07:00 UTC in May), not at 22:30.
    expect(quinn?.scheduledFor.toISOString()).toBe('2026-05-11T07:00:00.000Z');
    const audited = await world.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'program.remind'), eq(auditLog.targetId, programId)));
    expect(audited).toHaveLength(1);
  });

  it('shows the admin how many were reminded and refuses a second round for the same people', async () => {
    const after = (await world.api.call('get', path(), admin)).body as EnrolmentRemindersView;
    expect(after).toMatchObject({ waiting: 1, reminded: 1, toRemind: 0, canSend: false });
    expect(after.whyNot).toMatch(/had their one reminder/);
    expect((await world.api.call('post', path(), admin)).status).toBe(409);
    // The job running again (a retry) adds nothing either.
    await runQueuedJobs();
    expect(
      await world.db
        .select()
        .from(notifications)
        .where(eq(notifications.kind, 'enrolmentReminder')),
    ).toHaveLength(1);
  });
});
