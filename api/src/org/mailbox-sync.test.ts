import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { MailboxSettings } from '@microsoft/microsoft-graph-types';
import { createTestStore } from '../store/testing.js';
import { enrolments, people, programs, type Store } from '../store/index.js';
import { mailboxFields, syncPendingMailboxes } from './mailbox-sync.js';

const london: MailboxSettings = {
  timeZone: 'GMT Standard Time',
  workingHours: {
    daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
    startTime: '09:00:00.0000000',
    endTime: '17:30:00.0000000',
    timeZone: { name: 'GMT Standard Time' },
  },
};

describe('mailbox settings', () => {
  it('maps Windows zone names to IANA and keeps working hours in that zone', () => {
    const fields = mailboxFields(london, new Date());
    expect(fields.timeZone).toBe('Europe/London');
    expect(fields.workingHours).toEqual({
      daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      startTime: '09:00:00.0000000',
      endTime: '17:30:00.0000000',
      timeZone: 'Europe/London',
    });
    expect(fields.mailboxError).toBeNull();
  });

  it('records an unreadable mailbox as an error, never as free time', () => {
    const fields = mailboxFields(new Error('MailboxNotEnabledForRESTAPI'), new Date());
    expect(fields.mailboxError).toBe('MailboxNotEnabledForRESTAPI');
    expect(fields.workingHours).toBeUndefined();
  });

  it('tells rooms, shared mailboxes and accounts without a mailbox from people', () => {
    const now = new Date();
    expect(mailboxFields({ userPurpose: 'room', timeZone: 'UTC' }, now).mailboxPurpose).toBe(
      'room',
    );
    expect(mailboxFields({ userPurpose: 'shared' }, now).mailboxPurpose).toBe('shared');
    expect(mailboxFields({ timeZone: 'UTC' }, now).mailboxPurpose).toBe('user');
    // Graph's answer for a licence-less, inactive or soft-deleted mailbox.
    const none = Object.assign(
      new Error('The mailbox is either inactive, soft-deleted, or is hosted on-premise.'),
      { status: 404, code: 'MailboxNotEnabledForRESTAPI' },
    );
    expect(mailboxFields(none, now).mailboxPurpose).toBe('none');
    // A transient failure says nothing about what the mailbox is.
    expect(mailboxFields(new Error('timeout'), now).mailboxPurpose).toBeUndefined();
  });

  describe('for program members', () => {
    let store: Store;
    const asked: string[][] = [];
    const graph = {
      async getMailboxSettingsBatch(ids: string[]) {
        asked.push(ids);
        return new Map<string, MailboxSettings | Error>(
          ids.map((id) => [
            id,
            id === 'broken' ? new Error('ErrorMailboxStoreUnavailable') : london,
          ]),
        );
      },
    };
    beforeAll(async () => {
      store = await createTestStore();
      await store.db
        .insert(people)
        .values(['member', 'broken', 'outsider'].map((id) => ({ id, displayName: id })));
      const [program] = await store.db
        .insert(programs)
        .values({
          name: 'P',
          createdBy: 'admin',
          guideTrackId: 't',
          guideTrackVersion: '1',
          rules: {
            mentorMaxLevel: 3,
            leaderMinLevel: 7,
            minLevelGap: 3,
            topics: [],
            cadence: 'weekly',
            sessions: 8,
            durationMinutes: 45,
            leaderCapacity: 1,
            organizer: 'mentor',
            weights: { gap: 1, topics: 1, overlap: 1, diversity: 1, novelty: 1 },
          },
        })
        .returning();
      if (program === undefined) throw new Error('no program');
      await store.db.insert(enrolments).values([
        { programId: program.id, personId: 'member', role: 'mentor' },
        { programId: program.id, personId: 'broken', role: 'leader' },
      ]);
      // Migrating a fresh store is the slow part, and slower on a busy machine.
    }, 60_000);
    afterAll(async () => {
      await store.close();
    });

    it('reads only enrolled people, once, and again only when stale', async () => {
      const first = await syncPendingMailboxes({ db: store.db, graph });
      expect(first).toEqual({ requested: 2, updated: 1, failed: 1 });
      expect(asked[0]?.sort()).toEqual(['broken', 'member']);
      const [member] = await store.db.select().from(people).where(eq(people.id, 'member'));
      expect(member?.timeZone).toBe('Europe/London');
      const [broken] = await store.db.select().from(people).where(eq(people.id, 'broken'));
      expect(broken?.mailboxError).toBe('ErrorMailboxStoreUnavailable');
      expect(broken?.timeZone).toBeNull();
      expect(member?.workingHours?.startTime).toBe('09:00:00.0000000');
      const second = await syncPendingMailboxes({ db: store.db, graph });
      expect(second.requested).toBe(0);
      const later = await syncPendingMailboxes({
        db: store.db,
        graph,
        now: () => new Date(Date.now() + 25 * 3_600_000),
      });
      expect(later.requested).toBe(2);
    });
  });
});
