import { and, asc, eq, isNotNull, max, or } from 'drizzle-orm';
import { z } from 'zod';
import { ProblemError, problems, route } from '../app/index.js';
import type { RouteDef } from '../app/index.js';
import type {
  GuideProgressView,
  GuideTrackSessionView,
  GuideTrackView,
  SessionGuideView,
} from '../contract/index.js';
import { topicName } from '../contract/index.js';
import { findPairingRole, findSessionMembership, isSessionHeld } from '../feedback/index.js';
import type { SessionMembership } from '../feedback/index.js';
import { isAdmin, recordAudit } from '../identity/index.js';
import type { Services } from '../app/index.js';
import { bookingSeries, pairings, sessions } from '../store/index.js';
import { GuideEditError, guideIssueSentence } from './editable-copy.js';
import { loadGuideTracks } from './guide-loader.js';
import type { LoadGuidesOptions } from './guide-loader.js';
import {
  findGuideTrack,
  latestGuideTrack,
  listGuideTracks,
  pinnedGuideSession,
  storeGuideTrackCopy,
  syncBuiltinTracks,
} from './guide-store.js';
import type { StoredGuideTrack } from './guide-store.js';
import { TRACK_ID, TRACK_VERSION } from './guide-track.js';
import type { GuideSession } from './guide-track.js';
import { asMeetingThreadId, threadIdOfJoinUrl, threadIdOfMeetingId } from './meeting-thread.js';
import { guideForRole } from './role-view.js';

function toSessionView(s: GuideSession): GuideTrackSessionView {
  return {
    number: s.number,
    key: s.key,
    topic: topicName(s.key, s.topic),
    title: s.title,
    goal: s.goal,
    durationMinutes: s.durationMinutes,
    prompts: { mentor: [...s.prompts.mentor], leader: [...s.prompts.leader] },
    preWork: { mentor: [...s.preWork.mentor], leader: [...s.preWork.leader] },
    exercise: s.exercise,
    reflectionQuestion: s.reflectionQuestion,
    summary: s.summary,
  };
}

export function toTrackView(stored: StoredGuideTrack): GuideTrackView {
  const { track } = stored;
  return {
    id: track.id,
    version: track.version,
    title: track.title,
    description: track.description,
    source: stored.source,
    parent:
      track.derivedFrom === undefined
        ? null
        : { id: track.derivedFrom.id, version: track.derivedFrom.version },
    contentHash: track.contentHash,
    groundRules: [...track.groundRules],
    sessions: track.sessions.map(toSessionView),
    openTopic: toSessionView(track.openTopic),
    createdAt: stored.createdAt.toISOString(),
  };
}

/** The guide of one session for the caller's side of the pairing, from the pinned version. */
export async function sessionGuideView(
  services: Services,
  m: SessionMembership,
): Promise<SessionGuideView> {
  const pinned = await pinnedGuideSession(services.db, m.pairing, m.session.guideSessionNumber);
  if (pinned === undefined)
    throw problems.notFound(
      `The guide ${m.pairing.guideTrackId}@${m.pairing.guideTrackVersion} this pairing started with is not available.`,
    );
  const view = guideForRole(pinned.session, m.role);
  // The pair's own numbering ("Session 6 of 6"): the guide's number skips the sessions a shorter
  // program leaves out.
  const [series] = await services.db
    .select({ last: max(sessions.occurrence) })
    .from(sessions)
    .where(eq(sessions.pairingId, m.pairing.id));
  return {
    sessionId: m.session.id,
    pairingId: m.pairing.id,
    role: m.role,
    number: view.number,
    occurrence: m.session.occurrence,
    sessionCount: Math.max(series?.last ?? 0, m.session.occurrence),
    title: view.title,
    topic: view.topic,
    goal: view.goal,
    durationMinutes: view.durationMinutes,
    preWork: [...view.preWork],
    prompts: [...view.prompts],
    partnerPrompts: [...view.partnerPrompts],
    exercise: view.exercise,
    reflectionQuestion: view.reflectionQuestion,
    groundRules: [...pinned.track.groundRules],
  };
}

export async function guideProgress(
  services: Services,
  pairing: { id: string; guideTrackId: string; guideTrackVersion: string },
): Promise<GuideProgressView> {
  const stored = await findGuideTrack(services.db, pairing.guideTrackId, pairing.guideTrackVersion);
  const rows = await services.db
    .select()
    .from(sessions)
    .where(eq(sessions.pairingId, pairing.id))
    .orderBy(asc(sessions.occurrence));
  const now = services.now();
  const items = rows.map((s) => {
    const guide =
      stored === undefined
        ? undefined
        : (stored.track.sessions.find((g) => g.number === s.guideSessionNumber) ??
          (stored.track.openTopic.number === s.guideSessionNumber
            ? stored.track.openTopic
            : undefined));
    return {
      occurrence: s.occurrence,
      sessionId: s.id,
      guideSessionNumber: s.guideSessionNumber,
      title: guide?.title ?? `Session ${s.guideSessionNumber}`,
      topic: guide === undefined ? '' : topicName(guide.key, guide.topic),
      startsAt: s.startsAt.toISOString(),
      held: isSessionHeld(s, now),
    };
  });
  return {
    pairingId: pairing.id,
    trackId: pairing.guideTrackId,
    trackVersion: pairing.guideTrackVersion,
    sessions: items,
    held: items.filter((i) => i.held).length,
    total: items.length,
  };
}

