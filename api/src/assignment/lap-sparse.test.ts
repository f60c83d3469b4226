import { describe, expect, it } from 'vitest';
import { lapSparse, solveRowPerfect } from './lap-sparse.js';
import type { CsrGraph } from './lap-sparse.js';
import { asmJsWarnings } from './testing.js';

function csr(rows: number, cols: number, pairs: Array<[number, number, number]>): CsrGraph {
  const rowStart = new Int32Array(rows + 1);
  for (const [r] of pairs) rowStart[r + 1] = (rowStart[r + 1] as number) + 1;
  for (let r = 0; r < rows; r += 1) {
    rowStart[r + 1] = (rowStart[r + 1] as number) + (rowStart[r] as number);
  }
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  return {
    rows,
    cols,
    rowStart,
    colIndex: Int32Array.from(sorted.map((p) => p[1])),
    weight: Float64Array.from(sorted.map((p) => p[2])),
  };
}

describe('lapSparse', () => {
  it('takes the heaviest complete assignment, square and rectangular', () => {
    const square = csr(3, 3, [
      [0, 0, 1],
      [0, 1, 9],
      [1, 1, 8],
      [1, 2, 1],
      [2, 0, 4],
      [2, 2, 3],
    ]);
    // 9 + 1 + 4 = 14 beats 1 + 8 + 3 = 12, the diagonal.
    expect(Array.from(lapSparse(square))).toEqual([1, 2, 0]);
    const wide = csr(2, 4, [
      [0, 0, 5],
      [0, 3, 6],
      [1, 3, 7],
      [1, 1, 1],
    ]);
    expect(Array.from(lapSparse(wide))).toEqual([0, 3]);
  });

  it('matches as many rows as possible before weight: rivals for one column', () => {
    const graph = csr(3, 2, [
      [0, 0, 5],
      [1, 0, 7],
      [2, 0, 100],
      [2, 1, 1],
    ]);
    expect(Array.from(lapSparse(graph))).toEqual([-1, 0, 1]);
  });

  it('refuses an instance with no complete assignment instead of returning a wrong one', () => {
    const graph = csr(2, 2, [
      [0, 0, 1],
      [1, 0, 1],
    ]);
    expect(() => solveRowPerfect(2, 2, graph.rowStart, graph.colIndex, graph.weight)).toThrow(
      /no augmenting path/,
    );
  });

  it('runs as validated asm.js (V8 reports a rejected or unlinkable module as a warning)', async () => {
    const warnings = await asmJsWarnings(() => {
      lapSparse(csr(1, 1, [[0, 0, 1]]));
      lapSparse(
        csr(
          40,
          50,
          Array.from({ length: 40 }, (_, r) => [r, (r * 7) % 50, r] as [number, number, number]),
        ),
      );
    });
    expect(warnings).toEqual([]);
  });
});
