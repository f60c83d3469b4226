import { maximumMatching } from './max-cardinality.js';
import type { Matching } from './max-cardinality.js';

/**
 * Sparse assignment over the allowed pairs only, exact about "as many pairs as possible first,
 * then the largest total weight".
 *
 * Cardinality first, without a big-M constant and without lexicographic costs: a maximum
 * matching (Hopcroft–Karp) splits the graph by the Dulmage–Mendelsohn decomposition. The rows
 * reachable from an unmatched row by alternating paths (D) and their neighbours (N(D)) form one
 * part: every maximum matching pairs every column of N(D) with a row of D, and every other row
 * with a column outside N(D) — and any two matchings with those two properties together have
 * maximum size. So "a maximum matching of greatest weight" is exactly two independent problems
 * in which one side must be matched completely: the rows outside D into the columns outside
 * N(D), and the columns of N(D) into the rows of D. When every row can be matched (the common
 * case) D is empty and there is just one.
 *
 * Each is solved by {@link solveRowPerfect}, a sparse Jonker–Volgenant (LAPJVsp): column
 * reduction over the edges (square parts), augmenting row reduction, then shortest augmenting
 * paths — Dijkstra over the CSR edges with a binary heap keyed by reduced distance — with column
 * potentials. Ties go to free columns, then to the lower index, so results are deterministic.
 */
export interface CsrGraph {
  rows: number;
  cols: number;
  /** `rows + 1` offsets into `colIndex` / `weight`. */
  rowStart: Int32Array;
  colIndex: Int32Array;
  weight: Float64Array;
}

/**
 * Returns the column of each row, or -1 where the row stays unmatched: the most pairs, then the
 * largest total weight. `matching` may pass a maximum matching already computed for the graph.
 */
export function lapSparse(graph: CsrGraph, matching?: Matching): Int32Array {
  const { rows, cols, rowStart, colIndex, weight } = graph;
  const result = new Int32Array(rows).fill(-1);
  if (rows === 0 || cols === 0 || colIndex.length === 0) return result;
  const max = matching ?? maximumMatching(rows, cols, rowStart, colIndex);
  if (max.size === rows) {
    return solveRowPerfect(rows, cols, rowStart, colIndex, negate(weight));
  }
  const { matchCol } = max;

  // D: rows reachable from an unmatched row by alternating paths; N(D): their neighbours (all
  // matched, else the matching would not be maximum).
  const inD = new Uint8Array(rows);
  const inN = new Uint8Array(cols);
  const queue = new Int32Array(rows);
  let tail = 0;
  for (let r = 0; r < rows; r += 1) {
    if ((max.matchRow[r] as number) < 0) {
      inD[r] = 1;
      queue[tail] = r;
      tail += 1;
    }
  }
  for (let head = 0; head < tail; head += 1) {
    const r = queue[head] as number;
    const end = rowStart[r + 1] as number;
    for (let e = rowStart[r] as number; e < end; e += 1) {
      const c = colIndex[e] as number;
      if (inN[c] === 1) continue;
      inN[c] = 1;
      const mate = matchCol[c] as number;
      if (mate >= 0 && inD[mate] === 0) {
        inD[mate] = 1;
        queue[tail] = mate;
        tail += 1;
      }
    }
  }

  // Part 1: rows outside D, each matched to a column outside N(D).
  const restRows: number[] = [];
  for (let r = 0; r < rows; r += 1) if (inD[r] === 0) restRows.push(r);
  const restColOf = new Int32Array(cols).fill(-1);
  const restCols: number[] = [];
  for (let c = 0; c < cols; c += 1) {
    if (inN[c] === 0) {
      restColOf[c] = restCols.length;
      restCols.push(c);
    }
  }
  if (restRows.length > 0) {
    const start = new Int32Array(restRows.length + 1);
    let count = 0;
    restRows.forEach((r, k) => {
      const end = rowStart[r + 1] as number;
      for (let e = rowStart[r] as number; e < end; e += 1) {
        if ((restColOf[colIndex[e] as number] as number) >= 0) count += 1;
      }
      start[k + 1] = count;
    });
    const index = new Int32Array(count);
    const cost = new Float64Array(count);
    let at = 0;
    for (const r of restRows) {
      const end = rowStart[r + 1] as number;
      for (let e = rowStart[r] as number; e < end; e += 1) {
        const c = restColOf[colIndex[e] as number] as number;
        if (c >= 0) {
          index[at] = c;
          cost[at] = -(weight[e] as number);
          at += 1;
        }
      }
    }
    const local = solveRowPerfect(restRows.length, restCols.length, start, index, cost);
    restRows.forEach((r, k) => {
      result[r] = restCols[local[k] as number] as number;
    });
  }

  // Part 2: every column of N(D) matched to a row of D — solved transposed, columns as rows.
  const dRows: number[] = [];
  const dRowOf = new Int32Array(rows).fill(-1);
  for (let r = 0; r < rows; r += 1) {
    if (inD[r] === 1) {
      dRowOf[r] = dRows.length;
      dRows.push(r);
    }
  }
  const nCols: number[] = [];
  const nColOf = new Int32Array(cols).fill(-1);
  for (let c = 0; c < cols; c += 1) {
    if (inN[c] === 1) {
      nColOf[c] = nCols.length;
      nCols.push(c);
    }
  }
  if (nCols.length > 0) {
    const start = new Int32Array(nCols.length + 1);
    for (const r of dRows) {
      const end = rowStart[r + 1] as number;
      for (let e = rowStart[r] as number; e < end; e += 1) {
        const k = nColOf[colIndex[e] as number] as number;
        start[k + 1] = (start[k + 1] as number) + 1;
      }
    }
    for (let k = 0; k < nCols.length; k += 1) {
      start[k + 1] = (start[k + 1] as number) + (start[k] as number);
    }
    const total = start[nCols.length] as number;
    const index = new Int32Array(total);
    const cost = new Float64Array(total);
    const fill = start.slice(0, nCols.length);
    for (const r of dRows) {
      const end = rowStart[r + 1] as number;
      for (let e = rowStart[r] as number; e < end; e += 1) {
        const k = nColOf[colIndex[e] as number] as number;
        const at = fill[k] as number;
        index[at] = dRowOf[r] as number;
        cost[at] = -(weight[e] as number);
        fill[k] = at + 1;
      }
    }
    const local = solveRowPerfect(nCols.length, dRows.length, start, index, cost);
    nCols.forEach((c, k) => {
      result[dRows[local[k] as number] as number] = c;
    });
  }
  return result;
}

