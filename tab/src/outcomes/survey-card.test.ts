// @vitest-environment happy-dom
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../api/index.js';
import type { ApiClient, EndSurveySubject, MySurveyView, MySurveysView } from '../api/index.js';
import { testRoot } from '../ui/testing.js';
import { SurveyCards } from './survey-card.js';

const view = testRoot();

/** An open, unanswered survey of its own program, as `/api/me/surveys` lists it. */
function openSurvey(
  programName: string,
  phase: 'baseline' | 'end',
  endOf: EndSurveySubject | null = null,
): MySurveyView {
  return {
    programId: `program-${programName}`,
    programName,
    role: 'mentor',
    phase,
    pairingId: phase === 'end' ? `pairing-${programName}` : null,
    state: 'open',
    opensAt: '2026-06-01T09:45:00.000Z',
    closesAt: '2026-06-29T09:45:00.000Z',
    answeredAt: null,
    answers: null,
    instrument: {
      key: `mentor-${phase}`,
      role: 'mentor',
      phase,
      version: '2026.1',
      title: 'Your view',
      introMarkdown: '',
      dimensions: [],
      items: [],
    },
    endOf,
  };
}

/** Home's survey cards over the given list: each card's sentence. */
async function cardTexts(surveys: MySurveyView[]): Promise<string[]> {
  const client: ApiClient = {
    get: async <T>() => ({ surveys }) satisfies MySurveysView as T,
    send: async () => {
      throw new Error('not used');
    },
    download: async () => {},
  };
  await view.render(createElement(ApiProvider, { client, children: createElement(SurveyCards) }));
  return [
    ...view.host.querySelectorAll('section[aria-label="Surveys waiting for you"] .fui-Body1'),
  ].map((p) => p.textContent ?? '');
}

describe('the survey cards on Home', () => {
  it('says the sessions are over only to someone whose pairing held its last session', async () => {
    const [baseline, done] = await cardTexts([
      openSurvey('Autumn cohort', 'baseline'),
      openSurvey('Spring cohort', 'end', {
        reason: 'sessions-over',
        partnerName: 'Chen Taylor',
        awaitingPartner: false,
      }),
    ]);
    expect(baseline).toBe(
      'A short survey for Autumn cohort, so the program can show what it changes.',
    );
    expect(done).toBe(
      'The same short survey as at the start of Spring cohort, now that your sessions are over.',
    );
  });

  it('asks someone waiting for a new partner about the pairing that ended, not as if their sessions were over', async () => {
    const [waiting] = await cardTexts([
      openSurvey('Spring cohort', 'end', {
        reason: 'pairing-ended',
        partnerName: 'Yusuf Schmidt',
        awaitingPartner: true,
      }),
    ]);
    expect(waiting).toBe(
      'Your pairing with Yusuf Schmidt ended early. While the program team finds you a new partner: the same short survey as at the start of Spring cohort, about your sessions with Yusuf Schmidt.',
    );
  });

  it('asks about a pairing that ended early, and says when the program closed first', async () => {
    const [ended, unnamed, closed] = await cardTexts([
      openSurvey('Spring cohort', 'end', {
        reason: 'pairing-ended',
        partnerName: 'Oli Ended',
        awaitingPartner: false,
      }),
      openSurvey('Summer cohort', 'end', {
        reason: 'pairing-ended',
        partnerName: null,
        awaitingPartner: false,
      }),
      openSurvey('Pilot cohort', 'end', {
        reason: 'program-closed',
        partnerName: 'Cai Closed',
        awaitingPartner: false,
      }),
    ]);
    expect(ended).toBe(
      'Your pairing with Oli Ended ended early. The same short survey as at the start of Spring cohort, about your sessions with Oli Ended.',
    );
    expect(unnamed).toBe(
      'Your pairing ended early. The same short survey as at the start of Summer cohort, about your sessions in it.',
    );
    expect(closed).toBe(
      'Pilot cohort has closed. The same short survey as at the start, about your sessions in it.',
    );
  });
});
