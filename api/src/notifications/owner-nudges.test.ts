import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProgramOwnerView } from '../contract/index.js';
import { seedPairing, seedPeople, seedProgram, testClock } from '../testing/route-harness.js';
import { useRouteTestWorld } from '../testing/route-world.js';
import { loadGuideTracks, syncBuiltinTracks } from '../guides/index.js';
import { programOwnerRoutes } from '../programs/index.js';
import { auditLog, notifications } from '../store/index.js';
import { runNudgeScan } from './nudge-scan.js';

const world = useRouteTestWorld({
  clock: testClock('2026-05-10T12:00:00Z'),
  routes: programOwnerRoutes,
});
let programId: string;

beforeAll(async () => {
  await syncBuiltinTracks(world.db, await loadGuideTracks());
  await seedPeople(world.db, [
    { id: 'hr', displayName: 'Harriet' },
    { id: 'hr2', displayName: 'Hugo' },
    { id: 'mia' },
    { id: 'lev' },
  ]);
  programId = await seedProgram(world.db, { createdBy: 'hr' });
  await seedPairing(world.db, {
    programId,
    mentorId: 'mia',
    leaderId: 'lev',
    sessions: [
      { startsAt: '2026-05-01T09:00:00Z', status: 'missed' },
      { startsAt: '2026-05-08T09:00:00Z', status: 'declined' },
    ],
  });
});

const admin = (as: string) => ({ as, admin: true });

describe('program owners', () => {
  it('lets admins add owners, audited, and refuses a person not in the directory', async () => {
    const path = `/programs/${programId}/owners`;
    expect(
      (await world.api.call('post', path, { as: 'mia', body: { personId: 'mia' } })).status,
    ).toBe(403);
    expect(
      (await world.api.call('post', path, { ...admin('hr'), body: { personId: 'hr' } })).status,
    ).toBe(201);
    const added = await world.api.call('post', path, { ...admin('hr'), body: { personId: 'hr2' } });
    expect(added.status).toBe(201);
    expect((added.body as ProgramOwnerView[]).map((o) => [o.personId, o.displayName])).toEqual([
      ['hr', 'Harriet'],
      ['hr2', 'Hugo'],
    ]);
    const unknown = await world.api.call('post', path, {
      ...admin('hr'),
      body: { personId: 'nobody' },
    });
    expect(unknown.status).toBe(400);
    const audit = await world.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'program.owner-add'));
    expect(
      audit.map((a) => [a.actorId, a.targetId, (a.detail as { personId: string }).personId]),
    ).toEqual([
      ['hr', programId, 'hr'],
      ['hr', programId, 'hr2'],
    ]);
  });

  it('suggests current people by name or address to add, leaving out owners and the departed', async () => {
    const path = `/programs/${programId}/owner-candidates`;
    const found = await world.api.call('get', `${path}?q=h`, admin('hr'));
    // One letter would list half the company: the picker asks for two.
    expect(found.status).toBe(400);
    await seedPeople(world.db, [
      { id: 'hug2', displayName: 'Hugh Grant' },
      { id: 'hug3', displayName: 'Hughes Gone', goneAt: new Date('2026-01-01') },
    ]);
    const hu = await world.api.call('get', `${path}?q=HU`, admin('hr'));
    expect(hu.status).toBe(200);
    // Hugo is an owner already; Hughes has left the organisation.
    expect((hu.body as { items: { id: string }[] }).items.map((p) => p.id)).toEqual(['hug2']);
    const byMail = await world.api.call(
      'get',
      `${path}?q=${encodeURIComponent('mia@example')}`,
      admin('hr'),
    );
    expect((byMail.body as { items: { id: string }[] }).items.map((p) => p.id)).toEqual(['mia']);
    expect((await world.api.call('get', `${path}?q=hu`, { as: 'mia' })).status).toBe(403);
  });

  it('sends a pairing-at-risk nudge to every owner', async () => {
    await runNudgeScan(world.services);
    const atRisk = await world.db
      .select({ personId: notifications.personId })
      .from(notifications)
      .where(eq(notifications.kind, 'pairingAtRisk'));
    expect(atRisk.map((n) => n.personId).sort()).toEqual(['hr', 'hr2']);
  });

  it('removes an owner, audited, but never the last one', async () => {
    const removed = await world.api.call(
      'delete',
      `/programs/${programId}/owners/hr2`,
      admin('hr'),
    );
    expect(removed.status).toBe(200);
    expect((removed.body as ProgramOwnerView[]).map((o) => o.personId)).toEqual(['hr']);
    const audit = await world.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'program.owner-remove'));
    expect(audit).toHaveLength(1);
    const last = await world.api.call('delete', `/programs/${programId}/owners/hr`, admin('hr'));
    expect(last.status).toBe(409);
    expect(last.headers.get('content-type')).toContain('application/problem+json');
  });
});
