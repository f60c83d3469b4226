// Long on purpose: one end-to-end story (sync the demo org, enrol, match, rematch) whose steps build on each other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, ne } from 'drizzle-orm';
import type {
  CurrentMatchRunView,
  MatchRunView,
  ProgramView,
  SwapCandidatesView,
} from '../../api/src/contract/index.js';
import type { LocalTenant } from '../../api/src/local-tenant/index.js';
import { reevaluatePairings } from '../../api/src/matching/index.js';
import { syncOrg, syncPendingMailboxes } from '../../api/src/org/index.js';
import { assessRoles, enrol, NO_GROUPS_READ } from '../../api/src/programs/index.js';
import type { ProgramTestApi, ProgramTestServices } from '../../api/src/testing/route-harness.js';
import {
  auditLog,
  notifications,
  jobs,
  matchOverrides,
  pairings,
  people,
  rematchRequests,
  type RematchSource,
  type Store,
} from '../../api/src/store/index.js';
import { startDemoOrgPrograms, type DemoOrgPrograms } from '../support/demo-org-programs.js';

/**
 * Match runs on the real demo organisation: the local tenant's org chart synced through Graph,
 * every eligible person enrolled, then proposals, overrides, approval and a re-org.
 */
const TOPICS = ['digital-ai-tools', 'remote-async', 'social-cultural-trends', 'wellbeing'];
const admin = { as: 'hr-admin', admin: true };

let world: DemoOrgPrograms | undefined;
let tenant: LocalTenant;
let store: Store;
let services: ProgramTestServices;
let api: ProgramTestApi;
let program: ProgramView;
let enrolled: Map<string, 'mentor' | 'leader'>;
let managerOf: Map<string, string | null>;

/** The program's open rematch request of one kind (the test's steps leave one of each). */
async function openRequestOf(source: RematchSource) {
  const [request] = await store.db
    .select()
    .from(rematchRequests)
    .where(
      and(
        eq(rematchRequests.programId, program.id),
        eq(rematchRequests.source, source),
        eq(rematchRequests.status, 'open'),
      ),
    );
  return request;
}

function chainOf(id: string): string[] {
  const out: string[] = [];
  let next = managerOf.get(id) ?? null;
  while (next !== null && !out.includes(next)) {
    out.push(next);
    next = managerOf.get(next) ?? null;
  }
  return out;
}

async function refreshChart(): Promise<void> {
  const rows = await store.db.select({ id: people.id, managerId: people.managerId }).from(people);
  managerOf = new Map(rows.map((r) => [r.id, r.managerId]));
}

const pairKeys = (run: MatchRunView) =>
  run.pairs.map((p) => `${p.mentor.id}>${p.leader.id}`).sort();

async function newRun(): Promise<MatchRunView> {
  const res = await api.call('post', `/programs/${program.id}/match-runs`, admin);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as MatchRunView;
}

beforeAll(async () => {
  world = await startDemoOrgPrograms({ now: '2026-03-02T09:00:00Z' });
  ({ tenant, store, services, api } = world);

  const created = await api.call('post', '/programs', {
    ...admin,
    body: { name: 'Demo cohort', rules: { minLevelGap: 3, leaderCapacity: 1 } },
  });
  program = created.body as ProgramView;
  await api.call('post', `/programs/${program.id}/transitions`, {
    ...admin,
    body: { to: 'enrolling' },
  });

  // Everyone eligible opts in, in the role their career level suggests.
  enrolled = new Map();
  const everyone = await store.db.select().from(people);
  const now = services.now();
  let i = 0;
  for (const person of everyone) {
    const a = assessRoles(person, (created.body as ProgramView).rules, now, NO_GROUPS_READ);
    if (a.suggestedRole === null || person.goneAt !== null) continue;
    i += 1;
    const topics = [TOPICS[i % 4] ?? '', TOPICS[(i + 1) % 4] ?? ''];
    await enrol(services, person.id, program.id, {
      role: a.suggestedRole,
      topicsOffered: a.suggestedRole === 'mentor' ? topics : [],
      topicsWanted: a.suggestedRole === 'leader' ? topics : [],
      preferredTimes: [],
    });
    enrolled.set(person.id, a.suggestedRole);
  }
  // The job the enrolments queued: time zones and working hours of program members.
  await syncPendingMailboxes({ db: store.db, graph: services.graph, now: services.now });
  await api.call('post', `/programs/${program.id}/transitions`, {
    ...admin,
    body: { to: 'matching' },
  });
  await refreshChart();
}, 120_000);

