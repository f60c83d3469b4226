// Long on purpose: exactness checks of the solver against brute force on many shapes, sharing the seeded generators.
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

/** The dense and the sparse solver on one instance (the sparse one reads it as edges). */
function bothSolvers(input: Parameters<typeof solveAssignment>[0] & { weights: WeightMatrix }) {
  const { weights, ...rest } = input;
  return [solveAssignment(input), solveSparseAssignment({ ...rest, edges: toEdges(weights) })];
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
      for (const result of bothSolvers({ rows, cols, weights })) {
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
      for (const result of bothSolvers({ rows, cols, weights, colCapacity: capacity })) {
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

/**
 * Independent reference for integer weights: the textbook O(n³) Hungarian method on a square
 * matrix where a forbidden pair (or padding) costs 0 and an allowed one -(w + BIG). With BIG far
 * above any total weight, minimising the cost is "most pairs, then largest total" — exactly, as
 * every sum stays an integer well inside a double's precision.
 */
function hungarianReference(
  weights: WeightMatrix,
  rows: number,
  cols: number,
): { matched: number; total: number } {
  const big = 1e7;
  const n = Math.max(rows, cols);
  const cost = (i: number, j: number): number => {
    const w = i < rows && j < cols ? weights[i]?.[j] : null;
    return w === null || w === undefined ? 0 : -(w + big);
  };
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(n + 1).fill(0);
  const p = new Array<number>(n + 1).fill(0);
  const way = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= n; i += 1) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array<number>(n + 1).fill(Infinity);
    const used = new Array<boolean>(n + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0] as number;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j += 1) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - (u[i0] as number) - (v[j] as number);
        if (cur < (minv[j] as number)) {
          minv[j] = cur;
          way[j] = j0;
        }
        if ((minv[j] as number) < delta) {
          delta = minv[j] as number;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j += 1) {
        if (used[j]) {
          u[p[j] as number] = (u[p[j] as number] as number) + delta;
          v[j] = (v[j] as number) - delta;
        } else {
          minv[j] = (minv[j] as number) - delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0] as number;
      p[j0] = p[j1] as number;
      j0 = j1;
    } while (j0 !== 0);
  }
  let matched = 0;
  let total = 0;
  for (let j = 1; j <= n; j += 1) {
    const i = (p[j] as number) - 1;
    const w = i < rows && j - 1 < cols ? weights[i]?.[j - 1] : null;
    if (w !== null && w !== undefined) {
      matched += 1;
      total += w;
    }
  }
  return { matched, total };
}

/** Whether every row can be matched (augmenting paths, weights ignored). */
function everyRowMatchable(weights: WeightMatrix, cols: number): boolean {
  const owner = new Array<number>(cols).fill(-1);
  const tryRow = (r: number, seen: boolean[]): boolean => {
    const row = weights[r] ?? [];
    for (let c = 0; c < cols; c += 1) {
      if (row[c] === null || row[c] === undefined || seen[c]) continue;
      seen[c] = true;
      if (owner[c] === -1 || tryRow(owner[c] as number, seen)) {
        owner[c] = r;
        return true;
      }
    }
    return false;
  };
  return weights.every((_, r) => tryRow(r, new Array<boolean>(cols).fill(false)));
}

