import { topicName } from '../contract/index.js';
import type { GuideRole, GuideSession } from './guide-track.js';

/**
 * One person's view of a session. Each side sees their own pre-work and prompts first; the
 * partner's prompts are included too, as "what your partner may bring up", because knowing
 * what is coming is what lets a junior mentor walk in confident and a busy leader walk in
 * prepared. The partner's pre-work is left out: it is their homework, not yours.
 */
export interface RoleSessionGuide extends Pick<
  GuideSession,
  | 'number'
  | 'key'
  | 'topic'
  | 'title'
  | 'goal'
  | 'durationMinutes'
  | 'exercise'
  | 'reflectionQuestion'
  | 'summary'
  | 'bodyMarkdown'
> {
  readonly role: GuideRole;
  readonly partnerRole: GuideRole;
  readonly preWork: readonly string[];
  readonly prompts: readonly string[];
  readonly partnerPrompts: readonly string[];
}

export function guideForRole(session: GuideSession, role: GuideRole): RoleSessionGuide {
  const partnerRole: GuideRole = role === 'mentor' ? 'leader' : 'mentor';
  return {
    role,
    partnerRole,
    number: session.number,
    key: session.key,
    topic: topicName(session.key, session.topic),
    title: session.title,
    goal: session.goal,
    durationMinutes: session.durationMinutes,
    preWork: [...session.preWork[role]],
    prompts: [...session.prompts[role]],
    partnerPrompts: [...session.prompts[partnerRole]],
    exercise: session.exercise,
    reflectionQuestion: session.reflectionQuestion,
    summary: session.summary,
    bodyMarkdown: session.bodyMarkdown,
  };
}
