import { describe, expect, it } from 'vitest';
import { iso } from './participant-snapshot.js';

describe('instants read from the store', () => {
  it('come out in the API form, to the millisecond and in UTC, whatever PostgreSQL wrote', () => {
    const cases: [string, string][] = [
      ['2026-03-10T09:00:00+00:00', '2026-03-10T09:00:00.000Z'],
      ['2026-03-10T09:00:00.1+00:00', '2026-03-10T09:00:00.100Z'],
      ['2026-03-10T09:00:00.12+00:00', '2026-03-10T09:00:00.120Z'],
      ['2026-03-10T09:00:00.123+00:00', '2026-03-10T09:00:00.123Z'],
      // Microseconds are cut, not rounded: 23:59:59.9995 stays on the same day.
      ['2026-12-31T23:59:59.9995+00:00', '2026-12-31T23:59:59.999Z'],
      ['2026-03-10T09:00:00.123999+00:00', '2026-03-10T09:00:00.123Z'],
      // A server in another time zone writes its own offset; the instant is the same.
      ['2026-03-10T11:00:00.5+02:00', '2026-03-10T09:00:00.500Z'],
      ['2026-03-10T03:30:00-05:30', '2026-03-10T09:00:00.000Z'],
    ];
    for (const [stored, expected] of cases) {
      expect(iso(stored)).toBe(expected);
      expect(iso(stored)).toBe(new Date(stored).toISOString());
    }
  });
});