describe('sparse instances (most pairs forbidden)', () => {
  it('match brute force, including when not every row can be matched', () => {
    const next = rng(2024);
    let deficient = 0;
    for (let trial = 0; trial < 600; trial += 1) {
      const rows = 1 + Math.floor(next() * 7);
      const cols = 1 + Math.floor(next() * 7);
      const forbid = [0.6, 0.75, 0.9][trial % 3] ?? 0.9;
      const weights = randomMatrix(next, rows, cols, forbid, trial % 2 === 0);
      const expected = bruteForce(weights, cols);
      if (expected.matched < Math.min(rows, cols)) deficient += 1;
      const capacity = new Array<number>(cols).fill(1);
      for (const result of bothSolvers({ rows, cols, weights })) {
        const actual = expectValid(weights, result.assignment, capacity);
        expect(actual.matched).toBe(expected.matched);
        expect(result.matched).toBe(expected.matched);
        expect(result.total).toBeCloseTo(expected.total, 9);
        expect(actual.total).toBeCloseTo(result.total, 9);
      }
    }
    // The split into "rows that must be matched" and "columns that must be matched" only runs
    // when some row cannot be: make sure many trials took that path.
    expect(deficient).toBeGreaterThan(150);
  });

  it('match brute force with capacities and pins', () => {
    const next = rng(31);
    for (let trial = 0; trial < 150; trial += 1) {
      const rows = 2 + Math.floor(next() * 5);
      const cols = 1 + Math.floor(next() * 4);
      const capacity = Array.from({ length: cols }, () => 1 + Math.floor(next() * 2));
      const weights = randomMatrix(next, rows, cols, 0.7, trial % 2 === 0);
      // Pin the first allowed pair of row 0, if any, and check against brute force without row 0.
      const pinCol = (weights[0] ?? []).findIndex((w) => w !== null);
      const pins = pinCol >= 0 ? [{ row: 0, col: pinCol }] : [];
      const left = [...capacity];
      if (pinCol >= 0) left[pinCol] = (left[pinCol] ?? 0) - 1;
      const rest = bruteForce(pinCol >= 0 ? weights.slice(1) : weights, cols, left);
      const pinWeight = pinCol >= 0 ? ((weights[0] ?? [])[pinCol] ?? 0) : 0;
      const expected = {
        matched: rest.matched + (pinCol >= 0 ? 1 : 0),
        total: rest.total + pinWeight,
      };
      for (const result of bothSolvers({ rows, cols, weights, colCapacity: capacity, pins })) {
        const actual = expectValid(weights, result.assignment, capacity);
        if (pinCol >= 0) expect(result.assignment[0]).toBe(pinCol);
        expect(actual.matched).toBe(expected.matched);
        expect(result.total).toBeCloseTo(expected.total, 9);
      }
    }
  });

  it('match an independent Hungarian method on cohort-sized instances, square and rectangular', () => {
    const next = rng(11);
    let deficient = 0;
    for (const [rows, cols, forbid] of [
      [120, 120, 0.9],
      [120, 120, 0.97],
      [150, 150, 0.985],
      [80, 140, 0.9],
      [140, 80, 0.95],
      [100, 100, 0.6],
      [60, 90, 0.98],
    ] as const) {
      const weights = randomMatrix(next, rows, cols, forbid, true);
      const expected = hungarianReference(weights, rows, cols);
      if (!everyRowMatchable(weights, cols) && !everyRowMatchable(transpose(weights), rows)) {
        deficient += 1;
      }
      const capacity = new Array<number>(cols).fill(1);
      for (const result of bothSolvers({ rows, cols, weights })) {
        const actual = expectValid(weights, result.assignment, capacity);
        expect(actual).toEqual(expected);
        expect(result).toMatchObject(expected);
      }
    }
    expect(deficient).toBeGreaterThanOrEqual(2);
  });

  it('keep cardinality first when one must give way: the heavier of two rivals wins', () => {
    // Rows 0 and 1 can only take column 0; row 2 prefers column 0 by far but must take column 1,
    // or one pair is lost. Column 0 then goes to row 1, the heavier of its two rivals.
    const weights = [
      [5, null],
      [7, null],
      [100, 1],
    ];
    for (const result of bothSolvers({ rows: 3, cols: 2, weights })) {
      expect(Array.from(result.assignment)).toEqual([-1, 0, 1]);
      expect(result).toMatchObject({ matched: 2, total: 8 });
    }
  });

  it('give the same assignment every time, ties included', () => {
    const next = rng(3);
    const weights = Array.from({ length: 60 }, () =>
      Array.from({ length: 60 }, () => (next() < 0.9 ? null : 1)),
    );
    const edges = toEdges(weights);
    const first = Array.from(solveSparseAssignment({ rows: 60, cols: 60, edges }).assignment);
    for (let k = 0; k < 3; k += 1) {
      expect(Array.from(solveSparseAssignment({ rows: 60, cols: 60, edges }).assignment)).toEqual(
        first,
      );
      expect(Array.from(solveAssignment({ rows: 60, cols: 60, weights }).assignment)).toEqual(
        first,
      );
    }
  });
});

function transpose(weights: WeightMatrix): (number | null)[][] {
  const cols = weights[0]?.length ?? 0;
  return Array.from({ length: cols }, (_, c) => weights.map((row) => row[c] ?? null));
}

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
