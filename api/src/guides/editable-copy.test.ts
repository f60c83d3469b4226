import { describe, expect, it } from 'vitest';
import { deriveEditableCopy, GuideEditError } from './editable-copy.js';
import { parseGuideTrack } from './guide-track.js';
import { shippedTrack } from './testing.js';

describe('an admin’s editable copy', () => {
  it('changes the copy and leaves the original exactly as it was', async () => {
    const original = await shippedTrack();
    const before = JSON.stringify(original);
    const copy = deriveEditableCopy(original, {
      newId: 'contoso-core',
      newVersion: '2026.1',
      edits: {
        title: 'Contoso reverse mentoring',
        groundRules: ['Only this rule.'],
        sessions: {
          '2': { title: 'Copilot, hands on', prompts: { mentor: ['Show me your inbox.'] } },
        },
      },
    });
    expect(JSON.stringify(original)).toBe(before);
    expect(copy.id).toBe('contoso-core');
    expect(copy.title).toBe('Contoso reverse mentoring');
    expect(copy.groundRules).toEqual(['Only this rule.']);
    expect(copy.sessions[1]?.title).toBe('Copilot, hands on');
    expect(copy.sessions[1]?.prompts.mentor).toEqual(['Show me your inbox.']);
    expect(copy.sessions[1]?.prompts.leader).toEqual(original.sessions[1]?.prompts.leader);
    expect(copy.derivedFrom).toEqual({
      id: original.id,
      version: original.version,
      contentHash: original.contentHash,
    });
    expect(copy.contentHash).not.toBe(original.contentHash);
    expect(Object.isFrozen(copy.sessions[1]?.prompts.mentor)).toBe(true);
  });

  it('can drop and add middle sessions, renumbering the copy', async () => {
    const original = await shippedTrack();
    const source = original.sessions[2];
    if (source === undefined) throw new Error('missing session');
    const { number: _number, ...content } = source;
    const added = { ...content, title: 'Async, round two', after: 6 };
    const copy = deriveEditableCopy(original, {
      newId: original.id,
      newVersion: '2026.1-contoso',
      edits: { removeSessions: [4, 5], addSessions: [added] },
    });
    expect(copy.sessions.map((s) => s.key)).toEqual([
      'charter',
      'digital-ai-tools',
      'remote-async',
      'wellbeing',
      'remote-async',
      'leadership-flexibility',
      'commitments',
    ]);
    expect(copy.sessions.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(copy.openTopic.number).toBe(8);
    expect(original.sessions).toHaveLength(8);
  });

  it('gets a hash that a stored copy can be checked against', async () => {
    const copy = deriveEditableCopy(await shippedTrack(), { newId: 'x', newVersion: '1' });
    const roundTrip = parseGuideTrack(JSON.parse(JSON.stringify(copy)));
    expect(roundTrip.ok).toBe(true);
    const tampered = parseGuideTrack({
      ...JSON.parse(JSON.stringify(copy)),
      title: 'Changed behind our back',
    });
    expect(tampered.ok ? [] : tampered.issues.map((i) => i.field)).toEqual(['contentHash']);
  });

  it('refuses to reuse the original id and version, since pairings pin it', async () => {
    const original = await shippedTrack();
    expect(() =>
      deriveEditableCopy(original, { newId: original.id, newVersion: original.version }),
    ).toThrow(GuideEditError);
  });

  it('refuses edits that would break the track, naming the field', async () => {
    const original = await shippedTrack();
    const attempt = (edits: Parameters<typeof deriveEditableCopy>[1]['edits']) => {
      try {
        deriveEditableCopy(original, { newId: 'copy', newVersion: '2', edits });
      } catch (error) {
        if (error instanceof GuideEditError) return error.issues.map((i) => i.field);
        throw error;
      }
      return [];
    };
    expect(attempt({ sessions: { '3': { goal: '' } } })).toEqual(['sessions[2].goal']);
    expect(attempt({ removeSessions: [1] })).toEqual(['sessions[0].key']);
    expect(attempt({ sessions: { '42': { title: 'x' } } })).toEqual(['edits.sessions.42']);
    expect(attempt({ sessions: { '2': { colour: 'red' } } as never })).toEqual([
      'edits.sessions.2',
    ]);
    expect(attempt({ summary: 'x' } as never)).toEqual(['edits']);
  });
});
