// Long on purpose: every program route over the one HTTP test API and seeded store, so the route table is checked in one place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import {
  CLOSED_PROGRAM_PROBLEM,
  ENROLMENT_WINDOW_PROBLEM,
  PROFILE_LIMITS,
  RULE_LIMITS,
  rulesFixedProblem,
} from '../contract/index.js';
import type { GraphClient } from '../graph/index.js';
import type {
  EligibilityOptionsView,
  EnrolmentView,
  ImportResultView,
  InvitationView,
  ProgramView,
  SuggestedRole,
} from '../contract/index.js';
import {
  auditLog,
  enrolmentInvitations,
  enrolments,
  jobs,
  pairings,
  programs,
} from '../store/index.js';
import type { Store } from '../store/index.js';
import { createTestStore } from '../store/testing.js';
import { latestGuideTrack, storeGuideTrackCopy } from '../guides/index.js';
import { programRoutes } from './program-routes.js';
import { programTestServices, seedPeople, startProgramTestApi } from '../testing/route-harness.js';
import type { ProgramTestApi, ProgramTestServices } from '../testing/route-harness.js';

const GRADS = 'a0a0a0a0-0000-4000-8000-000000000001';
let store: Store;
let services: ProgramTestServices;
let api: ProgramTestApi;
const admin = { as: 'hr', admin: true };

beforeAll(async () => {
  store = await createTestStore();
  // Graph answers only the room's mailbox; anyone else's read fails, as with no Graph at all.
  const unreachable = programTestServices({ db: store.db }).graph;
  const graph: GraphClient = {
    ...unreachable,
    async getMailboxSettingsBatch(ids) {
      if (!ids.includes('room')) throw new Error('connect ECONNREFUSED');
      return new Map([['room', { userPurpose: 'room', timeZone: 'Pacific Standard Time' }]]);
    },
    // The directory has one group: the graduate programme, with 'grad' in it (through nesting,
    // as transitiveMemberOf reports it).
    async getGroup(id) {
      return id === GRADS ? { id: GRADS, displayName: 'Graduate programme 2026' } : null;
    },
    async userGroupIds(userId) {
      return new Set(userId === 'grad' ? [GRADS, 'a0a0a0a0-0000-4000-8000-0000000000ff'] : []);
    },
    async searchGroups({ search }) {
      return 'graduate programme 2026'.split(' ').some((w) => w.startsWith(search.toLowerCase()))
        ? [{ id: GRADS, displayName: 'Graduate programme 2026', description: null }]
        : [];
    },
  };
  services = programTestServices({ db: store.db, graph });
  api = await startProgramTestApi(store.db, programRoutes(services));
  await seedPeople(store.db, [
    { id: 'ceo', jobTitle: 'Chief Executive Officer', depth: 0, orgSize: 40, managerId: null },
    {
      id: 'dir',
      jobTitle: 'Director of Sales',
      depth: 1,
      orgSize: 12,
      managerId: 'ceo',
      department: 'Sales',
    },
    {
      id: 'grad',
      jobTitle: 'Graduate Engineer',
      depth: 3,
      managerId: 'dir',
      hireDate: new Date('2025-09-01'),
    },
    {
      id: 'mid',
      jobTitle: 'Senior Engineer',
      depth: 3,
      managerId: 'dir',
      hireDate: new Date('2019-01-01'),
    },
    {
      id: 'intern',
      jobTitle: 'Intern',
      depth: 3,
      managerId: 'dir',
      mail: 'Intern.Person@Example.test',
    },
    { id: 'gone', jobTitle: 'Graduate', depth: 3, goneAt: new Date('2026-01-01') },
    // A room mailbox is a user object too, with whatever title someone typed.
    { id: 'room', jobTitle: 'Graduate', depth: 3, managerId: null },
    { id: 'disabled', jobTitle: 'Graduate Engineer', depth: 3, accountEnabled: false },
  ]);
  // Migrating a fresh store is the slow part, and slower on a busy machine.
}, 60_000);

afterAll(async () => {
  await api.close();
  await store.close();
});

