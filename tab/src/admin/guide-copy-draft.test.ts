import { describe, expect, it } from 'vitest';
import { GUIDE_LIMITS, type GuideTrackSessionView, type GuideTrackView } from '../api/index.js';
import {
  addSessionProblem,
  draftOf,
  draftProblems,
  editsOf,
  fieldId,
  moved,
  removeSessionProblem,
  serverFieldId,
  withSessionAdded,
  withSessionRemoved,
  type GuideDraft,
} from './guide-copy-draft.js';

const session = (number: number, key: string, topic: string): GuideTrackSessionView => ({
  number,
  key,
  topic,
  title: `${topic} session`,
  goal: `Talk about ${topic}`,
  durationMinutes: 45,
  prompts: { mentor: [`Mentor asks about ${topic}`, 'Second mentor prompt'], leader: ['Ask back'] },
  preWork: { mentor: ['Bring an example'], leader: ['Bring a question'] },
  exercise: 'Try it together',
  reflectionQuestion: 'What surprised you?',
  summary: `A session on ${topic}.`,
});

const track: GuideTrackView = {
  id: 'reverse-mentoring-core',
  version: '2026.1',
  title: 'Reverse mentoring',
  description: 'The core track',
  source: 'builtin',
  parent: null,
  contentHash: `sha256:${'0'.repeat(64)}`,
  groundRules: ['What is said here stays here'],
  sessions: [
    session(1, 'charter', 'Charter'),
    session(2, 'digital-ai-tools', 'Digital and AI tools'),
    session(3, 'remote-async', 'Remote and async collaboration'),
    session(4, 'commitments', 'Commitments'),
  ],
  openTopic: session(5, 'open-topic', 'Open topic'),
  createdAt: '2026-01-01T00:00:00.000Z',
};

const fresh = (): GuideDraft => draftOf(track, '2026.1.1');
const none = new Set<string>(['2026.1']);

