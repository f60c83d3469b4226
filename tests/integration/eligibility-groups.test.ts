import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DirectoryGroupsView,
  MatchRunView,
  ProgramView,
  SuggestedRole,
} from '../../api/src/contract/index.js';
import type { LocalTenant } from '../../api/src/local-tenant/index.js';
import { syncPendingMailboxes } from '../../api/src/org/index.js';
import { enrol } from '../../api/src/programs/index.js';
import type { ProgramTestApi, ProgramTestServices } from '../../api/src/testing/route-harness.js';
import type { Store } from '../../api/src/store/index.js';
import { startDemoOrgPrograms, type DemoOrgPrograms } from '../support/demo-org-programs.js';

/**
 * Eligibility by Entra group through the real Graph client over HTTP: the rules form's search,
 * the ids checked on save, the enrolment check (the person's transitiveMemberOf) and a match run
 * (each group's transitiveMembers, once for the run), on the local tenant's demo organisation.
 */
const admin = { as: 'hr-admin', admin: true };
const TRANSITIVE_MEMBERS = 'GET /groups/{gid}/transitiveMembers/{cast}';

let world: DemoOrgPrograms | undefined;
let tenant: LocalTenant;
let store: Store;
let services: ProgramTestServices;
let api: ProgramTestApi;
let program: ProgramView;

const groupId = (name: string): string => {
  const g = tenant.state.groups.list().find((x) => x.displayName === name);
  if (g === undefined) throw new Error(`no group ${name}`);
  return g.id;
};
const firstOf = (level: string, department?: string) => {
  const p = tenant.state.org.people.find(
    (x) =>
      x.level === level &&
      (department === undefined || x.department === department) &&
      !tenant.state.org.freeBusyErrorIds.includes(x.id),
  );
  if (p === undefined) throw new Error(`no ${level}`);
  return p;
};

beforeAll(async () => {
  world = await startDemoOrgPrograms({ now: '2026-03-02T09:00:00Z' });
  ({ tenant, store, services, api } = world);
  const created = await api.call('post', '/programs', {
    ...admin,
    body: { name: 'Graduates meet leadership', rules: { minLevelGap: 3 } },
  });
  program = created.body as ProgramView;
  await api.call('post', `/programs/${program.id}/transitions`, {
    ...admin,
    body: { to: 'enrolling' },
  });
}, 120_000);

afterAll(() => world?.close());

describe('eligibility by Entra group', () => {
  it('finds groups in the directory for the rules form and saves them under the directory’s names', async () => {
    const found = await api.call('get', '/eligibility-options/groups?q=grad', admin);
    expect(found.status).toBe(200);
    expect((found.body as DirectoryGroupsView).items.map((g) => g.displayName)).toEqual([
      'Graduate engineers 2026',
      'Graduate programme 2026',
    ]);
    const saved = await api.call('patch', `/programs/${program.id}`, {
      ...admin,
      body: {
        rules: {
          eligibleGroups: [
            { id: groupId('Graduate programme 2026'), displayName: 'Grads' },
            { id: groupId('Senior leadership'), displayName: 'Senior leadership' },
          ],
        },
      },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    program = saved.body as ProgramView;
    expect(program.rules.eligibleGroups?.map((g) => g.displayName)).toEqual([
      'Graduate programme 2026',
      'Senior leadership',
    ]);
    const unknown = await api.call('patch', `/programs/${program.id}`, {
      ...admin,
      body: {
        rules: {
          eligibleGroups: [{ id: '00000000-0000-4000-8000-00000000dead', displayName: 'Gone' }],
        },
      },
    });
    expect(unknown.status).toBe(400);
  });

  it('lets a graduate engineer enrol through the nested group and keeps an associate out, naming the groups', async () => {
    const engineer = firstOf('graduate', 'Engineering');
    const associate = firstOf('associate');
    const asEngineer = await api.call('get', `/me/suggested-role?programId=${program.id}`, {
      as: engineer.id,
    });
    expect((asEngineer.body as SuggestedRole).eligibleRoles).toEqual(['mentor']);
    const asAssociate = (
      await api.call('get', `/me/suggested-role?programId=${program.id}`, { as: associate.id })
    ).body as SuggestedRole;
    expect(asAssociate.eligibleRoles).toEqual([]);
    expect(asAssociate.reasons).toContain(
      'Not in any of the groups Graduate programme 2026, Senior leadership',
    );
  });

  it('reads each group once for a match run, and leaves out a person who left the groups with the reason', async () => {
    const graduates = tenant.state.org.people.filter((p) => p.level === 'graduate').slice(0, 6);
    const leaders = tenant.state.org.people.filter((p) => p.level === 'director').slice(0, 6);
    for (const p of [...graduates, ...leaders]) {
      const role = p.level === 'graduate' ? 'mentor' : 'leader';
      await enrol(services, p.id, program.id, {
        role,
        topicsOffered: role === 'mentor' ? ['digital-ai-tools'] : [],
        topicsWanted: role === 'leader' ? ['digital-ai-tools'] : [],
        preferredTimes: [],
      });
    }
    await syncPendingMailboxes({ db: store.db, graph: services.graph, now: services.now });
    await api.call('post', `/programs/${program.id}/transitions`, {
      ...admin,
      body: { to: 'matching' },
    });
    // A graduate who moved out of the programme after enrolling (HR tidied the group in Entra).
    const moved = graduates[0];
    if (moved === undefined) throw new Error('no graduate');
    const holder = tenant.state.groups
      .list()
      .find((g) => g.displayName.startsWith('Graduate') && g.members.has(moved.id));
    if (holder === undefined) throw new Error('the graduate is in no graduate group');
    tenant.state.groups.removeMember(holder.id, moved.id);

    tenant.resetStats();
    const res = await api.call('post', `/programs/${program.id}/match-runs`, admin);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const run = res.body as MatchRunView;
    // One paged read per listed group, whatever the cohort's size.
    expect(tenant.stats().byRoute[TRANSITIVE_MEMBERS]).toBe(2);
    const out = run.leftOut.find((l) => l.person.id === moved.id);
    expect(out?.reason).toBe(
      'No longer eligible as a mentor: not in any of the groups Graduate programme 2026, Senior leadership.',
    );
    const paired = new Set(run.pairs.flatMap((p) => [p.mentor.id, p.leader.id]));
    expect(paired.has(moved.id)).toBe(false);
    expect(run.pairs.length).toBeGreaterThan(0);
  });
});
