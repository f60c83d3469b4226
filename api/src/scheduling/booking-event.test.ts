import { describe, expect, it } from 'vitest';
import type { GuideSession } from '../guides/index.js';
import {
  bookingSubject,
  buildSeriesEvent,
  buildSingleEvent,
  pairingTabLink,
} from './booking-event.js';

const session = (n: number): GuideSession => ({
  number: n,
  key: 'digital-ai-tools',
  topic: 'Digital and AI tools',
  title: `Session ${n}`,
  goal: 'Try one tool together',
  durationMinutes: 45,
  preWork: { mentor: [], leader: [] },
  prompts: { mentor: [], leader: [] },
  exercise: '',
  reflectionQuestion: '',
  summary: 'A short summary.',
  bodyMarkdown: '',
});

const mentor = { id: 'm', displayName: 'Ana <Mentor>', mail: 'ana@contoso.example' };
const leader = { id: 'l', displayName: 'Lee Leader', mail: 'lee@contoso.example' };

describe('series event', () => {
  it('starts on the first occurrence date in the organizer zone, as a Teams meeting with the partner invited', () => {
    const event = buildSeriesEvent({
      programName: 'Spring & Summer',
      mentor,
      leader,
      organizer: 'mentor',
      cadence: { kind: 'biweekly', sessions: 6, durationMinutes: 45 },
      // 23:30 in Los Angeles is already the next day in UTC: the local date must win.
      series: { zone: 'America/Los_Angeles', date: '2026-03-03', startMinutes: 23 * 60 + 30 },
      guide: [session(1), session(2)],
      tabLink: pairingTabLink('http://127.0.0.1:3978/', 'p-1'),
      transactionId: 'tx-1',
    });
    expect(event.recurrence?.range?.startDate).toBe('2026-03-03');
    expect(event.recurrence?.range?.numberOfOccurrences).toBe(6);
    expect(event.recurrence?.pattern?.interval).toBe(2);
    expect(event.start).toEqual({
      dateTime: '2026-03-03T23:30:00',
      timeZone: 'America/Los_Angeles',
    });
    expect(event.end?.dateTime).toBe('2026-03-04T00:15:00');
    expect(event.isOnlineMeeting).toBe(true);
    expect(event.onlineMeetingProvider).toBe('teamsForBusiness');
    expect(event.transactionId).toBe('tx-1');
    expect(event.attendees?.map((a) => a.emailAddress?.address)).toEqual(['lee@contoso.example']);
    expect(event.subject).toBe('Reverse mentoring: Spring & Summer — Ana <Mentor> & Lee Leader');
    expect(event.body?.content).toContain('http://127.0.0.1:3978/#/pairing/p-1');
    expect(event.body?.content).toContain('Ana &lt;Mentor&gt;');
    expect(event.body?.content).not.toContain('<Mentor>');
  });

  it('invites the mentor when the leader organizes, and single events carry their session number', () => {
    const single = buildSingleEvent({
      programName: 'P',
      mentor,
      leader,
      organizer: 'leader',
      zone: 'Europe/London',
      start: Date.parse('2026-07-01T09:00:00Z'),
      end: Date.parse('2026-07-01T09:45:00Z'),
      guide: session(3),
      sessionNumber: 3,
      tabLink: 'http://127.0.0.1:3978/#/pairing/x',
      transactionId: 'tx-2',
    });
    expect(single.attendees?.map((a) => a.emailAddress?.address)).toEqual(['ana@contoso.example']);
    expect(single.start).toEqual({ dateTime: '2026-07-01T10:00:00', timeZone: 'Europe/London' });
    expect(single.subject).toMatch(/\(session 3\)$/);
    expect(single.recurrence).toBeUndefined();
  });

  it('keeps subjects within Outlook limits', () => {
    expect(bookingSubject('x'.repeat(300), 'a', 'b').length).toBe(255);
  });
});