async function newProgram(body: Record<string, unknown> = {}): Promise<ProgramView> {
  const res = await api.call('post', '/programs', {
    ...admin,
    body: { name: 'Spring cohort', ...body },
  });
  expect(res.status).toBe(201);
  return res.body as ProgramView;
}

async function moveTo(id: string, ...steps: string[]): Promise<void> {
  for (const to of steps) {
    const res = await api.call('post', `/programs/${id}/transitions`, { ...admin, body: { to } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
}

/** A pairing put straight into the store (matching has its own tests); its id. */
async function insertPairing(programId: string, mentorId: string, leaderId: string) {
  const [row] = await store.db
    .insert(pairings)
    .values({ programId, mentorId, leaderId, guideTrackId: 't', guideTrackVersion: '1' })
    .returning({ id: pairings.id });
  return row?.id ?? '';
}

/** `POST /programs/:id/enrolments` as a person, with the enrolment body. */
const enrolIn = (programId: string, as: string, body: Record<string, unknown>) =>
  api.call('post', `/programs/${programId}/enrolments`, { as, body });
/** Imports a CSV list of people into a program, as the admin. */
const importCsv = (programId: string, body: { csv: string; skipUnknown?: boolean }) =>
  api.call('post', `/programs/${programId}/imports`, { ...admin, body });
/** The invitations a program holds, straight from the store. */
const invitationsOf = (programId: string) =>
  store.db.select().from(enrolmentInvitations).where(eq(enrolmentInvitations.programId, programId));

describe('program lifecycle', () => {
  it('creates a draft with defaulted rules and the guide version pinned, and audits it', async () => {
    const p = await newProgram();
    expect(p.status).toBe('draft');
    expect(p.rules).toMatchObject({
      mentorMaxLevel: 3,
      leaderMinLevel: 7,
      cadence: 'biweekly',
      leaderCapacity: 1,
    });
    expect(p.rules.topics).toContain('digital-ai-tools');
    expect(p.guideTrackVersion).not.toBe('');
    expect(p.nextStatuses).toEqual(['enrolling']);
    const rows = await store.db.select().from(auditLog).where(eq(auditLog.targetId, p.id));
    expect(rows.map((r) => r.action)).toEqual(['program.create']);
  });

  it('rejects bad rules and unknown fields with problem+json and creates nothing', async () => {
    const before = await store.db.select().from(programs);
    for (const body of [
      { name: 'X cohort', rules: { durationMinutes: 90 } },
      { name: 'X cohort', rules: { leaderCapacity: 3 } },
      { name: 'X cohort', rules: { mentorMaxLevel: 8, leaderMinLevel: 7 } },
      { name: 'X cohort', colour: 'red' },
      {
        name: 'X cohort',
        enrolmentOpensAt: '2026-04-01T00:00:00Z',
        enrolmentClosesAt: '2026-03-01T00:00:00Z',
      },
    ]) {
      const res = await api.call('post', '/programs', { ...admin, body });
      expect(res.status).toBe(400);
      expect(res.contentType).toContain('application/problem+json');
    }
    expect(await store.db.select().from(programs)).toHaveLength(before.length);
  });

  it('walks draft → enrolling → matching → enrolling → matching and refuses other moves with a 409 naming both', async () => {
    const p = await newProgram();
    const skip = await api.call('post', `/programs/${p.id}/transitions`, {
      ...admin,
      body: { to: 'active' },
    });
    expect(skip.status).toBe(409);
    expect(skip.body).toMatchObject({
      type: expect.stringContaining('invalid-transition'),
      from: 'draft',
      to: 'active',
    });
    expect((skip.body as { detail: string }).detail).toContain('draft');
    await moveTo(p.id, 'enrolling', 'matching', 'enrolling', 'matching');
    const back = await api.call('post', `/programs/${p.id}/transitions`, {
      ...admin,
      body: { to: 'draft' },
    });
    expect(back.status).toBe(409);
    // Active needs an approved run: the state machine allows it, the program has no pairs yet.
    const active = await api.call('post', `/programs/${p.id}/transitions`, {
      ...admin,
      body: { to: 'active' },
    });
    expect(active.status).toBe(409);
  });

  it('closing ends every pairing with the reason and queues their series cancellation', async () => {
    const p = await newProgram();
    await store.db.update(programs).set({ status: 'active' }).where(eq(programs.id, p.id));
    const pairingId = await insertPairing(p.id, 'grad', 'dir');
    const res = await api.call('post', `/programs/${p.id}/transitions`, {
      ...admin,
      body: { to: 'closed', reason: 'cohort finished' },
    });
    expect(res.status).toBe(200);
    expect((res.body as ProgramView).nextStatuses).toEqual([]);
    const [after] = await store.db.select().from(pairings).where(eq(pairings.id, pairingId));
    expect(after).toMatchObject({ status: 'ended', endReason: 'program closed' });
    const cancel = await store.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, 'series-cancel'), eq(jobs.key, pairingId)));
    expect(cancel[0]?.payload).toEqual({ pairingId, reason: 'program closed' });
    const reopen = await api.call('post', `/programs/${p.id}/transitions`, {
      ...admin,
      body: { to: 'active' },
    });
    expect(reopen.status).toBe(409);
    const audit = await store.db.select().from(auditLog).where(eq(auditLog.targetId, p.id));
    expect(audit.find((a) => a.action === 'program.transition')?.reason).toBe('cohort finished');
  });

  it('is for admins only', async () => {
    const res = await api.call('post', '/programs', { as: 'grad', body: { name: 'Mine now' } });
    expect(res.status).toBe(403);
  });

  it('edits rules before approval, checking them as a whole', async () => {
    const p = await newProgram();
    const ok = await api.call('patch', `/programs/${p.id}`, {
      ...admin,
      body: { rules: { leaderCapacity: 2, weights: { topics: 3 } } },
    });
    expect(ok.status).toBe(200);
    expect((ok.body as ProgramView).rules).toMatchObject({
      leaderCapacity: 2,
      weights: { topics: 3, gap: 1 },
    });
    const bad = await api.call('patch', `/programs/${p.id}`, {
      ...admin,
      body: { rules: { mentorMaxLevel: 9 } },
    });
    expect(bad.status).toBe(400);
  });

  it('moves a program to an edited guide copy, audited, and refuses a version that does not exist', async () => {
    const p = await newProgram();
    const source = await latestGuideTrack(store.db, p.guideTrackId);
    if (source === undefined) throw new Error('the pinned guide is not stored');
    await storeGuideTrackCopy(store.db, {
      source: source.track,
      newId: p.guideTrackId,
      newVersion: '2099.1',
      edits: { title: 'Our own guide' },
      actorId: 'hr',
    });
    const moved = await api.call('patch', `/programs/${p.id}`, {
      ...admin,
      body: { guide: { id: p.guideTrackId, version: '2099.1' } },
    });
    expect(moved.status).toBe(200);
    expect((moved.body as ProgramView).guideTrackVersion).toBe('2099.1');
    const [row] = await store.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, p.id), eq(auditLog.action, 'program.update')));
    expect(row?.detail).toMatchObject({
      guide: { from: `${p.guideTrackId}@${p.guideTrackVersion}`, to: `${p.guideTrackId}@2099.1` },
    });
    const missing = await api.call('patch', `/programs/${p.id}`, {
      ...admin,
      body: { guide: { id: p.guideTrackId, version: '2099.9' } },
    });
    expect(missing.status).toBe(400);
    const [after] = await store.db.select().from(programs).where(eq(programs.id, p.id));
    expect(after?.guideTrackVersion).toBe('2099.1');
  });

  it('refuses an enrolment window that closes before it opens, and any change to a closed program, in the sentences the dates form shows first', async () => {
    const p = await newProgram();
    const reversed = await api.call('patch', `/programs/${p.id}`, {
      ...admin,
      body: { enrolmentOpensAt: '2027-03-10T09:00:00Z', enrolmentClosesAt: '2027-03-01T09:00:00Z' },
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body).toMatchObject({ detail: ENROLMENT_WINDOW_PROBLEM });
    const created = await api.call('post', '/programs', {
      ...admin,
      body: {
        name: 'Reversed window',
        enrolmentOpensAt: '2027-03-10T09:00:00Z',
        enrolmentClosesAt: '2027-03-01T09:00:00Z',
      },
    });
    expect(created.status).toBe(400);
    expect(JSON.stringify(created.body)).toContain(ENROLMENT_WINDOW_PROBLEM);
    await store.db.update(programs).set({ status: 'closed' }).where(eq(programs.id, p.id));
    const late = await api.call('patch', `/programs/${p.id}`, {
      ...admin,
      body: { startsOn: '2027-04-01' },
    });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ detail: CLOSED_PROGRAM_PROBLEM });
    const [after] = await store.db.select().from(programs).where(eq(programs.id, p.id));
    expect(after?.startsOn).toBeNull();
  });

  it('takes rules until pairs are approved, then refuses them with the sentence the rules form shows', async () => {
    const p = await newProgram();
    await store.db.update(programs).set({ status: 'matching' }).where(eq(programs.id, p.id));
    const matching = await api.call('patch', `/programs/${p.id}`, {
      ...admin,
      body: { rules: { sessions: 6 } },
    });
    expect(matching.status).toBe(200);
    await store.db.update(programs).set({ status: 'active' }).where(eq(programs.id, p.id));
    const active = await api.call('patch', `/programs/${p.id}`, {
      ...admin,
      body: { rules: { sessions: 4 } },
    });
    expect(active.status).toBe(409);
    expect(active.body).toMatchObject({ detail: rulesFixedProblem('active') });
    const [after] = await store.db.select().from(programs).where(eq(programs.id, p.id));
    expect(after?.rules.sessions).toBe(6);
  });

  it('refuses rules outside the limits the tab shows, naming the field in words', async () => {
    const p = await newProgram();
    const { min, max } = RULE_LIMITS.durationMinutes;
    for (const durationMinutes of [min - 1, max + 1]) {
      const res = await api.call('patch', `/programs/${p.id}`, {
        ...admin,
        body: { rules: { durationMinutes } },
      });
      expect(res.status).toBe(400);
      expect((res.body as { errors: { field: string; message: string }[] }).errors).toEqual([
        {
          field: 'body.rules.durationMinutes',
          message: `Minutes per session must be a whole number from ${min} to ${max}`,
        },
      ]);
    }
    for (const durationMinutes of [min, max]) {
      const res = await api.call('patch', `/programs/${p.id}`, {
        ...admin,
        body: { rules: { durationMinutes } },
      });
      expect(res.status).toBe(200);
    }
  });
});

