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
  let numFree = 0;

  if (n === m && n > 0) {
    numFree = initialise(n, cost, x, y, v, free);
  } else {
    // Rectangular: free columns must keep a zero potential, so the square-only initialisation
    // (which raises potentials to column minima) does not apply; plain augmentation does.
    for (let i = 0; i < n; i += 1) free[i] = i;
    numFree = n;
  }

  const d = new Float64Array(m);
  const pred = new Int32Array(m);
  const collist = new Int32Array(m);
  for (let f = 0; f < numFree; f += 1) {
    const freeRow = free[f] as number;
    const fBase = freeRow * m;
    for (let j = 0; j < m; j += 1) {
      d[j] = (cost[fBase + j] as number) - (v[j] as number);
      pred[j] = freeRow;
      collist[j] = j;
    }
    let low = 0;
    let up = 0;
    let last = 0;
    let min = 0;
    let endOfPath = -1;
    while (endOfPath < 0) {
      if (up === low) {
        // Next distance level: gather every column at the new minimum into [low, up).
        last = low - 1;
        min = d[collist[up] as number] as number;
        up += 1;
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
        if (min === Infinity) throw new Error('lapDense: no augmenting path (infeasible input)');
        for (let k = low; k < up; k += 1) {
          const j = collist[k] as number;
          if ((y[j] as number) < 0) {
            endOfPath = j;
            break;
          }
        }
      }
      if (endOfPath >= 0) break;
      const j1 = collist[low] as number;
      low += 1;
      const i = y[j1] as number;
      const iBase = i * m;
      const h = (cost[iBase + j1] as number) - (v[j1] as number) - min;
      for (let k = up; k < m; k += 1) {
        const j = collist[k] as number;
        const v2 = (cost[iBase + j] as number) - (v[j] as number) - h;
        if (v2 < (d[j] as number)) {
          pred[j] = i;
          if (v2 === min) {
            if ((y[j] as number) < 0) {
              endOfPath = j;
              break;
            }
            collist[k] = collist[up] as number;
            collist[up] = j;
            up += 1;
          }
          d[j] = v2;
        }
      }
    }
    for (let k = 0; k <= last; k += 1) {
      const j = collist[k] as number;
      v[j] = (v[j] as number) + (d[j] as number) - min;
    }
    let i = -1;
    do {
      i = pred[endOfPath] as number;
      y[endOfPath] = i;
      const j = endOfPath;
      endOfPath = x[i] as number;
      x[i] = j;
    } while (i !== freeRow);
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
      const base = i * n;
      let min = Infinity;
      for (let j = 0; j < n; j += 1) {
        if (j === j1) continue;
        const h = (cost[base + j] as number) - (v[j] as number);
        if (h < min) min = h;
      }
      if (min !== Infinity) v[j1] = (v[j1] as number) - min;
    }
  }

  // Bounded: with floating-point costs the inner loop can in theory shuffle rows for long;
  // rows it has not settled simply go on to the augmentation phase.
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
      const base = i * n;
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
