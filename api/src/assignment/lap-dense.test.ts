import { describe, expect, it } from 'vitest';
import { allocateDenseCost, lapDense } from './lap-dense.js';
import { asmJsWarnings } from './testing.js';

describe('lapDense', () => {
  it('finds the minimum-cost assignment, square and rectangular', () => {
    const square = Float64Array.from([4, 1, 3, 2, 0, 5, 3, 2, 2]);
    expect(Array.from(lapDense(3, 3, square))).toEqual([1, 0, 2]);
    const wide = Float64Array.from([5, 1, 9, 4, 2, 1, 8, 3]);
    expect(Array.from(lapDense(2, 4, wide))).toEqual([1, 0]);
  });

  it('skips forbidden (Infinity) pairs and leaves the input untouched', () => {
    const cost = Float64Array.from([0, Infinity, 1, 0]);
    expect(Array.from(lapDense(2, 2, cost))).toEqual([0, 1]);
    expect(Array.from(cost)).toEqual([0, Infinity, 1, 0]);
  });

  it('solves in place in a matrix from allocateDenseCost, repeatedly, with the same answer', () => {
    const cost = allocateDenseCost(3, 3);
    cost.set([4, 1, 3, 2, 0, 5, 3, 2, 2]);
    const first = Array.from(lapDense(3, 3, cost));
    expect(Array.from(lapDense(3, 3, cost))).toEqual(first);
    expect(Array.from(cost)).toEqual([4, 1, 3, 2, 0, 5, 3, 2, 2]);
  });

  it('throws when no assignment covers every row', () => {
    const cost = Float64Array.from([0, Infinity, 0, Infinity]);
    expect(() => lapDense(2, 2, cost)).toThrow(/no augmenting path/);
  });

  it('runs as validated asm.js (V8 reports a rejected or unlinkable module as a warning)', async () => {
    const warnings = await asmJsWarnings(() => {
      lapDense(2, 2, Float64Array.from([1, 2, 3, 4]));
      lapDense(50, 60, allocateDenseCost(50, 60));
    });
    expect(warnings).toEqual([]);
  });
});
