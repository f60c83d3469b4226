import {
  CalendarStore,
  type BusyOccurrence,
  type EventCopy,
  type NewEvent,
} from './calendar-store.js';
import { demoBusy } from './demo-calendar.js';
import type { DemoOrg, DemoPerson } from './demo-org.js';
import { Directory, type UserPatch } from './directory.js';
import { GroupStore, seedDemoGroups } from './groups.js';
import { guidFrom } from './prng.js';
import { SubscriptionHub, type DeliveryStats, type LifecycleEvent } from './subscriptions.js';

export interface ActivityNotification {
  userId: string;
  receivedDateTime: string;
  activityType: string;
  topic: unknown;
  previewText: unknown;
  templateParameters: unknown;
  chainId: number | null;
}

export interface NewUser {
  displayName: string;
  givenName?: string;
  surname?: string;
  mailNickname?: string;
  jobTitle?: string;
  department?: string;
  managerId?: string | null;
  employeeHireDate?: string | null;
  /** Copy office and mailbox settings from this person (default: the manager, else the CEO). */
  like?: string;
}

type Response = 'accepted' | 'tentativelyAccepted' | 'declined';

/**
 * The tenant's in-memory truth: directory, mailboxes, subscriptions and recorded activity
 * notifications. Tests call these methods as an admin would act in Entra or Outlook; every
 * change shows up in `/users/delta` and is sent to matching subscriptions.
 */
export class TenantState {
  readonly directory: Directory;
  readonly calendars: CalendarStore;
  readonly subscriptions: SubscriptionHub;
  /** Groups and their (nested) members: `groups.add`, `addMember`, `removeMember` as in Entra. */
  readonly groups: GroupStore;
  private readonly activity = new Map<string, ActivityNotification[]>();
  private readonly now: () => number;

  constructor(
    readonly org: DemoOrg,
    o: { tenantId: string; now?: () => number },
  ) {
    this.now = o.now ?? Date.now;
    this.directory = new Directory(org.people);
    this.calendars = new CalendarStore(this.directory, {
      seed: org.seed,
      tenantId: o.tenantId,
      now: this.now,
    });
    this.subscriptions = new SubscriptionHub(this.directory, {
      tenantId: o.tenantId,
      now: this.now,
    });
    this.groups = new GroupStore(this.directory, org.seed);
    seedDemoGroups(this.groups, org);
    this.directory.onChange((c) => this.subscriptions.notifyUser(c));
    this.calendars.onChange((c) => this.subscriptions.notifyEvent(c));
  }

  // ── directory ────────────────────────────────────────────────────────────

  /** An active user by id, UPN or mail. */
  user(key: string): DemoPerson | undefined {
    return this.directory.find(key);
  }

  addUser(input: NewUser): DemoPerson {
    const index = this.directory.records.length;
    const template =
      this.directory.find(input.like ?? input.managerId ?? '') ??
      this.directory.find(this.org.ceoId);
    if (template === undefined) throw new Error('the tenant has no one to copy settings from');
    const [first = input.displayName, ...rest] = input.displayName.split(' ');
    const nickname = input.mailNickname ?? input.displayName.toLowerCase().replace(/[^a-z]+/g, '.');
    const mail = `${nickname}@${this.org.domain}`;
    const person: DemoPerson = {
      ...template,
      index,
      id: guidFrom(this.org.seed, index, 0x05e2),
      displayName: input.displayName,
      givenName: input.givenName ?? first,
      surname: input.surname ?? rest.join(' '),
      mail,
      userPrincipalName: mail,
      jobTitle: input.jobTitle ?? 'Associate',
      department: input.department ?? template.department,
      employeeId: String(100000 + index),
      employeeType: 'Employee',
      employeeHireDate:
        input.employeeHireDate === undefined
          ? new Date(this.now()).toISOString().slice(0, 10) + 'T00:00:00Z'
          : input.employeeHireDate,
      managerId: input.managerId ?? null,
      level: 'associate',
      freeBusyError: false,
      programAdmin: false,
    };
    return this.directory.add(person);
  }

  updateUser(id: string, patch: UserPatch): DemoPerson {
    return this.directory.update(id, patch);
  }

  /** Soft delete by default (delta reason `changed`); `permanent` gives reason `deleted`. */
  removeUser(id: string, o: { permanent?: boolean } = {}): void {
    this.directory.remove(id, o.permanent === true ? 'deleted' : 'changed');
  }

  restoreUser(id: string): void {
    this.directory.restore(id);
  }

  /** A re-org: the user now reports to `managerId` (null: no manager). */
  setManager(id: string, managerId: string | null): void {
    this.directory.setManager(id, managerId);
  }

  /** Every delta link handed out so far answers 410 Gone. */
  expireDeltaTokens(): void {
    this.directory.expireDeltaTokens();
  }

