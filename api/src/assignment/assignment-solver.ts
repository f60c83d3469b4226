// Long on purpose: input validation, dense/sparse dispatch and the result mapping of one solver; the algorithms themselves live in lap-dense and lap-sparse.
import { borrowDenseCost, lapDense } from './lap-dense.js';
import { lapSparse } from './lap-sparse.js';
import type { CsrGraph } from './lap-sparse.js';

export type { CsrGraph } from './lap-sparse.js';

/** `weights[row][col]`: higher is better, `null` = the pair is forbidden. */
export type WeightMatrix = ReadonlyArray<ReadonlyArray<number | null>>;

/** Row-major `rows × cols` weights; `allowed[k] === 0` forbids entry k (absent = all allowed). */
export interface PackedWeights {
  values: Float64Array;
  allowed?: Uint8Array;
}

export interface AssignmentPin {
  row: number;
  col: number;
}

export interface AssignmentOptions {
  /** Pairs that must be in the solution (an admin's manual choice). */
  pins?: readonly AssignmentPin[];
  /** How many rows each column may take: one number for all, or one per column. Default 1. */
  colCapacity?: number | readonly number[];
}

export interface DenseAssignmentInput extends AssignmentOptions {
  rows: number;
  cols: number;
  weights: WeightMatrix | PackedWeights;
}

export interface SparseEdge {
  row: number;
  col: number;
  weight: number;
}

export interface SparseAssignmentInput extends AssignmentOptions {
  rows: number;
  cols: number;
  /** Allowed pairs only; anything absent is forbidden. */
  edges: readonly SparseEdge[] | CsrGraph;
}

export interface AssignmentResult {
  /** Column of each row, or -1 for a row left unmatched. */
  assignment: Int32Array;
  /** Sum of the weights of the chosen pairs (pins included). */
  total: number;
  /** Number of pairs (pins included). */
  matched: number;
}

/** Thrown for inputs the solver cannot take (sizes, ranges, pins that break the rules). */
export class AssignmentInputError extends Error {
  override readonly name = 'AssignmentInputError';
}

/**
 * Optimal assignment: first the largest possible number of pairs, then the largest total weight,
 * both exactly. Deterministic: the same input always gives the same assignment.
 */
export function solveAssignment(input: DenseAssignmentInput): AssignmentResult {
  const { rows, cols } = input;
  checkSize('rows', rows);
  checkSize('cols', cols);
  const weightAt = denseAccessor(input.weights, rows, cols);
  const layout = buildLayout(rows, cols, input, (r, c) => weightAt(r, c) !== null);
  const { freeRows, slotCol } = layout;
  const nR = freeRows.length;
  const nS = slotCol.length;
  const transpose = nR > nS;
  const n = transpose ? nS : nR;
  const m = transpose ? nR : nS;

  // Single pass over the input: costs for the dense solver (-weight, Infinity when forbidden).
  const cost = borrowDenseCost(n, m);
  let allowedCount = 0;
  const packed = isPacked(input.weights) ? input.weights : undefined;
  if (packed !== undefined && packed.allowed === undefined && !transpose) {
    // The common case, without a call per cell: every pair allowed, rows read straight through.
    if (isIdentity(freeRows, rows) && isIdentity(slotCol, cols)) {
      // The cost matrix is the whole input negated: one pass both copies and screens it.
      if (!negateAllFinite(packed.values, cost)) checkFinite(packed);
    } else {
      checkFinite(packed);
      negateRows(packed.values, cols, freeRows, slotCol, cost);
    }
    allowedCount = n * m;
  } else {
    if (packed !== undefined) checkFinite(packed);
    for (let a = 0; a < nR; a += 1) {
      const r = freeRows[a] as number;
      for (let s = 0; s < nS; s += 1) {
        const w = weightAt(r, slotCol[s] as number);
        const k = transpose ? s * m + a : a * m + s;
        if (w === null) cost[k] = Infinity;
        else {
          cost[k] = -w;
          allowedCount += 1;
        }
      }
    }
  }

  let local: Int32Array;
  if (n === 0) local = new Int32Array(0);
  else if (allowedCount === n * m) local = lapDense(n, m, cost);
  // With any pair forbidden the sparse solver works on the allowed ones only; measured at
  // 2,000 × 2,000 it is as fast as the dense one even with 80% allowed.
  else local = lapSparse(csrFromCost(n, m, cost));
  return finish(layout, local, transpose, rows, (r, c) => weightAt(r, c));
}

