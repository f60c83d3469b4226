import type { OverrideKind } from '../store/index.js';

export interface OverrideRecord {
  kind: OverrideKind;
  mentorId: string;
  leaderId: string | null;
  reason: string;
}

/** What a program's overrides add up to, applied in the order admins made them. */
export interface OverrideState {
  /** mentor → leader, oldest first (a leader over capacity keeps the newest pins). */
  pins: Map<string, string>;
  /** Pairs an admin said never to make (mentor, leader). */
  forbidden: [string, string][];
  /** Mentors an admin left out, with the admin's reason. */
  removed: Map<string, string>;
}

/**
 * Folds overrides into one state. A later change to the same mentor wins: a pin replaces an
 * earlier pin or removal, a forbid drops a pin of that pair, a removal drops the mentor's pin.
 * A swap is a pin to the chosen leader (the rest is re-solved around it).
 */
export function foldOverrides(
  records: readonly OverrideRecord[],
  leaderCapacity: number,
): OverrideState {
  const pins = new Map<string, string>();
  const forbidden = new Map<string, [string, string]>();
  const removed = new Map<string, string>();
  const key = (m: string, l: string) => `${m}\u0000${l}`;
  for (const r of records) {
    switch (r.kind) {
      case 'pin':
      case 'swap': {
        if (r.leaderId === null) break;
        pins.delete(r.mentorId);
        pins.set(r.mentorId, r.leaderId);
        removed.delete(r.mentorId);
        forbidden.delete(key(r.mentorId, r.leaderId));
        break;
      }
      case 'forbid': {
        if (r.leaderId === null) break;
        forbidden.set(key(r.mentorId, r.leaderId), [r.mentorId, r.leaderId]);
        if (pins.get(r.mentorId) === r.leaderId) pins.delete(r.mentorId);
        break;
      }
      case 'remove': {
        pins.delete(r.mentorId);
        removed.set(r.mentorId, r.reason);
        break;
      }
    }
  }
  // A leader pinned beyond capacity keeps the most recent pins: the admin's latest intent.
  const byLeader = new Map<string, string[]>();
  for (const [m, l] of pins) byLeader.set(l, [...(byLeader.get(l) ?? []), m]);
  for (const mentors of byLeader.values()) {
    for (const m of mentors.slice(0, Math.max(0, mentors.length - leaderCapacity))) pins.delete(m);
  }
  return { pins, forbidden: [...forbidden.values()], removed };
}
