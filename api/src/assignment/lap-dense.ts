import { asmHeapSize, scratchHeap } from './asm-heap.js';
import type { AsmStdlib } from './asm-heap.js';

/**
 * Dense minimum-cost assignment of every row (Jonker–Volgenant: column reduction, reduction
 * transfer, augmenting row reduction, then shortest augmenting paths with column potentials).
 *
 * `cost` is row-major `rows × cols`, `rows <= cols`, and is not modified (give it a matrix from
 * {@link allocateDenseCost} to spare a copy); `Infinity` marks a forbidden pair. The
 * caller guarantees that a matching covering every row over finite entries exists, which is what
 * lets this stay single-level and fast (`assignment-solver.ts` only calls it when every pair is
 * allowed; anything with forbidden pairs goes to `lap-sparse.ts`).
 *
 * The loops are written in the asm.js subset ({@link lapKernel}). Plain typed-array code is
 * about three times slower here on Node 20: TurboFan re-checks the map, length and data pointer
 * of every typed array on every iteration (the loop's interrupt check keeps it from hoisting
 * them), and the shortest-path scan is bound by how many of its scattered loads the CPU can keep
 * in flight. V8 validates asm.js and compiles it like WebAssembly (no per-access checks), yet it
 * is still ordinary JavaScript: same doubles, same operations in the same order, so the result
 * is bit-for-bit what the plain version computes — and should an engine ever stop validating
 * asm.js, the same code simply runs as normal JavaScript.
 */
export function lapDense(rows: number, cols: number, cost: Float64Array): Int32Array {
  const n = rows;
  const m = cols;
  const x = new Int32Array(n).fill(-1);
  if (n === 0) return x;
  const layout = heapLayout(n, m);
  let heap = cost.buffer;
  if (
    cost.byteOffset !== 0 ||
    !(heap instanceof ArrayBuffer) ||
    heap.byteLength < layout.bytes ||
    heap.byteLength !== asmHeapSize(heap.byteLength)
  ) {
    heap = new ArrayBuffer(layout.bytes);
    new Float64Array(heap, 0, n * m).set(cost);
  }
  const ints = new Int32Array(heap);
  new Float64Array(heap, layout.v, 2 * m).fill(0);
  ints.fill(0, layout.free >> 2, layout.bytes >> 2);
  ints.fill(-1, layout.x >> 2, (layout.x >> 2) + n);
  ints.fill(-1, layout.y >> 2, (layout.y >> 2) + m);
  const kernel = lapKernel(globalThis, layout, heap);

  let numFree: number;
  if (n === m) {
    numFree = kernel.reduce(n);
    numFree = kernel.augmentingRowReduction(n, numFree);
  } else {
    // Rectangular: free columns must keep a zero potential, so the square-only start (which
    // raises potentials to column minima) does not apply; plain augmentation does.
    for (let i = 0; i < n; i += 1) ints[(layout.free >> 2) + i] = i;
    numFree = n;
  }
  for (let f = 0; f < numFree; f += 1) {
    const row = ints[(layout.free >> 2) + f] as number;
    if (kernel.augment(m, row) < 0) {
      throw new Error('lapDense: no augmenting path (infeasible input)');
    }
  }
  x.set(ints.subarray(layout.x >> 2, (layout.x >> 2) + n));
  return x;
}

/**
 * A zeroed `rows × cols` cost matrix that {@link lapDense} can work in place: it sits at the start
 * of a buffer with room for the solver's other arrays, which saves copying the whole matrix.
 */
export function allocateDenseCost(rows: number, cols: number): Float64Array {
  if (rows === 0) return new Float64Array(rows * cols);
  return new Float64Array(new ArrayBuffer(heapLayout(rows, cols).bytes), 0, rows * cols);
}

/**
 * Like {@link allocateDenseCost}, but the matrix sits in a buffer kept for the next call (a
 * 2,000 × 2,000 solve needs a 48 MB heap; see {@link scratchHeap}). The caller writes every cost,
 * and {@link lapDense} re-initialises every other array it reads. The view is only valid until
 * the next call.
 */
