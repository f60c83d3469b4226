import { describe, expect, it } from 'vitest';
import { renderInviteBody } from './invite-body.js';
import type { GuideSession } from './guide-track.js';
import { shippedTrack } from './testing.js';

const DEEP_LINK =
  'https://teams.microsoft.com/l/entity/00000000-0000-4000-8000-00000000a11e/home?context=%7B%22subEntityId%22%3A%22s-3%22%7D&tenantId=abc';

async function charter(): Promise<GuideSession> {
  const session = (await shippedTrack()).sessions[0];
  if (session === undefined) throw new Error('missing session');
  return session;
}

describe('the Outlook invite body', () => {
  it('contains the summary, the goal and the deep link to the tab', async () => {
    const session = await charter();
    const html = renderInviteBody(session, {
      programName: 'Reverse Mentoring 2026',
      tabDeepLink: DEEP_LINK,
    });
    const href = /<a href="([^"]*)"/.exec(html)?.[1];
    expect(href?.replace(/&amp;/g, '&')).toBe(DEEP_LINK);
    expect(html).toContain('Reverse Mentoring 2026');
    expect(html).toContain(session.summary.replace(/'/g, '&#39;').replace(/"/g, '&quot;'));
    expect(html.length).toBeLessThan(2_500);
  });

  it('escapes HTML in the program name and admin-edited text', async () => {
    const session = {
      ...(await charter()),
      title: 'Tools & <b>tips</b>',
      summary: '<script>alert("x")</script>',
    };
    const html = renderInviteBody(session, {
      programName: `R&D "pilot" <img src=x onerror=alert(1)>`,
      tabDeepLink: DEEP_LINK,
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('R&amp;D &quot;pilot&quot; &lt;img');
    expect(html).toContain('Tools &amp; &lt;b&gt;tips&lt;/b&gt;');
  });

  it('refuses a deep link that is not a web link', async () => {
    const session = await charter();
    expect(() =>
      renderInviteBody(session, { programName: 'P', tabDeepLink: 'javascript:alert(1)' }),
    ).toThrow(TypeError);
    expect(() => renderInviteBody(session, { programName: 'P', tabDeepLink: 'not a url' })).toThrow(
      TypeError,
    );
  });

  it('keeps a quote in the link from breaking out of the attribute', async () => {
    const html = renderInviteBody(await charter(), {
      programName: 'P',
      tabDeepLink: 'https://example.test/x?"onmouseover=1',
    });
    expect(html).toContain('href="https://example.test/x?&quot;onmouseover=1"');
  });
});
