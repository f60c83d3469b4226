/**
 * Dense minimum-cost assignment of every row (Jonker–Volgenant: column reduction, reduction
 * transfer, augmenting row reduction, then shortest augmenting paths with column potentials).
 *
 * `cost` is row-major `rows × cols`, `rows <= cols`; `Infinity` marks a forbidden pair. The
 * caller guarantees that a matching covering every row over finite entries exists (checked with
 * Hopcroft–Karp beforehand), which is what lets this stay single-level and fast.
 *
 * Typed-array reads are cast (`as number`): indices are in range by construction and the hot
 * loops must not pay for checks the compiler cannot see through.
 */
export function lapDense(rows: number, cols: number, cost: Float64Array): Int32Array {
  const n = rows;
  const m = cols;
  const x = new Int32Array(n).fill(-1); // column of each row
  const y = new Int32Array(m).fill(-1); // row of each column
  const v = new Float64Array(m); // column potentials
  const free = new Int32Array(n);
  let numFree = n;
  if (n === m && n > 0) {
    numFree = initialise(n, cost, x, y, v, free);
  } else {
    // Rectangular: free columns must keep a zero potential, so the square-only initialisation
    // (which raises potentials to column minima) does not apply; plain augmentation does.
    for (let i = 0; i < n; i += 1) free[i] = i;
  }

  const d = new Float64Array(m);
  const pred = new Int32Array(m);
  const collist = new Int32Array(m);
  for (let f = 0; f < numFree; f += 1) {
    const freeRow = free[f] as number;
    startSearch(cost, freeRow * m, freeRow, v, d, pred, collist, m);
    let low = 0;
    let up = 0;
    let last = 0;
    let min = 0;
    let endOfPath = -1;
    while (endOfPath < 0) {
      if (up === low) {
        last = low - 1;
        up = nextLevel(d, collist, low, m);
        min = d[collist[low] as number] as number;
        if (min === Infinity) throw new Error('lapDense: no augmenting path (infeasible input)');
        for (let k = low; k < up; k += 1) {
          const j = collist[k] as number;
          if ((y[j] as number) < 0) {
            endOfPath = j;
            break;
          }
        }
        if (endOfPath >= 0) break;
      }
      const j1 = collist[low] as number;
      low += 1;
      const scanned = scanRow(cost, y[j1] as number, j1, m, min, v, d, pred, collist, y, up);
      if (scanned < 0) endOfPath = -scanned - 1;
      else up = scanned;
    }
    for (let k = 0; k <= last; k += 1) {
      const j = collist[k] as number;
      v[j] = (v[j] as number) + (d[j] as number) - min;
    }
    for (;;) {
      const i = pred[endOfPath] as number;
      y[endOfPath] = i;
      const j = endOfPath;
      endOfPath = x[i] as number;
      x[i] = j;
      if (i === freeRow) break;
    }
  }
  return x;
}

/**
 * Square-only start: column reduction, reduction transfer and two rounds of augmenting row
 * reduction. Leaves every assigned row on a column of minimum reduced cost (the invariant the
 * augmentation phase needs) and returns how many rows are still free (listed in `free`).
 */
function initialise(
  n: number,
  cost: Float64Array,
  x: Int32Array,
  y: Int32Array,
  v: Float64Array,
  free: Int32Array,
): number {
  // Column minima scanned row by row: the matrix is row-major, so this stays cache friendly.
  const colMin = new Float64Array(n).fill(Infinity);
  const argMin = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i += 1) {
    const base = i * n;
    for (let j = 0; j < n; j += 1) {
      const c = cost[base + j] as number;
      if (c < (colMin[j] as number)) {
        colMin[j] = c;
        argMin[j] = i;
      }
    }
  }
  const matches = new Int32Array(n);
  for (let j = n - 1; j >= 0; j -= 1) {
    v[j] = colMin[j] as number;
    const i = argMin[j] as number;
    if (i < 0) continue;
    matches[i] = (matches[i] as number) + 1;
    if (matches[i] === 1) {
      x[i] = j;
      y[j] = i;
    }
  }
  // A column no row can take (all forbidden) keeps a zero potential rather than Infinity.
  for (let j = 0; j < n; j += 1) if (v[j] === Infinity) v[j] = 0;

  let numFree = 0;
  for (let i = 0; i < n; i += 1) {
    if (matches[i] === 0) {
      free[numFree] = i;
      numFree += 1;
    } else if (matches[i] === 1) {
      const j1 = x[i] as number;
      const min = minExcept(cost, i * n, v, n, j1);
      if (min !== Infinity) v[j1] = (v[j1] as number) - min;
    }
  }

  // Bounded: with floating-point costs the inner loop can in theory shuffle rows for long;
  // rows it has not settled simply go on to the augmentation phase.
  const stepLimit = 4 * n + 100;
  const mins = new Float64Array(2);
  const minAt = new Int32Array(2);
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
      twoSmallest(cost, i * n, v, n, mins, minAt);
      const umin = mins[0] as number;
      const usub = mins[1] as number;
      let j1 = minAt[0] as number;
      const j2 = minAt[1] as number;
      if (usub === Infinity || j1 < 0 || j2 < 0) {
        // One usable column only: leave the row to the augmentation phase.
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
        i0 = y[j2] as number;
      }
      if (i0 >= 0) x[i0] = -1;
      x[i] = j1;
      y[j1] = i;
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

