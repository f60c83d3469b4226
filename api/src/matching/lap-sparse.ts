/**
 * Sparse assignment that is exact about "as many pairs as possible first, then the best total".
 *
 * Every row gets a private dummy column meaning "left unmatched". Costs are pairs compared
 * lexicographically: a real edge costs (0, -weight), a dummy (1, 0). Minimising the pair sum
 * therefore minimises the number of unmatched rows first and only then maximises the weight —
 * with no big-M constant, so no weight precision is traded for the cardinality goal. The first
 * component only ever holds small integers, exact in a double.
 *
 * Shortest augmenting paths row by row (Dijkstra with row and column potentials, an indexed
 * binary heap over the columns the search touches, ties broken towards free columns and then
 * the lower index so results are deterministic).
 */
export interface CsrGraph {
  rows: number;
  cols: number;
  /** `rows + 1` offsets into `colIndex` / `weight`. */
  rowStart: Int32Array;
  colIndex: Int32Array;
  weight: Float64Array;
}

/** Returns the column of each row, or -1 where the row is best left unmatched. */
export function lapSparseLex(graph: CsrGraph): Int32Array {
  const { rows, cols, rowStart, colIndex, weight } = graph;
  const total = cols + rows; // real columns, then one dummy per row
  const uA = new Float64Array(rows);
  const uB = new Float64Array(rows);
  const vA = new Float64Array(total);
  const vB = new Float64Array(total);
  const dA = new Float64Array(total).fill(Infinity);
  const dB = new Float64Array(total).fill(Infinity);
  const path = new Int32Array(total).fill(-1);
  const row4col = new Int32Array(total).fill(-1);
  const col4row = new Int32Array(rows).fill(-1);
  const scanned = new Uint8Array(total);
  const heapPos = new Int32Array(total).fill(-1);
  const heap = new Int32Array(total);
  const touched = new Int32Array(total);
  const scannedRows = new Int32Array(rows);

  let heapSize = 0;

  // Key order: distance pair, then free columns first (shorter paths), then index.
  const less = (p: number, q: number): boolean => {
    const ap = dA[p] as number;
    const aq = dA[q] as number;
    if (ap !== aq) return ap < aq;
    const bp = dB[p] as number;
    const bq = dB[q] as number;
    if (bp !== bq) return bp < bq;
    const fp = (row4col[p] as number) < 0;
    const fq = (row4col[q] as number) < 0;
    if (fp !== fq) return fp;
    return p < q;
  };
  const siftUp = (start: number): void => {
    let pos = start;
    const item = heap[pos] as number;
    while (pos > 0) {
      const parentPos = (pos - 1) >> 1;
      const parent = heap[parentPos] as number;
      if (!less(item, parent)) break;
      heap[pos] = parent;
      heapPos[parent] = pos;
      pos = parentPos;
    }
    heap[pos] = item;
    heapPos[item] = pos;
  };
  const popMin = (): number => {
    const top = heap[0] as number;
    heapPos[top] = -1;
    heapSize -= 1;
    if (heapSize > 0) {
      const item = heap[heapSize] as number;
      let pos = 0;
      for (;;) {
        const left = 2 * pos + 1;
        if (left >= heapSize) break;
        const right = left + 1;
        let child = left;
        if (right < heapSize && less(heap[right] as number, heap[left] as number)) child = right;
        const c = heap[child] as number;
        if (!less(c, item)) break;
        heap[pos] = c;
        heapPos[c] = pos;
        pos = child;
      }
      heap[pos] = item;
      heapPos[item] = pos;
    }
    return top;
  };

  for (let cur = 0; cur < rows; cur += 1) {
    let touchedCount = 0;
    let scannedRowCount = 0;
    let i = cur;
    let minA = 0;
    let minB = 0;
    let sink = -1;
    const relax = (row: number, j: number, ca: number, cb: number): void => {
      if (scanned[j] === 1) return;
      const ra = minA + ca - (uA[row] as number) - (vA[j] as number);
      const rb = minB + cb - (uB[row] as number) - (vB[j] as number);
      const oa = dA[j] as number;
      if (ra < oa || (ra === oa && rb < (dB[j] as number))) {
        if (oa === Infinity) {
          touched[touchedCount] = j;
          touchedCount += 1;
        }
        dA[j] = ra;
        dB[j] = rb;
        path[j] = row;
        const pos = heapPos[j] as number;
        if (pos < 0) {
          heap[heapSize] = j;
          heapSize += 1;
          siftUp(heapSize - 1);
        } else {
          siftUp(pos);
        }
      }
    };
    while (sink < 0) {
      scannedRows[scannedRowCount] = i;
      scannedRowCount += 1;
      const end = rowStart[i + 1] as number;
      for (let e = rowStart[i] as number; e < end; e += 1) {
        relax(i, colIndex[e] as number, 0, -(weight[e] as number));
      }
      relax(i, cols + i, 1, 0);
      if (heapSize === 0) throw new Error('lapSparseLex: no augmenting path');
      const j = popMin();
      scanned[j] = 1;
      minA = dA[j] as number;
      minB = dB[j] as number;
      const owner = row4col[j] as number;
      if (owner < 0) sink = j;
      else i = owner;
    }

    uA[cur] = (uA[cur] as number) + minA;
    uB[cur] = (uB[cur] as number) + minB;
    for (let k = 1; k < scannedRowCount; k += 1) {
      const r = scannedRows[k] as number;
      const j = col4row[r] as number;
      uA[r] = (uA[r] as number) + minA - (dA[j] as number);
      uB[r] = (uB[r] as number) + minB - (dB[j] as number);
    }
    for (let k = 0; k < touchedCount; k += 1) {
      const j = touched[k] as number;
      if (scanned[j] === 1) {
        vA[j] = (vA[j] as number) - (minA - (dA[j] as number));
        vB[j] = (vB[j] as number) - (minB - (dB[j] as number));
      }
    }

    let j = sink;
    for (;;) {
      const r = path[j] as number;
      row4col[j] = r;
      const previous = col4row[r] as number;
      col4row[r] = j;
      if (r === cur) break;
      j = previous;
    }

    for (let k = 0; k < touchedCount; k += 1) {
      const t = touched[k] as number;
      dA[t] = Infinity;
      dB[t] = Infinity;
      scanned[t] = 0;
      heapPos[t] = -1;
    }
    heapSize = 0;
  }

  const result = new Int32Array(rows);
  for (let r = 0; r < rows; r += 1) {
    const c = col4row[r] as number;
    result[r] = c < cols ? c : -1;
  }
  return result;
}
