// Long on purpose: the emulated Graph calendar (events, series, responses, free/busy) keeps one consistent store per mailbox.
import type { DemoPerson } from './demo-org.js';
import type { Directory } from './directory.js';
import { badRequest, GraphError, itemNotFound } from './graph-error.js';
import { hash32, hashString } from './prng.js';
import {
  expandRecurrence,
  firstOccurrenceMatchesStart,
  type PatternedRecurrence,
} from './recurrence.js';
import { toDateTimeTimeZone, toIanaZone } from './time-zones.js';

export type ResponseType =
  'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';

export type ShowAs = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';

export interface Attendee {
  address: string;
  name: string;
  type: 'required' | 'optional' | 'resource';
}

interface ResponseState {
  response: ResponseType;
  time: string;
}

interface OccurrenceOverride {
  cancelled: boolean;
  startMs?: number;
  endMs?: number;
  subject?: string;
  responses: Map<string, ResponseState>;
  /** Attendees (user ids) who deleted this occurrence from their own calendar. */
  hiddenFor: Set<string>;
}

export interface Meeting {
  iCalUId: string;
  organizerId: string;
  subject: string;
  body: { contentType: 'text' | 'html'; content: string };
  startMs: number;
  endMs: number;
  timeZone: string;
  endTimeZone: string;
  location: string;
  showAs: ShowAs;
  importance: string;
  sensitivity: string;
  categories: string[];
  isReminderOn: boolean;
  reminderMinutesBeforeStart: number;
  isOnlineMeeting: boolean;
  onlineMeetingProvider: string;
  joinUrl: string | null;
  recurrence: PatternedRecurrence | null;
  attendees: Attendee[];
  responses: Map<string, ResponseState>;
  overrides: Map<number, OccurrenceOverride>;
  cancelled: boolean;
  transactionId: string | null;
  createdMs: number;
  modifiedMs: number;
  changeCount: number;
  copies: Map<string, EventCopy>;
}

/** One mailbox's item for a meeting: the organizer's or an attendee's, each with its own id. */
export interface EventCopy {
  id: string;
  userId: string;
  meeting: Meeting;
  deleted: boolean;
}

export interface OccurrenceRef {
  id: string;
  copy: EventCopy;
  originalStartMs: number;
}

export interface ResolvedItem {
  copy: EventCopy;
  occurrence: OccurrenceRef | undefined;
}

export interface NewEvent {
  subject: string;
  body?: { contentType: 'text' | 'html'; content: string };
  startMs: number;
  endMs: number;
  timeZone: string;
  endTimeZone: string;
  location?: string;
  showAs?: ShowAs;
  importance?: string;
  sensitivity?: string;
  categories?: string[];
  isReminderOn?: boolean;
  reminderMinutesBeforeStart?: number;
  attendees?: Attendee[];
  isOnlineMeeting?: boolean;
  onlineMeetingProvider?: string;
  recurrence?: PatternedRecurrence | null;
  transactionId?: string;
}

export type EventPatch = Partial<Omit<NewEvent, 'transactionId'>>;

export type EventChangeType = 'created' | 'updated' | 'deleted';
export interface EventChange {
  userId: string;
  eventId: string;
  changeType: EventChangeType;
}

export interface BusyOccurrence {
  startMs: number;
  endMs: number;
  status: ShowAs;
  subject: string;
  location: string;
}

const ZERO_TIME = '0001-01-01T00:00:00Z';
/** Bytes that make every id carry `+`, `/` and `=`, as Exchange ids do. */
const ID_TAIL = [0xf8, 0x3f, 0xff, 0xfb];