export function borrowDenseCost(rows: number, cols: number): Float64Array {
  if (rows === 0) return new Float64Array(rows * cols);
  return new Float64Array(borrowHeap(heapLayout(rows, cols).bytes), 0, rows * cols);
}

const borrowHeap = scratchHeap();

/** Byte offsets of the solver's arrays in the one buffer the asm.js kernel addresses. */
interface HeapLayout {
  /** Column potentials, then shortest-path distances (float64, `cols` each). */
  v: number;
  d: number;
  /** Column of each row, row of each column (int32, -1 = none). */
  x: number;
  y: number;
  /** Rows still to assign, path predecessor of each column, column scan order. */
  free: number;
  pred: number;
  collist: number;
  /** Column reduction scratch: row of each column minimum, columns won by each row. */
  argMin: number;
  matches: number;
  bytes: number;
}

function heapLayout(n: number, m: number): HeapLayout {
  const v = n * m * 8;
  const d = v + m * 8;
  const x = d + m * 8;
  const y = x + n * 4;
  const free = y + m * 4;
  const pred = free + n * 4;
  const collist = pred + m * 4;
  const argMin = collist + m * 4;
  const matches = argMin + m * 4;
  return { v, d, x, y, free, pred, collist, argMin, matches, bytes: asmHeapSize(matches + n * 4) };
}

interface LapKernel {
  /** Column reduction and reduction transfer (square only); returns how many rows are free. */
  reduce(n: number): number;
  /** Two rounds of augmenting row reduction over the free rows; returns how many are left. */
  augmentingRowReduction(n: number, numFree: number): number;
  /** Shortest augmenting path from `freeRow`, then augments; -1 if no path exists. */
  augment(m: number, freeRow: number): number;
}

/*
 * The kernel is JavaScript source text handed to `Function` because the TypeScript toolchains
 * here (esbuild under tsx and Vitest) strip the "use asm" directive; a string reaches V8
 * untouched. asm.js rules shape it: `var` only, `x | 0` marks an int and `+x` a double, heap
 * accesses are `H[byteOffset >> shift]`, int multiplication is `imul`, and a double literal
 * needs its fraction (`0.0`). Offsets are bytes: float64 entry j of an array at `A` is
 * `F[(A + (j << 3)) >> 3]`. Its steps mirror the C++ baseline line for line.
 */