describe('enrolment', () => {
  let p: ProgramView;
  beforeAll(async () => {
    p = await newProgram({ rules: { mentorMaxLevel: 3, leaderMinLevel: 7 } });
    await moveTo(p.id, 'enrolling');
  });

  it('suggests a role from career level with plain reasons, never age', async () => {
    const res = await api.call('get', `/me/suggested-role?programId=${p.id}`, { as: 'grad' });
    expect(res.status).toBe(200);
    const s = res.body as SuggestedRole;
    expect(s.suggestedRole).toBe('mentor');
    expect(s.eligibleRoles).toEqual(['mentor']);
    expect(s.reasons.join(' ')).toMatch(/Graduate/);
    expect(s.reasons.join(' ')).not.toMatch(/\bage\b|born|birth|old\b/i);
    const dir = (await api.call('get', `/me/suggested-role?programId=${p.id}`, { as: 'dir' }))
      .body as SuggestedRole;
    expect(dir).toMatchObject({ suggestedRole: 'leader', eligibleRoles: ['leader'] });
  });

  it('keeps a program to the departments it is open to, says so before enrolling, and refuses the rest', async () => {
    const sales = await newProgram({ rules: { eligibleDepartments: ['sales '] } });
    expect(sales.rules.eligibleDepartments).toEqual(['sales']);
    await moveTo(sales.id, 'enrolling');
    const dir = (await api.call('get', `/me/suggested-role?programId=${sales.id}`, { as: 'dir' }))
      .body as SuggestedRole;
    // The directory says "Sales"; case and spaces do not matter.
    expect(dir.eligibleRoles).toEqual(['leader']);
    const grad = (await api.call('get', `/me/suggested-role?programId=${sales.id}`, { as: 'grad' }))
      .body as SuggestedRole;
    expect(grad.eligibleRoles).toEqual([]);
    expect(grad.reasons).toContain(
      'This program is open to the departments sales, and no department is on record',
    );
    const refused = await api.call('post', `/programs/${sales.id}/enrolments`, {
      as: 'grad',
      body: { role: 'mentor' },
    });
    expect(refused.status).toBe(403);
    expect(
      await store.db.select().from(enrolments).where(eq(enrolments.programId, sales.id)),
    ).toHaveLength(0);

    const options = await api.call('get', '/eligibility-options', admin);
    expect((options.body as EligibilityOptionsView).departments).toContain('Sales');
    expect((await api.call('get', '/eligibility-options', { as: 'grad' })).status).toBe(403);

    const twice = await api.call('patch', `/programs/${sales.id}`, {
      ...admin,
      body: { rules: { eligibleOffices: ['London', 'london'] } },
    });
    expect(twice.status).toBe(400);
    expect((twice.body as { errors: { message: string }[] }).errors[0]?.message).toBe(
      'Open to offices: a name is listed twice',
    );
    const everyone = await api.call('patch', `/programs/${sales.id}`, {
      ...admin,
      body: { rules: { eligibleDepartments: [] } },
    });
    expect((everyone.body as ProgramView).rules.eligibleDepartments).toEqual([]);
    const open = (await api.call('get', `/me/suggested-role?programId=${sales.id}`, { as: 'grad' }))
      .body as SuggestedRole;
    expect(open.eligibleRoles).toEqual(['mentor']);
  });

  it('keeps a program to the Entra groups it is open to, checks the ids with the directory, and names the group that keeps someone out', async () => {
    const p = await newProgram();
    const rules = async () =>
      (await store.db.select().from(programs).where(eq(programs.id, p.id)))[0]?.rules;
    const before = await rules();
    const audits = async () => (await store.db.select().from(auditLog)).length;
    const auditsBefore = await audits();
    for (const [eligibleGroups, message] of [
      [[{ id: 'graduates', displayName: 'Graduates' }], 'a group id is an Entra object id'],
      [
        [{ id: 'b0b0b0b0-0000-4000-8000-000000000009', displayName: 'Old group' }],
        'no group with id b0b0b0b0-0000-4000-8000-000000000009 is in the directory',
      ],
      [
        Array.from({ length: 21 }, (_, i) => ({
          id: `c0c0c0c0-0000-4000-8000-${String(i).padStart(12, '0')}`,
          displayName: `Group ${i}`,
        })),
        'at most 20 groups',
      ],
    ] as const) {
      const bad = await api.call('patch', `/programs/${p.id}`, {
        ...admin,
        body: { rules: { eligibleGroups } },
      });
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(bad.body)).toContain(message);
    }
    expect(await rules()).toEqual(before);
    expect(await audits()).toBe(auditsBefore);

    // The name kept is the directory's, whatever the form sent.
    const saved = await api.call('patch', `/programs/${p.id}`, {
      ...admin,
      body: { rules: { eligibleGroups: [{ id: GRADS.toUpperCase(), displayName: 'grads' }] } },
    });
    expect(saved.status).toBe(200);
    expect((saved.body as ProgramView).rules.eligibleGroups).toEqual([
      { id: GRADS, displayName: 'Graduate programme 2026' },
    ]);
    await moveTo(p.id, 'enrolling');
    const grad = (await api.call('get', `/me/suggested-role?programId=${p.id}`, { as: 'grad' }))
      .body as SuggestedRole;
    expect(grad.eligibleRoles).toEqual(['mentor']);
    const mid = (await api.call('get', `/me/suggested-role?programId=${p.id}`, { as: 'intern' }))
      .body as SuggestedRole;
    expect(mid.eligibleRoles).toEqual([]);
    expect(mid.reasons).toContain('Not in the group Graduate programme 2026');
    const refused = await api.call('post', `/programs/${p.id}/enrolments`, {
      as: 'intern',
      body: { role: 'mentor' },
    });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain('Not in the group Graduate programme 2026');

    const found = await api.call('get', '/eligibility-options/groups?q=progr', admin);
    expect(found.body).toEqual({
      items: [{ id: GRADS, displayName: 'Graduate programme 2026', description: null }],
    });
    expect((await api.call('get', '/eligibility-options/groups?q=', admin)).status).toBe(400);
    expect((await api.call('get', '/eligibility-options/groups?q=gr', { as: 'grad' })).status).toBe(
      403,
    );
  });

  it('refuses a director enrolling as a mentor, with the reasons', async () => {
    const res = await enrolIn(p.id, 'dir', { role: 'mentor' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      type: expect.stringContaining('not-eligible'),
      eligibleRoles: ['leader'],
    });
    expect(
      await store.db.select().from(enrolments).where(eq(enrolments.personId, 'dir')),
    ).toHaveLength(0);
  });

  it('never enrols a room mailbox or a disabled account, and says why', async () => {
    const room = await enrolIn(p.id, 'room', { role: 'mentor' });
    expect(room.status).toBe(403);
    expect(room.body).toMatchObject({
      reasons: expect.arrayContaining(['A room mailbox, not a person']),
      eligibleRoles: [],
    });
    const disabled = await enrolIn(p.id, 'disabled', { role: 'mentor' });
    expect(disabled.status).toBe(403);
    expect(disabled.body).toMatchObject({
      reasons: expect.arrayContaining(['The account is disabled']),
    });
    expect(
      await store.db
        .select()
        .from(enrolments)
        .where(inArray(enrolments.personId, ['room', 'disabled'])),
    ).toHaveLength(0);
  });

  it('refuses someone whose level fits neither side', async () => {
    const res = await enrolIn(p.id, 'mid', { role: 'mentor' });
    expect(res.status).toBe(403);
  });

  it('enrols an eligible person, queues a mailbox read, and refuses a second enrolment', async () => {
    const res = await enrolIn(p.id, 'grad', {
      role: 'mentor',
      topicsOffered: ['digital-ai-tools'],
      preferredTimes: [{ weekday: 2, startMinutes: 540, endMinutes: 600 }],
      goals: '  I want to show how our team uses AI day to day.  ',
    });
    expect(res.status).toBe(201);
    expect(res.body as EnrolmentView).toMatchObject({
      goals: 'I want to show how our team uses AI day to day.',
      role: 'mentor',
      suggestedRole: 'mentor',
      status: 'active',
    });
    expect(services.enqueued.some((j) => j.kind === 'mailbox-sync')).toBe(true);
    const again = await enrolIn(p.id, 'grad', { role: 'mentor' });
    expect(again.status).toBe(409);
  });

  it('refuses topics the program does not offer, unknown fields and goals longer than the enrol form takes', async () => {
    const topic = await enrolIn(p.id, 'dir', { role: 'leader', topicsWanted: ['golf'] });
    expect(topic.status).toBe(400);
    const extra = await enrolIn(p.id, 'dir', { role: 'leader', age: 50 });
    expect(extra.status).toBe(400);
    const essay = await enrolIn(p.id, 'dir', {
      role: 'leader',
      goals: 'x'.repeat(PROFILE_LIMITS.goalsMax + 1),
    });
    expect(essay.status).toBe(400);
  });

  it('refuses enrolment outside the window and when not enrolling', async () => {
    const q = await newProgram({ enrolmentOpensAt: '2026-04-01T00:00:00Z' });
    const draft = await api.call('post', `/programs/${q.id}/enrolments`, {
      as: 'grad',
      body: { role: 'mentor' },
    });
    expect(draft.status).toBe(409);
    await moveTo(q.id, 'enrolling');
    const early = await api.call('post', `/programs/${q.id}/enrolments`, {
      as: 'grad',
      body: { role: 'mentor' },
    });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ type: expect.stringContaining('enrolment-closed') });
  });

  it('pauses, resumes and leaves; leaving ends the pairing and queues the cancellation', async () => {
    const lead = await enrolIn(p.id, 'dir', { role: 'leader' });
    expect(lead.status).toBe(201);
    const [mine] = await store.db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.programId, p.id), eq(enrolments.personId, 'grad')));
    const pairingId = await insertPairing(p.id, 'grad', 'dir');
    const id = mine?.id ?? '';
    const pairingStatus = async () =>
      (await store.db.select().from(pairings).where(eq(pairings.id, pairingId)))[0]?.status;

    expect(
      (await api.call('patch', `/me/enrolments/${id}`, { as: 'dir', body: { status: 'paused' } }))
        .status,
    ).toBe(404);
    expect(
      (await api.call('patch', `/me/enrolments/${id}`, { as: 'grad', body: { status: 'paused' } }))
        .status,
    ).toBe(200);
    expect(await pairingStatus()).toBe('paused');
    expect(
      (await api.call('patch', `/me/enrolments/${id}`, { as: 'grad', body: { status: 'active' } }))
        .status,
    ).toBe(200);
    expect(await pairingStatus()).toBe('active');
    const left = await api.call('patch', `/me/enrolments/${id}`, {
      as: 'grad',
      body: { status: 'left' },
    });
    expect((left.body as EnrolmentView).status).toBe('left');
    expect(await pairingStatus()).toBe('ended');
    expect(services.enqueued).toContainEqual(
      expect.objectContaining({ kind: 'series-cancel', key: pairingId }),
    );
    // The partner stays enrolled.
    const partner = await store.db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.programId, p.id), eq(enrolments.personId, 'dir')));
    expect(partner[0]?.status).toBe('active');
    expect(
      (await api.call('patch', `/me/enrolments/${id}`, { as: 'grad', body: { status: 'active' } }))
        .status,
    ).toBe(409);
  });

  it('lists enrolments for admins with filters', async () => {
    const res = await api.call('get', `/programs/${p.id}/enrolments?role=leader`, admin);
    expect((res.body as { items: EnrolmentView[] }).items.map((e) => e.person.id)).toEqual(['dir']);
    const q = await api.call('get', `/programs/${p.id}/enrolments?q=GRA`, admin);
    expect((q.body as { items: EnrolmentView[] }).items.map((e) => e.person.id)).toEqual(['grad']);
    expect((await api.call('get', `/programs/${p.id}/enrolments?colour=red`, admin)).status).toBe(
      400,
    );
  });
});

