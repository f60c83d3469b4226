import { beforeAll, describe, expect, it } from 'vitest';
import { guideForOccurrence, planGuideSessions } from './occurrence-plan.js';
import type { GuideTrack } from './guide-track.js';
import { shippedTrack } from './testing.js';

let track: GuideTrack;
beforeAll(async () => {
  track = await shippedTrack();
});

const keysFor = (total: number, preferredTopics?: string[]) =>
  Array.from(
    { length: total },
    (_, i) => guideForOccurrence(track, i, total, { preferredTopics }).key,
  );

describe('mapping booked occurrences to guide sessions', () => {
  it('runs the track one to one for an eight-session program', () => {
    expect(keysFor(8)).toEqual(track.sessions.map((s) => s.key));
    expect(guideForOccurrence(track, 0, 8).number).toBe(1);
    expect(guideForOccurrence(track, 7, 8).number).toBe(8);
  });

  it('keeps charter first and commitments last for six sessions, middle topics in track order', () => {
    expect(keysFor(6)).toEqual([
      'charter',
      'digital-ai-tools',
      'remote-async',
      'social-cultural-trends',
      'diversity-inclusion',
      'commitments',
    ]);
  });

  it('keeps the program’s preferred topics when sessions are short, still in track order', () => {
    expect(keysFor(6, ['wellbeing', 'leadership-flexibility'])).toEqual([
      'charter',
      'digital-ai-tools',
      'remote-async',
      'wellbeing',
      'leadership-flexibility',
      'commitments',
    ]);
    expect(keysFor(3, ['wellbeing'])).toEqual(['charter', 'wellbeing', 'commitments']);
    expect(keysFor(2)).toEqual(['charter', 'commitments']);
  });

  it('adds open-topic deep dives before the closing session for twelve sessions', () => {
    const keys = keysFor(12);
    expect(keys).toEqual([
      'charter',
      'digital-ai-tools',
      'remote-async',
      'social-cultural-trends',
      'diversity-inclusion',
      'wellbeing',
      'leadership-flexibility',
      'open-topic',
      'open-topic',
      'open-topic',
      'open-topic',
      'commitments',
    ]);
    expect(guideForOccurrence(track, 8, 12).number).toBe(track.sessions.length + 1);
    expect(guideForOccurrence(track, 11, 12).number).toBe(8);
  });

  it('returns the whole plan at once, the same as asking occurrence by occurrence', () => {
    expect(planGuideSessions(track, 12).map((s) => s.key)).toEqual(keysFor(12));
  });

  it('refuses occurrences outside the series and programs too short for charter and commitments', () => {
    expect(() => guideForOccurrence(track, 8, 8)).toThrow(RangeError);
    expect(() => guideForOccurrence(track, -1, 8)).toThrow(/0-based/);
    expect(() => guideForOccurrence(track, 0, 1)).toThrow(/charter and commitments/);
    expect(() => guideForOccurrence(track, 0.5, 8)).toThrow(RangeError);
  });
});
