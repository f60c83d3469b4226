import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Start-up: the floor (`node -e 0`), the command line on its smallest job (`solve` on a 1 × 1
 * instance), and the server's time to ready (spawn to its "open http://…" line) on a fresh data
 * folder and again on the one it just made. Floor and CLI rounds interleave so both meet the
 * same load; medians of 7 (server: 3). Runs the compiled build, as `npm start` and the CLI do.
 */
const bin = fileURLToPath(new URL('../bin/reverse-mentoring.js', import.meta.url));
const ROUNDS = 7;
const SERVER_ROUNDS = 3;

function timed(args: string[], input?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'ignore', 'inherit'] });
    child.stdin.end(input ?? '');
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(performance.now() - started);
      else reject(new Error(`${args.join(' ')} exited with ${code}`));
    });
  });
}

/** Time from spawning `start` to the line that gives the address; then stops the server. */
function serverReady(dataDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, 'start'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let ready = Number.NaN;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (Number.isNaN(ready) && /open http:\/\//.test(out)) {
        ready = performance.now() - started;
        child.kill('SIGTERM');
      }
    });
    child.on('error', reject);
    child.on('exit', () => {
      if (Number.isNaN(ready)) reject(new Error(`server exited before it was ready: ${out}`));
      else resolve(ready);
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const round = (ms: number): number => Math.round(ms);
const load = (): number => Math.round((os.loadavg()[0] ?? 0) * 100) / 100;

const floor: number[] = [];
const solve: number[] = [];
const instance = JSON.stringify({ rows: 1, cols: 1, weights: [[1]] });
for (let k = 0; k < ROUNDS; k += 1) {
  floor.push(await timed(['-e', '0']));
  solve.push(await timed([bin, 'solve'], instance));
}
const floorMs = median(floor);
const solveMs = median(solve);
process.stdout.write(
  `${JSON.stringify({
    bench: 'startup',
    floorMs: round(floorMs),
    solveMs: round(solveMs),
    solveVsFloor: Math.round((solveMs / floorMs) * 10) / 10,
    load: load(),
  })}\n`,
);

const fresh: number[] = [];
const again: number[] = [];
for (let k = 0; k < SERVER_ROUNDS; k += 1) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rm-startup-'));
  try {
    fresh.push(await serverReady(dataDir));
    again.push(await serverReady(dataDir));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
process.stdout.write(
  `${JSON.stringify({
    bench: 'server-ready',
    freshDataMs: round(median(fresh)),
    existingDataMs: round(median(again)),
    load: load(),
  })}\n`,
);
