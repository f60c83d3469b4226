import { describe, expect, it } from 'vitest';
import {
  AssignmentInputError,
  solveAssignment,
  solveSparseAssignment,
} from './assignment-solver.js';
import type { AssignmentResult, SparseEdge, WeightMatrix } from './assignment-solver.js';

/** Small deterministic PRNG so failures can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Exhaustive optimum: most pairs first, then the largest total. */
function bruteForce(
  weights: WeightMatrix,
  cols: number,
  capacity: number[] = new Array<number>(cols).fill(1),
): { matched: number; total: number } {
  const rows = weights.length;
  const left = [...capacity];
  let best = { matched: -1, total: -Infinity };
  const visit = (r: number, matched: number, total: number): void => {
    if (r === rows) {
      if (matched > best.matched || (matched === best.matched && total > best.total + 1e-9)) {
        best = { matched, total };
      }
      return;
    }
    visit(r + 1, matched, total);
    const row = weights[r] ?? [];
    for (let c = 0; c < cols; c += 1) {
      const w = row[c];
      if (w === null || w === undefined || (left[c] ?? 0) === 0) continue;
      left[c] = (left[c] ?? 0) - 1;
      visit(r + 1, matched + 1, total + w);
      left[c] = (left[c] ?? 0) + 1;
    }
  };
  visit(0, 0, 0);
  return best;
}

function randomMatrix(
  next: () => number,
  rows: number,
  cols: number,
  forbidShare: number,
  integer: boolean,
): (number | null)[][] {
  return Array.from({ length: rows }, () =>
    Array.from({ length: cols }, () => {
      if (next() < forbidShare) return null;
      const w = next() * 200 - 100;
      return integer ? Math.round(w / 10) : w;
    }),
  );
}

function toEdges(weights: WeightMatrix): SparseEdge[] {
  const edges: SparseEdge[] = [];
  weights.forEach((row, r) =>
    row.forEach((w, c) => {
      if (w !== null) edges.push({ row: r, col: c, weight: w });
    }),
  );
  return edges;
}

function expectValid(
  weights: WeightMatrix,
  assignment: Int32Array,
  capacity: number[],
): { matched: number; total: number } {
  const used = new Array<number>(capacity.length).fill(0);
  let matched = 0;
  let total = 0;
  assignment.forEach((c, r) => {
    if (c < 0) return;
    const w = weights[r]?.[c];
    expect(w, `row ${r} got forbidden col ${c}`).not.toBeNull();
    used[c] = (used[c] ?? 0) + 1;
    matched += 1;
    total += w ?? 0;
  });
  used.forEach((u, c) => expect(u).toBeLessThanOrEqual(capacity[c] ?? 1));
  return { matched, total };
}