afterAll(() => world?.close());

async function currentRun(): Promise<MatchRunView | null> {
  const res = await api.call('get', `/programs/${program.id}/match-runs/current`, admin);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body as CurrentMatchRunView).run;
}

describe('a match run on the demo organisation', () => {
  let run: MatchRunView;
  beforeAll(async () => {
    // The matching screen opened before anyone ran matching has nothing to show.
    expect(await currentRun()).toBeNull();
    run = await newRun();
  });

  it('enrolled both sides and proposed pairs', () => {
    expect([...enrolled.values()].filter((r) => r === 'mentor').length).toBeGreaterThan(10);
    expect([...enrolled.values()].filter((r) => r === 'leader').length).toBeGreaterThan(5);
    expect(run.pairs.length).toBeGreaterThan(5);
    expect(run.status).toBe('proposed');
  });

  it('never pairs two people in one reporting line, in either direction', () => {
    for (const p of run.pairs) {
      expect(chainOf(p.mentor.id), `${p.mentor.id} under ${p.leader.id}`).not.toContain(
        p.leader.id,
      );
      expect(chainOf(p.leader.id), `${p.leader.id} under ${p.mentor.id}`).not.toContain(
        p.mentor.id,
      );
    }
  });

  it('accounts for every enrolled person: paired once, or left out with a reason', () => {
    const seen = new Map<string, number>();
    for (const p of run.pairs) {
      seen.set(p.mentor.id, (seen.get(p.mentor.id) ?? 0) + 1);
      seen.set(p.leader.id, (seen.get(p.leader.id) ?? 0) + 1);
    }
    for (const l of run.leftOut) {
      expect(l.reason.length, l.person.id).toBeGreaterThan(10);
      seen.set(l.person.id, (seen.get(l.person.id) ?? 0) + 1);
    }
    expect([...seen.keys()].sort()).toEqual([...enrolled.keys()].sort());
    for (const p of run.pairs) expect(seen.get(p.mentor.id)).toBe(1);
    expect(run.summary.matched).toBe(run.pairs.length);
    expect(run.summary.eligibleMentors + run.summary.eligibleLeaders).toBeLessThanOrEqual(
      enrolled.size,
    );
  });

  it('explains every pair and summarises the run', () => {
    for (const p of run.pairs) {
      expect(p.explanation).toMatch(/levels? apart/);
      expect(Object.keys(p.scoreParts).sort()).toEqual([
        'diversity',
        'gap',
        'novelty',
        'overlap',
        'topics',
      ]);
      expect(p.score).toBeGreaterThan(0);
    }
    const q = run.summary.scoreQuartiles;
    expect([...q].sort((a, b) => a - b)).toEqual(q);
    expect(run.summary.shareMatched).toBeGreaterThan(0);
    expect(Object.values(run.summary.departments.mentors).reduce((a, b) => a + b, 0)).toBe(
      run.pairs.length,
    );
  });

  it('is deterministic: a second run proposes the same pairs and supersedes the first', async () => {
    const again = await newRun();
    expect(pairKeys(again)).toEqual(pairKeys(run));
    const old = await api.call('get', `/match-runs/${run.id}`, admin);
    expect((old.body as MatchRunView).status).toBe('superseded');
    run = again;
    // A matching screen opened fresh lands on the current proposal, not the superseded one.
    expect((await currentRun())?.id).toBe(again.id);
    expect((await api.call('get', `/programs/not-an-id/match-runs/current`, admin)).status).toBe(
      400,
    );
    expect(
      (
        await api.call('get', `/programs/${program.id}/match-runs/current`, {
          as: 'someone',
        })
      ).status,
    ).toBe(403);
  });

  it('refuses bad overrides with problem+json and changes nothing', async () => {
    const before = await store.db.select().from(matchOverrides);
    const [first] = run.pairs;
    if (first === undefined) throw new Error('no pairs');
    for (const body of [
      { kind: 'pin', mentorId: first.mentor.id, leaderId: first.leader.id },
      { kind: 'pin', mentorId: first.mentor.id, leaderId: first.leader.id, reason: 'x' },
      { kind: 'marry', mentorId: first.mentor.id, leaderId: first.leader.id, reason: 'because' },
      { kind: 'pin', mentorId: 'nobody', leaderId: first.leader.id, reason: 'because' },
      { kind: 'forbid', mentorId: first.mentor.id, reason: 'no leader named' },
      { kind: 'pin', mentorId: first.mentor.id, leaderId: first.leader.id, reason: 'ok', extra: 1 },
    ]) {
      const res = await api.call('post', `/match-runs/${run.id}/overrides`, { ...admin, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.contentType).toContain('application/problem+json');
    }
    // A pin inside one reporting line is refused as infeasible.
    const mentorId = first.mentor.id;
    const boss = [...enrolled].find(
      ([id, role]) => role === 'leader' && chainOf(mentorId).includes(id),
    );
    if (boss !== undefined) {
      const res = await api.call('post', `/match-runs/${run.id}/overrides`, {
        ...admin,
        body: { kind: 'pin', mentorId, leaderId: boss[0], reason: 'try the boss' },
      });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ type: expect.stringContaining('override-infeasible') });
    }
    expect(await store.db.select().from(matchOverrides)).toHaveLength(before.length);
    const same = (await api.call('get', `/match-runs/${run.id}`, admin)).body as MatchRunView;
    expect(pairKeys(same)).toEqual(pairKeys(run));
    expect(
      (await api.call('post', `/match-runs/not-an-id/overrides`, { ...admin, body: {} })).status,
    ).toBe(400);
    expect(
      (
        await api.call('post', `/match-runs/${run.id}/overrides`, {
          as: 'someone',
          body: { kind: 'remove', mentorId, reason: 'nope' },
        })
      ).status,
    ).toBe(403);
  });

  it('offers a swap only the leaders the rules allow, best score first, with the score parts', async () => {
    const pair = run.pairs[0];
    if (pair === undefined) throw new Error('no pairs');
    const res = await api.call(
      'get',
      `/match-runs/${run.id}/swap-candidates?mentorId=${encodeURIComponent(pair.mentor.id)}`,
      admin,
    );
    expect(res.status).toBe(200);
    const view = res.body as SwapCandidatesView;
    expect(view.items.length).toBeGreaterThan(0);
    const scores = view.items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(view.items.map((i) => i.leader.id)).not.toContain(pair.leader.id);
    for (const item of view.items)
      expect(Object.keys(item.scoreParts).sort()).toEqual(
        ['diversity', 'gap', 'novelty', 'overlap', 'topics'].sort(),
      );
    // Leaders left off the list are exactly ones a swap would refuse (and nothing changes).
    const listed = new Set(view.items.map((i) => i.leader.id));
    const unlisted = [...enrolled]
      .filter(([id, role]) => role === 'leader' && !listed.has(id) && id !== pair.leader.id)
      .slice(0, 3);
    for (const [leaderId] of unlisted) {
      const refused = await api.call('post', `/match-runs/${run.id}/overrides`, {
        ...admin,
        body: {
          kind: 'swap',
          mentorId: pair.mentor.id,
          leaderId,
          reason: 'Trying one not offered',
        },
      });
      expect([400, 409]).toContain(refused.status);
    }
    const before = await store.db.select().from(matchOverrides);
    // The best one offered is accepted.
    const best = view.items[0];
    const taken = await api.call('post', `/match-runs/${run.id}/overrides`, {
      ...admin,
      body: {
        kind: 'swap',
        mentorId: pair.mentor.id,
        leaderId: best?.leader.id,
        reason: 'Best swap offered',
      },
    });
    expect(taken.status).toBe(200);
    expect(await store.db.select().from(matchOverrides)).toHaveLength(before.length + 1);
    run = taken.body as MatchRunView;
    expect(pairKeys(run)).toContain(`${pair.mentor.id}>${best?.leader.id}`);
  });

  it('honours a swap as a pin, keeps it on re-solve and in later runs', async () => {
    // Find a mentor and another proposed pair's leader they may be paired with.
    let pinned: { mentorId: string; leaderId: string } | undefined;
    for (const a of run.pairs) {
      for (const b of run.pairs) {
        if (a === b || pinned !== undefined) continue;
        const res = await api.call('post', `/match-runs/${run.id}/overrides`, {
          ...admin,
          body: {
            kind: 'swap',
            mentorId: a.mentor.id,
            leaderId: b.leader.id,
            reason: 'They asked to work together',
          },
        });
        if (res.status === 200) {
          pinned = { mentorId: a.mentor.id, leaderId: b.leader.id };
          run = res.body as MatchRunView;
        } else expect(res.status).toBe(409);
      }
      if (pinned !== undefined) break;
    }
    if (pinned === undefined) throw new Error('no feasible swap in the demo org');
    const kept = run.pairs.find((p) => p.mentor.id === pinned?.mentorId);
    expect(kept).toMatchObject({ leader: { id: pinned.leaderId }, pinned: true });
    // The swap test before this one left its own override in the same run; their timestamps can
    // tie on PostgreSQL, so the override is found by its reason rather than by position.
    expect(run.overrides.find((o) => o.reason === 'They asked to work together')).toMatchObject({
      kind: 'swap',
      actor: 'hr-admin',
      reason: 'They asked to work together',
    });
    const audit = await store.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'match-run.swap'));
    expect(audit.find((a) => a.reason === 'They asked to work together')).toMatchObject({
      actorId: 'hr-admin',
    });

    // Another change re-solves around the pin.
    const other = run.pairs.find((p) => !p.pinned);
    if (other === undefined) throw new Error('no unpinned pair');
    const forbid = await api.call('post', `/match-runs/${run.id}/overrides`, {
      ...admin,
      body: {
        kind: 'forbid',
        mentorId: other.mentor.id,
        leaderId: other.leader.id,
        reason: 'Worked together last year',
      },
    });
    expect(forbid.status).toBe(200);
    run = forbid.body as MatchRunView;
    expect(pairKeys(run)).not.toContain(`${other.mentor.id}>${other.leader.id}`);
    expect(pairKeys(run)).toContain(`${pinned.mentorId}>${pinned.leaderId}`);

    // Overrides belong to the program: a fresh run keeps both.
    const fresh = await newRun();
    expect(pairKeys(fresh)).toContain(`${pinned.mentorId}>${pinned.leaderId}`);
    expect(pairKeys(fresh)).not.toContain(`${other.mentor.id}>${other.leader.id}`);
    run = fresh;
  });

  it('leaves a removed mentor out with the admin’s reason', async () => {
    const target = run.pairs.find((p) => !p.pinned);
    if (target === undefined) throw new Error('no unpinned pair');
    const res = await api.call('post', `/match-runs/${run.id}/overrides`, {
      ...admin,
      body: {
        kind: 'remove',
        mentorId: target.mentor.id,
        leaderId: target.leader.id,
        reason: 'On parental leave',
      },
    });
    expect(res.status).toBe(200);
    run = res.body as MatchRunView;
    expect(run.pairs.some((p) => p.mentor.id === target.mentor.id)).toBe(false);
    expect(run.leftOut.find((l) => l.person.id === target.mentor.id)).toMatchObject({
      reasonCode: 'removed-by-admin',
      reason: expect.stringContaining('On parental leave'),
    });
  });

  it('approves once: pairings pinned to the guide version, one booking job each, program active', async () => {
    const first = await api.call('post', `/match-runs/${run.id}/approve`, admin);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ pairings: run.pairs.length });
    const second = await api.call('post', `/match-runs/${run.id}/approve`, admin);
    expect(second.body).toEqual({ pairings: run.pairs.length });
    const rows = await store.db.select().from(pairings).where(eq(pairings.programId, program.id));
    expect(rows).toHaveLength(run.pairs.length);
    for (const r of rows) {
      expect(r).toMatchObject({
        guideTrackId: program.guideTrackId,
        guideTrackVersion: program.guideTrackVersion,
        matchRunId: run.id,
      });
      expect(r.explanation.length).toBeGreaterThan(0);
    }
    const booking = await store.db.select().from(jobs).where(eq(jobs.kind, 'series-book'));
    expect(booking.map((j) => j.key).sort()).toEqual(rows.map((r) => r.id).sort());
    const view = await api.call('get', `/programs/${program.id}`, admin);
    expect(view.body).toMatchObject({ status: 'active', counts: { pairings: run.pairs.length } });
    // Opened fresh, the matching screen shows the approved run.
    expect(await currentRun()).toMatchObject({ id: run.id, status: 'approved' });
    // No more runs or overrides once active.
    expect((await api.call('post', `/programs/${program.id}/match-runs`, admin)).status).toBe(409);
  });

  it('after a re-org, flags a pairing now in one reporting line and proposes a new leader for the mentor only', async () => {
    const rows = await store.db.select().from(pairings).where(eq(pairings.programId, program.id));
    const [moved, departed] = rows;
    if (moved === undefined || departed === undefined) throw new Error('need two pairings');
    tenant.state.setManager(moved.mentorId, moved.leaderId);
    tenant.state.removeUser(departed.leaderId);
    await syncOrg({ db: store.db, graph: services.graph });
    const summary = await reevaluatePairings(services);
    expect(summary).toMatchObject({ reportingLine: 1, departed: 1 });

    const [flagged] = await store.db.select().from(pairings).where(eq(pairings.id, moved.id));
    expect(flagged).toMatchObject({ flag: 'reporting-line', status: 'active' });
    const [ended] = await store.db.select().from(pairings).where(eq(pairings.id, departed.id));
    expect(ended).toMatchObject({ status: 'ended', endReason: 'the leader left the company' });
    const cancel = await store.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, 'series-cancel'), eq(jobs.key, departed.id)));
    expect(cancel).toHaveLength(1);

    const requests = await store.db
      .select()
      .from(rematchRequests)
      .where(eq(rematchRequests.programId, program.id));
    expect(requests.map((r) => [r.pairingId, r.source, r.affectedPersonId]).sort()).toEqual(
      [
        [moved.id, 'reporting-line', moved.mentorId],
        [departed.id, 'departure', departed.mentorId],
      ].sort(),
    );
    await refreshChart();
    for (const r of requests) {
      for (const c of r.candidates) {
        expect(c.personId).not.toBe(moved.leaderId);
        expect(chainOf(r.affectedPersonId)).not.toContain(c.personId);
        expect(chainOf(c.personId)).not.toContain(r.affectedPersonId);
      }
    }
    // Partners keep their enrolments; running it again changes nothing.
    expect(await reevaluatePairings(services)).toMatchObject({ reportingLine: 0, departed: 0 });
    const list = await api.call('get', `/programs/${program.id}/rematches`, admin);
    expect((list.body as { items: unknown[] }).items).toHaveLength(2);
  });

  it('an admin applies a rematch candidate: the old pairing ends, the new one is booked, the reason is audited', async () => {
    const request = await openRequestOf('reporting-line');
    if (request === undefined) throw new Error('the re-org left no reporting-line request');
    // Every leader is taken in this cohort: the other pairings end, so their leaders are free.
    await store.db
      .update(pairings)
      .set({ status: 'ended', endedAt: new Date(), endReason: 'test: free the leaders' })
      .where(and(eq(pairings.programId, program.id), ne(pairings.id, request.pairingId)));
    const path = `/rematches/${request.id}`;
    const listed = await api.call('get', `${path}/candidates`, admin);
    expect(listed.status).toBe(200);
    const candidates = (listed.body as { items: { person: { id: string } }[] }).items;
    const chosen = candidates[0]?.person.id;
    if (chosen === undefined) throw new Error('the demo organisation offers no candidate');
    await refreshChart();
    expect(chainOf(request.affectedPersonId)).not.toContain(chosen);

    // Someone who is not a candidate (the old partner) is refused, and nothing changes.
    const [old] = await store.db.select().from(pairings).where(eq(pairings.id, request.pairingId));
    const refused = await api.call('post', `${path}/apply`, {
      ...admin,
      body: { personId: old?.leaderId, reason: 'Trying the same leader again' },
    });
    expect(refused.status).toBe(409);
    const [unchanged] = await store.db
      .select()
      .from(pairings)
      .where(eq(pairings.id, request.pairingId));
    expect(unchanged?.status).toBe('active');

    const applied = await api.call('post', `${path}/apply`, {
      ...admin,
      body: { personId: chosen, reason: 'Same reporting line after the re-org' },
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    const { pairingId } = applied.body as { pairingId: string };
    const [ended] = await store.db
      .select()
      .from(pairings)
      .where(eq(pairings.id, request.pairingId));
    expect(ended?.status).toBe('ended');
    const [created] = await store.db.select().from(pairings).where(eq(pairings.id, pairingId));
    expect(created).toMatchObject({
      status: 'active',
      mentorId: request.affectedPersonId,
      leaderId: chosen,
    });
    const queued = await store.db.select().from(jobs).where(eq(jobs.key, pairingId));
    expect(queued.map((j) => j.kind)).toEqual(['series-book']);
    const cancel = await store.db.select().from(jobs).where(eq(jobs.key, request.pairingId));
    expect(cancel.map((j) => j.kind)).toContain('series-cancel');
    const [resolved] = await store.db
      .select()
      .from(rematchRequests)
      .where(eq(rematchRequests.id, request.id));
    expect(resolved?.status).toBe('resolved');
    const audited = await store.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'rematch.apply'), eq(auditLog.targetId, pairingId)));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ reason: 'Same reporting line after the re-org' });
    // The old partner, who does not move on with them, is told, with a link to their Home.
    const told = await store.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.kind, 'partnerChanged'),
          eq(notifications.pairingId, request.pairingId),
        ),
      );
    expect(told.map((n) => n.personId)).toEqual([old?.leaderId]);
    expect(told[0]?.text).toMatch(
      /^.+ has a new partner, chosen by the program team\. Your remaining sessions together are cancelled in both calendars\. You stay enrolled, and the program team has been asked to find you a new partner$/,
    );
    expect(told[0]?.link).toMatch(/\/#\/$/);
    // And they have: the leader left behind is in the queue, open, as a request of its own.
    const behind = await store.db
      .select()
      .from(rematchRequests)
      .where(
        and(eq(rematchRequests.pairingId, request.pairingId), eq(rematchRequests.status, 'open')),
      );
    expect(behind).toMatchObject([
      {
        source: 'partner-moved',
        affectedPersonId: old?.leaderId,
        reason: 'The mentor was given a new partner; the leader needs one too.',
      },
    ]);
    // Applying twice is refused: the request is resolved.
    const again = await api.call('post', `${path}/apply`, {
      ...admin,
      body: { personId: chosen, reason: 'Once more' },
    });
    expect(again.status).toBe(409);
  });

  it('pairs the one whose partner left the company with someone new, without a message to the one who left', async () => {
    const request = await openRequestOf('departure');
    if (request === undefined) throw new Error('the departure left no request');
    const [old] = await store.db.select().from(pairings).where(eq(pairings.id, request.pairingId));
    const listed = await api.call('get', `/rematches/${request.id}/candidates`, admin);
    const chosen = (listed.body as { items: { person: { id: string } }[] }).items[0]?.person.id;
    if (chosen === undefined) throw new Error('the demo organisation offers no candidate');
    const applied = await api.call('post', `/rematches/${request.id}/apply`, {
      ...admin,
      body: { personId: chosen, reason: 'Their leader left the company' },
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    // The pairing had already ended: nobody is left behind, so nobody is told or queued.
    const toLeaver = await store.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.personId, old?.leaderId ?? ''),
          eq(notifications.kind, 'partnerChanged'),
        ),
      );
    expect(toLeaver).toEqual([]);
    const open = await store.db
      .select()
      .from(rematchRequests)
      .where(
        and(eq(rematchRequests.pairingId, request.pairingId), eq(rematchRequests.status, 'open')),
      );
    expect(open).toEqual([]);
  });
});
