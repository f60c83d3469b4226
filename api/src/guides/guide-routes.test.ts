import { beforeAll, describe, expect, it } from 'vitest';
import type { GuideProgressView, GuideTrackView, SessionGuideView } from '../contract/index.js';
import { GUIDE_LIMITS } from '../contract/index.js';
import { seedPairing, seedPeople, seedProgram, testClock } from '../testing/route-harness.js';
import { useRouteTestWorld } from '../testing/route-world.js';
import { auditLog } from '../store/index.js';
import { guideRoutes } from './guide-routes.js';

const JOIN = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0';

const world = useRouteTestWorld({
  clock: testClock('2026-05-10T12:00:00Z'),
  routes: guideRoutes,
});
let sessionIds: string[];
let pairingId: string;
let programId: string;

beforeAll(async () => {
  await seedPeople(world.db, [{ id: 'mentor' }, { id: 'leader' }, { id: 'admin' }, { id: 'x' }]);
  programId = await seedProgram(world.db);
  const seeded = await seedPairing(world.db, {
    programId,
    mentorId: 'mentor',
    leaderId: 'leader',
    joinUrl: JOIN,
    sessions: [
      { startsAt: '2026-04-10T09:00:00Z', status: 'held' },
      { startsAt: '2026-05-10T11:50:00Z' },
      { startsAt: '2026-06-10T09:00:00Z', guideSessionNumber: 8 },
    ],
  });
  sessionIds = seeded.sessionIds;
  pairingId = seeded.pairingId;
});

describe('guide tracks', () => {
  it('stores the shipped track at start and lists it with its sessions', async () => {
    const res = await world.api.call('get', '/guides/tracks', { as: 'mentor' });
    expect(res.status).toBe(200);
    const items = (res.body as { items: GuideTrackView[] }).items;
    const core = items.find((t) => t.id === 'reverse-mentoring-core' && t.version === '2026.1');
    expect(core?.source).toBe('builtin');
    expect(core?.sessions[0]?.key).toBe('charter');
    expect(core?.contentHash).toMatch(/^sha256:/);
  });

  it('lets only admins copy a track, audits the copy, and never overwrites a version', async () => {
    const body = {
      newVersion: '2026.1-acme',
      reason: 'Add our own ground rule',
      edits: { sessions: { '1': { title: 'Our charter' } } },
    };
    const denied = await world.api.call('post', '/guides/tracks/reverse-mentoring-core/copies', {
      as: 'mentor',
      body,
    });
    expect(denied.status).toBe(403);
    const made = await world.api.call('post', '/guides/tracks/reverse-mentoring-core/copies', {
      as: 'admin',
      admin: true,
      body: { ...body, fromVersion: '2026.1' },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      version: '2026.1-acme',
      source: 'admin',
      parent: { id: 'reverse-mentoring-core', version: '2026.1' },
    });
    const again = await world.api.call('post', '/guides/tracks/reverse-mentoring-core/copies', {
      as: 'admin',
      admin: true,
      body: { ...body, fromVersion: '2026.1' },
    });
    expect(again.status).toBe(409);
    const audit = await world.db.select().from(auditLog);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: 'admin',
      action: 'guide-track.copy',
      reason: 'Add our own ground rule',
    });
  });

  it('answers 400 with the field when an edit breaks the track', async () => {
    const res = await world.api.call('post', '/guides/tracks/reverse-mentoring-core/copies', {
      as: 'admin',
      admin: true,
      body: { fromVersion: '2026.1', newVersion: '2026.2', edits: { removeSessions: [1] } },
    });
    expect(res.status).toBe(400);
  });

  it('keeps a pairing on the version it started with after an admin copy', async () => {
    const res = await world.api.call('get', `/sessions/${sessionIds[0] ?? ''}/guide`, {
      as: 'mentor',
    });
    expect(res.status).toBe(200);
    const view = res.body as SessionGuideView;
    expect(view.title).not.toBe('Our charter');
    expect(view.number).toBe(1);
    // A pairing that started on the copy sees the copy.
    const onCopy = await seedPairing(world.db, {
      programId,
      mentorId: 'x',
      leaderId: 'leader',
      trackVersion: '2026.1-acme',
      sessions: [{ startsAt: '2026-04-01T09:00:00Z' }],
    });
    const copied = await world.api.call('get', `/sessions/${onCopy.sessionIds[0] ?? ''}/guide`, {
      as: 'x',
    });
    expect((copied.body as SessionGuideView).title).toBe('Our charter');
  });
});

