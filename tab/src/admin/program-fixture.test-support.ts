import type { ProgramView } from '../api/index.js';

/** A program as the API answers it, for rendering the program page's forms in tests. */
export function programFixture(over: Partial<ProgramView> = {}): ProgramView {
  return {
    id: 'p-1',
    name: 'Spring cohort',
    description: '',
    status: 'enrolling',
    rules: {
      mentorMaxLevel: 3,
      leaderMinLevel: 6,
      minLevelGap: 3,
      topics: ['digital-ai-tools'],
      cadence: 'weekly',
      sessions: 8,
      durationMinutes: 45,
      leaderCapacity: 1,
      organizer: 'mentor',
      weights: { gap: 1, topics: 2, novelty: 1, overlap: 1.5, diversity: 1 },
      eligibleDepartments: [],
      eligibleOffices: [],
      eligibleGroups: [],
    },
    guideTrackId: 'core',
    guideTrackVersion: '2026.1',
    enrolmentOpensAt: null,
    enrolmentClosesAt: null,
    startsOn: null,
    counts: { mentors: 0, leaders: 0, pairings: 0, endedPairings: 0 },
    nextStatuses: [],
    ...over,
  };
}
