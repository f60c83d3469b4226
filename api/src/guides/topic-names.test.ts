import { describe, expect, it } from 'vitest';
import { DEFAULT_TOPICS } from '../contract/index.js';
import { loadGuideTracks } from './guide-loader.js';
import { renderInviteBody } from './invite-body.js';
import { guideForRole } from './role-view.js';

describe('topic names', () => {
  it('the session guide and the calendar invite name each topic as the enrol form does', async () => {
    const [track] = await loadGuideTracks();
    if (track === undefined) throw new Error('no shipped guide track');
    for (const topic of DEFAULT_TOPICS) {
      const session = track.sessions.find((s) => s.key === topic.key);
      if (session === undefined) throw new Error(`the guide has no ${topic.key} session`);
      expect(guideForRole(session, 'mentor').topic).toBe(topic.label);
      expect(
        renderInviteBody(session, { programName: 'Spring', tabDeepLink: 'https://x.test' }),
      ).toContain(topic.label.replaceAll('&', '&amp;'));
    }
    expect(guideForRole(track.openTopic, 'leader').topic).toBe('Open topic');
  });
});
