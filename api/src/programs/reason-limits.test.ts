import { describe, expect, it } from 'vitest';
import { checkInInput } from '../feedback/check-ins.js';
import { rematchInput } from './rematch.js';
import { REASON_LIMITS, REFLECTION_LIMITS } from '../contract/index.js';

// The tab's reason dialog and check-in form take their limits from these same values, so the
// server must take exactly them: a reason or reflection the form lets through is stored.
describe('reasons and reflections: one set of limits for the tab and the API', () => {
  it('takes a reason of the shortest and longest length the dialog allows, and nothing outside', () => {
    const reason = (n: number) => rematchInput.safeParse({ reason: 'r'.repeat(n) }).success;
    expect(reason(REASON_LIMITS.minChars)).toBe(true);
    expect(reason(REASON_LIMITS.maxChars)).toBe(true);
    expect(reason(REASON_LIMITS.minChars - 1)).toBe(false);
    expect(reason(REASON_LIMITS.maxChars + 1)).toBe(false);
  });

  it('takes a reflection as long as the form allows, and not one character more', () => {
    const base = { held: true, usefulness: 4, safety: 5 };
    const reflection = (n: number) =>
      checkInInput.safeParse({ ...base, reflection: 'x'.repeat(n) });
    expect(reflection(REFLECTION_LIMITS.maxChars).error?.issues ?? []).toEqual([]);
    expect(reflection(REFLECTION_LIMITS.maxChars + 1).success).toBe(false);
  });
});