describe('the guide copy form', () => {
  it('sends nothing but the version when nothing changed, and the form says so', () => {
    expect(editsOf(track, fresh())).toEqual({});
    expect(draftProblems(fresh(), none)).toEqual({});
  });

  it('sends an edited, reordered and added prompt for one side of one session only', () => {
    const d = fresh();
    const s2 = d.sessions[1];
    if (s2 === undefined) throw new Error('fixture');
    const mentor = moved(['Show me your inbox', ...s2.prompts.mentor.slice(1)], 0, 1);
    d.sessions[1] = { ...s2, prompts: { ...s2.prompts, mentor: [...mentor, ' A third one '] } };
    expect(editsOf(track, d)).toEqual({
      sessions: {
        '2': {
          prompts: { mentor: ['Second mentor prompt', 'Show me your inbox', 'A third one'] },
        },
      },
    });
  });

  it('sends title, goal, length and invite summary changes of a session and of the repeatable one', () => {
    const d = fresh();
    const s1 = d.sessions[0];
    if (s1 === undefined) throw new Error('fixture');
    d.sessions[0] = { ...s1, title: 'Our charter', durationMinutes: '60', summary: 'Ours.' };
    d.openTopic = { ...d.openTopic, goal: 'Anything the pair wants' };
    expect(editsOf(track, d)).toEqual({
      sessions: { '1': { title: 'Our charter', durationMinutes: 60, summary: 'Ours.' } },
      openTopic: { goal: 'Anything the pair wants' },
    });
  });

  it('removes a middle session and adds one after the session before it, with every part filled in', () => {
    let d = withSessionRemoved(fresh(), 2);
    d = withSessionAdded(d, 1, 'wellbeing');
    const added = d.sessions[2];
    if (added === undefined) throw new Error('not added');
    expect(added).toMatchObject({
      origin: null,
      key: 'wellbeing',
      topic: 'Mental health and wellbeing',
    });
    // Empty parts are named before saving, each on its own field.
    const problems = draftProblems(d, none);
    expect(problems[fieldId(added.id, 'title')]).toBe('A title is needed');
    expect(problems[fieldId(added.id, 'prompts-mentor-0')]).toBe('Write the prompt or remove it');
    d.sessions[2] = {
      ...added,
      title: 'Looking after yourself',
      goal: 'Share what helps',
      prompts: { mentor: ['What helps you?'], leader: ['What helps your team?'] },
      preWork: { mentor: ['Note one habit'], leader: ['Note one habit'] },
      exercise: 'Swap one habit',
      reflectionQuestion: 'Which habit will you try?',
      summary: 'On wellbeing.',
    };
    expect(draftProblems(d, none)).toEqual({});
    expect(editsOf(track, d)).toEqual({
      removeSessions: [3],
      addSessions: [
        {
          key: 'wellbeing',
          topic: 'Mental health and wellbeing',
          title: 'Looking after yourself',
          goal: 'Share what helps',
          durationMinutes: 45,
          prompts: { mentor: ['What helps you?'], leader: ['What helps your team?'] },
          preWork: { mentor: ['Note one habit'], leader: ['Note one habit'] },
          exercise: 'Swap one habit',
          reflectionQuestion: 'Which habit will you try?',
          summary: 'On wellbeing.',
          after: 2,
        },
      ],
    });
  });

  it('never offers removing the charter or the commitments session, nor adding after the last', () => {
    const d = fresh();
    expect(removeSessionProblem(d, 0)).toMatch(/charter/);
    expect(removeSessionProblem(d, 3)).toMatch(/commitments/);
    expect(removeSessionProblem(d, 1)).toBeUndefined();
    expect(addSessionProblem(d, 3)).toMatch(/before it/);
    expect(withSessionRemoved(d, 0)).toBe(d);
    expect(withSessionAdded(d, 3, 'wellbeing')).toBe(d);
  });

  it(`stops adding at ${GUIDE_LIMITS.addedSessionsMax} new sessions and at ${GUIDE_LIMITS.sessions.max} in all`, () => {
    let d = fresh();
    for (let i = 0; i < GUIDE_LIMITS.addedSessionsMax; i += 1)
      d = withSessionAdded(d, 1, 'wellbeing');
    expect(addSessionProblem(d, 1)).toBe(
      `One copy adds at most ${GUIDE_LIMITS.addedSessionsMax} sessions.`,
    );
    expect(withSessionAdded(d, 1, 'wellbeing').sessions).toHaveLength(d.sessions.length);
    const one = d.sessions[0];
    if (one === undefined) throw new Error('fixture');
    const full = { ...d, sessions: Array.from({ length: GUIDE_LIMITS.sessions.max }, () => one) };
    expect(addSessionProblem(full, 1)).toMatch(`at most ${GUIDE_LIMITS.sessions.max} sessions`);
  });

  it('refuses, in words, what the server would: a long prompt, an empty list, too many items, a bad length', () => {
    const d = fresh();
    const s2 = d.sessions[1];
    if (s2 === undefined) throw new Error('fixture');
    d.sessions[1] = {
      ...s2,
      durationMinutes: '200',
      prompts: {
        mentor: ['x'.repeat(GUIDE_LIMITS.prompt + 1)],
        leader: [],
      },
      preWork: {
        ...s2.preWork,
        mentor: Array.from({ length: GUIDE_LIMITS.listMax + 1 }, () => 'a'),
      },
    };
    const problems = draftProblems(d, none);
    expect(problems).toEqual({
      [fieldId(s2.id, 'durationMinutes')]:
        `A whole number of minutes from ${GUIDE_LIMITS.durationMinutes.min} to ${GUIDE_LIMITS.durationMinutes.max}`,
      [fieldId(s2.id, 'prompts-mentor-0')]: `At most ${GUIDE_LIMITS.prompt} characters`,
      [fieldId(s2.id, 'prompts-leader')]: 'Keep at least one prompt',
      [fieldId(s2.id, 'preWork-mentor')]: `At most ${GUIDE_LIMITS.listMax} pre-work items`,
    });
    expect(draftProblems({ ...fresh(), version: '2026.1' }, none).version).toMatch(
      /exists already/,
    );
  });

  it("puts the server's words next to the field it names, numbered as the copy lists sessions", () => {
    const d = withSessionAdded(fresh(), 0, 'wellbeing');
    const added = d.sessions[1];
    if (added === undefined) throw new Error('not added');
    expect(serverFieldId(d, 'sessions[1].prompts.leader[2]')).toBe(
      fieldId(added.id, 'prompts-leader-2'),
    );
    expect(serverFieldId(d, 'openTopic.goal')).toBe(fieldId('open', 'goal'));
    expect(serverFieldId(d, 'groundRules[3]')).toBe('groundRules');
    expect(serverFieldId(d, 'version')).toBe('version');
  });
});
