import type { Attendee } from '@microsoft/microsoft-graph-types';
import type { EventWithTransaction } from '../graph/index.js';
import { escapeHtml, renderInviteBody } from '../guides/index.js';
import type { GuideSession } from '../guides/index.js';
import { graphSeriesTiming } from './recurrence.js';
import type { SeriesCadence, SeriesStart } from './recurrence.js';
import { formatLocalDateTime, graphTimeZoneName } from '../calendar-time/index.js';
import type { Role } from '../contract/index.js';
import { tabPaths, tabUrl, topicName } from '../contract/index.js';

export interface BookingPerson {
  id: string;
  displayName: string;
  mail: string;
}

/** A person as an invitation names them; a person without a mailbox address gets an empty one. */
export function bookingPerson(p: {
  id: string;
  displayName: string;
  mail: string | null;
}): BookingPerson {
  return { id: p.id, displayName: p.displayName, mail: p.mail ?? '' };
}

export interface SeriesEventInput {
  programName: string;
  mentor: BookingPerson;
  leader: BookingPerson;
  organizer: Role;
  cadence: SeriesCadence;
  series: SeriesStart;
  /** The guide session of each occurrence, in order. */
  guide: readonly GuideSession[];
  /** `${publicUrl}/#/pairing/<id>`. */
  tabLink: string;
  transactionId: string;
}

export interface SingleEventInput {
  programName: string;
  mentor: BookingPerson;
  leader: BookingPerson;
  organizer: Role;
  /** The organizer's IANA zone: the event's wall times are written in it. */
  zone: string;
  start: number;
  end: number;
  guide: GuideSession | undefined;
  sessionNumber: number;
  tabLink: string;
  transactionId: string;
}

/** "Reverse mentoring: <program> — <mentor> & <leader>", as both calendars show it. */
export function bookingSubject(programName: string, mentor: string, leader: string): string {
  return `Reverse mentoring: ${programName} — ${mentor} & ${leader}`.slice(0, 255);
}

/** The tab's deep link for a pairing (hash route, so it works behind any host path). */
export function pairingTabLink(publicUrl: string, pairingId: string): string {
  return tabUrl(publicUrl, tabPaths.pairing(pairingId));
}

function attendeeOf(p: BookingPerson): Attendee {
  return { emailAddress: { address: p.mail, name: p.displayName }, type: 'required' };
}

function seriesBody(input: SeriesEventInput): string {
  const first = input.guide[0];
  const plan = input.guide
    .map(
      (s, i) =>
        `<li>${i + 1}. ${escapeHtml(topicName(s.key, s.topic))}: ${escapeHtml(s.title)}</li>`,
    )
    .join('');
  const intro = `<p>${escapeHtml(input.mentor.displayName)} mentors ${escapeHtml(input.leader.displayName)}: ${input.guide.length} sessions. Each session has a guide in the Reverse Mentoring tab in Teams.</p>`;
  const guide =
    first === undefined
      ? `<p><a href="${escapeHtml(input.tabLink)}">Open the session guide in Teams</a></p>`
      : renderInviteBody(first, { programName: input.programName, tabDeepLink: input.tabLink });
  return `${intro}\n${guide}\n<ol>${plan}</ol>`;
}

/**
 * The one recurring event of a pair, as created in the organizer's calendar: the partner as the
 * only attendee, a Teams meeting, the guide in the body, wall times in the organizer's named
 * zone and `range.startDate` on the first occurrence's local date.
 */
export function buildSeriesEvent(input: SeriesEventInput): EventWithTransaction {
  const zoneName = graphTimeZoneName(input.series.zone) ?? 'UTC';
  const timing = graphSeriesTiming(input.cadence, input.series, zoneName);
  const partner = input.organizer === 'mentor' ? input.leader : input.mentor;
  return {
    subject: bookingSubject(input.programName, input.mentor.displayName, input.leader.displayName),
    body: { contentType: 'html', content: seriesBody(input) },
    start: timing.start,
    end: timing.end,
    recurrence: timing.recurrence,
    attendees: [attendeeOf(partner)],
    isOnlineMeeting: true,
    onlineMeetingProvider: 'teamsForBusiness',
    allowNewTimeProposals: true,
    showAs: 'busy',
    reminderMinutesBeforeStart: 15,
    transactionId: input.transactionId,
  };
}

/** A single replacement event for one session of a pair. */
export function buildSingleEvent(input: SingleEventInput): EventWithTransaction {
  const zoneName = graphTimeZoneName(input.zone) ?? 'UTC';
  const partner = input.organizer === 'mentor' ? input.leader : input.mentor;
  const content =
    input.guide === undefined
      ? `<p><a href="${escapeHtml(input.tabLink)}">Open the session guide in Teams</a></p>`
      : renderInviteBody(input.guide, {
          programName: input.programName,
          tabDeepLink: input.tabLink,
        });
  return {
    subject:
      `${bookingSubject(input.programName, input.mentor.displayName, input.leader.displayName)} (session ${input.sessionNumber})`.slice(
        0,
        255,
      ),
    body: { contentType: 'html', content },
    start: { dateTime: formatLocalDateTime(input.zone, input.start), timeZone: zoneName },
    end: { dateTime: formatLocalDateTime(input.zone, input.end), timeZone: zoneName },
    attendees: [attendeeOf(partner)],
    isOnlineMeeting: true,
    onlineMeetingProvider: 'teamsForBusiness',
    showAs: 'busy',
    transactionId: input.transactionId,
  };
}
