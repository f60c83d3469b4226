import { describe, expect, it } from 'vitest';
import { guideForRole } from './role-view.js';
import { shippedTrack } from './testing.js';

describe('what each person sees', () => {
  it('gives the mentor their own pre-work and prompts, and the leader’s prompts as what may come up', async () => {
    const session = (await shippedTrack()).sessions[1];
    if (session === undefined) throw new Error('missing session');
    const mentor = guideForRole(session, 'mentor');
    expect(mentor.role).toBe('mentor');
    expect(mentor.preWork).toEqual(session.preWork.mentor);
    expect(mentor.prompts).toEqual(session.prompts.mentor);
    expect(mentor.partnerPrompts).toEqual(session.prompts.leader);
    expect(mentor.preWork).not.toEqual(session.preWork.leader);
  });

  it('gives the leader their own pre-work and prompts, never the mentor’s pre-work', async () => {
    const session = (await shippedTrack()).sessions[0];
    if (session === undefined) throw new Error('missing session');
    const leader = guideForRole(session, 'leader');
    expect(leader.partnerRole).toBe('mentor');
    expect(leader.preWork).toEqual(session.preWork.leader);
    expect(leader.prompts).toEqual(session.prompts.leader);
    expect(JSON.stringify(leader)).not.toContain(session.preWork.mentor[0] ?? '∅');
    expect(leader.summary).toBe(session.summary);
    expect(leader.exercise).toBe(session.exercise);
  });
});