describe('an edited copy of every part of a session', () => {
  const copies = '/guides/tracks/reverse-mentoring-core/copies';
  const core = async (): Promise<GuideTrackView> => {
    const res = await world.api.call('get', '/guides/tracks', { as: 'admin', admin: true });
    const found = (res.body as { items: GuideTrackView[] }).items.find(
      (t) => t.id === 'reverse-mentoring-core' && t.version === '2026.1',
    );
    if (found === undefined) throw new Error('the shipped track is missing');
    return found;
  };
  const stored = async () => ({
    tracks: (
      (await world.api.call('get', '/guides/tracks', { as: 'x' })).body as {
        items: GuideTrackView[];
      }
    ).items.length,
    audit: (await world.db.select().from(auditLog)).length,
  });

  it("lists each session's prompts and pre-work per side, and the repeatable session, for the guide screen", async () => {
    const track = await core();
    expect(track.sessions[1]?.prompts.mentor.length).toBeGreaterThan(0);
    expect(track.sessions[1]?.prompts.leader.length).toBeGreaterThan(0);
    expect(track.sessions[1]?.preWork.mentor.length).toBeGreaterThan(0);
    expect(track.openTopic).toMatchObject({ key: 'open-topic', number: track.sessions.length + 1 });
  });

  it('takes edited, reordered, added and removed prompts, a new session and a removed one; a pair on the copy sees them', async () => {
    const track = await core();
    const s2 = track.sessions[1];
    const s3 = track.sessions[2];
    if (s2 === undefined || s3 === undefined) throw new Error('the shipped track is too short');
    const [first = '', second = ''] = s2.prompts.mentor;
    const { number: _n, ...content } = s3;
    const made = await world.api.call('post', copies, {
      as: 'admin',
      admin: true,
      body: {
        fromVersion: '2026.1',
        newVersion: '2026.1-prompts',
        reason: 'Our own prompts',
        edits: {
          sessions: {
            '2': {
              goal: 'Try one AI tool on a real task',
              prompts: { mentor: ['Which tool saved you an hour this week?', second, first] },
            },
          },
          removeSessions: [4],
          addSessions: [
            {
              ...content,
              key: 'wellbeing',
              topic: 'Wellbeing',
              title: 'Looking after yourself',
              after: 2,
            },
          ],
        },
      },
    });
    expect(made.status).toBe(201);
    const copy = made.body as GuideTrackView;
    expect(copy.sessions[1]?.prompts.mentor).toEqual([
      'Which tool saved you an hour this week?',
      second,
      first,
    ]);
    expect(copy.sessions[1]?.prompts.leader).toEqual(s2.prompts.leader);
    expect(copy.sessions[2]).toMatchObject({ key: 'wellbeing', title: 'Looking after yourself' });
    expect(copy.sessions).toHaveLength(track.sessions.length);
    const onCopy = await seedPairing(world.db, {
      programId,
      mentorId: 'x',
      leaderId: 'mentor',
      trackVersion: '2026.1-prompts',
      sessions: [{ startsAt: '2026-04-01T09:00:00Z', guideSessionNumber: 2 }],
    });
    const guide = await world.api.call('get', `/sessions/${onCopy.sessionIds[0] ?? ''}/guide`, {
      as: 'x',
    });
    expect((guide.body as SessionGuideView).prompts[0]).toBe(
      'Which tool saved you an hour this week?',
    );
    expect((guide.body as SessionGuideView).goal).toBe('Try one AI tool on a real task');
  });

  it('refuses a prompt past the limit with 400 problem+json in plain words, storing nothing', async () => {
    const before = await stored();
    const res = await world.api.call('post', copies, {
      as: 'admin',
      admin: true,
      body: {
        fromVersion: '2026.1',
        newVersion: '2026.1-long',
        edits: {
          sessions: { '2': { prompts: { mentor: ['ok', 'x'.repeat(GUIDE_LIMITS.prompt + 1)] } } },
        },
      },
    });
    expect(res.status).toBe(400);
    expect(res.contentType).toContain('application/problem+json');
    const problem = res.body as { detail: string; errors: { field: string; message: string }[] };
    expect(problem.errors).toEqual([
      {
        field: 'sessions[1].prompts.mentor[1]',
        message: `Session 2, mentor prompt 2 can have at most ${GUIDE_LIMITS.prompt} characters.`,
      },
    ]);
    expect(problem.detail).toContain('Session 2, mentor prompt 2 can have at most');
    expect(await stored()).toEqual(before);
  });

  it('refuses an emptied prompt list, too many prompts, removing the charter and too many new sessions, storing nothing', async () => {
    const track = await core();
    const { number: _n, ...content } = track.sessions[2] ?? track.openTopic;
    const before = await stored();
    const cases: [unknown, RegExp][] = [
      [
        { sessions: { '2': { prompts: { leader: [] } } } },
        /Session 2, the leader prompts need at least one\./,
      ],
      [
        {
          sessions: {
            '3': {
              prompts: { mentor: Array.from({ length: GUIDE_LIMITS.listMax + 1 }, () => 'a') },
            },
          },
        },
        new RegExp(`Session 3, the mentor prompts can be at most ${GUIDE_LIMITS.listMax}\\.`),
      ],
      [{ removeSessions: [1] }, /Session 1, the topic must be the charter/],
      [
        {
          addSessions: Array.from({ length: GUIDE_LIMITS.addedSessionsMax + 1 }, () => ({
            ...content,
            key: 'wellbeing',
            after: 2,
          })),
        },
        new RegExp(`The added sessions can be at most ${GUIDE_LIMITS.addedSessionsMax}\\.`),
      ],
    ];
    for (const [edits, words] of cases) {
      const res = await world.api.call('post', copies, {
        as: 'admin',
        admin: true,
        body: { fromVersion: '2026.1', newVersion: '2026.1-bad', edits },
      });
      expect(res.status, JSON.stringify(edits).slice(0, 80)).toBe(400);
      expect(res.contentType).toContain('application/problem+json');
      expect((res.body as { detail: string }).detail).toMatch(words);
    }
    expect(await stored()).toEqual(before);
  });
});