/** Same contract as {@link solveAssignment} for inputs given as a list of allowed pairs. */
export function solveSparseAssignment(input: SparseAssignmentInput): AssignmentResult {
  const { rows, cols } = input;
  checkSize('rows', rows);
  checkSize('cols', cols);
  const lookup = edgeLookup(input.edges, rows, cols);
  const layout = buildLayout(rows, cols, input, (r, c) => lookup.weight(r, c) !== null);
  const transpose = layout.freeRows.length > layout.slotCol.length;
  const graph =
    !transpose && isIdentity(layout.freeRows, rows) && isIdentity(layout.slotCol, cols)
      ? lookup.graph
      : slotGraph(lookup.graph, layout, transpose);
  const local = graph.rows === 0 ? new Int32Array(0) : lapSparse(graph);
  return finish(layout, local, transpose, rows, (r, c) => lookup.weight(r, c));
}

interface Layout {
  /** Rows the solver decides (not pinned). */
  freeRows: Int32Array;
  /** Original column of each capacity slot still open after pins. */
  slotCol: Int32Array;
  /** Slots of column c: `slotStart[c]` up to `slotStart[c + 1]`. */
  slotStart: Int32Array;
  pins: readonly AssignmentPin[];
}

function buildLayout(
  rows: number,
  cols: number,
  options: AssignmentOptions,
  isAllowed: (row: number, col: number) => boolean,
): Layout {
  const capacity = new Int32Array(cols);
  const cap = options.colCapacity ?? 1;
  if (typeof cap === 'number') {
    checkCount('colCapacity', cap);
    capacity.fill(cap);
  } else {
    if (cap.length !== cols) {
      throw new AssignmentInputError(`colCapacity has ${cap.length} entries, expected ${cols}`);
    }
    cap.forEach((c, j) => {
      checkCount(`colCapacity[${j}]`, c);
      capacity[j] = c;
    });
  }
  const pins = options.pins ?? [];
  const pinned = new Uint8Array(rows);
  for (const pin of pins) {
    const { row, col } = pin;
    if (!Number.isInteger(row) || row < 0 || row >= rows) {
      throw new AssignmentInputError(`pin row ${row} is outside 0..${rows - 1}`);
    }
    if (!Number.isInteger(col) || col < 0 || col >= cols) {
      throw new AssignmentInputError(`pin col ${col} is outside 0..${cols - 1}`);
    }
    if (pinned[row] === 1) throw new AssignmentInputError(`row ${row} is pinned twice`);
    if (!isAllowed(row, col)) {
      throw new AssignmentInputError(`pin ${row}→${col} is a forbidden pair`);
    }
    if ((capacity[col] as number) === 0) {
      throw new AssignmentInputError(`pins exceed the capacity of column ${col}`);
    }
    pinned[row] = 1;
    capacity[col] = (capacity[col] as number) - 1;
  }
  const freeRowList: number[] = [];
  for (let r = 0; r < rows; r += 1) if (pinned[r] === 0) freeRowList.push(r);
  const slotStart = new Int32Array(cols + 1);
  for (let c = 0; c < cols; c += 1) {
    slotStart[c + 1] = (slotStart[c] as number) + (capacity[c] as number);
  }
  const slotCol = new Int32Array(slotStart[cols] as number);
  for (let c = 0; c < cols; c += 1) slotCol.fill(c, slotStart[c], slotStart[c + 1]);
  return { freeRows: Int32Array.from(freeRowList), slotCol, slotStart, pins };
}

/**
 * The problem the solver sees: free rows × capacity slots (or slots × free rows when there are
 * more rows than slots), each allowed pair once per slot of its column. Two passes, typed arrays.
 */
function slotGraph(input: CsrGraph, layout: Layout, transpose: boolean): CsrGraph {
  const { rowStart, colIndex, weight } = input;
  const { freeRows, slotCol, slotStart } = layout;
  const nR = freeRows.length;
  const nS = slotCol.length;
  const rows = transpose ? nS : nR;
  const start = new Int32Array(rows + 1);
  for (let a = 0; a < nR; a += 1) {
    const r = freeRows[a] as number;
    const end = rowStart[r + 1] as number;
    for (let e = rowStart[r] as number; e < end; e += 1) {
      const c = colIndex[e] as number;
      const from = slotStart[c] as number;
      const to = slotStart[c + 1] as number;
      if (transpose) for (let s = from; s < to; s += 1) start[s + 1] = (start[s + 1] as number) + 1;
      else start[a + 1] = (start[a + 1] as number) + (to - from);
    }
  }
  for (let k = 0; k < rows; k += 1) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const total = start[rows] as number;
  const outIndex = new Int32Array(total);
  const outWeight = new Float64Array(total);
  const fill = start.slice(0, rows);
  for (let a = 0; a < nR; a += 1) {
    const r = freeRows[a] as number;
    const end = rowStart[r + 1] as number;
    for (let e = rowStart[r] as number; e < end; e += 1) {
      const c = colIndex[e] as number;
      const w = weight[e] as number;
      for (let s = slotStart[c] as number; s < (slotStart[c + 1] as number); s += 1) {
        const row = transpose ? s : a;
        const at = fill[row] as number;
        outIndex[at] = transpose ? a : s;
        outWeight[at] = w;
        fill[row] = at + 1;
      }
    }
  }
  return {
    rows,
    cols: transpose ? nR : nS,
    rowStart: start,
    colIndex: outIndex,
    weight: outWeight,
  };
}