function negate(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let k = 0; k < values.length; k += 1) out[k] = -(values[k] as number);
  return out;
}

/**
 * Minimum-cost assignment of every row (`rows <= cols`) over CSR edges with costs `cost`; the
 * caller guarantees such an assignment exists. Potentials live on the columns only; a row's is
 * implied by its assigned edge (`cost - v` there is the smallest over its edges). Unmatched
 * columns keep a zero potential and matched ones never go above zero, which is what makes the
 * rectangular case optimal too.
 */
export function solveRowPerfect(
  n: number,
  m: number,
  rowStart: Int32Array,
  colIndex: Int32Array,
  cost: Float64Array,
): Int32Array {
  const v = new Float64Array(m);
  const x = new Int32Array(n).fill(-1);
  const y = new Int32Array(m).fill(-1);
  /** Cost of each row's assigned edge. */
  const xCost = new Float64Array(n);
  const free = new Int32Array(n);
  let numFree: number;
  if (n === m) {
    numFree = columnReduction(n, rowStart, colIndex, cost, v, x, y, xCost, free);
  } else {
    // Rectangular: the columns left over must end with a zero potential, so column reduction
    // (which lowers every column to its minimum) does not apply; start from v = 0.
    for (let i = 0; i < n; i += 1) free[i] = i;
    numFree = n;
  }
  numFree = augmentingRowReduction(n, numFree, rowStart, colIndex, cost, v, x, y, xCost, free);
  if (numFree > 0) shortestPaths(m, numFree, rowStart, colIndex, cost, v, x, y, xCost, free);
  return x;
}

/**
 * Square only. Every column's potential becomes its cheapest edge, and that edge's row takes it
 * (one column per row); a row that won exactly one column hands it the slack to its second-best
 * edge (reduction transfer). Returns how many rows are still free (listed in `free`).
 */