/** How the caller names the meeting: its join URL, its Outlook event, or its meeting chat. */
export type MeetingKey =
  | { joinUrl: string }
  | { eventId: string }
  /** The meeting chat's thread id (`19:meeting_…@thread.v2`), from the tab's Teams context. */
  | { threadId: string };

/**
 * The session a meeting belongs to. A recurring series shares one join URL, so among the
 * caller's matching sessions the one running now wins, then the next one, then the latest.
 */
export async function findMeetingSession(
  services: Services,
  userId: string,
  key: MeetingKey,
): Promise<SessionMembership | undefined> {
  const member = or(eq(pairings.mentorId, userId), eq(pairings.leaderId, userId));
  const match =
    'joinUrl' in key
      ? or(eq(sessions.joinUrl, key.joinUrl), eq(bookingSeries.joinUrl, key.joinUrl))
      : 'eventId' in key
        ? or(eq(sessions.eventId, key.eventId), eq(bookingSeries.eventId, key.eventId))
        : // The thread id sits encoded inside the stored join URL: compare it decoded, among
          // the caller's own sessions (a few dozen at most).
          or(isNotNull(sessions.joinUrl), isNotNull(bookingSeries.joinUrl));
  const all = await services.db
    .select({ session: sessions, pairing: pairings, seriesJoinUrl: bookingSeries.joinUrl })
    .from(sessions)
    .innerJoin(pairings, eq(pairings.id, sessions.pairingId))
    .leftJoin(bookingSeries, eq(bookingSeries.id, sessions.seriesId))
    .where(and(member, match));
  const rows =
    'threadId' in key
      ? all.filter((r) =>
          [r.session.joinUrl, r.seriesJoinUrl].some(
            (url) => url !== null && threadIdOfJoinUrl(url) === key.threadId,
          ),
        )
      : all;
  if (rows.length === 0) return undefined;
  const now = services.now().getTime();
  const rank = (s: { startsAt: Date; endsAt: Date }): number => {
    const start = s.startsAt.getTime();
    const end = s.endsAt.getTime();
    if (start - 15 * 60_000 <= now && now <= end) return 0;
    return start > now ? 1 : 2;
  };
  const best = [...rows].sort((a, b) => {
    const ra = rank(a.session);
    const rb = rank(b.session);
    if (ra !== rb) return ra - rb;
    const da = Math.abs(a.session.startsAt.getTime() - now);
    const db = Math.abs(b.session.startsAt.getTime() - now);
    return da - db;
  })[0];
  if (best === undefined) return undefined;
  const partnerIsLeader = best.pairing.mentorId === userId;
  return {
    session: best.session,
    pairing: best.pairing,
    role: partnerIsLeader ? 'mentor' : 'leader',
    partnerId: partnerIsLeader ? best.pairing.leaderId : best.pairing.mentorId,
  };
}

/** The meeting named by the side panel's query; a malformed chat or meeting id is a 400. */
function meetingKeyOf(q: {
  joinUrl?: string | undefined;
  eventId?: string | undefined;
  threadId?: string | undefined;
  meetingId?: string | undefined;
}): MeetingKey {
  if (q.joinUrl !== undefined) return { joinUrl: q.joinUrl };
  if (q.eventId !== undefined) return { eventId: q.eventId };
  const threadId =
    q.threadId !== undefined
      ? asMeetingThreadId(q.threadId)
      : threadIdOfMeetingId(q.meetingId ?? '');
  if (threadId === undefined)
    throw problems.badRequest(
      q.threadId !== undefined
        ? 'threadId is not a Teams meeting chat id (19:meeting_…@thread.v2).'
        : 'meetingId is not a Teams meeting id.',
    );
  return { threadId };
}

export interface GuideRoutesOptions {
  /** Where the shipped tracks come from (tests point this at fixtures). */
  load?: LoadGuidesOptions;
}

