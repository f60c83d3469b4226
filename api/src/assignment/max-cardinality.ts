export interface Matching {
  size: number;
  /** Column of each row, -1 = unmatched. */
  matchRow: Int32Array;
  /** Row of each column, -1 = unmatched. */
  matchCol: Int32Array;
}

/**
 * A maximum bipartite matching (Hopcroft–Karp, O(E·√V)) over allowed pairs in CSR form, weights
 * ignored. Tells cheaply whether every row can be matched, and otherwise which rows and columns
 * every maximum matching must cover (see `lap-sparse.ts`).
 */
export function maximumMatching(
  rows: number,
  cols: number,
  rowStart: Int32Array,
  colIndex: Int32Array,
): Matching {
  const matchRow = new Int32Array(rows).fill(-1);
  const matchCol = new Int32Array(cols).fill(-1);
  const dist = new Int32Array(rows);
  const queue = new Int32Array(rows);
  const edgeCursor = new Int32Array(rows);
  const stack = new Int32Array(rows);
  let size = 0;

  // Greedy start: most rows match on their first free neighbour.
  for (let r = 0; r < rows; r += 1) {
    const end = rowStart[r + 1] as number;
    for (let e = rowStart[r] as number; e < end; e += 1) {
      const c = colIndex[e] as number;
      if (matchCol[c] === -1) {
        matchCol[c] = r;
        matchRow[r] = c;
        size += 1;
        break;
      }
    }
  }

  for (;;) {
    // BFS layers from every free row.
    let head = 0;
    let tail = 0;
    for (let r = 0; r < rows; r += 1) {
      if (matchRow[r] === -1) {
        dist[r] = 0;
        queue[tail] = r;
        tail += 1;
      } else {
        dist[r] = -1;
      }
    }
    let found = false;
    while (head < tail) {
      const r = queue[head] as number;
      head += 1;
      const end = rowStart[r + 1] as number;
      for (let e = rowStart[r] as number; e < end; e += 1) {
        const owner = matchCol[colIndex[e] as number] as number;
        if (owner === -1) found = true;
        else if (dist[owner] === -1) {
          dist[owner] = (dist[r] as number) + 1;
          queue[tail] = owner;
          tail += 1;
        }
      }
    }
    if (!found) return { size, matchRow, matchCol };

    // Iterative DFS along the layers (org-sized inputs are too deep for recursion).
    for (let r = 0; r < rows; r += 1) edgeCursor[r] = rowStart[r] as number;
    for (let start = 0; start < rows; start += 1) {
      if (matchRow[start] !== -1) continue;
      let depth = 0;
      stack[0] = start;
      let augmented = false;
      while (depth >= 0 && !augmented) {
        const r = stack[depth] as number;
        const end = rowStart[r + 1] as number;
        let advanced = false;
        while ((edgeCursor[r] as number) < end) {
          const c = colIndex[edgeCursor[r] as number] as number;
          const owner = matchCol[c] as number;
          if (owner === -1) {
            // Flip the path held on the stack.
            let col = c;
            for (let k = depth; k >= 0; k -= 1) {
              const row = stack[k] as number;
              const previous = matchRow[row] as number;
              matchRow[row] = col;
              matchCol[col] = row;
              col = previous;
            }
            size += 1;
            augmented = true;
            advanced = true;
            break;
          }
          if (dist[owner] === (dist[r] as number) + 1) {
            depth += 1;
            stack[depth] = owner;
            advanced = true;
            break;
          }
          edgeCursor[r] = (edgeCursor[r] as number) + 1;
        }
        if (!advanced) {
          dist[r] = -1; // dead end for this phase
          depth -= 1;
          if (depth >= 0) {
            const parent = stack[depth] as number;
            edgeCursor[parent] = (edgeCursor[parent] as number) + 1;
          }
        }
      }
    }
  }
}
