import { describe, expect, it } from 'vitest';
import { startLocalTenant } from './local-tenant.js';
import { graphCaller, type GraphCall, useLocalTenant } from './testing.js';

const local = useLocalTenant({ people: 400, seed: 42 });
const { graph } = local;
const EVENTUAL = { headers: { ConsistencyLevel: 'eventual' } };

const value = (r: GraphCall): Record<string, unknown>[] =>
  r.body.value as Record<string, unknown>[];
const group = (name: string) => {
  const g = local.tenant.state.groups.list().find((x) => x.displayName === name);
  if (g === undefined) throw new Error(`no group ${name}`);
  return g;
};
const people = (level: string, department?: string) =>
  local.tenant.state.org.people.filter(
    (p) => p.level === level && (department === undefined || p.department === department),
  );

describe('/groups', () => {
  it('finds groups by a word of their name with $search, as the picker asks, ordered by name', async () => {
    const r = await graph(
      '/groups?$search="displayName:grad"&$select=id,displayName,description&$orderby=displayName&$count=true&$top=20',
      EVENTUAL,
    );
    expect(r.status).toBe(200);
    expect(value(r).map((g) => g.displayName)).toEqual([
      'Graduate engineers 2026',
      'Graduate programme 2026',
    ]);
    expect(r.body['@odata.count']).toBe(2);
    expect(Object.keys(value(r)[0] ?? {}).sort()).toEqual(['description', 'displayName', 'id']);
    // "leader" is the start of a word of "Senior leadership"; "ship" starts none.
    const words = await graph('/groups?$search="displayName:leader"', EVENTUAL);
    expect(value(words).map((g) => g.displayName)).toEqual(['Senior leadership']);
    expect(value(await graph('/groups?$search="displayName:ship"', EVENTUAL))).toEqual([]);
  });

  it('refuses $search without ConsistencyLevel: eventual, as Graph does', async () => {
    const r = await graph('/groups?$search="displayName:grad"');
    expect(r.status).toBe(400);
    expect((r.body.error as { code: string }).code).toBe('Request_UnsupportedQuery');
  });

  it('filters with startswith on displayName and answers default properties of a group', async () => {
    const r = await graph("/groups?$filter=startswith(displayName,'senior')");
    expect(r.status).toBe(200);
    const [senior] = value(r);
    expect(senior).toMatchObject({
      displayName: 'Senior leadership',
      groupTypes: [],
      securityEnabled: true,
      mailEnabled: false,
    });
    const unified = await graph(`/groups/${group('Graduate programme 2026').id}`);
    expect(unified.body).toMatchObject({ groupTypes: ['Unified'], mailEnabled: true });
  });

  it('pages groups with $top and an opaque nextLink', async () => {
    const all: unknown[] = [];
    let url: string | undefined = '/groups?$select=id&$top=3';
    while (url !== undefined) {
      const r = await graph(url);
      expect(value(r).length).toBeLessThanOrEqual(3);
      all.push(...value(r).map((g) => g.id));
      url = r.body['@odata.nextLink'] as string | undefined;
      if (url !== undefined) expect(url).toContain('$skiptoken=');
    }
    expect(all).toHaveLength(local.tenant.state.groups.list().length);
    expect(new Set(all).size).toBe(all.length);
  });

  it('answers 404 Request_ResourceNotFound for a group that does not exist', async () => {
    const missing = '00000000-0000-4000-8000-000000000001';
    for (const path of [`/groups/${missing}`, `/groups/${missing}/transitiveMembers`]) {
      const r = await graph(path);
      expect(r.status).toBe(404);
      expect((r.body.error as { code: string }).code).toBe('Request_ResourceNotFound');
    }
  });
});