const copyBody = z
  .object({
    /** The version to copy; the newest stored one when absent. */
    fromVersion: TRACK_VERSION.optional(),
    newId: TRACK_ID.optional(),
    newVersion: TRACK_VERSION,
    reason: z.string().trim().min(1).max(500).optional(),
    /** Checked against the guide schema when applied, which says what is wrong in words. */
    edits: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

const uuidParam = z.uuid();

/**
 * Guide routes. The shipped tracks are copied into the store as soon as the routes are built
 * (at start), and every request waits for that, so a pairing's pinned version is always there.
 */
export function guideRoutes(services: Services, options: GuideRoutesOptions = {}): RouteDef[] {
  const ready = loadGuideTracks(options.load ?? {}).then((tracks) =>
    syncBuiltinTracks(services.db, tracks),
  );
  ready.catch((err: unknown) => {
    services.logger.error({ err: String(err) }, 'loading the shipped guide tracks failed');
  });

  return [
    route({
      method: 'get',
      path: '/guides/tracks',
      access: 'signed-in',
      summary: 'Guide tracks (shipped and admin copies) with their sessions',
      async handle(): Promise<{ items: GuideTrackView[] }> {
        await ready;
        return { items: (await listGuideTracks(services.db)).map(toTrackView) };
      },
    }),
    route({
      method: 'post',
      path: '/guides/tracks/:trackId/copies',
      access: 'admin',
      idempotent: true,
      summary: 'Create an edited copy of a track under a new id or version (audited)',
      params: z.object({ trackId: TRACK_ID }).strict(),
      body: copyBody,
      async handle({ principal, params, body }) {
        const actor = principal;
        await ready;
        const source =
          body.fromVersion === undefined
            ? await latestGuideTrack(services.db, params.trackId)
            : await findGuideTrack(services.db, params.trackId, body.fromVersion);
        if (source === undefined) throw problems.notFound('No such guide track or version.');
        const created = await services.db.transaction(async (tx) => {
          let stored: StoredGuideTrack | undefined;
          try {
            stored = await storeGuideTrackCopy(tx, {
              source: source.track,
              newId: body.newId ?? params.trackId,
              newVersion: body.newVersion,
              edits: body.edits,
              actorId: actor.userId,
            });
          } catch (err) {
            if (err instanceof GuideEditError)
              throw problems.badRequest(err.message, {
                errors: err.issues.map((i) => ({ field: i.field, message: guideIssueSentence(i) })),
              });
            throw err;
          }
          if (stored === undefined)
            throw problems.conflict(
              `${body.newId ?? params.trackId}@${body.newVersion} already exists; versions are never overwritten.`,
            );
          await recordAudit(tx, {
            actorId: actor.userId,
            action: 'guide-track.copy',
            targetType: 'guide-track',
            targetId: `${stored.track.id}@${stored.track.version}`,
            reason: body.reason ?? null,
            detail: {
              from: `${source.track.id}@${source.track.version}`,
              contentHash: stored.track.contentHash,
            },
          });
          return stored;
        });
        return { status: 201, body: toTrackView(created) };
      },
    }),
    route({
      method: 'get',
      path: '/sessions/:sessionId/guide',
      access: 'session-member',
      summary: "The session's guide for the caller's role, from the pairing's pinned version",
      params: z.object({ sessionId: uuidParam }).strict(),
      async handle({ principal: caller, params }): Promise<SessionGuideView> {
        await ready;
        const m = await findSessionMembership(services.db, params.sessionId, caller.userId);
        return sessionGuideView(services, m);
      },
    }),
    route({
      method: 'get',
      path: '/meeting-guide',
      access: 'signed-in',
      summary: "The guide for the caller's session behind a Teams meeting (meeting side panel)",
      query: z
        .object({
          joinUrl: z.string().min(1).max(2048).optional(),
          eventId: z.string().min(1).max(512).optional(),
          /** `chat.id` of the tab's Teams context in a meeting. */
          threadId: z.string().min(1).max(512).optional(),
          /** `meeting.id` of the tab's Teams context (base64 of `0#<thread id>#0`). */
          meetingId: z.string().min(1).max(1024).optional(),
        })
        .strict()
        .refine(
          (q) =>
            [q.joinUrl, q.eventId, q.threadId, q.meetingId].filter((v) => v !== undefined)
              .length === 1,
          { message: 'give exactly one of joinUrl, eventId, threadId and meetingId' },
        ),
      async handle({ principal: caller, query }): Promise<SessionGuideView> {
        await ready;
        const m = await findMeetingSession(services, caller.userId, meetingKeyOf(query));
        if (m === undefined)
          throw new ProblemError({
            status: 404,
            type: 'not-found',
            title: 'Not found',
            detail: 'This meeting is not one of your mentoring sessions.',
          });
        return sessionGuideView(services, m);
      },
    }),
    route({
      method: 'get',
      path: '/pairings/:pairingId/guide-progress',
      access: 'pairing-member',
      summary: 'Which guide sessions the pair has held',
      params: z.object({ pairingId: uuidParam }).strict(),
      async handle({ principal: caller, params }): Promise<GuideProgressView> {
        await ready;
        const rows = await services.db
          .select()
          .from(pairings)
          .where(eq(pairings.id, params.pairingId));
        const pairing = rows[0];
        if (pairing === undefined) throw problems.notFound('No such pairing.');
        // Progress is shared, non-private data: admins may read it too.
        if (!isAdmin(caller)) await findPairingRole(services.db, params.pairingId, caller.userId);
        return guideProgress(services, pairing);
      },
    }),
  ];
}