const KERNEL_SOURCE = `
return function lapKernel(stdlib, foreign, heap) {
  "use asm";
  var F = new stdlib.Float64Array(heap);
  var I = new stdlib.Int32Array(heap);
  var imul = stdlib.Math.imul;
  var inf = stdlib.Infinity;
  var V = foreign.v | 0;
  var D = foreign.d | 0;
  var X = foreign.x | 0;
  var Y = foreign.y | 0;
  var FREE = foreign.free | 0;
  var PRED = foreign.pred | 0;
  var COL = foreign.collist | 0;
  var ARGMIN = foreign.argMin | 0;
  var MATCHES = foreign.matches | 0;

  function reduce(n) {
    n = n | 0;
    var i = 0;
    var j = 0;
    var j1 = 0;
    var base = 0;
    var numFree = 0;
    var c = 0.0;
    var min = 0.0;
    var h = 0.0;
    // Column minima scanned row by row: the matrix is row-major, so this stays cache friendly.
    for (j = 0; (j | 0) < (n | 0); j = (j + 1) | 0) {
      F[(V + (j << 3)) >> 3] = inf;
      I[(ARGMIN + (j << 2)) >> 2] = -1;
    }
    for (i = 0; (i | 0) < (n | 0); i = (i + 1) | 0) {
      base = imul(i, n) << 3;
      for (j = 0; (j | 0) < (n | 0); j = (j + 1) | 0) {
        c = +F[(base + (j << 3)) >> 3];
        if (c < +F[(V + (j << 3)) >> 3]) {
          F[(V + (j << 3)) >> 3] = c;
          I[(ARGMIN + (j << 2)) >> 2] = i;
        }
      }
    }
    for (j = (n - 1) | 0; (j | 0) >= 0; j = (j - 1) | 0) {
      i = I[(ARGMIN + (j << 2)) >> 2] | 0;
      if ((i | 0) >= 0) {
        I[(MATCHES + (i << 2)) >> 2] = ((I[(MATCHES + (i << 2)) >> 2] | 0) + 1) | 0;
        if ((I[(MATCHES + (i << 2)) >> 2] | 0) == 1) {
          I[(X + (i << 2)) >> 2] = j;
          I[(Y + (j << 2)) >> 2] = i;
        }
      }
    }
    // A column no row can take (all forbidden) keeps a zero potential rather than Infinity.
    for (j = 0; (j | 0) < (n | 0); j = (j + 1) | 0) {
      if (+F[(V + (j << 3)) >> 3] == inf) F[(V + (j << 3)) >> 3] = 0.0;
    }
    for (i = 0; (i | 0) < (n | 0); i = (i + 1) | 0) {
      if ((I[(MATCHES + (i << 2)) >> 2] | 0) == 0) {
        I[(FREE + (numFree << 2)) >> 2] = i;
        numFree = (numFree + 1) | 0;
      } else if ((I[(MATCHES + (i << 2)) >> 2] | 0) == 1) {
        // Reduction transfer: the row's only column gets the slack to its second-best column.
        j1 = I[(X + (i << 2)) >> 2] | 0;
        base = imul(i, n) << 3;
        min = inf;
        for (j = 0; (j | 0) < (n | 0); j = (j + 1) | 0) {
          if ((j | 0) != (j1 | 0)) {
            h = +F[(base + (j << 3)) >> 3] - +F[(V + (j << 3)) >> 3];
            if (h < min) min = h;
          }
        }
        if (min != inf) {
          F[(V + (j1 << 3)) >> 3] = +F[(V + (j1 << 3)) >> 3] - min;
        }
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
    var base = 0;
    var strict = 0;
    var single = 0;
    var umin = 0.0;
    var usub = 0.0;
    var h = 0.0;
    // Bounded: with floating-point costs the loop can in theory shuffle rows for long; rows it
    // has not settled simply go on to the augmentation phase.
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
        // Smallest and second-smallest reduced cost of row i.
        base = imul(i, n) << 3;
        umin = inf;
        usub = inf;
        j1 = -1;
        j2 = -1;
        for (j = 0; (j | 0) < (n | 0); j = (j + 1) | 0) {
          h = +F[(base + (j << 3)) >> 3] - +F[(V + (j << 3)) >> 3];
          if (h < usub) {
            if (h >= umin) {
              usub = h;
              j2 = j;
            } else {
              usub = umin;
              j2 = j1;
              umin = h;
              j1 = j;
            }
          }
        }
        single = 0;
        if (usub == inf) single = 1;
        if ((j1 | 0) < 0) single = 1;
        if ((j2 | 0) < 0) single = 1;
        if (single) {
          // One usable column only: leave the row to the augmentation phase.
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
          i0 = I[(Y + (j2 << 2)) >> 2] | 0;
        }
        if ((i0 | 0) >= 0) I[(X + (i0 << 2)) >> 2] = -1;
        I[(X + (i << 2)) >> 2] = j1;
        I[(Y + (j1 << 2)) >> 2] = i;
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

  function augment(m, freeRow) {
    m = m | 0;
    freeRow = freeRow | 0;
    var i = 0;
    var j = 0;
    var j1 = 0;
    var k = 0;
    var low = 0;
    var up = 0;
    var last = 0;
    var endOfPath = -1;
    var base = 0;
    var min = 0.0;
    var h = 0.0;
    var v2 = 0.0;
    base = imul(freeRow, m) << 3;
    for (j = 0; (j | 0) < (m | 0); j = (j + 1) | 0) {
      F[(D + (j << 3)) >> 3] =
        +F[(base + (j << 3)) >> 3] - +F[(V + (j << 3)) >> 3];
      I[(PRED + (j << 2)) >> 2] = freeRow;
      I[(COL + (j << 2)) >> 2] = j;
    }
    while ((endOfPath | 0) < 0) {
      if ((up | 0) == (low | 0)) {
        // Move every not-yet-reached column at the smallest distance to [low, up).
        last = (low - 1) | 0;
        up = (low + 1) | 0;
        min = +F[(D + (I[(COL + (low << 2)) >> 2] << 3)) >> 3];
        for (k = up; (k | 0) < (m | 0); k = (k + 1) | 0) {
          j = I[(COL + (k << 2)) >> 2] | 0;
          h = +F[(D + (j << 3)) >> 3];
          if (h <= min) {
            if (h < min) {
              up = low;
              min = h;
            }
            I[(COL + (k << 2)) >> 2] = I[(COL + (up << 2)) >> 2];
            I[(COL + (up << 2)) >> 2] = j;
            up = (up + 1) | 0;
          }
        }
        if (min == inf) return -1;
        for (k = low; (k | 0) < (up | 0); k = (k + 1) | 0) {
          j = I[(COL + (k << 2)) >> 2] | 0;
          if ((I[(Y + (j << 2)) >> 2] | 0) < 0) {
            endOfPath = j;
            break;
          }
        }
        if ((endOfPath | 0) >= 0) break;
      }
      // Relax the columns after \`up\` through the row assigned to the next column at \`min\`.
      j1 = I[(COL + (low << 2)) >> 2] | 0;
      low = (low + 1) | 0;
      i = I[(Y + (j1 << 2)) >> 2] | 0;
      base = imul(i, m) << 3;
      h =
        +F[(base + (j1 << 3)) >> 3] - +F[(V + (j1 << 3)) >> 3] - min;
      for (k = up; (k | 0) < (m | 0); k = (k + 1) | 0) {
        j = I[(COL + (k << 2)) >> 2] | 0;
        v2 = +F[(base + (j << 3)) >> 3] - +F[(V + (j << 3)) >> 3] - h;
        if (v2 < +F[(D + (j << 3)) >> 3]) {
          I[(PRED + (j << 2)) >> 2] = i;
          if (v2 == min) {
            if ((I[(Y + (j << 2)) >> 2] | 0) < 0) {
              endOfPath = j;
              break;
            }
            I[(COL + (k << 2)) >> 2] = I[(COL + (up << 2)) >> 2];
            I[(COL + (up << 2)) >> 2] = j;
            up = (up + 1) | 0;
          }
          F[(D + (j << 3)) >> 3] = v2;
        }
      }
    }
    // Columns settled before the last level move their potentials by how much closer they are.
    for (k = 0; (k | 0) <= (last | 0); k = (k + 1) | 0) {
      j = I[(COL + (k << 2)) >> 2] | 0;
      F[(V + (j << 3)) >> 3] =
        +F[(V + (j << 3)) >> 3] + +F[(D + (j << 3)) >> 3] - min;
    }
    for (;;) {
      i = I[(PRED + (endOfPath << 2)) >> 2] | 0;
      I[(Y + (endOfPath << 2)) >> 2] = i;
      j = endOfPath;
      endOfPath = I[(X + (i << 2)) >> 2] | 0;
      I[(X + (i << 2)) >> 2] = j;
      if ((i | 0) == (freeRow | 0)) break;
    }
    return 0;
  }

  return { reduce: reduce, augmentingRowReduction: augmentingRowReduction, augment: augment };
};
`;

type KernelFactory = (stdlib: AsmStdlib, foreign: HeapLayout, heap: ArrayBuffer) => LapKernel;

// Created once per process so V8 validates and compiles the asm.js module only once.
const lapKernel = new Function(KERNEL_SOURCE)() as KernelFactory;