describe('CSV import', () => {
  it('imports nothing when any address is unknown, and names the unknown ones', async () => {
    const p = await newProgram();
    const res = await importCsv(p.id, {
      csv: 'Name,Email\nGrad,grad@example.test\nNobody,nobody@example.test\n',
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ unknownEmails: ['nobody@example.test'] });
    expect(await invitationsOf(p.id)).toHaveLength(0);
  });

  it('imports nothing when a row is not an address', async () => {
    const p = await newProgram();
    const res = await importCsv(p.id, { csv: 'grad@example.test\nnot-an-email\n' });
    expect(res.status).toBe(400);
    expect(await invitationsOf(p.id)).toHaveLength(0);
  });

  it('invites (does not enrol) the known people; they become enrolled only by confirming', async () => {
    const p = await newProgram();
    await moveTo(p.id, 'enrolling');
    const res = await importCsv(p.id, {
      csv: 'email\ngrad@example.test\nINTERN.person@example.test\ngone@example.test\n',
      skipUnknown: true,
    });
    expect(res.status).toBe(200);
    expect(res.body as ImportResultView).toEqual({
      invited: 2,
      alreadyInvited: 0,
      alreadyEnrolled: 0,
      unknownEmails: ['gone@example.test'],
    });
    expect(
      await store.db.select().from(enrolments).where(eq(enrolments.programId, p.id)),
    ).toHaveLength(0);
    const inv = await api.call('get', '/me/invitations', { as: 'grad' });
    expect(
      (inv.body as { items: { programId: string }[] }).items.map((i) => i.programId),
    ).toContain(p.id);
    const confirm = await enrolIn(p.id, 'grad', { role: 'mentor' });
    expect(confirm.status).toBe(201);
    const [row] = await store.db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.programId, p.id), eq(enrolments.personId, 'grad')));
    expect(row?.source).toBe('import');
    const again = await importCsv(p.id, { csv: 'grad@example.test' });
    expect(again.body).toMatchObject({ invited: 0, alreadyEnrolled: 1 });
  });

  it('an invited person sees whether Enrol works now, and a decline removes only their own invitation', async () => {
    const p = await newProgram();
    await importCsv(p.id, { csv: 'grad@example.test\nintern.person@example.test\n' });
    const draft = await api.call('get', '/me/invitations', { as: 'intern' });
    const mine = (draft.body as { items: InvitationView[] }).items.find(
      (i) => i.programId === p.id,
    );
    // A draft program: the card says enrolment has not opened instead of offering Enrol.
    expect(mine).toMatchObject({
      programName: p.name,
      programStatus: 'draft',
      enrolmentOpen: false,
    });
    await moveTo(p.id, 'enrolling');
    const open = await api.call('get', '/me/invitations', { as: 'intern' });
    expect(
      (open.body as { items: InvitationView[] }).items.find((i) => i.programId === p.id)
        ?.enrolmentOpen,
    ).toBe(true);

    const id = mine?.id ?? '';
    const stranger = await api.call('post', `/me/invitations/${id}/decline`, { as: 'grad' });
    expect(stranger.status).toBe(404);
    expect(
      (await api.call('post', '/me/invitations/not-an-id/decline', { as: 'intern' })).status,
    ).toBe(400);
    const [untouched] = await store.db
      .select()
      .from(enrolmentInvitations)
      .where(eq(enrolmentInvitations.id, id));
    expect(untouched?.declinedAt).toBeNull();

    const declined = await api.call('post', `/me/invitations/${id}/decline`, { as: 'intern' });
    expect(declined.status).toBe(200);
    const after = await api.call('get', '/me/invitations', { as: 'intern' });
    expect((after.body as { items: InvitationView[] }).items.map((i) => i.programId)).not.toContain(
      p.id,
    );
    // A second click is harmless.
    expect((await api.call('post', `/me/invitations/${id}/decline`, { as: 'intern' })).status).toBe(
      200,
    );

    // Someone who already enrolled through the invitation leaves from the enrolment instead.
    await api.call('post', `/programs/${p.id}/enrolments`, {
      as: 'grad',
      body: { role: 'mentor' },
    });
    const [gradInvite] = await store.db
      .select()
      .from(enrolmentInvitations)
      .where(
        and(eq(enrolmentInvitations.programId, p.id), eq(enrolmentInvitations.personId, 'grad')),
      );
    const late = await api.call('post', `/me/invitations/${gradInvite?.id ?? ''}/decline`, {
      as: 'grad',
    });
    expect(late.status).toBe(409);
  });
});

describe('rematch requests', () => {
  it('records a member’s request and flags the pairing; others are refused', async () => {
    const p = await newProgram();
    const id = await insertPairing(p.id, 'intern', 'ceo');
    expect(
      (
        await api.call('post', `/pairings/${id}/rematch`, {
          as: 'grad',
          body: { reason: 'not mine' },
        })
      ).status,
    ).toBe(403);
    const res = await api.call('post', `/pairings/${id}/rematch`, {
      as: 'intern',
      body: { reason: 'We never meet' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ requested: true });
    const [after] = await store.db.select().from(pairings).where(eq(pairings.id, id));
    expect(after?.flag).toBe('rematch-requested');
    const list = await api.call('get', `/programs/${p.id}/rematches`, admin);
    expect(list.body).toMatchObject({
      items: [{ pairingId: id, source: 'member', affected: { id: 'intern' } }],
    });
    expect(
      (await api.call('post', `/pairings/${id}/rematch`, { as: 'intern', body: { reason: 'x' } }))
        .status,
    ).toBe(400);
  });
});