function isoNow(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

/**
 * Every mailbox's events: meetings shared by their organizer and attendee copies, occurrences
 * expanded on demand, and per-occurrence exceptions (declines, cancellations, moves).
 */
export class CalendarStore {
  private readonly items = new Map<string, EventCopy>();
  private readonly occurrences = new Map<string, OccurrenceRef>();
  private readonly mailboxes = new Map<string, Set<EventCopy>>();
  private readonly transactions = new Map<string, EventCopy>();
  private counter = 0;
  private readonly listeners: ((change: EventChange) => void)[] = [];

  constructor(
    private readonly directory: Directory,
    private readonly o: { seed: number; tenantId: string; now: () => number },
  ) {}

  onChange(listener: (c: EventChange) => void): void {
    this.listeners.push(listener);
  }

  private emit(userId: string, eventId: string, changeType: EventChangeType): void {
    for (const l of this.listeners) l({ userId, eventId, changeType });
  }

  private newId(salt: number): string {
    const bytes: number[] = [];
    for (let k = 0; k < 4; k++) {
      const h = hash32(this.o.seed, salt, k);
      bytes.push(h >>> 24, (h >>> 16) & 255, (h >>> 8) & 255, h & 255);
    }
    // 15 bytes keep the tail on a base64 group boundary, so it always encodes as `+D//+w==`.
    return `AAMkAGI2${Buffer.from([...bytes.slice(0, 15), ...ID_TAIL]).toString('base64')}`;
  }

  private occurrenceId(copy: EventCopy, originalStartMs: number): string {
    const salt = hash32(hashString(copy.id), Math.floor(originalStartMs / 1000));
    const id = this.newId(salt).replace('AAMkAGI2', 'AAMkAGI2OCC');
    if (!this.occurrences.has(id)) this.occurrences.set(id, { id, copy, originalStartMs });
    return id;
  }

  private addCopy(meeting: Meeting, userId: string): EventCopy {
    const copy: EventCopy = { id: this.newId(++this.counter), userId, meeting, deleted: false };
    this.items.set(copy.id, copy);
    meeting.copies.set(userId, copy);
    let box = this.mailboxes.get(userId);
    if (box === undefined) {
      box = new Set();
      this.mailboxes.set(userId, box);
    }
    box.add(copy);
    return copy;
  }

  private joinUrl(organizer: DemoPerson): string {
    const thread = Buffer.from(this.newId(++this.counter)).toString('base64url').slice(0, 40);
    const context = encodeURIComponent(JSON.stringify({ Tid: this.o.tenantId, Oid: organizer.id }));
    return `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${thread}%40thread.v2/0?context=${context}`;
  }

  private validate(e: {
    startMs: number;
    endMs: number;
    recurrence?: PatternedRecurrence | null;
    timeZone: string;
  }): void {
    if (e.endMs < e.startMs)
      throw badRequest('The end time must be after the start time.', 'ErrorInvalidRequest');
    if (e.recurrence != null) {
      const zone = toIanaZone(e.recurrence.range.recurrenceTimeZone ?? e.timeZone) ?? 'UTC';
      if (!firstOccurrenceMatchesStart(e.recurrence, e.startMs, zone)) {
        throw badRequest(
          'The recurrence range startDate must be the date of the first occurrence, and that date must match the pattern.',
          'ErrorPropertyValidationFailure',
        );
      }
    }
  }

  /** Creates the organizer's item and attendee copies; the same transactionId returns the first. */
  create(organizerId: string, e: NewEvent): { copy: EventCopy; created: boolean } {
    const organizer = this.directory.find(organizerId);
    if (organizer === undefined)
      throw new GraphError(
        404,
        'ErrorInvalidUser',
        `The requested user '${organizerId}' is invalid.`,
      );
    if (e.transactionId !== undefined) {
      const existing = this.transactions.get(`${organizer.id}|${e.transactionId}`);
      if (existing !== undefined) return { copy: existing, created: false };
    }
    this.validate(e);
    const now = this.o.now();
    const online = e.isOnlineMeeting === true;
    const joinUrl = online ? this.joinUrl(organizer) : null;
    let body = e.body ?? { contentType: 'html' as const, content: '' };
    if (joinUrl !== null) {
      // Exchange writes the join block into the body; a PATCH of the body that omits it loses it.
      const block = `<div class="me-email-text">Microsoft Teams meeting</div><a href="${joinUrl}">Join the meeting now</a>`;
      body = { contentType: 'html', content: `${body.content}${block}` };
    }
    const meeting: Meeting = {
      iCalUId: `040000008200E00074C5B7101A82E008${this.newId(++this.counter)
        .slice(8, 40)
        .replace(/[^A-Za-z0-9]/g, '0')}`,
      organizerId: organizer.id,
      subject: e.subject,
      body,
      startMs: e.startMs,
      endMs: e.endMs,
      timeZone: e.timeZone,
      endTimeZone: e.endTimeZone,
      location: e.location ?? '',
      showAs: e.showAs ?? 'busy',
      importance: e.importance ?? 'normal',
      sensitivity: e.sensitivity ?? 'normal',
      categories: e.categories ?? [],
      isReminderOn: e.isReminderOn ?? true,
      reminderMinutesBeforeStart: e.reminderMinutesBeforeStart ?? 15,
      isOnlineMeeting: online,
      onlineMeetingProvider: online ? (e.onlineMeetingProvider ?? 'teamsForBusiness') : 'unknown',
      joinUrl,
      recurrence: e.recurrence ?? null,
      attendees: e.attendees ?? [],
      responses: new Map(),
      overrides: new Map(),
      cancelled: false,
      transactionId: e.transactionId ?? null,
      createdMs: now,
      modifiedMs: now,
      changeCount: 1,
      copies: new Map(),
    };
    const copy = this.addCopy(meeting, organizer.id);
    if (e.transactionId !== undefined)
      this.transactions.set(`${organizer.id}|${e.transactionId}`, copy);
    this.emit(organizer.id, copy.id, 'created');
    this.inviteAttendees(meeting, meeting.attendees);
    return { copy, created: true };
  }

  private inviteAttendees(meeting: Meeting, attendees: Attendee[]): void {
    for (const a of attendees) {
      const user = this.directory.find(a.address);
      if (user === undefined || user.id === meeting.organizerId) continue;
      const existing = meeting.copies.get(user.id);
      if (existing !== undefined && !existing.deleted) continue;
      const copy = this.addCopy(meeting, user.id);
      this.emit(user.id, copy.id, 'created');
    }
  }

  /** The mailbox's item or occurrence by id; 404 ErrorItemNotFound otherwise. */
  resolve(userId: string, eventId: string): ResolvedItem {
    const copy = this.items.get(eventId);
    if (copy !== undefined && copy.userId === userId && !copy.deleted)
      return { copy, occurrence: undefined };
    const occurrence = this.occurrences.get(eventId);
    if (occurrence !== undefined && occurrence.copy.userId === userId && !occurrence.copy.deleted) {
      const ov = occurrence.copy.meeting.overrides.get(occurrence.originalStartMs);
      const isOrganizer = occurrence.copy.userId === occurrence.copy.meeting.organizerId;
      if (ov === undefined || (!(ov.cancelled && isOrganizer) && !ov.hiddenFor.has(userId))) {
        return { copy: occurrence.copy, occurrence };
      }
    }
    throw itemNotFound();
  }

  /** Singles and series masters in the mailbox (what `/events` lists), oldest first. */
  list(userId: string): EventCopy[] {
    return [...(this.mailboxes.get(userId) ?? [])].filter((c) => !c.deleted);
  }

  /** Occurrences (or the single instance) of an item overlapping [fromMs, toMs). */
  expand(
    copy: EventCopy,
    fromMs: number,
    toMs: number,
  ): { occurrence: OccurrenceRef | undefined; startMs: number; endMs: number }[] {
    const m = copy.meeting;
    if (m.recurrence === null) {
      return m.startMs < toMs && m.endMs > fromMs
        ? [{ occurrence: undefined, startMs: m.startMs, endMs: m.endMs }]
        : [];
    }
    const zone = toIanaZone(m.recurrence.range.recurrenceTimeZone ?? m.timeZone) ?? 'UTC';
    const duration = m.endMs - m.startMs;
    // Moved occurrences may land inside the window from outside it: expand a margin around it.
    const margin = 32 * 86_400_000;
    const out: { occurrence: OccurrenceRef | undefined; startMs: number; endMs: number }[] = [];
    for (const occ of expandRecurrence({
      recurrence: m.recurrence,
      firstStartMs: m.startMs,
      durationMs: duration,
      zone,
      untilMs: toMs + margin,
    })) {
      if (occ.endMs <= fromMs - margin) continue;
      const ov = m.overrides.get(occ.startMs);
      const isOrganizer = copy.userId === m.organizerId;
      if (ov !== undefined && ((ov.cancelled && isOrganizer) || ov.hiddenFor.has(copy.userId)))
        continue;
      const startMs = ov?.startMs ?? occ.startMs;
      const endMs = ov?.endMs ?? occ.endMs;
      if (startMs >= toMs || endMs <= fromMs) continue;
      out.push({
        occurrence: {
          id: this.occurrenceId(copy, occ.startMs),
          copy,
          originalStartMs: occ.startMs,
        },
        startMs,
        endMs,
      });
    }
    return out;
  }

  /** Busy time from booked items in the mailbox, for getSchedule. */
  busy(userId: string, fromMs: number, toMs: number): BusyOccurrence[] {
    const out: BusyOccurrence[] = [];
    for (const copy of this.mailboxes.get(userId) ?? []) {
      if (copy.deleted || copy.meeting.cancelled) continue;
      for (const x of this.expand(copy, fromMs, toMs)) {
        const ov =
          x.occurrence === undefined
            ? undefined
            : copy.meeting.overrides.get(x.occurrence.originalStartMs);
        if (ov?.cancelled === true) continue;
        const status = this.statusFor(copy, ov);
        if (status === undefined || status === 'free') continue;
        out.push({
          startMs: x.startMs,
          endMs: x.endMs,
          status,
          subject: ov?.subject ?? copy.meeting.subject,
          location: copy.meeting.location,
        });
      }
    }
    return out;
  }

  private statusFor(copy: EventCopy, ov: OccurrenceOverride | undefined): ShowAs | undefined {
    const m = copy.meeting;
    if (copy.userId === m.organizerId) return m.showAs;
    const response = this.responseOf(copy, ov).response;
    if (response === 'declined') return undefined;
    // An invitation not yet accepted holds the slot as tentative, as Outlook does.
    if (response === 'accepted') return m.showAs;
    return 'tentative';
  }

  private addressOf(userId: string): string {
    return (this.directory.lookup(userId)?.person.mail ?? userId).toLowerCase();
  }

  responseOf(copy: EventCopy, ov?: OccurrenceOverride): ResponseState {
    const m = copy.meeting;
    if (copy.userId === m.organizerId) return { response: 'organizer', time: ZERO_TIME };
    const address = this.addressOf(copy.userId);
    return (
      ov?.responses.get(address) ??
      m.responses.get(address) ?? { response: 'notResponded', time: ZERO_TIME }
    );
  }

  private touch(m: Meeting): void {
    m.modifiedMs = Math.max(this.o.now(), m.modifiedMs + 1);
    m.changeCount++;
  }

  private override(m: Meeting, originalStartMs: number): OccurrenceOverride {
    let ov = m.overrides.get(originalStartMs);
    if (ov === undefined) {
      ov = { cancelled: false, responses: new Map(), hiddenFor: new Set() };
      m.overrides.set(originalStartMs, ov);
    }
    return ov;
  }

  /** Emits `updated` for every live copy of the meeting (the occurrence's id where there is one). */
  private notifyAll(m: Meeting, originalStartMs: number | undefined, except?: string): void {
    for (const copy of m.copies.values()) {
      if (copy.deleted || copy.userId === except) continue;
      const id = originalStartMs === undefined ? copy.id : this.occurrenceId(copy, originalStartMs);
      this.emit(copy.userId, id, 'updated');
    }
  }

  /** accept / tentativelyAccept / decline by an attendee, on the series or one occurrence. */
  respond(
    userId: string,
    eventId: string,
    response: 'accepted' | 'tentativelyAccepted' | 'declined',
  ): void {
    const { copy, occurrence } = this.resolve(userId, eventId);
    const m = copy.meeting;
    if (m.organizerId === userId) {
      throw badRequest(
        "Your request can't be completed. You can't respond to a meeting you organized.",
        'ErrorInvalidRequest',
      );
    }
    if (m.cancelled)
      throw badRequest(
        "Your request can't be completed. The meeting was canceled.",
        'ErrorInvalidRequest',
      );
    const state = { response, time: isoNow(this.o.now()) };
    const address = this.addressOf(userId);
    if (occurrence === undefined) {
      m.responses.set(address, state);
      for (const ov of m.overrides.values()) ov.responses.delete(address);
    } else {
      this.override(m, occurrence.originalStartMs).responses.set(address, state);
    }
    this.touch(m);
    this.notifyAll(m, occurrence?.originalStartMs);
  }

  /** Organizer-only: cancels the series, one occurrence or a single meeting for everyone. */
  cancel(userId: string, eventId: string): void {
    const { copy, occurrence } = this.resolve(userId, eventId);
    const m = copy.meeting;
    if (m.organizerId !== userId) {
      throw badRequest(
        "Your request can't be completed. You need to be an organizer to cancel a meeting.",
        'ErrorInvalidRequest',
      );
    }
    this.removeAsOrganizer(copy, occurrence);
  }

  private removeAsOrganizer(copy: EventCopy, occurrence: OccurrenceRef | undefined): void {
    const m = copy.meeting;
    this.touch(m);
    if (occurrence !== undefined) {
      this.override(m, occurrence.originalStartMs).cancelled = true;
      this.emit(copy.userId, occurrence.id, 'deleted');
      this.notifyAll(m, occurrence.originalStartMs, copy.userId);
      return;
    }
    m.cancelled = true;
    copy.deleted = true;
    this.emit(copy.userId, copy.id, 'deleted');
    this.notifyAll(m, undefined, copy.userId);
  }

  /**
   * DELETE as the mailbox owner. The organizer deleting cancels for everyone; an attendee only
   * removes it from their own calendar (Graph sends no response), unless `sendDecline`.
   */
  delete(userId: string, eventId: string, o: { sendDecline?: boolean } = {}): void {
    const { copy, occurrence } = this.resolve(userId, eventId);
    const m = copy.meeting;
    if (m.organizerId === userId) {
      this.removeAsOrganizer(copy, occurrence);
      return;
    }
    if (o.sendDecline === true && !m.cancelled) this.respond(userId, eventId, 'declined');
    this.touch(m);
    if (occurrence !== undefined) {
      this.override(m, occurrence.originalStartMs).hiddenFor.add(userId);
      this.emit(userId, occurrence.id, 'deleted');
    } else {
      copy.deleted = true;
      this.emit(userId, copy.id, 'deleted');
    }
  }

  /** PATCH: merges what is given; the online meeting is never dropped. */
  update(userId: string, eventId: string, patch: EventPatch): EventCopy {
    const { copy, occurrence } = this.resolve(userId, eventId);
    const m = copy.meeting;
    if (m.organizerId !== userId) {
      // Attendees may only file their copy; the meeting itself is the organizer's.
      if (patch.categories !== undefined) m.categories = patch.categories;
      return copy;
    }
    if (occurrence !== undefined) {
      const ov = this.override(m, occurrence.originalStartMs);
      if (patch.startMs !== undefined) ov.startMs = patch.startMs;
      if (patch.endMs !== undefined) ov.endMs = patch.endMs;
      if (patch.subject !== undefined) ov.subject = patch.subject;
      this.touch(m);
      this.notifyAll(m, occurrence.originalStartMs);
      return copy;
    }
    const next = {
      startMs: patch.startMs ?? m.startMs,
      endMs: patch.endMs ?? m.endMs,
      timeZone: patch.timeZone ?? m.timeZone,
      recurrence: patch.recurrence === undefined ? m.recurrence : patch.recurrence,
    };
    this.validate(next);
    Object.assign(m, next);
    if (patch.endTimeZone !== undefined) m.endTimeZone = patch.endTimeZone;
    if (patch.subject !== undefined) m.subject = patch.subject;
    if (patch.body !== undefined) m.body = patch.body;
    if (patch.location !== undefined) m.location = patch.location;
    if (patch.showAs !== undefined) m.showAs = patch.showAs;
    if (patch.importance !== undefined) m.importance = patch.importance;
    if (patch.sensitivity !== undefined) m.sensitivity = patch.sensitivity;
    if (patch.categories !== undefined) m.categories = patch.categories;
    if (patch.isReminderOn !== undefined) m.isReminderOn = patch.isReminderOn;
    if (patch.reminderMinutesBeforeStart !== undefined)
      m.reminderMinutesBeforeStart = patch.reminderMinutesBeforeStart;
    if (patch.isOnlineMeeting === true && !m.isOnlineMeeting) {
      const organizer = this.directory.find(m.organizerId);
      m.isOnlineMeeting = true;
      m.onlineMeetingProvider = patch.onlineMeetingProvider ?? 'teamsForBusiness';
      if (organizer !== undefined) m.joinUrl = this.joinUrl(organizer);
    }
    if (patch.attendees !== undefined) {
      const keep = new Set(patch.attendees.map((a) => a.address.toLowerCase()));
      for (const [uid, c] of m.copies) {
        if (uid === m.organizerId || c.deleted) continue;
        if (!keep.has(this.addressOf(uid))) {
          c.deleted = true;
          this.emit(uid, c.id, 'deleted');
        }
      }
      m.attendees = patch.attendees;
      this.inviteAttendees(m, m.attendees);
    }
    this.touch(m);
    this.notifyAll(m, undefined);
    return copy;
  }

  /** The Graph event JSON of an item or occurrence as its mailbox owner sees it. */
  render(
    item: ResolvedItem,
    o: { zone?: string; occurrenceStartMs?: number; occurrenceEndMs?: number } = {},
  ): Record<string, unknown> {
    const { copy, occurrence } = item;
    const m = copy.meeting;
    const ov = occurrence === undefined ? undefined : m.overrides.get(occurrence.originalStartMs);
    const isOrganizer = copy.userId === m.organizerId;
    const organizer = this.directory.lookup(m.organizerId)?.person;
    const zoneStart = o.zone ?? m.timeZone;
    const zoneEnd = o.zone ?? m.endTimeZone;
    let startMs = m.startMs;
    let endMs = m.endMs;
    if (occurrence !== undefined) {
      startMs = ov?.startMs ?? occurrence.originalStartMs;
      endMs = ov?.endMs ?? occurrence.originalStartMs + (m.endMs - m.startMs);
    }
    const type =
      occurrence !== undefined
        ? ov !== undefined &&
          (ov.startMs !== undefined ||
            ov.subject !== undefined ||
            ov.cancelled ||
            ov.responses.size > 0)
          ? 'exception'
          : 'occurrence'
        : m.recurrence !== null
          ? 'seriesMaster'
          : 'singleInstance';
    const cancelled = m.cancelled || ov?.cancelled === true;
    const subject = ov?.subject ?? m.subject;
    const id = occurrence?.id ?? copy.id;
    const changeKey = Buffer.from(`${hashString(id)}:${m.changeCount}`).toString('base64');
    const text = m.body.content
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    return {
      '@odata.etag': `W/"${changeKey}"`,
      id,
      createdDateTime: isoNow(m.createdMs),
      lastModifiedDateTime: isoNow(m.modifiedMs),
      changeKey,
      categories: m.categories,
      transactionId: isOrganizer && occurrence === undefined ? m.transactionId : null,
      originalStartTimeZone: m.timeZone,
      originalEndTimeZone: m.endTimeZone,
      iCalUId: m.iCalUId,
      reminderMinutesBeforeStart: m.reminderMinutesBeforeStart,
      isReminderOn: m.isReminderOn,
      hasAttachments: false,
      subject: cancelled && !isOrganizer ? `Canceled: ${subject}` : subject,
      bodyPreview: text.slice(0, 255),
      importance: m.importance,
      sensitivity: m.sensitivity,
      isAllDay: false,
      isCancelled: cancelled,
      isOrganizer,
      responseRequested: true,
      seriesMasterId: occurrence === undefined ? null : copy.id,
      showAs: isOrganizer ? m.showAs : (this.statusFor(copy, ov) ?? 'free'),
      type,
      webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
      onlineMeetingUrl: null,
      isOnlineMeeting: m.isOnlineMeeting,
      onlineMeetingProvider: m.onlineMeetingProvider,
      allowNewTimeProposals: true,
      isDraft: false,
      hideAttendees: false,
      // Occurrences and exceptions say where they first stood in the series (UTC, as Graph).
      ...(occurrence === undefined
        ? {}
        : {
            originalStart: new Date(occurrence.originalStartMs).toISOString().replace('.000Z', 'Z'),
          }),
      responseStatus: this.responseOf(copy, ov),
      body: m.body,
      start: toDateTimeTimeZone(startMs, zoneStart),
      end: toDateTimeTimeZone(endMs, zoneEnd),
      location: { displayName: m.location, locationType: 'default', uniqueIdType: 'unknown' },
      locations:
        m.location === ''
          ? []
          : [{ displayName: m.location, locationType: 'default', uniqueIdType: 'unknown' }],
      recurrence: occurrence === undefined ? m.recurrence : null,
      attendees: m.attendees.map((a) => ({
        type: a.type,
        status: ov?.responses.get(a.address.toLowerCase()) ??
          m.responses.get(a.address.toLowerCase()) ?? { response: 'none', time: ZERO_TIME },
        emailAddress: { name: a.name, address: a.address },
      })),
      organizer: {
        emailAddress: { name: organizer?.displayName ?? '', address: organizer?.mail ?? '' },
      },
      onlineMeeting: m.joinUrl === null ? null : { joinUrl: m.joinUrl },
    };
  }

  /** Counts for tests and the bench: live items per mailbox. */
  count(userId?: string): number {
    if (userId !== undefined) return this.list(userId).length;
    let n = 0;
    for (const c of this.items.values()) if (!c.deleted) n++;
    return n;
  }
}
