import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';

// A Bengaluru person whose browser runs on UTC, as in the issue (a 16:00 session read as 10:30).
let render: (zone: string | null) => string;
beforeAll(async () => {
  process.env.TZ = 'UTC';
  const { CheckInNotOpen } = await import('./check-in-form.js');
  const { ViewerTimeZone } = await import('../ui/index.js');
  render = (zone) =>
    renderToStaticMarkup(
      createElement(
        ViewerTimeZone.Provider,
        { value: zone },
        createElement(CheckInNotOpen, { opensAt: '2026-12-08T10:30:00.000Z' }),
      ),
    );
});

describe('a check-in before its session', () => {
  it("says when it opens in the person's own time zone, labelled, as Home shows the session", () => {
    const text = render('Asia/Kolkata');
    expect(text).toMatch(/16:00|4:00/);
    expect(text).toMatch(/GMT\+5:30|IST/);
    expect(text).not.toMatch(/10:30/);
  });

  it('shows the browser time unlabelled when the person has no time zone on record', () => {
    expect(render(null)).toMatch(/10:30/);
  });
});