describe('solveAssignment matches brute force', () => {
  it('on hundreds of random instances: rectangular both ways, forbidden pairs, negative weights', () => {
    const next = rng(42);
    let checked = 0;
    for (let trial = 0; trial < 400; trial += 1) {
      const rows = 1 + Math.floor(next() * 6);
      const cols = 1 + Math.floor(next() * 6);
      const forbid = [0, 0.2, 0.5, 0.8][trial % 4] ?? 0;
      const weights = randomMatrix(next, rows, cols, forbid, trial % 3 === 0);
      const expected = bruteForce(weights, cols);
      const capacity = new Array<number>(cols).fill(1);
      for (const result of [
        solveAssignment({ rows, cols, weights }),
        solveSparseAssignment({ rows, cols, edges: toEdges(weights) }),
      ]) {
        const actual = expectValid(weights, result.assignment, capacity);
        expect(result.matched).toBe(expected.matched);
        expect(actual.matched).toBe(expected.matched);
        expect(result.total).toBeCloseTo(expected.total, 9);
        expect(actual.total).toBeCloseTo(result.total, 9);
        checked += 1;
      }
    }
    expect(checked).toBe(800);
  });

  it('on 7 × 7 instances with forbidden pairs', () => {
    const next = rng(7);
    for (let trial = 0; trial < 12; trial += 1) {
      const weights = randomMatrix(next, 7, 7, trial % 2 === 0 ? 0 : 0.6, false);
      const expected = bruteForce(weights, 7);
      const result = solveAssignment({ rows: 7, cols: 7, weights });
      expect(result.matched).toBe(expected.matched);
      expect(result.total).toBeCloseTo(expected.total, 9);
    }
  });

  it('with column capacity above one', () => {
    const next = rng(99);
    for (let trial = 0; trial < 60; trial += 1) {
      const rows = 2 + Math.floor(next() * 5);
      const cols = 1 + Math.floor(next() * 3);
      const capacity = Array.from({ length: cols }, () => Math.floor(next() * 3));
      const weights = randomMatrix(next, rows, cols, 0.3, false);
      const expected = bruteForce(weights, cols, capacity);
      for (const result of [
        solveAssignment({ rows, cols, weights, colCapacity: capacity }),
        solveSparseAssignment({ rows, cols, edges: toEdges(weights), colCapacity: capacity }),
      ]) {
        const actual = expectValid(weights, result.assignment, capacity);
        expect(actual.matched).toBe(expected.matched);
        expect(result.total).toBeCloseTo(expected.total, 9);
      }
    }
  });

  it('on larger instances agrees between the dense, sparse and transposed paths', () => {
    const next = rng(5);
    for (const [rows, cols, forbid] of [
      [60, 60, 0],
      [60, 60, 0.5],
      [40, 70, 0.1],
      [70, 40, 0.9],
      [80, 80, 0.97],
    ] as const) {
      const weights = randomMatrix(next, rows, cols, forbid, false);
      const dense = solveAssignment({ rows, cols, weights });
      const sparse = solveSparseAssignment({ rows, cols, edges: toEdges(weights) });
      const transposed = solveAssignment({
        rows: cols,
        cols: rows,
        weights: Array.from({ length: cols }, (_, c) =>
          Array.from({ length: rows }, (_, r) => weights[r]?.[c] ?? null),
        ),
      });
      expect(sparse.matched).toBe(dense.matched);
      expect(transposed.matched).toBe(dense.matched);
      expect(sparse.total).toBeCloseTo(dense.total, 6);
      expect(transposed.total).toBeCloseTo(dense.total, 6);
    }
  });
});

