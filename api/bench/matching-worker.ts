import { closeSync, openSync, readSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { solveAssignment, solveSparseAssignment } from '../src/assignment/index.js';
import type { AssignmentResult } from '../src/assignment/index.js';

/**
 * One side of the matching benchmark: loads an instance file written by `matching-bench.ts`,
 * prints `ready`, then answers each `solve` line on stdin with one JSON line (time of the
 * library call alone, its CPU time, the objective and this process's peak RSS). Runs in its own
 * process so the memory figure is the solver's own; `matching-scipy.py` is the same for scipy.
 *
 * File (little-endian): int32 n, int32 nnz (-1 = dense), then either n·n float64 weights, or
 * CSR: n + 1 int32 row offsets, nnz int32 columns, nnz float64 weights.
 */
const file = process.argv[2];
if (file === undefined) throw new Error('usage: matching-worker <instance file>');

function readInto(fd: number, view: ArrayBufferView, position: number): number {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  let done = 0;
  while (done < bytes.length) {
    const read = readSync(fd, bytes, done, bytes.length - done, position + done);
    if (read === 0) throw new Error(`${file}: unexpected end of file`);
    done += read;
  }
  return position + bytes.length;
}

const fd = openSync(file, 'r');
const header = new Int32Array(2);
let at = readInto(fd, header, 0);
const n = header[0] as number;
const nnz = header[1] as number;
let solve: () => AssignmentResult;
if (nnz < 0) {
  const values = new Float64Array(n * n);
  readInto(fd, values, at);
  solve = () => solveAssignment({ rows: n, cols: n, weights: { values } });
} else {
  const rowStart = new Int32Array(n + 1);
  const colIndex = new Int32Array(nnz);
  const weight = new Float64Array(nnz);
  at = readInto(fd, rowStart, at);
  at = readInto(fd, colIndex, at);
  readInto(fd, weight, at);
  const edges = { rows: n, cols: n, rowStart, colIndex, weight };
  solve = () => solveSparseAssignment({ rows: n, cols: n, edges });
}
closeSync(fd);

process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() !== 'solve') break;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = solve();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  process.stdout.write(
    `${JSON.stringify({
      ms,
      cpuMs: (used.user + used.system) / 1000,
      objective: result.total,
      matched: result.matched,
      rssMB: process.resourceUsage().maxRSS / 1024,
    })}\n`,
  );
}