function finish(
  layout: Layout,
  local: Int32Array,
  transpose: boolean,
  rows: number,
  weightAt: (row: number, col: number) => number | null,
): AssignmentResult {
  const assignment = new Int32Array(rows).fill(-1);
  for (const pin of layout.pins) assignment[pin.row] = pin.col;
  const { freeRows, slotCol } = layout;
  if (transpose) {
    // local[slot] = index into freeRows
    for (let s = 0; s < local.length; s += 1) {
      const a = local[s] as number;
      if (a >= 0) assignment[freeRows[a] as number] = slotCol[s] as number;
    }
  } else {
    for (let a = 0; a < local.length; a += 1) {
      const s = local[a] as number;
      if (s >= 0) assignment[freeRows[a] as number] = slotCol[s] as number;
    }
  }
  let total = 0;
  let matched = 0;
  for (let r = 0; r < rows; r += 1) {
    const c = assignment[r] as number;
    if (c < 0) continue;
    const w = weightAt(r, c);
    if (w === null) {
      // Cannot happen: the solvers only ever pick allowed pairs and pins are checked.
      throw new Error(`internal: forbidden pair ${r}→${c} in the solution`);
    }
    total += w;
    matched += 1;
  }
  return { assignment, total, matched };
}

/** Whether `list` is exactly 0, 1, …, size - 1. */
function isIdentity(list: Int32Array, size: number): boolean {
  if (list.length !== size) return false;
  for (let k = 0; k < size; k += 1) if (list[k] !== k) return false;
  return true;
}

/**
 * `cost[k] = -values[k]`; false if some value is not finite. x * 0 is 0 for every finite x and
 * NaN otherwise, so one sum screens millions of weights without a branch per entry.
 */
function negateAllFinite(values: Float64Array, cost: Float64Array): boolean {
  let screen = 0;
  for (let k = 0; k < values.length; k += 1) {
    const w = values[k] as number;
    cost[k] = -w;
    screen += w * 0;
  }
  return screen === 0;
}

/** Throws for the first allowed weight that is not finite (after a cheap screen of them all). */
function checkFinite({ values, allowed }: PackedWeights): void {
  let screen = 0;
  for (let k = 0; k < values.length; k += 1) screen += (values[k] as number) * 0;
  if (screen === 0) return;
  for (let k = 0; k < values.length; k += 1) {
    if ((allowed === undefined || allowed[k] !== 0) && !Number.isFinite(values[k])) {
      throw new AssignmentInputError(`weight ${k} is not a finite number`);
    }
  }
}

/** `cost[a][s] = -values[freeRows[a]][slotCol[s]]`, row by row. */
function negateRows(
  values: Float64Array,
  cols: number,
  freeRows: Int32Array,
  slotCol: Int32Array,
  cost: Float64Array,
): void {
  const nS = slotCol.length;
  for (let a = 0; a < freeRows.length; a += 1) {
    const from = (freeRows[a] as number) * cols;
    const to = a * nS;
    for (let s = 0; s < nS; s += 1)
      cost[to + s] = -(values[from + (slotCol[s] as number)] as number);
  }
}

function csrFromCost(n: number, m: number, cost: Float64Array): CsrGraph {
  const rowStart = new Int32Array(n + 1);
  let count = 0;
  for (let i = 0; i < n; i += 1) {
    const base = i * m;
    for (let j = 0; j < m; j += 1) if ((cost[base + j] as number) !== Infinity) count += 1;
    rowStart[i + 1] = count;
  }
  const colIndex = new Int32Array(count);
  const weight = new Float64Array(count);
  let at = 0;
  for (let i = 0; i < n; i += 1) {
    const base = i * m;
    for (let j = 0; j < m; j += 1) {
      const c = cost[base + j] as number;
      if (c !== Infinity) {
        colIndex[at] = j;
        weight[at] = -c;
        at += 1;
      }
    }
  }
  return { rows: n, cols: m, rowStart, colIndex, weight };
}