describe('solveAssignment rules', () => {
  it('prefers more pairs over a heavier matching with fewer pairs', () => {
    // One pair worth 100 beats nothing, but two pairs worth 1 + 1 must win.
    const weights = [
      [100, 1],
      [1, null],
    ];
    const result = solveAssignment({ rows: 2, cols: 2, weights });
    expect(Array.from(result.assignment)).toEqual([1, 0]);
    expect(result).toMatchObject({ matched: 2, total: 2 });
    const sparse = solveSparseAssignment({ rows: 2, cols: 2, edges: toEdges(weights) });
    expect(Array.from(sparse.assignment)).toEqual([1, 0]);
  });

  it('is exact even when weights are huge and tiny at once (no big-M precision loss)', () => {
    const weights = [
      [1e15, 1e-6],
      [1e-6, null],
      [null, 2e-6],
    ];
    const result = solveAssignment({ rows: 3, cols: 2, weights });
    expect(result.matched).toBe(2);
    expect(Array.from(result.assignment)).toEqual([0, -1, 1]);
  });

  it('honours pins even when they cost weight', () => {
    const weights = [
      [10, 1],
      [1, 10],
    ];
    const result = solveAssignment({ rows: 2, cols: 2, weights, pins: [{ row: 0, col: 1 }] });
    expect(Array.from(result.assignment)).toEqual([1, 0]);
    expect(result.total).toBe(2);
  });

  it('counts pins against column capacity', () => {
    const weights = [[5], [4], [3]];
    const result = solveAssignment({
      rows: 3,
      cols: 1,
      weights,
      colCapacity: 2,
      pins: [{ row: 2, col: 0 }],
    });
    expect(Array.from(result.assignment)).toEqual([0, -1, 0]);
    expect(result).toMatchObject({ matched: 2, total: 8 });
  });

  it('rejects pins on forbidden pairs, twice-pinned rows and over-full columns', () => {
    const weights = [
      [1, null],
      [1, 1],
    ];
    expect(() =>
      solveAssignment({ rows: 2, cols: 2, weights, pins: [{ row: 0, col: 1 }] }),
    ).toThrow(AssignmentInputError);
    expect(() =>
      solveAssignment({
        rows: 2,
        cols: 2,
        weights,
        pins: [
          { row: 1, col: 0 },
          { row: 1, col: 1 },
        ],
      }),
    ).toThrow(/pinned twice/);
    expect(() =>
      solveAssignment({
        rows: 2,
        cols: 2,
        weights,
        pins: [
          { row: 0, col: 0 },
          { row: 1, col: 0 },
        ],
      }),
    ).toThrow(/capacity/);
  });

  it('leaves rows with no allowed partner at -1', () => {
    const weights = [
      [null, null],
      [3, null],
      [null, null],
    ];
    const result = solveAssignment({ rows: 3, cols: 2, weights });
    expect(Array.from(result.assignment)).toEqual([-1, 0, -1]);
    expect(result).toMatchObject({ matched: 1, total: 3 });
  });

  it('handles empty problems', () => {
    expect(solveAssignment({ rows: 0, cols: 3, weights: [] })).toMatchObject({ matched: 0 });
    const noCols = solveAssignment({ rows: 2, cols: 0, weights: [[], []] });
    expect(Array.from(noCols.assignment)).toEqual([-1, -1]);
  });

  it('gives the same answer every time, ties included', () => {
    const weights = Array.from({ length: 30 }, () => new Array<number>(30).fill(1));
    const first = solveAssignment({ rows: 30, cols: 30, weights });
    for (let k = 0; k < 3; k += 1) {
      expect(Array.from(solveAssignment({ rows: 30, cols: 30, weights }).assignment)).toEqual(
        Array.from(first.assignment),
      );
    }
    const edges = toEdges(weights);
    const a = solveSparseAssignment({ rows: 30, cols: 30, edges });
    const b = solveSparseAssignment({ rows: 30, cols: 30, edges });
    expect(Array.from(a.assignment)).toEqual(Array.from(b.assignment));
  });

  it('accepts packed weights with a mask', () => {
    const values = Float64Array.from([1, 9, 9, 1]);
    const allowed = Uint8Array.from([1, 0, 1, 1]);
    const result = solveAssignment({ rows: 2, cols: 2, weights: { values, allowed } });
    expect(Array.from(result.assignment)).toEqual([0, 1]);
    expect(result.total).toBe(2);
  });

  it('rejects malformed input', () => {
    expect(() => solveAssignment({ rows: 2, cols: 1, weights: [[1]] })).toThrow(/rows/);
    expect(() => solveAssignment({ rows: 1, cols: 2, weights: [[1]] })).toThrow(/entries/);
    expect(() => solveAssignment({ rows: 1, cols: 1, weights: [[Number.NaN]] })).toThrow(/finite/);
    // Packed input, every pair allowed: the finite check rides along the cost copy.
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      const values = Float64Array.from([1, 2, 3, bad]);
      expect(() => solveAssignment({ rows: 2, cols: 2, weights: { values } })).toThrow(
        /weight 3 is not a finite/,
      );
      // Same with a pin (the copy then skips the pinned row, so the whole input is screened).
      expect(() =>
        solveAssignment({ rows: 2, cols: 2, weights: { values }, pins: [{ row: 1, col: 0 }] }),
      ).toThrow(/weight 3 is not a finite/);
    }
    expect(() => solveAssignment({ rows: -1, cols: 1, weights: [] })).toThrow(/non-negative/);
    expect(() =>
      solveSparseAssignment({
        rows: 1,
        cols: 1,
        edges: [
          { row: 0, col: 0, weight: 1 },
          { row: 0, col: 0, weight: 2 },
        ],
      }),
    ).toThrow(/twice/);
  });

  it('gives the same answers when solves of different sizes share the scratch heap', () => {
    const next = rng(77);
    const instance = (r: number, c: number) =>
      Float64Array.from({ length: r * c }, () => Math.floor(next() * 1000));
    const cases = [
      [40, 40],
      [5, 5],
      [30, 45],
      [45, 30],
      [40, 40],
    ].map(([r, c]) => ({
      rows: r as number,
      cols: c as number,
      values: instance(r as number, c as number),
    }));
    const first = cases.map((k) => solveAssignment({ ...k, weights: { values: k.values } }));
    const again = [...cases]
      .reverse()
      .map((k) => solveAssignment({ ...k, weights: { values: k.values } }))
      .reverse();
    again.forEach((result, k) => {
      expect(Array.from(result.assignment)).toEqual(
        Array.from((first[k] as typeof result).assignment),
      );
      expect(result.total).toBe((first[k] as typeof result).total);
    });
    // And against the number[][] path, which builds its costs cell by cell.
    cases.forEach((k, idx) => {
      const nested = Array.from({ length: k.rows }, (_, r) =>
        Array.from(k.values.subarray(r * k.cols, (r + 1) * k.cols)),
      );
      expect(solveAssignment({ rows: k.rows, cols: k.cols, weights: nested }).total).toBe(
        (first[idx] as AssignmentResult).total,
      );
    });
  });
});
