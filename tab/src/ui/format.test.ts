import { beforeAll, describe, expect, it } from 'vitest';
import type * as Format from './format.js';

// The browser's clock is UTC here, as in the report of a Bengaluru pair reading 3:30 AM.
let format: typeof Format;
beforeAll(async () => {
  process.env.TZ = 'UTC';
  format = await import('./format.js');
});

describe('times with their zone', () => {
  it("shows a Bengaluru person's 09:00 session at 9:00 with the zone, in a UTC browser", () => {
    const text = format.formatDateTime('2026-12-07T03:30:00Z', 'Asia/Kolkata');
    expect(text).toMatch(/9:00/);
    expect(text).toMatch(/GMT\+5:30|IST/);
  });

  it('leaves times unlabelled when the zone reads like the browser clock', () => {
    const text = format.formatDateTime('2026-12-07T09:00:00Z', 'Etc/UTC');
    expect(text).toMatch(/9:00/);
    expect(text).not.toMatch(/GMT|UTC/);
    expect(format.zoneDiffers('Etc/UTC')).toBe(false);
  });

  it('ignores a zone name the browser does not know instead of failing', () => {
    expect(format.formatDateTime('2026-12-07T09:00:00Z', 'Not/AZone')).toMatch(/9:00/);
  });

  it("always labels the partner's time", () => {
    expect(format.formatInZone('2026-12-07T09:00:00Z', 'Europe/London')).toMatch(/GMT/);
  });
});

describe('topic names', () => {
  it('names a default topic as the API does and shows a custom topic as written', () => {
    expect(format.topicLabel('remote-async')).toBe('Remote and async collaboration');
    expect(format.topicLabel('open-topic')).toBe('Open topic');
    expect(format.topicLabel('Hybrid meetings')).toBe('Hybrid meetings');
  });
});
