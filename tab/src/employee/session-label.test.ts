import { describe, expect, it } from 'vitest';
import type { SessionView } from '../api/index.js';
import { sessionLabel } from './session-label.js';

/** A 6-session program on the 8-session guide: the last occurrence follows the guide's session 8. */
const last: Pick<SessionView, 'occurrence' | 'sessionCount' | 'guideSessionNumber'> = {
  occurrence: 6,
  sessionCount: 6,
  guideSessionNumber: 8,
};

describe('how a session is numbered for the people in it', () => {
  it("numbers the last of 6 sessions '6 of 6', not by the guide session it follows", () => {
    expect(sessionLabel(last)).toBe('Session 6 of 6');
    expect(sessionLabel(last)).not.toContain('8');
  });

  it('never reads as more sessions done than the series has', () => {
    expect(sessionLabel({ occurrence: 3, sessionCount: 2 })).toBe('Session 3 of 3');
  });
});
