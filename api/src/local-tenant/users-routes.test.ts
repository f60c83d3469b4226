import { describe, expect, it } from 'vitest';
import { startLocalTenant } from './local-tenant.js';
import { graphCaller, type GraphCall, useLocalTenant } from './testing.js';

const local = useLocalTenant({ people: 1200, seed: 42 });
const { graph } = local;

const value = (r: GraphCall): Record<string, unknown>[] =>
  r.body.value as Record<string, unknown>[];

describe('/users', () => {
  it('refuses a call without a bearer token with InvalidAuthenticationToken and request ids', async () => {
    const r = await fetch(`${local.tenant.baseUrl}/users`, {
      headers: { 'client-request-id': 'abc-123' },
    });
    expect(r.status).toBe(401);
    expect(r.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers.get('client-request-id')).toBe('abc-123');
    const body = (await r.json()) as {
      error: { code: string; innerError: Record<string, string> };
    };
    expect(body.error.code).toBe('InvalidAuthenticationToken');
    expect(body.error.innerError['client-request-id']).toBe('abc-123');
    expect(body.error.innerError['request-id']).toBe(r.headers.get('request-id'));
  });

  it('refuses a token signed by another key', async () => {
    const other = await startLocalTenant({ people: 5 });
    try {
      const foreign = await graphCaller(other);
      const res = await foreign(`${local.tenant.baseUrl}/users`);
      expect(res.status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('pages with an opaque $skiptoken nextLink to the end, every user once', async () => {
    const seen = new Set<string>();
    let url: string | undefined = '/users?$select=id,displayName&$top=500';
    let pages = 0;
    while (url !== undefined) {
      const r = await graph(url);
      expect(r.status).toBe(200);
      expect(r.body['@odata.context']).toContain('$metadata#users');
      for (const u of value(r)) seen.add(String(u.id));
      url = r.body['@odata.nextLink'] as string | undefined;
      if (url !== undefined) expect(url).toContain('$skiptoken=');
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen.size).toBe(1200);
  });

  it('rejects $top above 999 and caps pages at 100 with $expand=manager', async () => {
    expect((await graph('/users?$top=1000')).status).toBe(400);
    const r = await graph('/users?$top=999&$select=id&$expand=manager($select=id)');
    expect(r.status).toBe(200);
    expect(value(r)).toHaveLength(100);
    const withManager = value(r).filter((u) => u.manager !== undefined);
    expect(withManager.length).toBeGreaterThan(90);
    expect(withManager[0]?.manager).toEqual({
      '@odata.type': '#microsoft.graph.user',
      id: expect.any(String),
    });
  });

  it('answers the default property set without $select and 400 for an unknown property', async () => {
    const r = await graph('/users?$top=1');
    expect(Object.keys(value(r)[0] ?? {}).sort()).toEqual(
      [
        'businessPhones',
        'displayName',
        'givenName',
        'id',
        'jobTitle',
        'mail',
        'mobilePhone',
        'officeLocation',
        'preferredLanguage',
        'surname',
        'userPrincipalName',
      ].sort(),
    );
    expect((await graph('/users?$select=shoeSize')).status).toBe(400);
  });

  it('fails with 501 when mailboxSettings is selected on the collection', async () => {
    const r = await graph('/users?$select=id,mailboxSettings');
    expect(r.status).toBe(501);
    expect((r.body.error as { code: string }).code).toBe('NotImplemented');
  });

  it('filters by mail and by accountEnabled', async () => {
    const p = local.tenant.state.org.people[40];
    const r = await graph(
      `/users?$filter=${encodeURIComponent(`mail eq '${p?.mail ?? ''}'`)}&$select=id`,
    );
    expect(value(r)).toEqual([{ id: p?.id }]);
    const enabled = await graph(
      '/users?$filter=accountEnabled eq true&$top=5&$select=id,accountEnabled',
    );
    expect(value(enabled)).toHaveLength(5);
  });

  it('counts with $count only under ConsistencyLevel: eventual', async () => {
    expect((await graph('/users?$count=true&$top=1')).status).toBe(400);
    const r = await graph('/users?$count=true&$top=1&$select=id', {
      headers: { ConsistencyLevel: 'eventual' },
    });
    expect(r.body['@odata.count']).toBe(1200);
  });

  it('reads one user by id or UPN, and 404 Request_ResourceNotFound for nobody', async () => {
    const p = local.tenant.state.org.people[10];
    const byId = await graph(`/users/${p?.id ?? ''}?$select=displayName,jobTitle,employeeHireDate`);
    expect(byId.body.displayName).toBe(p?.displayName);
    const byUpn = await graph(
      `/users/${encodeURIComponent(p?.userPrincipalName ?? '')}?$select=id`,
    );
    expect(byUpn.body.id).toBe(p?.id);
    const none = await graph('/users/00000000-0000-0000-0000-000000000000');
    expect(none.status).toBe(404);
    expect((none.body.error as { code: string }).code).toBe('Request_ResourceNotFound');
  });

  it('answers 404 for the manager of the CEO and of people without a manager, the manager otherwise', async () => {
    const { ceoId, withoutManagerIds, people } = local.tenant.state.org;
    expect((await graph(`/users/${ceoId}/manager`)).status).toBe(404);
    expect((await graph(`/users/${withoutManagerIds[0] ?? ''}/manager`)).status).toBe(404);
    const p = people[50];
    const m = await graph(`/users/${p?.id ?? ''}/manager?$select=id`);
    expect(m.status).toBe(200);
    expect(m.body.id).toBe(p?.managerId);
    const reports = await graph(`/users/${ceoId}/directReports?$select=id,jobTitle`);
    expect(value(reports).map((r) => r.jobTitle)).toContain('Chief Technology Officer');
  });
});

describe('/users/delta', () => {
  async function fullRound(
    select: string,
    prefer?: string,
  ): Promise<{ users: Record<string, unknown>[]; deltaLink: string; pages: number }> {
    const users: Record<string, unknown>[] = [];
    let url: string | undefined = `/users/delta?$select=${select}`;
    let pages = 0;
    for (;;) {
      const r = await graph(url, prefer === undefined ? {} : { headers: { Prefer: prefer } });
      expect(r.status).toBe(200);
      users.push(...value(r));
      pages++;
      const next = r.body['@odata.nextLink'] as string | undefined;
      const delta = r.body['@odata.deltaLink'] as string | undefined;
      if (delta !== undefined) return { users, deltaLink: delta, pages };
      url = next;
      if (url === undefined) throw new Error('page with neither nextLink nor deltaLink');
    }
  }

  it('returns every user with manager@delta, then a deltaLink; later rounds carry only changes', async () => {
    const round = await fullRound('id,displayName,jobTitle,manager');
    expect(round.users).toHaveLength(1200);
    expect(round.pages).toBe(6);
    const someone = round.users.find((u) => u.id === local.tenant.state.org.people[60]?.id);
    expect(someone?.['manager@delta']).toEqual([
      { '@odata.type': '#microsoft.graph.user', id: local.tenant.state.org.people[60]?.managerId },
    ]);

    const empty = await graph(round.deltaLink);
    expect(value(empty)).toEqual([]);
    expect(empty.body['@odata.deltaLink']).toEqual(expect.any(String));

    const mover = local.tenant.state.org.people[70];
    const newBoss = local.tenant.state.org.people[3];
    const leaver = local.tenant.state.org.people[80];
    const gone = local.tenant.state.org.people[81];
    const renamed = local.tenant.state.org.people[82];
    local.tenant.state.setManager(mover?.id ?? '', newBoss?.id ?? '');
    local.tenant.state.removeUser(leaver?.id ?? '');
    local.tenant.state.removeUser(gone?.id ?? '', { permanent: true });
    local.tenant.state.updateUser(renamed?.id ?? '', { jobTitle: 'Senior Data Scientist' });

    const changes = await graph(String(empty.body['@odata.deltaLink']));
    const byId = new Map(value(changes).map((u) => [u.id, u]));
    expect(byId.size).toBe(4);
    expect(byId.get(mover?.id)?.['manager@delta']).toEqual([
      { '@odata.type': '#microsoft.graph.user', id: newBoss?.id },
    ]);
    expect(byId.get(leaver?.id)).toEqual({ id: leaver?.id, '@removed': { reason: 'changed' } });
    expect(byId.get(gone?.id)).toEqual({ id: gone?.id, '@removed': { reason: 'deleted' } });
    expect(byId.get(renamed?.id)?.jobTitle).toBe('Senior Data Scientist');
    expect(byId.get(renamed?.id)?.['manager@delta']).toBeUndefined();

    local.tenant.state.setManager(mover?.id ?? '', null);
    const unlinked = await graph(String(changes.body['@odata.deltaLink']));
    expect(value(unlinked)[0]?.['manager@delta']).toEqual([
      {
        '@odata.type': '#microsoft.graph.user',
        id: newBoss?.id,
        '@removed': { reason: 'deleted' },
      },
    ]);
  });

  it('honours Prefer: odata.maxpagesize up to its cap', async () => {
    const r = await graph('/users/delta?$select=id', {
      headers: { Prefer: 'odata.maxpagesize=50' },
    });
    expect(value(r)).toHaveLength(50);
    expect(r.headers.get('preference-applied')).toBe('odata.maxpagesize=50');
    const capped = await graph('/users/delta?$select=id', {
      headers: { Prefer: 'odata.maxpagesize=999' },
    });
    expect(value(capped)).toHaveLength(200);
  });

  it('tracks the manager through $select=manager and ignores $expand, as Graph does', async () => {
    const r = await graph('/users/delta?$select=id,displayName&$expand=manager', {
      headers: { Prefer: 'odata.maxpagesize=20' },
    });
    expect(r.status).toBe(200);
    expect(value(r).some((u) => 'manager' in u || 'manager@delta' in u)).toBe(false);
  });

  it("takes only id eq '…' filters (joined by or), tracking just those users", async () => {
    const [a, b] = local.tenant.state.org.people.slice(10, 12);
    const filter = `id eq '${a?.id ?? ''}' or id eq '${b?.id ?? ''}'`;
    let link: string | undefined =
      `/users/delta?$select=id,jobTitle&$filter=${encodeURIComponent(filter)}`;
    const seen: unknown[] = [];
    let deltaLink = '';
    while (link !== undefined) {
      const page = await graph(link);
      seen.push(...value(page).map((u) => u.id));
      link = page.body['@odata.nextLink'] as string | undefined;
      deltaLink = String(page.body['@odata.deltaLink'] ?? '');
    }
    expect(seen.sort()).toEqual([a?.id, b?.id].sort());
    local.tenant.state.updateUser(local.tenant.state.org.people[13]?.id ?? '', {
      jobTitle: 'Untracked',
    });
    local.tenant.state.updateUser(a?.id ?? '', { jobTitle: 'Tracked' });
    expect(value(await graph(deltaLink)).map((u) => u.id)).toEqual([a?.id]);
    const refused = await graph(`/users/delta?$filter=${encodeURIComponent("jobTitle eq 'CEO'")}`);
    expect(refused.status).toBe(400);
    expect((refused.body.error as { code: string }).code).toBe('Request_UnsupportedQuery');
  });

  it('answers 410 Gone for an unknown token and for tokens expired by the tenant', async () => {
    const bad = await graph('/users/delta?$deltatoken=not-a-token');
    expect(bad.status).toBe(410);
    expect((bad.body.error as { code: string }).code).toBe('resyncRequired');
    expect(bad.headers.get('location')).toContain('/users/delta');

    const latest = await graph('/users/delta?$select=id&$deltatoken=latest');
    const link = String(latest.body['@odata.deltaLink']);
    expect((await graph(link)).status).toBe(200);
    local.tenant.state.expireDeltaTokens();
    expect((await graph(link)).status).toBe(410);
  });
});
