import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatGraphDateTime } from './time-zones.js';

describe('formatGraphDateTime', () => {
  it('writes UTC wall time with seven fractional digits, as luxon formats it', () => {
    const instants = [0, 1, 999, 1_780_000_123_456, 946_684_799_999, 4_102_444_800_000, -1];
    for (const ms of instants) {
      const luxon = DateTime.fromMillis(ms, { zone: 'UTC' }).toFormat(
        "yyyy-MM-dd'T'HH:mm:ss.SSS'0000'",
      );
      expect(formatGraphDateTime(ms, 'UTC')).toBe(luxon);
      expect(formatGraphDateTime(ms, 'tzone://Microsoft/Utc')).toBe(luxon);
    }
    expect(formatGraphDateTime(Date.UTC(2026, 0, 5, 9, 30, 15, 7), 'UTC')).toBe(
      '2026-01-05T09:30:15.0070000',
    );
  });

  it('writes local wall time in other zones', () => {
    const ms = Date.UTC(2026, 6, 1, 12, 0);
    expect(formatGraphDateTime(ms, 'Pacific Standard Time')).toBe('2026-07-01T05:00:00.0000000');
    expect(formatGraphDateTime(ms, 'Europe/Berlin')).toBe('2026-07-01T14:00:00.0000000');
  });
});