describe('session guide', () => {
  it("gives each side its own prompts and the partner's as partnerPrompts", async () => {
    const id = sessionIds[0] ?? '';
    const mentor = (await world.api.call('get', `/sessions/${id}/guide`, { as: 'mentor' }))
      .body as SessionGuideView;
    const leader = (await world.api.call('get', `/sessions/${id}/guide`, { as: 'leader' }))
      .body as SessionGuideView;
    expect(mentor.role).toBe('mentor');
    expect(leader.role).toBe('leader');
    expect(mentor.partnerPrompts).toEqual(leader.prompts);
    expect(leader.partnerPrompts).toEqual(mentor.prompts);
    expect(mentor.groundRules.length).toBeGreaterThan(0);
  });

  it("numbers a session by the pair's own series ('3 of 3') while showing the guide session it follows", async () => {
    // Three sessions on the eight-session guide: the last follows the guide's session 8.
    const res = await world.api.call('get', `/sessions/${sessionIds[2] ?? ''}/guide`, {
      as: 'mentor',
    });
    expect(res.status).toBe(200);
    const guide = res.body as SessionGuideView;
    expect(guide).toMatchObject({ occurrence: 3, sessionCount: 3, number: 8 });
    const track = await world.api.call('get', '/guides/tracks', { as: 'mentor' });
    const core = (track.body as { items: GuideTrackView[] }).items.find(
      (t) => t.id === 'reverse-mentoring-core' && t.version === '2026.1',
    );
    expect(guide.title).toBe(core?.sessions.find((s) => s.number === 8)?.title);
  });

  it('refuses people outside the pairing', async () => {
    const res = await world.api.call('get', `/sessions/${sessionIds[0] ?? ''}/guide`, { as: 'x' });
    expect(res.status).toBe(403);
  });

  it("finds the caller's session behind a meeting join URL, preferring the one running now", async () => {
    const res = await world.api.call('get', `/meeting-guide?joinUrl=${encodeURIComponent(JOIN)}`, {
      as: 'leader',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      sessionId: sessionIds[1],
      pairingId,
      role: 'leader',
      number: 2,
    });
    const stranger = await world.api.call(
      'get',
      `/meeting-guide?joinUrl=${encodeURIComponent(JOIN)}`,
      {
        as: 'admin',
      },
    );
    expect(stranger.status).toBe(404);
    const neither = await world.api.call('get', '/meeting-guide', { as: 'leader' });
    expect(neither.status).toBe(400);
  });

  it("finds the meeting's session from the Teams context: the meeting chat id or the meeting id", async () => {
    const thread = '19:meeting_abc@thread.v2';
    const byChat = await world.api.call(
      'get',
      `/meeting-guide?threadId=${encodeURIComponent(thread)}`,
      {
        as: 'mentor',
      },
    );
    expect(byChat.status).toBe(200);
    expect(byChat.body).toMatchObject({ sessionId: sessionIds[1], role: 'mentor', number: 2 });
    const meetingId = Buffer.from(`0#${thread}#0`).toString('base64');
    const byMeeting = await world.api.call(
      'get',
      `/meeting-guide?meetingId=${encodeURIComponent(meetingId)}`,
      { as: 'leader' },
    );
    expect(byMeeting.status).toBe(200);
    expect(byMeeting.body).toMatchObject({ sessionId: sessionIds[1], role: 'leader' });

    const otherMeeting = await world.api.call(
      'get',
      `/meeting-guide?threadId=${encodeURIComponent('19:meeting_abd@thread.v2')}`,
      { as: 'mentor' },
    );
    expect(otherMeeting.status).toBe(404);
    const stranger = await world.api.call(
      'get',
      `/meeting-guide?threadId=${encodeURIComponent(thread)}`,
      {
        as: 'admin',
      },
    );
    expect(stranger.status).toBe(404);
    const notAMeetingChat = await world.api.call(
      'get',
      '/meeting-guide?threadId=19%3Aabc%40thread.v2',
      {
        as: 'mentor',
      },
    );
    expect(notAMeetingChat.status).toBe(400);
    expect(notAMeetingChat.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const two = await world.api.call(
      'get',
      `/meeting-guide?threadId=${encodeURIComponent(thread)}&meetingId=${encodeURIComponent(meetingId)}`,
      { as: 'mentor' },
    );
    expect(two.status).toBe(400);
  });

  it('reports which guide sessions the pair has held', async () => {
    const res = await world.api.call('get', `/pairings/${pairingId}/guide-progress`, {
      as: 'mentor',
    });
    const progress = res.body as GuideProgressView;
    expect(progress).toMatchObject({ held: 1, total: 3, trackVersion: '2026.1' });
    expect(progress.sessions.map((s) => s.guideSessionNumber)).toEqual([1, 2, 8]);
  });
});
