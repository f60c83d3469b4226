import { describe, expect, it } from 'vitest';
import { compareForHome, nextSessionOf, roleOf } from './pairing-views.js';

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
