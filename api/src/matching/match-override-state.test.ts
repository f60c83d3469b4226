import { describe, expect, it } from 'vitest';
import { managerChain } from './match-cohort.js';
import { foldOverrides } from './match-override-state.js';
import type { OverrideRecord } from './match-override-state.js';

const o = (
  kind: OverrideRecord['kind'],
  mentorId: string,
  leaderId: string | null = null,
): OverrideRecord => ({
  kind,
  mentorId,
  leaderId,
  reason: 'because',
});

describe('admin overrides', () => {
  it('lets a later change to the same mentor win', () => {
    const s = foldOverrides([o('pin', 'm1', 'l1'), o('swap', 'm1', 'l2')], 1);
    expect([...s.pins]).toEqual([['m1', 'l2']]);
  });

  it('drops a pin when the pair is forbidden, and a forbid when the pair is pinned later', () => {
    expect(foldOverrides([o('pin', 'm1', 'l1'), o('forbid', 'm1', 'l1')], 1)).toMatchObject({
      pins: new Map(),
      forbidden: [['m1', 'l1']],
    });
    expect(foldOverrides([o('forbid', 'm1', 'l1'), o('pin', 'm1', 'l1')], 1)).toMatchObject({
      pins: new Map([['m1', 'l1']]),
      forbidden: [],
    });
  });

  it('leaves a removed mentor out with the reason and forgets their pin', () => {
    const s = foldOverrides([o('pin', 'm1', 'l1'), o('remove', 'm1')], 1);
    expect(s.pins.size).toBe(0);
    expect(s.removed.get('m1')).toBe('because');
    expect(foldOverrides([o('remove', 'm1'), o('pin', 'm1', 'l1')], 1).removed.size).toBe(0);
  });

  it('keeps only the newest pins of a leader beyond capacity', () => {
    const s = foldOverrides([o('pin', 'm1', 'l1'), o('pin', 'm2', 'l1'), o('pin', 'm3', 'l1')], 2);
    expect([...s.pins.keys()].sort()).toEqual(['m2', 'm3']);
  });
});

describe('manager chains', () => {
  it('walks up to the top and stops at a loop', () => {
    const chart = new Map<string, string | null>([
      ['a', 'b'],
      ['b', 'c'],
      ['c', null],
      ['x', 'y'],
      ['y', 'x'],
    ]);
    expect(managerChain('a', chart)).toEqual(['b', 'c']);
    expect(managerChain('x', chart)).toEqual(['y']);
    expect(managerChain('unknown', chart)).toEqual([]);
  });
});
