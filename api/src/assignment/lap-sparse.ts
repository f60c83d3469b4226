// Long on purpose: one asm.js-style kernel of the sparse assignment; the comment below explains the algorithm as a whole.
import { asmHeapSize, scratchHeap } from './asm-heap.js';
import type { AsmStdlib } from './asm-heap.js';
import { maximumMatching } from './max-cardinality.js';

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
 * Like the dense solver, its loops are an asm.js module (see `lap-dense.ts` for why): V8
 * compiles it ahead of the first call, so even a one-off solve runs at full speed instead of
 * spending most of its time in the interpreter while the optimising compiler warms up.
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
 * largest total weight.
 */
export function lapSparse(graph: CsrGraph): Int32Array {
  const { rows, cols, rowStart, colIndex, weight } = graph;
  const result = new Int32Array(rows).fill(-1);
  if (rows === 0 || cols === 0 || colIndex.length === 0) return result;
  const max = maximumMatching(rows, cols, rowStart, colIndex);
  if (max.size === rows) {
    return solveRowPerfect(rows, cols, rowStart, colIndex, weight);
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
          cost[at] = weight[e] as number;
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
        cost[at] = weight[e] as number;
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

/**
 * Largest-weight assignment of every row (`rows <= cols`) over CSR edges; the caller guarantees
 * one exists. Potentials live on the columns only; a row's is implied by its assigned edge
 * (`cost - v` there is the smallest over its edges, with cost = -weight). Unmatched columns keep
 * a zero potential and matched ones never go above zero, which is what makes the rectangular
 * case optimal too. Returns the column of each row.
 */
export function solveRowPerfect(
  n: number,
  m: number,
  rowStart: Int32Array,
  colIndex: Int32Array,
  weight: Float64Array,
): Int32Array {
  const x = new Int32Array(n).fill(-1);
  if (n === 0) return x;
  const edges = rowStart[n] as number;
  const layout = sparseLayout(n, m, edges);
  const heap = borrowHeap(layout.bytes);
  const floats = new Float64Array(heap);
  const ints = new Int32Array(heap);
  const cost = floats.subarray(layout.cost >> 3, (layout.cost >> 3) + edges);
  for (let e = 0; e < edges; e += 1) cost[e] = -(weight[e] as number);
  ints.set(rowStart.subarray(0, n + 1), layout.rowStart >> 2);
  ints.set(colIndex.subarray(0, edges), layout.colIndex >> 2);
  floats.fill(0, layout.v >> 3, (layout.v >> 3) + m);
  floats.fill(Infinity, layout.d >> 3, (layout.d >> 3) + m);
  ints.fill(-1, layout.x >> 2, (layout.x >> 2) + n);
  ints.fill(-1, layout.y >> 2, (layout.y >> 2) + m);
  ints.fill(0, layout.settled >> 2, (layout.settled >> 2) + m);
  ints.fill(-1, layout.heapPos >> 2, (layout.heapPos >> 2) + m);
  const kernel = sparseKernel(globalThis, layout, heap);

  let numFree: number;
  if (n === m) {
    numFree = kernel.columnReduction(n);
  } else {
    // Rectangular: the columns left over must end with a zero potential, so column reduction
    // (which lowers every column to its cheapest edge) does not apply; start from v = 0.
    for (let i = 0; i < n; i += 1) ints[(layout.free >> 2) + i] = i;
    numFree = n;
  }
  numFree = kernel.augmentingRowReduction(n, numFree);
  for (let f = 0; f < numFree; f += 1) {
    if (kernel.augment(m, ints[(layout.free >> 2) + f] as number) < 0) {
      throw new Error('lapSparse: no augmenting path (infeasible input)');
    }
  }
  x.set(ints.subarray(layout.x >> 2, (layout.x >> 2) + n));
  return x;
}

/** The kernel's working memory, kept for the next solve (see {@link scratchHeap}). */
const borrowHeap = scratchHeap();

/** Byte offsets of the kernel's arrays in its one buffer: float64 arrays first, then int32. */
interface SparseLayout {
  /** Edge costs (-weight), column potentials, cost of each row's assigned edge. */
  cost: number;
  v: number;
  xCost: number;
  /** Dijkstra: distance, cost of the edge it came by, heap keys (float64, one per column). */
  d: number;
  predCost: number;
  heapKey: number;
  /** CSR offsets and columns. */
  rowStart: number;
  colIndex: number;
  /** Column of each row, row of each column (-1 = none), rows still to assign. */
  x: number;
  y: number;
  free: number;
  /** Dijkstra: predecessor row, columns reached, columns settled (list and flag), heap. */
  pred: number;
  touched: number;
  settledList: number;
  settled: number;
  heapPos: number;
  heapRank: number;
  /** Column reduction: row of each column's cheapest edge, columns won by each row. */
  argMin: number;
  matches: number;
  bytes: number;
}

function sparseLayout(n: number, m: number, edges: number): SparseLayout {
  let at = 0;
  const take = (count: number, size: number): number => {
    const start = at;
    at += count * size;
    return start;
  };
  const cost = take(edges, 8);
  const v = take(m, 8);
  const xCost = take(n, 8);
  const d = take(m, 8);
  const predCost = take(m, 8);
  const heapKey = take(m, 8);
  const rowStart = take(n + 1, 4);
  const colIndex = take(edges, 4);
  const x = take(n, 4);
  const y = take(m, 4);
  const free = take(n, 4);
  const pred = take(m, 4);
  const touched = take(m, 4);
  const settledList = take(m, 4);
  const settled = take(m, 4);
  const heapPos = take(m, 4);
  const heapRank = take(m, 4);
  const argMin = take(m, 4);
  const matches = take(n, 4);
  return {
    cost,
    v,
    xCost,
    d,
    predCost,
    heapKey,
    rowStart,
    colIndex,
    x,
    y,
    free,
    pred,
    touched,
    settledList,
    settled,
    heapPos,
    heapRank,
    argMin,
    matches,
    bytes: asmHeapSize(at),
  };
}

interface SparseKernel {
  /**
   * Square only. Every column's potential becomes its cheapest edge, whose row takes it (one
   * column per row); a row that won exactly one column hands it the slack to its second-best
   * edge (reduction transfer). Returns how many rows are free (listed at `free`).
   */
  columnReduction(n: number): number;
  /**
   * Two rounds of augmenting row reduction: a free row takes its cheapest column, lowering that
   * column's potential by the gap to its second-cheapest, and the row it displaces goes next.
   * Potentials only go down, and only on columns that stay matched. Returns how many rows are
   * still free.
   */
  augmentingRowReduction(n: number, numFree: number): number;
  /**
   * Dijkstra from `freeRow` over reduced costs until a free column is settled; settled columns'
   * potentials move by how much closer than it they were, then the path flips. The heap holds
   * each reached column once, ranked by distance, then free before matched, then index.
   * Returns -1 if no free column can be reached.
   */
  augment(m: number, freeRow: number): number;
}

/*
 * asm.js source handed to `Function` so that no toolchain strips "use asm" (see lap-dense.ts for
 * the rules it follows). Offsets are bytes: int32 entry j of an array at `A` is
 * `I[(A + (j << 2)) >> 2]`, float64 entry j is `F[(A + (j << 3)) >> 3]`. asm.js has no && or ||,
 * hence the nested ifs.
 */
const KERNEL_SOURCE = `
return function sparseKernel(stdlib, foreign, heap) {
  "use asm";
  var F = new stdlib.Float64Array(heap);
  var I = new stdlib.Int32Array(heap);
  var imul = stdlib.Math.imul;
  var inf = stdlib.Infinity;
  var COST = foreign.cost | 0;
  var V = foreign.v | 0;
  var XCOST = foreign.xCost | 0;
  var D = foreign.d | 0;
  var PCOST = foreign.predCost | 0;
  var HKEY = foreign.heapKey | 0;
  var ROW = foreign.rowStart | 0;
  var COLS = foreign.colIndex | 0;
  var X = foreign.x | 0;
  var Y = foreign.y | 0;
  var FREE = foreign.free | 0;
  var PRED = foreign.pred | 0;
  var TOUCHED = foreign.touched | 0;
  var SLIST = foreign.settledList | 0;
  var SETTLED = foreign.settled | 0;
  var HPOS = foreign.heapPos | 0;
  var HRANK = foreign.heapRank | 0;
  var ARGMIN = foreign.argMin | 0;
  var MATCHES = foreign.matches | 0;

  function columnReduction(n) {
    n = n | 0;
    var i = 0;
    var j = 0;
    var j1 = 0;
    var e = 0;
    var end = 0;
    var won = 0;
    var numFree = 0;
    var c = 0.0;
    var h = 0.0;
    var min = 0.0;
    for (j = 0; (j | 0) < (n | 0); j = (j + 1) | 0) {
      F[(V + (j << 3)) >> 3] = inf;
      I[(ARGMIN + (j << 2)) >> 2] = -1;
      I[(MATCHES + (j << 2)) >> 2] = 0;
    }
    for (i = 0; (i | 0) < (n | 0); i = (i + 1) | 0) {
      end = I[(ROW + ((i + 1) << 2)) >> 2] | 0;
      for (e = I[(ROW + (i << 2)) >> 2] | 0; (e | 0) < (end | 0); e = (e + 1) | 0) {
        j = I[(COLS + (e << 2)) >> 2] | 0;
        c = +F[(COST + (e << 3)) >> 3];
        if (c < +F[(V + (j << 3)) >> 3]) {
          F[(V + (j << 3)) >> 3] = c;
          I[(ARGMIN + (j << 2)) >> 2] = i;
        }
      }
    }
    for (j = (n - 1) | 0; (j | 0) >= 0; j = (j - 1) | 0) {
      i = I[(ARGMIN + (j << 2)) >> 2] | 0;
      if ((i | 0) < 0) {
        // No edge at all: cannot happen when a complete assignment exists.
        F[(V + (j << 3)) >> 3] = 0.0;
        continue;
      }
      won = ((I[(MATCHES + (i << 2)) >> 2] | 0) + 1) | 0;
      I[(MATCHES + (i << 2)) >> 2] = won;
      if ((won | 0) == 1) {
        I[(X + (i << 2)) >> 2] = j;
        I[(Y + (j << 2)) >> 2] = i;
        F[(XCOST + (i << 3)) >> 3] = +F[(V + (j << 3)) >> 3];
      }
    }
    for (i = 0; (i | 0) < (n | 0); i = (i + 1) | 0) {
      won = I[(MATCHES + (i << 2)) >> 2] | 0;
      if ((won | 0) == 0) {
        I[(FREE + (numFree << 2)) >> 2] = i;
        numFree = (numFree + 1) | 0;
      } else if ((won | 0) == 1) {
        j1 = I[(X + (i << 2)) >> 2] | 0;
        min = inf;
        end = I[(ROW + ((i + 1) << 2)) >> 2] | 0;
        for (e = I[(ROW + (i << 2)) >> 2] | 0; (e | 0) < (end | 0); e = (e + 1) | 0) {
          j = I[(COLS + (e << 2)) >> 2] | 0;
          if ((j | 0) != (j1 | 0)) {
            h = +F[(COST + (e << 3)) >> 3] - +F[(V + (j << 3)) >> 3];
            if (h < min) min = h;
          }
        }
        if (min != inf) F[(V + (j1 << 3)) >> 3] = +F[(V + (j1 << 3)) >> 3] - min;
      }
    }
    return numFree | 0;
  }

  function augmentingRowReduction(n, numFree) {
    n = n | 0;
    numFree = numFree | 0;
    var round = 0;
    var k = 0;
    var previous = 0;
    var steps = 0;
    var stepLimit = 0;
    var i = 0;
    var i0 = 0;
    var j = 0;
    var j1 = 0;
    var j2 = 0;
    var e = 0;
    var end = 0;
    var strict = 0;
    var umin = 0.0;
    var usub = 0.0;
    var h = 0.0;
    var c = 0.0;
    var c1 = 0.0;
    var c2 = 0.0;
    // Bounded: with floating-point costs rows could in theory shuffle for long; rows not settled
    // here go on to the shortest-path phase.
    stepLimit = (imul(4, n) + 100) | 0;
    for (round = 0; (round | 0) < 2; round = (round + 1) | 0) {
      if ((numFree | 0) == 0) break;
      k = 0;
      previous = numFree;
      numFree = 0;
      steps = 0;
      while ((k | 0) < (previous | 0)) {
        if ((steps | 0) >= (stepLimit | 0)) {
          while ((k | 0) < (previous | 0)) {
            I[(FREE + (numFree << 2)) >> 2] = I[(FREE + (k << 2)) >> 2];
            numFree = (numFree + 1) | 0;
            k = (k + 1) | 0;
          }
          break;
        }
        steps = (steps + 1) | 0;
        i = I[(FREE + (k << 2)) >> 2] | 0;
        k = (k + 1) | 0;
        umin = inf;
        usub = inf;
        j1 = -1;
        j2 = -1;
        c1 = 0.0;
        c2 = 0.0;
        end = I[(ROW + ((i + 1) << 2)) >> 2] | 0;
        for (e = I[(ROW + (i << 2)) >> 2] | 0; (e | 0) < (end | 0); e = (e + 1) | 0) {
          j = I[(COLS + (e << 2)) >> 2] | 0;
          c = +F[(COST + (e << 3)) >> 3];
          h = c - +F[(V + (j << 3)) >> 3];
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
        if ((j2 | 0) < 0) {
          // One usable column only: leave the row to the shortest-path phase.
          I[(FREE + (numFree << 2)) >> 2] = i;
          numFree = (numFree + 1) | 0;
          continue;
        }
        i0 = I[(Y + (j1 << 2)) >> 2] | 0;
        strict = 0;
        if (umin < usub) strict = 1;
        if (strict) {
          F[(V + (j1 << 3)) >> 3] = +F[(V + (j1 << 3)) >> 3] - (usub - umin);
        } else if ((i0 | 0) >= 0) {
          j1 = j2;
          c1 = c2;
          i0 = I[(Y + (j2 << 2)) >> 2] | 0;
        }
        if ((i0 | 0) >= 0) I[(X + (i0 << 2)) >> 2] = -1;
        I[(X + (i << 2)) >> 2] = j1;
        I[(Y + (j1 << 2)) >> 2] = i;
        F[(XCOST + (i << 3)) >> 3] = c1;
        if ((i0 | 0) >= 0) {
          if (strict) {
            k = (k - 1) | 0;
            I[(FREE + (k << 2)) >> 2] = i0;
          } else {
            I[(FREE + (numFree << 2)) >> 2] = i0;
            numFree = (numFree + 1) | 0;
          }
        }
      }
    }
    return numFree | 0;
  }

  function augment(m, start) {
    m = m | 0;
    start = start | 0;
    var touchedCount = 0;
    var settledCount = 0;
    var heapSize = 0;
    var sink = 0;
    var row = 0;
    var e = 0;
    var end = 0;
    var j = 0;
    var i = 0;
    var k = 0;
    var pos = 0;
    var parent = 0;
    var rank = 0;
    var pr = 0;
    var topRank = 0;
    var lastRank = 0;
    var child = 0;
    var right = 0;
    var cr = 0;
    var rr = 0;
    var previous = 0;
    var offset = 0.0;
    var dist = 0.0;
    var c = 0.0;
    var nd = 0.0;
    var old = 0.0;
    var pk = 0.0;
    var lastKey = 0.0;
    var ck = 0.0;
    var rk = 0.0;
    row = start;
    for (;;) {
      end = I[(ROW + ((row + 1) << 2)) >> 2] | 0;
      for (e = I[(ROW + (row << 2)) >> 2] | 0; (e | 0) < (end | 0); e = (e + 1) | 0) {
        j = I[(COLS + (e << 2)) >> 2] | 0;
        if (I[(SETTLED + (j << 2)) >> 2] | 0) continue;
        c = +F[(COST + (e << 3)) >> 3];
        nd = c - +F[(V + (j << 3)) >> 3] + offset;
        old = +F[(D + (j << 3)) >> 3];
        if (nd < old) {
          F[(D + (j << 3)) >> 3] = nd;
          I[(PRED + (j << 2)) >> 2] = row;
          F[(PCOST + (j << 3)) >> 3] = c;
          pos = I[(HPOS + (j << 2)) >> 2] | 0;
          if (old == inf) {
            I[(TOUCHED + (touchedCount << 2)) >> 2] = j;
            touchedCount = (touchedCount + 1) | 0;
            pos = heapSize;
            heapSize = (heapSize + 1) | 0;
          }
          if ((I[(Y + (j << 2)) >> 2] | 0) < 0) rank = j;
          else rank = (m + j) | 0;
          while ((pos | 0) > 0) {
            parent = (pos - 1) >> 1;
            pk = +F[(HKEY + (parent << 3)) >> 3];
            if (pk < nd) break;
            pr = I[(HRANK + (parent << 2)) >> 2] | 0;
            if (pk == nd) {
              if ((pr | 0) < (rank | 0)) break;
            }
            I[(HRANK + (pos << 2)) >> 2] = pr;
            F[(HKEY + (pos << 3)) >> 3] = pk;
            if ((pr | 0) >= (m | 0)) I[(HPOS + ((pr - m) << 2)) >> 2] = pos;
            else I[(HPOS + (pr << 2)) >> 2] = pos;
            pos = parent;
          }
          I[(HRANK + (pos << 2)) >> 2] = rank;
          F[(HKEY + (pos << 3)) >> 3] = nd;
          I[(HPOS + (j << 2)) >> 2] = pos;
        }
      }
      if ((heapSize | 0) == 0) return -1;
      // Pop the minimum.
      topRank = I[HRANK >> 2] | 0;
      if ((topRank | 0) >= (m | 0)) j = (topRank - m) | 0;
      else j = topRank;
      dist = +F[HKEY >> 3];
      I[(HPOS + (j << 2)) >> 2] = -1;
      heapSize = (heapSize - 1) | 0;
      if ((heapSize | 0) > 0) {
        lastRank = I[(HRANK + (heapSize << 2)) >> 2] | 0;
        lastKey = +F[(HKEY + (heapSize << 3)) >> 3];
        pos = 0;
        for (;;) {
          child = ((pos << 1) + 1) | 0;
          if ((child | 0) >= (heapSize | 0)) break;
          ck = +F[(HKEY + (child << 3)) >> 3];
          cr = I[(HRANK + (child << 2)) >> 2] | 0;
          right = (child + 1) | 0;
          if ((right | 0) < (heapSize | 0)) {
            rk = +F[(HKEY + (right << 3)) >> 3];
            rr = I[(HRANK + (right << 2)) >> 2] | 0;
            if (rk < ck) {
              child = right;
              ck = rk;
              cr = rr;
            } else if (rk == ck) {
              if ((rr | 0) < (cr | 0)) {
                child = right;
                ck = rk;
                cr = rr;
              }
            }
          }
          if (lastKey < ck) break;
          if (lastKey == ck) {
            if ((lastRank | 0) < (cr | 0)) break;
          }
          I[(HRANK + (pos << 2)) >> 2] = cr;
          F[(HKEY + (pos << 3)) >> 3] = ck;
          if ((cr | 0) >= (m | 0)) I[(HPOS + ((cr - m) << 2)) >> 2] = pos;
          else I[(HPOS + (cr << 2)) >> 2] = pos;
          pos = child;
        }
        I[(HRANK + (pos << 2)) >> 2] = lastRank;
        F[(HKEY + (pos << 3)) >> 3] = lastKey;
        if ((lastRank | 0) >= (m | 0)) I[(HPOS + ((lastRank - m) << 2)) >> 2] = pos;
        else I[(HPOS + (lastRank << 2)) >> 2] = pos;
      }
      I[(SETTLED + (j << 2)) >> 2] = 1;
      if ((topRank | 0) < (m | 0)) {
        sink = j;
        break;
      }
      I[(SLIST + (settledCount << 2)) >> 2] = j;
      settledCount = (settledCount + 1) | 0;
      row = I[(Y + (j << 2)) >> 2] | 0;
      offset = dist - (+F[(XCOST + (row << 3)) >> 3] - +F[(V + (j << 3)) >> 3]);
    }
    // Settled columns were dist - d[j] closer than the free column found: lower their
    // potentials by that much, which keeps every reduced cost non-negative.
    for (k = 0; (k | 0) < (settledCount | 0); k = (k + 1) | 0) {
      j = I[(SLIST + (k << 2)) >> 2] | 0;
      F[(V + (j << 3)) >> 3] = +F[(V + (j << 3)) >> 3] + +F[(D + (j << 3)) >> 3] - dist;
    }
    j = sink;
    for (;;) {
      i = I[(PRED + (j << 2)) >> 2] | 0;
      I[(Y + (j << 2)) >> 2] = i;
      previous = I[(X + (i << 2)) >> 2] | 0;
      I[(X + (i << 2)) >> 2] = j;
      F[(XCOST + (i << 3)) >> 3] = +F[(PCOST + (j << 3)) >> 3];
      if ((i | 0) == (start | 0)) break;
      j = previous;
    }
    for (k = 0; (k | 0) < (touchedCount | 0); k = (k + 1) | 0) {
      j = I[(TOUCHED + (k << 2)) >> 2] | 0;
      F[(D + (j << 3)) >> 3] = inf;
      I[(SETTLED + (j << 2)) >> 2] = 0;
      I[(HPOS + (j << 2)) >> 2] = -1;
    }
    return 0;
  }

  return {
    columnReduction: columnReduction,
    augmentingRowReduction: augmentingRowReduction,
    augment: augment
  };
};
`;

type KernelFactory = (stdlib: AsmStdlib, foreign: SparseLayout, heap: ArrayBuffer) => SparseKernel;

// Created once per process so V8 validates and compiles the asm.js module only once.
const sparseKernel = new Function(KERNEL_SOURCE)() as KernelFactory;
