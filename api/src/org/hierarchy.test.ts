import { describe, expect, it } from 'vitest';
import { computeHierarchy } from './hierarchy.js';

const chart = (pairs: [string, string | null][]) =>
  pairs.map(([id, managerId]) => ({ id, managerId }));

describe('org hierarchy', () => {
  it('places everyone below the top with depth and the size of the organisation they lead', () => {
    const h = computeHierarchy(
      chart([
        ['ceo', null],
        ['vp1', 'ceo'],
        ['vp2', 'ceo'],
        ['dir', 'vp1'],
        ['ic1', 'dir'],
        ['ic2', 'dir'],
      ]),
    );
    expect(h.topId).toBe('ceo');
    expect(h.placements.get('ceo')).toEqual({ depth: 0, orgSize: 5, directReports: 2 });
    expect(h.placements.get('dir')).toEqual({ depth: 2, orgSize: 2, directReports: 2 });
    expect(h.placements.get('ic2')).toEqual({ depth: 3, orgSize: 0, directReports: 0 });
    expect(h.maxDepth).toBe(3);
    expect(h.problems).toEqual([]);
    expect(h.withoutManager).toBe(1);
  });

  it('records a manager loop as a data problem instead of walking forever', () => {
    const h = computeHierarchy(
      chart([
        ['ceo', null],
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
        ['d', 'a'],
      ]),
    );
    const loopers = h.problems.filter((p) => p.kind === 'manager-loop').map((p) => p.personId);
    expect(loopers.sort()).toEqual(['a', 'b', 'c']);
    expect(h.placements.get('a')?.depth).toBeNull();
    expect(h.placements.get('d')?.depth).toBeNull();
    expect(h.placements.get('ceo')?.depth).toBe(0);
  });

  it('flags people without a manager who are not the top, and managers unknown to the directory', () => {
    const h = computeHierarchy(
      chart([
        ['ceo', null],
        ['vp', 'ceo'],
        ['orphan', null],
        ['stray', 'someone-who-left'],
      ]),
    );
    expect(h.problems.map((p) => [p.personId, p.kind]).sort()).toEqual([
      ['orphan', 'no-manager'],
      ['stray', 'unknown-manager'],
    ]);
    expect(h.placements.get('orphan')?.depth).toBeNull();
    expect(h.withoutManager).toBe(2);
  });

  it('handles a chart 10,000 levels deep without recursion', () => {
    const nodes: [string, string | null][] = [['p0', null]];
    for (let i = 1; i < 10_000; i += 1) nodes.push([`p${i}`, `p${i - 1}`]);
    const h = computeHierarchy(chart(nodes));
    expect(h.maxDepth).toBe(9_999);
    expect(h.placements.get('p0')?.orgSize).toBe(9_999);
  });
});