function columnReduction(
  n: number,
  rowStart: Int32Array,
  colIndex: Int32Array,
  cost: Float64Array,
  v: Float64Array,
  x: Int32Array,
  y: Int32Array,
  xCost: Float64Array,
  free: Int32Array,
): number {
  const argMin = new Int32Array(n).fill(-1);
  const matches = new Int32Array(n);
  v.fill(Infinity);
  for (let i = 0; i < n; i += 1) {
    const end = rowStart[i + 1] as number;
    for (let e = rowStart[i] as number; e < end; e += 1) {
      const j = colIndex[e] as number;
      const c = cost[e] as number;
      if (c < (v[j] as number)) {
        v[j] = c;
        argMin[j] = i;
      }
    }
  }
  for (let j = n - 1; j >= 0; j -= 1) {
    const i = argMin[j] as number;
    if (i < 0) {
      v[j] = 0; // no edge at all: cannot happen when a complete assignment exists
      continue;
    }
    matches[i] = (matches[i] as number) + 1;
    if (matches[i] === 1) {
      x[i] = j;
      y[j] = i;
      xCost[i] = v[j] as number;
    }
  }
  let numFree = 0;
  for (let i = 0; i < n; i += 1) {
    const won = matches[i] as number;
    if (won === 0) {
      free[numFree] = i;
      numFree += 1;
    } else if (won === 1) {
      const j1 = x[i] as number;
      let min = Infinity;
      const end = rowStart[i + 1] as number;
      for (let e = rowStart[i] as number; e < end; e += 1) {
        const j = colIndex[e] as number;
        if (j === j1) continue;
        const h = (cost[e] as number) - (v[j] as number);
        if (h < min) min = h;
      }
      if (min !== Infinity) v[j1] = (v[j1] as number) - min;
    }
  }
  return numFree;
}

/**
 * Two rounds of augmenting row reduction: a free row takes its cheapest column, lowering that
 * column's potential by the gap to its second-cheapest, and the row it displaces goes next.
 * Potentials only ever go down and only on columns that stay matched. Returns how many rows are
 * still free.
 */
function augmentingRowReduction(
  n: number,
  startFree: number,
  rowStart: Int32Array,
  colIndex: Int32Array,
  cost: Float64Array,
  v: Float64Array,
  x: Int32Array,
  y: Int32Array,
  xCost: Float64Array,
  free: Int32Array,
): number {
  let numFree = startFree;
  // Bounded: with floating-point costs rows could in theory shuffle for long; rows not settled
  // here go on to the shortest-path phase.
  const stepLimit = 4 * n + 100;
  for (let round = 0; round < 2 && numFree > 0; round += 1) {
    let k = 0;
    const previous = numFree;
    numFree = 0;
    let steps = 0;
    while (k < previous) {
      if (steps >= stepLimit) {
        while (k < previous) {
          free[numFree] = free[k] as number;
          numFree += 1;
          k += 1;
        }
        break;
      }
      steps += 1;
      const i = free[k] as number;
      k += 1;
      let umin = Infinity;
      let usub = Infinity;
      let j1 = -1;
      let j2 = -1;
      let c1 = 0;
      let c2 = 0;
      const end = rowStart[i + 1] as number;
      for (let e = rowStart[i] as number; e < end; e += 1) {
        const j = colIndex[e] as number;
        const c = cost[e] as number;
        const h = c - (v[j] as number);
        if (h < usub) {
          if (h >= umin) {
            usub = h;
            j2 = j;
            c2 = c;
          } else {
            usub = umin;
            j2 = j1;
            c2 = c1;
            umin = h;
            j1 = j;
            c1 = c;
          }
        }
      }
      if (usub === Infinity || j1 < 0 || j2 < 0) {
        // One usable column only: leave the row to the shortest-path phase.
        free[numFree] = i;
        numFree += 1;
        continue;
      }
      let i0 = y[j1] as number;
      const strict = umin < usub;
      if (strict) {
        v[j1] = (v[j1] as number) - (usub - umin);
      } else if (i0 >= 0) {
        j1 = j2;
        c1 = c2;
        i0 = y[j2] as number;
      }
      if (i0 >= 0) x[i0] = -1;
      x[i] = j1;
      y[j1] = i;
      xCost[i] = c1;
      if (i0 >= 0) {
        if (strict) {
          k -= 1;
          free[k] = i0;
        } else {
          free[numFree] = i0;
          numFree += 1;
        }
      }
    }
  }
  return numFree;
}

/**
 * For each free row, Dijkstra over reduced costs (`cost - v`, offset by the scanned row's own
 * assigned edge) until a free column is settled, then potentials of the settled columns move by
 * how much closer than that column they were, and the path flips. The heap holds each reached
 * column once, ranked by distance, then free columns before matched ones, then index.
 */