function denseAccessor(
  weights: WeightMatrix | PackedWeights,
  rows: number,
  cols: number,
): (row: number, col: number) => number | null {
  if (isPacked(weights)) {
    const { values, allowed } = weights;
    if (values.length !== rows * cols) {
      throw new AssignmentInputError(
        `weights has ${values.length} values, expected ${rows * cols}`,
      );
    }
    if (allowed !== undefined && allowed.length !== rows * cols) {
      throw new AssignmentInputError(
        `allowed has ${allowed.length} flags, expected ${rows * cols}`,
      );
    }
    // Finite values are checked by the caller, fused into its pass over them where it can.
    if (allowed === undefined) return (r, c) => values[r * cols + c] as number;
    return (r, c) => {
      const k = r * cols + c;
      return allowed[k] === 0 ? null : (values[k] as number);
    };
  }
  if (weights.length !== rows) {
    throw new AssignmentInputError(`weights has ${weights.length} rows, expected ${rows}`);
  }
  weights.forEach((row, r) => {
    if (row.length !== cols) {
      throw new AssignmentInputError(
        `weights row ${r} has ${row.length} entries, expected ${cols}`,
      );
    }
    row.forEach((w, c) => {
      if (w !== null && !Number.isFinite(w)) {
        throw new AssignmentInputError(`weight [${r}][${c}] is not a finite number`);
      }
    });
  });
  return (r, c) => (weights[r] as ReadonlyArray<number | null>)[c] as number | null;
}

function isPacked(weights: WeightMatrix | PackedWeights): weights is PackedWeights {
  return !Array.isArray(weights);
}

interface EdgeLookup {
  graph: CsrGraph;
  weight: (row: number, col: number) => number | null;
}

function edgeLookup(
  edges: readonly SparseEdge[] | CsrGraph,
  rows: number,
  cols: number,
): EdgeLookup {
  let rowStart: Int32Array;
  let colIndex: Int32Array;
  let weight: Float64Array;
  if (Array.isArray(edges)) {
    const list = edges as readonly SparseEdge[];
    rowStart = new Int32Array(rows + 1);
    for (const e of list) {
      if (!Number.isInteger(e.row) || e.row < 0 || e.row >= rows) {
        throw new AssignmentInputError(`edge row ${e.row} is outside 0..${rows - 1}`);
      }
      if (!Number.isInteger(e.col) || e.col < 0 || e.col >= cols) {
        throw new AssignmentInputError(`edge col ${e.col} is outside 0..${cols - 1}`);
      }
      if (!Number.isFinite(e.weight)) {
        throw new AssignmentInputError(`edge ${e.row}→${e.col} weight is not a finite number`);
      }
      rowStart[e.row + 1] = (rowStart[e.row + 1] as number) + 1;
    }
    for (let r = 0; r < rows; r += 1) {
      rowStart[r + 1] = (rowStart[r + 1] as number) + (rowStart[r] as number);
    }
    colIndex = new Int32Array(list.length);
    weight = new Float64Array(list.length);
    const fill = Int32Array.from(rowStart.subarray(0, rows));
    for (const e of list) {
      const at = fill[e.row] as number;
      colIndex[at] = e.col;
      weight[at] = e.weight;
      fill[e.row] = at + 1;
    }
  } else {
    const csr = edges as CsrGraph;
    if (csr.rows !== rows || csr.cols !== cols || csr.rowStart.length !== rows + 1) {
      throw new AssignmentInputError('CSR graph does not match rows × cols');
    }
    ({ rowStart, colIndex, weight } = csr);
    if (
      rowStart[0] !== 0 ||
      rowStart[rows] !== colIndex.length ||
      weight.length !== colIndex.length
    ) {
      throw new AssignmentInputError('CSR offsets do not match the edge arrays');
    }
    for (let k = 0; k < colIndex.length; k += 1) {
      const c = colIndex[k] as number;
      if (c < 0 || c >= cols) throw new AssignmentInputError(`CSR col ${c} is out of range`);
      if (!Number.isFinite(weight[k]))
        throw new AssignmentInputError(`CSR weight ${k} is not finite`);
    }
  }
  // Duplicate pairs would make "the weight of a pair" ambiguous.
  const seen = new Int32Array(cols).fill(-1);
  for (let r = 0; r < rows; r += 1) {
    const end = rowStart[r + 1] as number;
    const start = rowStart[r] as number;
    if (end < start) throw new AssignmentInputError('CSR offsets must not decrease');
    for (let e = start; e < end; e += 1) {
      const c = colIndex[e] as number;
      if (seen[c] === r) throw new AssignmentInputError(`pair ${r}→${c} is listed twice`);
      seen[c] = r;
    }
  }
  return {
    graph: { rows, cols, rowStart, colIndex, weight },
    weight: (r, c) => {
      const end = rowStart[r + 1] as number;
      for (let e = rowStart[r] as number; e < end; e += 1) {
        if (colIndex[e] === c) return weight[e] as number;
      }
      return null;
    },
  };
}

function checkSize(name: string, value: number): void {
  checkCount(name, value);
}

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new AssignmentInputError(`${name} must be a non-negative integer, got ${value}`);
  }
}