  // ── calendars ────────────────────────────────────────────────────────────

  createEvent(organizerId: string, e: NewEvent): string {
    return this.calendars.create(organizerId, e).copy.id;
  }

  /** The attendee's own item id for a meeting known by the organizer's item id. */
  attendeeEventId(organizerId: string, organizerEventId: string, attendeeKey: string): string {
    const { copy } = this.calendars.resolve(organizerId, organizerEventId);
    const attendee = this.directory.find(attendeeKey);
    const theirs = attendee === undefined ? undefined : copy.meeting.copies.get(attendee.id);
    if (theirs === undefined || theirs.deleted)
      throw new Error(`${attendeeKey} has no copy of ${organizerEventId}`);
    return theirs.id;
  }

  /** The occurrence id (in `userId`'s calendar) of a series occurrence starting at `start`. */
  occurrenceId(userId: string, seriesId: string, start: Date | string): string {
    const { copy } = this.calendars.resolve(userId, seriesId);
    const ms = new Date(start).getTime();
    const hit = this.calendars.expand(copy, ms - 60_000, ms + 60_000).find((x) => x.startMs === ms);
    if (hit?.occurrence === undefined)
      throw new Error(`no occurrence of ${seriesId} at ${String(start)}`);
    return hit.occurrence.id;
  }

  /** An attendee accepts or declines the series or one occurrence (by its id). */
  respond(userId: string, eventId: string, response: Response): void {
    this.calendars.respond(userId, eventId, response);
  }

  /** An attendee removes an item or occurrence from their calendar, as in Outlook (decline sent). */
  deleteAsAttendee(userId: string, eventId: string, o: { sendDecline?: boolean } = {}): void {
    this.calendars.delete(userId, eventId, { sendDecline: o.sendDecline ?? true });
  }

  /** The organizer deletes or cancels an item or occurrence from Outlook. */
  cancelAsOrganizer(userId: string, eventId: string): void {
    this.calendars.cancel(userId, eventId);
  }

  /** Live items (singles and series masters) in a mailbox. */
  events(userId: string): EventCopy[] {
    return this.calendars.list(userId);
  }

  /**
   * What `userId` sees in Outlook of their meetings with `partnerId` (organizer or attendee):
   * one entry per single meeting or series occurrence starting in [fromMs, toMs), cancelled ones
   * left out, in order.
   */
  meetingsWith(
    userId: string,
    partnerId: string,
    fromMs: number,
    toMs: number,
  ): { itemId: string; startMs: number; endMs: number; recurring: boolean }[] {
    const partner = this.directory.find(partnerId);
    const address = partner?.mail.toLowerCase();
    const out: { itemId: string; startMs: number; endMs: number; recurring: boolean }[] = [];
    for (const copy of this.calendars.list(userId)) {
      const m = copy.meeting;
      const shared =
        m.organizerId === partner?.id ||
        m.attendees.some((a) => a.address.toLowerCase() === address);
      if (m.cancelled || !shared) continue;
      for (const x of this.calendars.expand(copy, fromMs, toMs)) {
        const ov =
          x.occurrence === undefined ? undefined : m.overrides.get(x.occurrence.originalStartMs);
        if (ov?.cancelled === true || x.startMs < fromMs) continue;
        out.push({
          itemId: copy.id,
          startMs: x.startMs,
          endMs: x.endMs,
          recurring: m.recurrence !== null,
        });
      }
    }
    return out.sort((a, b) => a.startMs - b.startMs);
  }

  /** Busy time as getSchedule sees it: the demo calendar plus everything booked. */
  busy(person: DemoPerson, fromMs: number, toMs: number): BusyOccurrence[] {
    return [
      ...demoBusy(person, this.org.seed, fromMs, toMs),
      ...this.calendars.busy(person.id, fromMs, toMs),
    ].sort((a, b) => a.startMs - b.startMs);
  }

  // ── subscriptions and activity feed ──────────────────────────────────────

  sendLifecycleNotification(subscriptionId: string, event: LifecycleEvent): void {
    this.subscriptions.lifecycle(subscriptionId, event);
  }

  deliveries(): DeliveryStats {
    return this.subscriptions.stats();
  }

  whenNotificationsDelivered(): Promise<void> {
    return this.subscriptions.whenIdle();
  }

  recordActivity(n: Omit<ActivityNotification, 'receivedDateTime'>): void {
    const list = this.activity.get(n.userId) ?? [];
    list.push({ ...n, receivedDateTime: new Date(this.now()).toISOString() });
    this.activity.set(n.userId, list);
  }

  /** Activity-feed notifications sent to a user, oldest first (the tab shows them in local mode). */
  activityNotifications(userId: string): ActivityNotification[] {
    return [...(this.activity.get(userId) ?? [])];
  }
}
