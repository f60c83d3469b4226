import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, isNull, sql } from 'drizzle-orm';
import { GraphError } from '../graph/index.js';
import { rowsOf } from '../jobs/index.js';
import { createTestStore } from '../store/testing.js';
import { dataProblems, people, type Store } from '../store/index.js';
import { syncOrg, type DeltaUser, type DirectoryReader } from './org-sync.js';

/** A directory that answers like /users/delta: a full round, then only what changed since a link. */
class FakeDirectory implements DirectoryReader {
  users = new Map<
    string,
    { id: string; displayName: string; jobTitle: string; managerId: string | null }
  >();
  private changes: DeltaUser[] = [];
  private round = 0;
  expired = false;
  /** The saved cursor leads to another server (an earlier local tenant): the client refuses it. */
  elsewhere = false;
  /** A full round sends these people again on its last page, as Graph's delta may (a replay). */
  replay: { id: string; jobTitle: string }[] = [];
  requests = 0;

  set(id: string, managerId: string | null, jobTitle = 'Engineer') {
    this.users.set(id, { id, displayName: id.toUpperCase(), jobTitle, managerId });
    this.changes.push(this.asDelta(id));
  }
  remove(id: string) {
    this.users.delete(id);
    this.changes.push({ id, '@removed': { reason: 'changed' } });
  }
  private asDelta(id: string): DeltaUser {
    const u = this.users.get(id);
    if (u === undefined) throw new Error(id);
    return {
      id,
      displayName: u.displayName,
      jobTitle: u.jobTitle,
      'manager@delta': u.managerId === null ? [] : [{ id: u.managerId }],
    };
  }
  async *usersDelta(o: { select: string[]; deltaLink?: string }) {
    this.requests += 1;
    if (o.deltaLink !== undefined && this.expired) {
      throw Object.assign(new Error('resync required'), { status: 410 });
    }
    if (o.deltaLink !== undefined && this.elsewhere) {
      const message = 'Refusing to follow a link outside the Graph base URL: http://127.0.0.1:1';
      throw new GraphError({ status: 400, code: 'InvalidRequest', message });
    }
    const users =
      o.deltaLink === undefined
        ? [...this.users.keys()].map((id) => this.asDelta(id))
        : this.changes;
    this.changes = [];
    this.round += 1;
    // Two pages, the delta link on the last one only, as Graph does.
    const half = Math.ceil(users.length / 2);
    // A replay repeats someone from the first page, changed meanwhile: the later one counts.
    const replays =
      o.deltaLink === undefined
        ? this.replay.map((r) => ({ ...this.asDelta(r.id), jobTitle: r.jobTitle }))
        : [];
    yield { users: users.slice(0, half) };
    yield { users: [...users.slice(half), ...replays], deltaLink: `delta-${this.round}` };
  }
}