/*
 * The phases below are small separate functions on purpose: V8 optimises a function that is
 * called many times with stable types far better than one long loop it can only enter by
 * on-stack replacement (which deoptimises whenever a new phase reaches code without feedback).
 */

function startSearch(
  cost: Float64Array,
  base: number,
  row: number,
  v: Float64Array,
  d: Float64Array,
  pred: Int32Array,
  collist: Int32Array,
  m: number,
): void {
  for (let j = 0; j < m; j += 1) {
    d[j] = (cost[base + j] as number) - (v[j] as number);
    pred[j] = row;
    collist[j] = j;
  }
}

/** Moves every not-yet-reached column at the smallest distance to `[low, up)`; returns `up`. */
function nextLevel(d: Float64Array, collist: Int32Array, low: number, m: number): number {
  let up = low + 1;
  let min = d[collist[low] as number] as number;
  for (let k = up; k < m; k += 1) {
    const j = collist[k] as number;
    const h = d[j] as number;
    if (h <= min) {
      if (h < min) {
        up = low;
        min = h;
      }
      collist[k] = collist[up] as number;
      collist[up] = j;
      up += 1;
    }
  }
  return up;
}

/**
 * Relaxes the columns after `up` through row `i` (reached via its column `j1` at distance
 * `min`). Returns the new `up`, or `-(column + 1)` when a free column is reached at `min`.
 */
function scanRow(
  cost: Float64Array,
  i: number,
  j1: number,
  m: number,
  min: number,
  v: Float64Array,
  d: Float64Array,
  pred: Int32Array,
  collist: Int32Array,
  y: Int32Array,
  upIn: number,
): number {
  let up = upIn;
  const base = i * m;
  const h = (cost[base + j1] as number) - (v[j1] as number) - min;
  for (let k = up; k < m; k += 1) {
    const j = collist[k] as number;
    const v2 = (cost[base + j] as number) - (v[j] as number) - h;
    if (v2 < (d[j] as number)) {
      pred[j] = i;
      if (v2 === min) {
        if ((y[j] as number) < 0) return -j - 1;
        collist[k] = collist[up] as number;
        collist[up] = j;
        up += 1;
      }
      d[j] = v2;
    }
  }
  return up;
}

/** Smallest and second-smallest reduced cost of a row: `out = [umin, usub]`, `at = [j1, j2]`. */
function twoSmallest(
  cost: Float64Array,
  base: number,
  v: Float64Array,
  n: number,
  out: Float64Array,
  at: Int32Array,
): void {
  let umin = Infinity;
  let usub = Infinity;
  let j1 = -1;
  let j2 = -1;
  for (let j = 0; j < n; j += 1) {
    const h = (cost[base + j] as number) - (v[j] as number);
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
  out[0] = umin;
  out[1] = usub;
  at[0] = j1;
  at[1] = j2;
}

function minExcept(
  cost: Float64Array,
  base: number,
  v: Float64Array,
  n: number,
  skip: number,
): number {
  let min = Infinity;
  for (let j = 0; j < n; j += 1) {
    if (j === skip) continue;
    const h = (cost[base + j] as number) - (v[j] as number);
    if (h < min) min = h;
  }
  return min;
}
