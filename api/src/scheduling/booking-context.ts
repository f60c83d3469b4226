import { and, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { GraphError } from '../graph/index.js';
import {
  findGuideTrack,
  guideForOccurrence,
  loadGuideLibrary,
  type GuideLibrary,
  type GuideSession,
  type GuideTrack,
} from '../guides/index.js';
import { syncMailboxSettings } from '../org/index.js';
import type { Db, ProgramRules } from '../store/index.js';
import { coalescePerDb, enrolments, pairings, people, programs } from '../store/index.js';
import type { MailboxSettings } from '@microsoft/microsoft-graph-types';
import type { SeriesCadence } from './recurrence.js';
import { DAY_MS } from '../calendar-time/index.js';
import { isWeekday } from '../calendar-time/index.js';
import type { PreferredTime } from './slot-search.js';

export type PersonRow = typeof people.$inferSelect;
export type PairingRow = typeof pairings.$inferSelect;
export type ProgramRow = typeof programs.$inferSelect;

export interface MailboxBatchReader {
  getMailboxSettingsBatch(userIds: string[]): Promise<Map<string, MailboxSettings | GraphError>>;
}

/** The cadence of a program's series. */
export function cadenceOf(rules: ProgramRules): SeriesCadence {
  return { kind: rules.cadence, sessions: rules.sessions, durationMinutes: rules.durationMinutes };
}

/** Earliest start of a program's first session: the program start, and never before tomorrow. */
export function horizonStartOf(program: ProgramRow, now: Date): number {
  const tomorrow = now.getTime() + DAY_MS;
  const startsOn =
    program.startsOn === null ? Number.NaN : Date.parse(`${program.startsOn}T00:00:00Z`);
  // Whole hours, so that jobs running a few seconds apart agree on the window.
  const start = Number.isNaN(startsOn) ? tomorrow : Math.max(startsOn, tomorrow);
  return Math.ceil(start / 3_600_000) * 3_600_000;
}

/** Days in which the first occurrence may fall: two cadence periods, for more full fits. */
export function searchDaysOf(cadence: SeriesCadence): number {
  return 2 * (cadence.kind === 'weekly' ? 7 : cadence.kind === 'biweekly' ? 14 : 28);
}

/** How far the free/busy of a program must reach: the search period plus the whole series. */
export function horizonDays(cadence: SeriesCadence): number {
  const period = cadence.kind === 'weekly' ? 7 : cadence.kind === 'biweekly' ? 14 : 28;
  const span = cadence.kind === 'monthly' ? 31 * cadence.sessions + 7 : period * cadence.sessions;
  return searchDaysOf(cadence) + span + 3;
}

export interface PairingContext {
  pairing: PairingRow;
  program: ProgramRow;
  mentor: PersonRow;
  leader: PersonRow;
  leaderPreferredTimes: PreferredTime[];
}

/** Pairings with their program, both people and the leader's enrolment, in one query. */
async function loadPairingContexts(
  db: Db,
  pairingIds: string[],
): Promise<(PairingContext | undefined)[]> {
  const mentors = alias(people, 'mentor');
  const leaders = alias(people, 'leader');
  const rows = await db
    .select({
      pairing: pairings,
      program: programs,
      mentor: mentors,
      leader: leaders,
      preferredTimes: enrolments.preferredTimes,
    })
    .from(pairings)
    .innerJoin(programs, eq(programs.id, pairings.programId))
    .innerJoin(mentors, eq(mentors.id, pairings.mentorId))
    .innerJoin(leaders, eq(leaders.id, pairings.leaderId))
    .leftJoin(
      enrolments,
      and(eq(enrolments.programId, pairings.programId), eq(enrolments.personId, pairings.leaderId)),
    )
    .where(inArray(pairings.id, [...new Set(pairingIds)]));
  const byId = new Map(rows.map((row) => [row.pairing.id, row]));
  return pairingIds.map((id) => {
    const row = byId.get(id);
    if (row === undefined) return undefined;
    const { pairing, program, mentor, leader } = row;
    const leaderPreferredTimes: PreferredTime[] = [];
    for (const p of row.preferredTimes ?? []) {
      if (isWeekday(p.weekday) && p.endMinutes > p.startMinutes) {
        leaderPreferredTimes.push({
          weekday: p.weekday,
          startMinutes: p.startMinutes,
          endMinutes: p.endMinutes,
        });
      }
    }
    return { pairing, program, mentor, leader, leaderPreferredTimes };
  });
}

/**
 * The pairing with its program, both people and the leader's enrolment. Jobs that ask together
 * (a worker's batch of booking jobs) share one query.
 */
export const loadPairingContext: (
  db: Db,
  pairingId: string,
) => Promise<PairingContext | undefined> = coalescePerDb(loadPairingContexts);

/**
 * Reads the mailbox settings (time zone, working hours) of the people who have none yet, 20 to a
 * `$batch`; people whose settings were read and failed are not asked again here.
 */
export async function ensureMailboxSettings(
  db: Db,
  graph: MailboxBatchReader,
  personIds: readonly string[],
  now: () => Date,
): Promise<number> {
  if (personIds.length === 0) return 0;
  const rows = await db
    .select({ id: people.id, timeZone: people.timeZone, syncedAt: people.mailboxSyncedAt })
    .from(people)
    .where(inArray(people.id, [...new Set(personIds)]));
  const missing = rows.filter((r) => r.timeZone === null && r.syncedAt === null).map((r) => r.id);
  if (missing.length === 0) return 0;
  await syncMailboxSettings({ db, graph, now }, missing);
  return missing.length;
}

let library: Promise<GuideLibrary> | undefined;

/** The track a pairing pinned: from the store, else the shipped content. */
export async function pinnedTrack(
  db: Db,
  pairing: Pick<PairingRow, 'guideTrackId' | 'guideTrackVersion'>,
): Promise<GuideTrack | undefined> {
  const stored = await findGuideTrack(db, pairing.guideTrackId, pairing.guideTrackVersion);
  if (stored !== undefined) return stored.track;
  library ??= loadGuideLibrary();
  const lib = await library;
  return (
    lib.find(pairing.guideTrackId, pairing.guideTrackVersion) ??
    lib.latest(pairing.guideTrackId) ??
    lib.latest()
  );
}

/** The guide session of every occurrence, or an empty list when the track cannot map them. */
export function guidePlan(
  track: GuideTrack | undefined,
  sessions: number,
  topics: readonly string[],
): GuideSession[] {
  if (track === undefined) return [];
  try {
    return Array.from({ length: sessions }, (_, i) =>
      guideForOccurrence(track, i, sessions, { preferredTopics: topics }),
    );
  } catch {
    return [];
  }
}