function shortestPaths(
  m: number,
  numFree: number,
  rowStart: Int32Array,
  colIndex: Int32Array,
  cost: Float64Array,
  v: Float64Array,
  x: Int32Array,
  y: Int32Array,
  xCost: Float64Array,
  free: Int32Array,
): void {
  const d = new Float64Array(m).fill(Infinity);
  const pred = new Int32Array(m);
  const predCost = new Float64Array(m);
  const settled = new Uint8Array(m);
  const touched = new Int32Array(m);
  const settledList = new Int32Array(m);
  const heapPos = new Int32Array(m).fill(-1);
  // Heap entries: rank (free columns j, matched ones m + j) and its distance.
  const heapRank = new Int32Array(m);
  const heapKey = new Float64Array(m);

  for (let f = 0; f < numFree; f += 1) {
    const start = free[f] as number;
    let touchedCount = 0;
    let settledCount = 0;
    let heapSize = 0;
    let sink: number;
    let row = start;
    let offset = 0; // distance at which `row` was reached, minus its assigned edge's reduced cost
    let dist: number;
    for (;;) {
      const end = rowStart[row + 1] as number;
      for (let e = rowStart[row] as number; e < end; e += 1) {
        const j = colIndex[e] as number;
        if (settled[j] === 1) continue;
        const c = cost[e] as number;
        const nd = c - (v[j] as number) + offset;
        const old = d[j] as number;
        if (nd < old) {
          d[j] = nd;
          pred[j] = row;
          predCost[j] = c;
          let pos = heapPos[j] as number;
          if (old === Infinity) {
            touched[touchedCount] = j;
            touchedCount += 1;
            pos = heapSize;
            heapSize += 1;
          }
          // Sift up from `pos`.
          const rank = (y[j] as number) < 0 ? j : m + j;
          while (pos > 0) {
            const parent = (pos - 1) >> 1;
            const pk = heapKey[parent] as number;
            if (pk < nd || (pk === nd && (heapRank[parent] as number) < rank)) break;
            const pr = heapRank[parent] as number;
            heapRank[pos] = pr;
            heapKey[pos] = pk;
            heapPos[pr >= m ? pr - m : pr] = pos;
            pos = parent;
          }
          heapRank[pos] = rank;
          heapKey[pos] = nd;
          heapPos[j] = pos;
        }
      }
      if (heapSize === 0) throw new Error('lapSparse: no augmenting path (infeasible input)');
      // Pop the minimum.
      const topRank = heapRank[0] as number;
      const j = topRank >= m ? topRank - m : topRank;
      dist = heapKey[0] as number;
      heapPos[j] = -1;
      heapSize -= 1;
      if (heapSize > 0) {
        const lastRank = heapRank[heapSize] as number;
        const lastKey = heapKey[heapSize] as number;
        let pos = 0;
        for (;;) {
          let child = 2 * pos + 1;
          if (child >= heapSize) break;
          let ck = heapKey[child] as number;
          let cr = heapRank[child] as number;
          const right = child + 1;
          if (right < heapSize) {
            const rk = heapKey[right] as number;
            const rr = heapRank[right] as number;
            if (rk < ck || (rk === ck && rr < cr)) {
              child = right;
              ck = rk;
              cr = rr;
            }
          }
          if (lastKey < ck || (lastKey === ck && lastRank < cr)) break;
          heapRank[pos] = cr;
          heapKey[pos] = ck;
          heapPos[cr >= m ? cr - m : cr] = pos;
          pos = child;
        }
        heapRank[pos] = lastRank;
        heapKey[pos] = lastKey;
        heapPos[lastRank >= m ? lastRank - m : lastRank] = pos;
      }
      settled[j] = 1;
      if (topRank < m) {
        sink = j;
        break;
      }
      settledList[settledCount] = j;
      settledCount += 1;
      row = y[j] as number;
      offset = dist - ((xCost[row] as number) - (v[j] as number));
    }

    // Settled columns were `dist - d[j]` closer than the free column found: lower their
    // potentials by that much, which keeps every reduced cost non-negative.
    for (let k = 0; k < settledCount; k += 1) {
      const j = settledList[k] as number;
      v[j] = (v[j] as number) + (d[j] as number) - dist;
    }
    let j = sink;
    for (;;) {
      const i = pred[j] as number;
      y[j] = i;
      const previous = x[i] as number;
      x[i] = j;
      xCost[i] = predCost[j] as number;
      if (i === start) break;
      j = previous;
    }
    for (let k = 0; k < touchedCount; k += 1) {
      const t = touched[k] as number;
      d[t] = Infinity;
      settled[t] = 0;
      heapPos[t] = -1;
    }
  }
}