describe('org sync', () => {
  let store: Store;
  const dir = new FakeDirectory();
  beforeAll(async () => {
    store = await createTestStore();
    dir.set('ceo', null, 'Chief Executive Officer');
    dir.set('vp', 'ceo', 'VP Engineering');
    dir.set('dir', 'vp', 'Director');
    dir.set('ic1', 'dir');
    dir.set('ic2', 'dir', 'Graduate Engineer');
    dir.set('loop-a', 'loop-b');
    dir.set('loop-b', 'loop-a');
  });
  afterAll(async () => {
    await store.close();
  });

  const snapshot = async () =>
    store.db
      .select({
        id: people.id,
        managerId: people.managerId,
        depth: people.depth,
        orgSize: people.orgSize,
        jobTitle: people.jobTitle,
        gone: people.goneAt,
      })
      .from(people)
      .orderBy(asc(people.id));

  const peopleIndexes = async () =>
    rowsOf(
      await store.db.execute(
        sql`select indexname, indexdef from pg_indexes where tablename = 'people' order by indexname`,
      ),
    );

  it('stores everyone with manager, depth and organisation size, and reports bad data', async () => {
    const indexesBefore = await peopleIndexes();
    const summary = await syncOrg({ db: store.db, graph: dir });
    // The first load builds the read indexes after the rows: they come back exactly as migrated.
    expect(indexesBefore.map((i) => i.indexname)).toEqual([
      'people_mail_idx',
      'people_manager_idx',
      'people_pkey',
    ]);
    expect(await peopleIndexes()).toEqual(indexesBefore);
    expect(summary).toMatchObject({
      mode: 'full',
      people: 7,
      withoutManager: 1,
      maxDepth: 3,
      dataProblems: 2,
    });
    const rows = await snapshot();
    expect(rows.find((r) => r.id === 'ceo')).toMatchObject({ depth: 0, orgSize: 4 });
    expect(rows.find((r) => r.id === 'ic2')).toMatchObject({
      depth: 3,
      managerId: 'dir',
      jobTitle: 'Graduate Engineer',
    });
    expect(rows.find((r) => r.id === 'loop-a')?.depth).toBeNull();
    const problems = await store.db
      .select()
      .from(dataProblems)
      .where(isNull(dataProblems.resolvedAt));
    expect(problems.map((p) => p.kind)).toEqual(['manager-loop', 'manager-loop']);
  });

  it('gives the same people twice in a row', async () => {
    const before = await snapshot();
    const again = await syncOrg({ db: store.db, graph: dir }, { full: true });
    expect(again.people).toBe(7);
    expect(await snapshot()).toEqual(before);
    expect(await store.db.select().from(dataProblems)).toHaveLength(2);
  });

  it('applies a re-org and a departure from the delta, recomputing depth', async () => {
    dir.set('ic1', 'vp');
    dir.set('loop-b', 'ceo');
    dir.remove('ic2');
    const summary = await syncOrg({ db: store.db, graph: dir });
    expect(summary).toMatchObject({
      mode: 'delta',
      changed: 2,
      removed: 1,
      people: 6,
      dataProblems: 0,
    });
    const rows = await snapshot();
    expect(rows.find((r) => r.id === 'ic1')).toMatchObject({ depth: 2, managerId: 'vp' });
    expect(rows.find((r) => r.id === 'loop-a')).toMatchObject({ depth: 2 });
    expect(rows.find((r) => r.id === 'ic2')?.gone).toBeInstanceOf(Date);
    expect(rows.find((r) => r.id === 'dir')).toMatchObject({ orgSize: 0 });
    const open = await store.db.select().from(dataProblems).where(isNull(dataProblems.resolvedAt));
    expect(open).toHaveLength(0);
  });

  it('starts a full sync again when the delta cursor has expired (410)', async () => {
    dir.expired = true;
    const summary = await syncOrg({ db: store.db, graph: dir });
    expect(summary.mode).toBe('full');
    expect(summary.people).toBe(6);
    dir.expired = false;
  });

  it('starts a full sync again when the saved cursor is from another Graph (a former local tenant)', async () => {
    dir.elsewhere = true;
    const summary = await syncOrg({ db: store.db, graph: dir });
    expect(summary.mode).toBe('full');
    expect(summary.people).toBe(6);
    dir.elsewhere = false;
    expect((await syncOrg({ db: store.db, graph: dir })).mode).toBe('delta');
  });

  it('marks whoever a later full round no longer returns as gone', async () => {
    // Left without a change record the delta would carry: only a full round can notice.
    dir.users.delete('ic1');
    const summary = await syncOrg({ db: store.db, graph: dir }, { full: true });
    expect(summary).toMatchObject({ mode: 'full', people: 5, removed: 1 });
    const rows = await snapshot();
    expect(rows.find((r) => r.id === 'ic1')?.gone).toBeInstanceOf(Date);
    expect(rows.find((r) => r.id === 'vp')).toMatchObject({ gone: null, orgSize: 1 });
  });

  it('keeps the later of a person Graph sends twice in one round (a replay), on a first load and after', async () => {
    // Graph: "Your application must be prepared for replays, which occur when the same change
    // appears in subsequent responses."
    dir.replay = [{ id: 'ceo', jobTitle: 'Chief Executive' }];
    try {
      for (const first of [true, false]) {
        if (first) await store.db.delete(people);
        const summary = await syncOrg({ db: store.db, graph: dir }, { full: true });
        expect(summary).toMatchObject({ mode: 'full', people: 5 });
        const rows = await snapshot();
        expect(rows.filter((r) => r.id === 'ceo')).toEqual([
          expect.objectContaining({ jobTitle: 'Chief Executive', depth: 0, gone: null }),
        ]);
      }
    } finally {
      dir.replay = [];
    }
  });
});