describe('/groups/{id}/transitiveMembers', () => {
  it('flattens nested groups: the graduate programme holds its engineers through a nested group', async () => {
    const programme = group('Graduate programme 2026');
    const r = await graph(
      `/groups/${programme.id}/transitiveMembers/microsoft.graph.user?$select=id&$count=true&$top=999`,
      EVENTUAL,
    );
    expect(r.status).toBe(200);
    const ids = new Set(value(r).map((u) => u.id));
    const graduates = people('graduate');
    expect(graduates.some((p) => p.department === 'Engineering')).toBe(true);
    expect(ids).toEqual(new Set(graduates.map((p) => p.id)));
    expect(r.body['@odata.count']).toBe(graduates.length);
    expect(Object.keys(value(r)[0] ?? {})).toEqual(['id']);
  });

  it('lists nested groups themselves with their @odata.type when not cast', async () => {
    const r = await graph(`/groups/${group('Early careers network').id}/transitiveMembers`);
    const groups = value(r).filter((x) => x['@odata.type'] === '#microsoft.graph.group');
    expect(groups.map((g) => g.displayName).sort()).toEqual([
      'Graduate engineers 2026',
      'Graduate programme 2026',
    ]);
    expect(value(r).some((x) => x['@odata.type'] === '#microsoft.graph.user')).toBe(true);
  });

  it('pages the members 999 at most, every member once', async () => {
    const early = group('Early careers network');
    let url: string | undefined =
      `/groups/${early.id}/transitiveMembers/microsoft.graph.user?$select=id&$count=true&$top=25`;
    const seen: unknown[] = [];
    let pages = 0;
    while (url !== undefined) {
      const r = await graph(url, EVENTUAL);
      expect(r.status).toBe(200);
      seen.push(...value(r).map((u) => u.id));
      url = r.body['@odata.nextLink'] as string | undefined;
      pages++;
    }
    const expected = [...people('intern'), ...people('associate'), ...people('graduate')];
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen)).toEqual(new Set(expected.map((p) => p.id)));
    expect(seen).toHaveLength(expected.length);
    const tooMany = await graph(
      `/groups/${early.id}/transitiveMembers/microsoft.graph.user?$count=true&$top=1000`,
      EVENTUAL,
    );
    expect(tooMany.status).toBe(400);
  });

  it('refuses the OData cast without the advanced query (ConsistencyLevel and $count)', async () => {
    const id = group('Senior leadership').id;
    expect((await graph(`/groups/${id}/transitiveMembers/microsoft.graph.user`)).status).toBe(400);
    expect(
      (await graph(`/groups/${id}/transitiveMembers/microsoft.graph.user`, EVENTUAL)).status,
    ).toBe(400);
  });

  it('shows a membership change at once and leaves removed users out', async () => {
    const leadership = group('Senior leadership');
    const grad = people('graduate')[0];
    if (grad === undefined) throw new Error('no graduate');
    const ids = async () =>
      value(
        await graph(
          `/groups/${leadership.id}/transitiveMembers/microsoft.graph.user?$select=id&$count=true&$top=999`,
          EVENTUAL,
        ),
      ).map((u) => u.id);
    local.tenant.state.groups.addMember(group('VP forum').id, grad.id);
    try {
      expect(await ids()).toContain(grad.id);
      local.tenant.state.removeUser(grad.id);
      expect(await ids()).not.toContain(grad.id);
    } finally {
      local.tenant.state.restoreUser(grad.id);
      local.tenant.state.groups.removeMember(group('VP forum').id, grad.id);
    }
    expect(await ids()).not.toContain(grad.id);
  });
});

describe('/users/{id}/transitiveMemberOf', () => {
  it('lists every group a user is in, nested ones included', async () => {
    const engineer = people('graduate', 'Engineering')[0];
    if (engineer === undefined) throw new Error('no graduate engineer');
    const r = await graph(
      `/users/${engineer.id}/transitiveMemberOf/microsoft.graph.group?$select=id,displayName&$count=true`,
      EVENTUAL,
    );
    expect(r.status).toBe(200);
    expect(value(r).map((g) => g.displayName)).toEqual([
      'Early careers network',
      'Graduate engineers 2026',
      'Graduate programme 2026',
    ]);
    const unknown = await graph('/users/nobody@contoso.example/transitiveMemberOf');
    expect(unknown.status).toBe(404);
  });
});

describe('permissions', () => {
  it('answers 403 Authorization_RequestDenied when the app was not granted GroupMember.Read.All', async () => {
    const tenant = await startLocalTenant({
      people: 20,
      grantedAppRoles: ['User.Read.All', 'Calendars.ReadWrite'],
    });
    try {
      const call = await graphCaller(tenant);
      const g = tenant.state.groups.list()[0];
      if (g === undefined) throw new Error('no group');
      for (const path of ['/groups', `/groups/${g.id}`, `/groups/${g.id}/transitiveMembers`]) {
        const r = await call(path);
        expect(r.status).toBe(403);
        expect((r.body.error as { code: string }).code).toBe('Authorization_RequestDenied');
      }
      // A user's own memberships are readable with User.Read.All, as Graph documents.
      const person = tenant.state.org.people[0];
      expect((await call(`/users/${person?.id ?? ''}/transitiveMemberOf`)).status).toBe(200);
    } finally {
      await tenant.close();
    }
  });
});
