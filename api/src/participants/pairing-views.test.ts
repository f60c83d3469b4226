import { describe, expect, it } from 'vitest';
import type { PairingJson } from './participant-snapshot.js';
import { compareForHome, nextSessionOf, pairingViewsFrom, roleOf } from './pairing-views.js';

const at = (iso: string) => new Date(iso);

describe('the pairing as the viewer sees it', () => {
  it('gives each member their own side and an outsider the mentor side', () => {
    const p = { mentorId: 'ana', leaderId: 'lee' };
    expect(roleOf(p, 'ana')).toBe('mentor');
    expect(roleOf(p, 'lee')).toBe('leader');
    expect(roleOf(p, 'hr-admin')).toBe('mentor');
  });

  it('lists live pairings before ended ones, newest first within each', () => {
    const rows = [
      { id: 'a', status: 'ended' as const, startedAt: at('2026-05-01T00:00:00Z') },
      { id: 'b', status: 'paused' as const, startedAt: at('2026-01-01T00:00:00Z') },
      { id: 'c', status: 'active' as const, startedAt: at('2026-03-01T00:00:00Z') },
      { id: 'd', status: 'ended' as const, startedAt: at('2025-01-01T00:00:00Z') },
    ];
    expect([...rows].sort(compareForHome).map((r) => r.id)).toEqual(['c', 'b', 'a', 'd']);
  });
});

describe('the next session', () => {
  const s = (startsAt: string, status: 'scheduled' | 'held' | 'cancelled' | 'rebooking') => ({
    startsAt,
    endsAt: new Date(new Date(startsAt).getTime() + 45 * 60_000).toISOString(),
    status,
  });
  const list = [
    s('2026-03-02T10:00:00.000Z', 'held'),
    s('2026-03-09T10:00:00.000Z', 'cancelled'),
    s('2026-03-23T10:00:00.000Z', 'scheduled'),
    s('2026-03-16T10:00:00.000Z', 'rebooking'),
  ];

  it('is the earliest booked or rebooking session still ahead', () => {
    expect(nextSessionOf(list, at('2026-03-03T00:00:00Z'))?.startsAt).toBe(
      '2026-03-16T10:00:00.000Z',
    );
  });

  it('stays the one under way until it ends, so its join link is still shown', () => {
    const running = [s('2026-03-02T10:00:00.000Z', 'scheduled')];
    expect(nextSessionOf(running, at('2026-03-02T10:30:00Z'))).not.toBeNull();
    expect(nextSessionOf(running, at('2026-03-02T10:45:00Z'))).toBeNull();
  });

  it('is none when every session is past, held or cancelled', () => {
    expect(nextSessionOf(list, at('2026-04-01T00:00:00Z'))).toBeNull();
  });
});

describe("the pair's own session numbers", () => {
  // A program of 6 sessions on the 8-session guide: the middle sessions it keeps skip 4 and 6.
  const guideNumbers = [1, 2, 3, 5, 7, 8];
  const pairing: PairingJson = {
    id: 'p1',
    programId: 'g1',
    programName: 'Pilot',
    mentorId: 'ana',
    leaderId: 'lee',
    status: 'active',
    explanation: '',
    guideTrackId: 'reverse-mentoring-core',
    guideTrackVersion: '2026.1',
    startedAt: '2026-03-01T00:00:00.000Z',
    partner: null,
    partnerProfile: null,
    series: null,
    sessions: guideNumbers.map((guideSessionNumber, i) => ({
      id: `s${i + 1}`,
      pairingId: 'p1',
      occurrence: i + 1,
      startsAt: `2026-03-${String(1 + 5 * i).padStart(2, '0')}T10:00:00.000Z`,
      endsAt: `2026-03-${String(1 + 5 * i).padStart(2, '0')}T10:45:00.000Z`,
      status: 'scheduled' as const,
      statusReason: null,
      joinUrl: null,
      guideSessionNumber,
      checkInDone: false,
    })),
  };

  it('counts 1 to 6 of 6, while each keeps the guide session (and title) it follows', () => {
    const [view] = pairingViewsFrom({
      viewerId: 'ana',
      snapshot: { pairings: [pairing] },
      titleOf: (_ref, n) => `Guide session ${n}`,
      now: at('2026-03-01T00:00:00Z'),
    });
    const numbered = view?.sessions.map((s) => [s.occurrence, s.sessionCount, s.guideTitle]);
    expect(numbered).toEqual(guideNumbers.map((n, i) => [i + 1, 6, `Guide session ${n}`]));
    expect(view?.nextSession).toMatchObject({ occurrence: 1, sessionCount: 6 });
  });

  it('shows a booked session that has ended as held, as the insights count it', () => {
    const [view] = pairingViewsFrom({
      viewerId: 'ana',
      snapshot: { pairings: [pairing] },
      titleOf: (_ref, n) => `Guide session ${n}`,
      now: at('2026-03-07T00:00:00Z'),
    });
    expect(view?.sessions.map((s) => s.status)).toEqual([
      'held',
      'held',
      'scheduled',
      'scheduled',
      'scheduled',
      'scheduled',
    ]);
    expect(view?.nextSession?.occurrence).toBe(3);
  });

  it('offers no join link for a session that has ended, nor for any session of an ended pairing', () => {
    const withLinks: PairingJson = {
      ...pairing,
      sessions: pairing.sessions.map((s, i) => ({
        ...s,
        status: i === 0 ? ('rebooking' as const) : s.status,
        joinUrl: `https://teams.example/meet/${s.id}`,
      })),
    };
    const view = (p: PairingJson) =>
      pairingViewsFrom({
        viewerId: 'ana',
        snapshot: { pairings: [p] },
        titleOf: (_ref, n) => `Guide session ${n}`,
        now: at('2026-03-07T00:00:00Z'),
      })[0];
    // Sessions 1 (still waiting for a new time) and 2 are past; 3 to 6 are ahead.
    expect(view(withLinks)?.sessions.map((s) => s.joinUrl !== null)).toEqual([
      false,
      false,
      true,
      true,
      true,
      true,
    ]);
    const ended = view({ ...withLinks, status: 'ended' });
    expect(ended?.sessions.every((s) => s.joinUrl === null)).toBe(true);
  });
});
