import { and, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { MailboxSettings, WorkingHours } from '@microsoft/microsoft-graph-types';
import type { Db } from '../store/index.js';
import { enrolments, people } from '../store/index.js';
import { formatWorkingHours, parseWorkingHours, resolveTimeZone } from '../calendar-time/index.js';

/** The part of the Graph client mailbox sync needs. */
export interface MailboxReader {
  getMailboxSettingsBatch(userIds: string[]): Promise<Map<string, MailboxSettings | Error>>;
}

export interface MailboxSyncDeps {
  db: Db;
  graph: MailboxReader;
  now?: () => Date;
}

export interface MailboxSyncSummary {
  requested: number;
  updated: number;
  failed: number;
}

type MailboxFields = Pick<
  typeof people.$inferInsert,
  'timeZone' | 'workingHours' | 'mailboxError' | 'mailboxSyncedAt' | 'mailboxPurpose'
>;

/**
 * Graph's answer for an account that has no Exchange Online mailbox (never licensed, inactive,
 * soft-deleted or on-premises): 404 `MailboxNotEnabledForRESTAPI`.
 */
function meansNoMailbox(err: Error): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 'MailboxNotEnabledForRESTAPI' || code === 'MailboxNotFound';
}

/** Mailbox settings → what we store: an IANA zone and working hours in it, or why not. */
export function mailboxFields(settings: MailboxSettings | Error, now: Date): MailboxFields {
  if (settings instanceof Error) {
    return {
      mailboxError: settings.message,
      mailboxSyncedAt: now,
      ...(meansNoMailbox(settings) ? { mailboxPurpose: 'none' } : {}),
    };
  }
  const zone = resolveTimeZone(settings.timeZone);
  const hours = parseWorkingHours(settings.workingHours, { fallbackZone: settings.timeZone });
  const problems: string[] = [];
  if (zone.zone === null) problems.push(`time zone: ${zone.reason}`);
  if (!hours.ok) problems.push(`working hours: ${hours.reason}`);
  return {
    timeZone: zone.zone ?? (hours.ok ? hours.value.zone : null),
    workingHours: hours.ok ? formatWorkingHours(hours.value) : null,
    mailboxError: problems.length === 0 ? null : problems.join('; '),
    mailboxSyncedAt: now,
    mailboxPurpose: settings.userPurpose ?? 'user',
  };
}

/** Reads the mailbox settings of these people (batched by the Graph client) and stores them. */
export async function syncMailboxSettings(
  deps: MailboxSyncDeps,
  personIds: string[],
): Promise<MailboxSyncSummary> {
  const now = deps.now?.() ?? new Date();
  const unique = [...new Set(personIds)];
  if (unique.length === 0) return { requested: 0, updated: 0, failed: 0 };
  const results = await deps.graph.getMailboxSettingsBatch(unique);
  let updated = 0;
  let failed = 0;
  const zones: (string | null)[] = [];
  const hours: (string | null)[] = [];
  const errors: (string | null)[] = [];
  const unreadable: boolean[] = [];
  const purposes: (string | null)[] = [];
  for (const id of unique) {
    const settings = results.get(id) ?? new Error('no answer for this mailbox');
    unreadable.push(settings instanceof Error);
    const fields = mailboxFields(settings, now);
    if (fields.mailboxError !== null && fields.mailboxError !== undefined) failed += 1;
    else updated += 1;
    zones.push(fields.timeZone ?? null);
    hours.push(
      fields.workingHours === undefined || fields.workingHours === null
        ? null
        : JSON.stringify(fields.workingHours),
    );
    errors.push(fields.mailboxError ?? null);
    purposes.push(fields.mailboxPurpose ?? null);
  }
  // One statement for the whole set: a row each would cost a round trip per person.
  // An unreadable mailbox keeps the zone and hours it had; only the error is recorded. A readable
  // one gets what it says now, even when part of it could not be understood.
  await deps.db.execute(sql`
    update ${people} set
      time_zone = case when v.unreadable then ${people.timeZone} else v.zone end,
      working_hours = case when v.unreadable then ${people.workingHours} else v.hours::jsonb end,
      mailbox_error = v.error,
      mailbox_purpose = coalesce(v.purpose, ${people.mailboxPurpose}),
      mailbox_synced_at = ${now}::timestamptz
    from unnest(${sql.param(unique)}::text[], ${sql.param(zones)}::text[], ${sql.param(hours)}::text[],
      ${sql.param(errors)}::text[], ${sql.param(unreadable)}::boolean[], ${sql.param(purposes)}::text[])
      as v(id, zone, hours, error, unreadable, purpose)
    where ${people.id} = v.id`);
  return { requested: unique.length, updated, failed };
}

/**
 * Working hours as a free/busy answer carries them (they are the mailbox's own setting): stored
 * as the time zone and hours of the people whose mailbox settings were never read, so booking
 * needs no second request per person. The full read (purpose and all) still comes with the
 * periodic mailbox sync. Hours that cannot be understood are left out (their owners' settings
 * are then read as before).
 */
export async function storeScheduleWorkingHours(
  db: Db,
  hoursById: ReadonlyMap<string, WorkingHours>,
  now: Date,
): Promise<void> {
  const ids: string[] = [];
  const zones: string[] = [];
  const hours: string[] = [];
  for (const [id, workingHours] of hoursById) {
    const fields = mailboxFields(
      { timeZone: workingHours.timeZone?.name ?? undefined, workingHours },
      now,
    );
    if (fields.mailboxError !== null || fields.timeZone == null || fields.workingHours == null)
      continue;
    ids.push(id);
    zones.push(fields.timeZone);
    hours.push(JSON.stringify(fields.workingHours));
  }
  if (ids.length === 0) return;
  await db.execute(sql`
    update ${people} set time_zone = v.zone, working_hours = v.hours::jsonb
    from unnest(${sql.param(ids)}::text[], ${sql.param(zones)}::text[], ${sql.param(hours)}::text[])
      as v(id, zone, hours)
    where ${people.id} = v.id and ${people.timeZone} is null and ${people.mailboxSyncedAt} is null`);
}

/**
 * Mailbox settings of everyone enrolled in a program that were never read or are older than
 * `maxAgeHours`. Only program members: see docs/decisions/0002.
 */
export async function syncPendingMailboxes(
  deps: MailboxSyncDeps,
  o: { maxAgeHours?: number; limit?: number } = {},
): Promise<MailboxSyncSummary> {
  const now = deps.now?.() ?? new Date();
  const staleBefore = new Date(now.getTime() - (o.maxAgeHours ?? 24) * 3_600_000);
  const members = deps.db
    .selectDistinct({ personId: enrolments.personId })
    .from(enrolments)
    .where(inArray(enrolments.status, ['active', 'paused']));
  const due = await deps.db
    .select({ id: people.id })
    .from(people)
    .where(
      and(
        isNull(people.goneAt),
        inArray(people.id, members),
        or(isNull(people.mailboxSyncedAt), lt(people.mailboxSyncedAt, staleBefore)),
      ),
    )
    .orderBy(sql`${people.mailboxSyncedAt} nulls first`, people.id)
    .limit(o.limit ?? 5_000);
  return syncMailboxSettings(
    deps,
    due.map((d) => d.id),
  );
}
