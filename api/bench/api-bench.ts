// Long on purpose: the home-view and overload cases share the server child, the open-loop driver and its percentiles.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { DevSignIn } from '../src/contract/api-types.js';

/**
 * API latency of the employee's home view (`GET /api/me/home`), the screen every participant
 * opens. The real server (the compiled app, `api-bench-server.mjs`) runs in a child process
 * pinned to one core (`taskset -c 0`) on the embedded local tenant with PGlite in memory; it
 * seeds a program with a few hundred booked pairings through its own store, then this process
 * (pinned to another core when there is one) signs in ~50 people with the dev sign-in and sends
 * requests at a fixed rate on loopback.
 *
 * Open loop: request i is due at start + i / rate and is sent then whether or not earlier ones
 * have answered; its latency runs from when it was due, so a stalled server cannot hide its
 * queue by slowing the load down (no coordinated omission).
 *
 * Measured as the issue measures (median of 3): after a warm-up, BENCH_API_WINDOWS (3) windows of
 * BENCH_API_SECONDS each on the same server; the figures are the median window's, and every
 * window is printed too. A request that fails on a reused keep-alive connection the server closed
 * at the same moment is sent again at once, as browsers do (Node's `request.reusedSocket`); its
 * latency still runs from when it was first due.
 *
 * Prints one JSON line, with the server's event-loop stalls (timer ticks 20/50/100 ms late) and
 * garbage collections over each window, which a shared machine distorts less than the p99.
 * Knobs: BENCH_API_RATE (300), BENCH_API_SECONDS (20), BENCH_API_PAIRS (300),
 * BENCH_API_MAX_EVENT_LOOP_DELAY_MS (the server's shedding bound; unset: the production default,
 * `0`: off), BENCH_API_PROFILE (a folder for the server's CPU profile), BENCH_API_STALL_LOG (a
 * file for every stall and GC of the window, see server-stalls.mjs), BENCH_API_NODE_FLAGS (node
 * and V8 flags for the server, e.g. `--single-threaded-gc`, to see what a setting changes).
 */

const RATE = Number(process.env.BENCH_API_RATE ?? 300);
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 20);
const WINDOWS = Number(process.env.BENCH_API_WINDOWS ?? 3);
const WARMUP_SECONDS = 2;
/** Issue 17's target for the home view: p99 under 25 ms at 300 requests a second on one core. */
const TARGET_P99_MS = 25;
/** The whole run, setup included, is cut off here whatever happens. */
const HARD_LIMIT_MS = 180_000;

const began = performance.now();
/** Progress on stderr, so stdout stays the one JSON line. */
function progress(step: string): void {
  process.stderr.write(`api-bench: ${((performance.now() - began) / 1000).toFixed(1)} s ${step}\n`);
}

interface Ready {
  url: string;
  people: string[];
  pairings: number;
  sessions: number;
  /** The admission settings the server runs with. */
  admission: { maxInFlight: number; maxEventLoopDelayMs: number };
}

// ---------------------------------------------------------------------------------------------
// Parent: the load.

/** The server under test: the compiled app, as `npm start` runs it. */
const serverScript = fileURLToPath(new URL('./api-bench-server.mjs', import.meta.url));

function canPin(): boolean {
  return os.availableParallelism() >= 2 && spawnSync('taskset', ['-V']).status === 0;
}

function startChild(
  pinned: boolean,
  env: Record<string, string> = {},
): { child: ChildProcess; ready: Promise<Ready> } {
  // BENCH_API_PROFILE=<folder> writes a V8 CPU profile of the server there, to see where time goes.
  const profile = process.env.BENCH_API_PROFILE;
  const node = [
    process.execPath,
    ...(profile === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', profile]),
    ...(process.env.BENCH_API_NODE_FLAGS ?? '').split(' ').filter((f) => f !== ''),
    serverScript,
  ];
  const [command, ...args] = pinned ? ['taskset', '-c', '0', ...node] : node;
  const child = spawn(command ?? process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env: { ...process.env, NODE_ENV: 'production', ...env },
  });
  const ready = new Promise<Ready>((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (const line of buffer.split('\n').slice(0, -1)) {
        const parsed = JSON.parse(line) as { ready?: Ready };
        if (parsed.ready !== undefined) resolve(parsed.ready);
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, ready };
}

/** The server's event-loop stalls and GCs (see server-stalls.mjs) from `window-start` to now. */
function serverStalls(child: ChildProcess): Promise<unknown> {
  return new Promise((resolve) => {
    const timeout = setTimeout(() => resolve(null), 5_000);
    child.once('message', (message: { stalls?: unknown }) => {
      clearTimeout(timeout);
      resolve(message.stalls ?? null);
    });
    child.send('window-end');
  });
}

/** CPU time a process has used so far (user + system), from /proc; undefined elsewhere. */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 a second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${url}/readyz`).catch(() => undefined);
    if (res?.ok === true) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server never became ready');
}

async function signIn(url: string, userId: string): Promise<string> {
  let res: Response | undefined;
  // A busy server (just seeded, on a loaded machine) sheds with 503: wait as told and try again.
  for (let attempt = 0; attempt < 30; attempt += 1) {
    res = await fetch(`${url}/dev/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId }),
    });
    if (res.status !== 503) break;
    await res.body?.cancel();
    await new Promise((r) => setTimeout(r, 1000 * Number(res?.headers.get('retry-after') ?? 1)));
  }
  if (res?.ok !== true) throw new Error(`dev sign-in for ${userId} answered ${res?.status}`);
  return ((await res.json()) as DevSignIn).accessToken;
}

interface Outcome {
  latencyMs: number;
  /** HTTP status, or 0 when the request failed without one (reset, timeout). */
  status: number;
}

/** Sends GET /api/me/home at `rate` a second for `seconds`, on schedule, and collects outcomes. */
async function drive(o: {
  url: string;
  tokens: string[];
  rate: number;
  seconds: number;
  agent: http.Agent;
}): Promise<Outcome[]> {
  const target = new URL('/api/me/home', o.url);
  const total = Math.round(o.rate * o.seconds);
  const outcomes: Outcome[] = [];
  const pending: Promise<void>[] = [];
  const start = performance.now();
  const send = (i: number) => {
    const due = start + (i * 1000) / o.rate;
    const token = o.tokens[i % o.tokens.length] ?? '';
    pending.push(
      new Promise<void>((resolve) => {
        const done = (status: number) => {
          outcomes.push({ latencyMs: performance.now() - due, status });
          resolve();
        };
        const attempt = (again: boolean) => {
          const req = http.request(
            target,
            { agent: o.agent, headers: { authorization: `Bearer ${token}` } },
            (res) => {
              res.resume();
              res.on('end', () => done(res.statusCode ?? 0));
              res.on('error', () => done(0));
            },
          );
          req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
          req.on('error', (error: NodeJS.ErrnoException) => {
            // The server closed an idle keep-alive connection as this request went out on it.
            if (again && req.reusedSocket && error.code === 'ECONNRESET') attempt(false);
            else done(0);
          });
          req.end();
        };
        attempt(true);
      }),
    );
  };
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const elapsed = performance.now() - start;
      while (next < total && (next * 1000) / o.rate <= elapsed) send(next++);
      if (next >= total) resolve();
      else setTimeout(tick, Math.max(0, (next * 1000) / o.rate - elapsed));
    };
    tick();
  });
  await Promise.all(pending);
  return outcomes;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

const round = (ms: number) => Number(ms.toFixed(2));

interface HomeWindow {
  requests: number;
  errors: number;
  errorStatuses: Record<string, number>;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  serverCpuMsPerRequest: number | null;
  serverStalls: unknown;
  stallsOver50ms: number | null;
}

/** One measured window: SECONDS of load, with the server's CPU and stalls over it. */
async function measureWindow(
  child: ChildProcess,
  o: { url: string; tokens: string[]; agent: http.Agent },
): Promise<HomeWindow> {
  child.send('window-start');
  const cpuBefore = cpuMs(child.pid);
  const outcomes = await drive({ ...o, rate: RATE, seconds: SECONDS });
  const cpuAfter = cpuMs(child.pid);
  const stalls = (await serverStalls(child)) as { stalls?: { over50ms?: number } } | null;
  const failed = outcomes.filter((r) => r.status !== 200);
  const errorStatuses: Record<string, number> = {};
  for (const r of failed) errorStatuses[r.status] = (errorStatuses[r.status] ?? 0) + 1;
  const latencies = outcomes.map((r) => r.latencyMs).sort((a, b) => a - b);
  return {
    requests: outcomes.length,
    errors: failed.length,
    errorStatuses,
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies.at(-1) ?? Number.NaN),
    serverCpuMsPerRequest:
      cpuBefore === undefined || cpuAfter === undefined
        ? null
        : round((cpuAfter - cpuBefore) / outcomes.length),
    serverStalls: stalls,
    stallsOver50ms: stalls?.stalls?.over50ms ?? null,
  };
}

/** The middle item by `key` (the lower middle of an even count). */
function medianBy<T>(items: T[], key: (item: T) => number): T {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  const middle = sorted[Math.floor((sorted.length - 1) / 2)];
  if (middle === undefined) throw new Error('no windows measured');
  return middle;
}

async function bench(): Promise<void> {
  const pinned = canPin();
  // The load generator stays off the server's core, so the two do not compete for it.
  if (pinned) spawnSync('taskset', ['-a', '-cp', '1', String(process.pid)], { stdio: 'ignore' });
  // Shedding on event-loop delay: the production default (50 ms) unless the bench is told
  // otherwise (`0`: off), so a latency figure can be taken with or without it.
  const delayBound = process.env.BENCH_API_MAX_EVENT_LOOP_DELAY_MS;
  const { child, ready } = startChild(
    pinned,
    delayBound === undefined ? {} : { MAX_EVENT_LOOP_DELAY_MS: delayBound },
  );
  const killer = killAtHardLimit(child);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  try {
    const server = await ready;
    progress(`server seeded (${server.pairings} pairings)`);
    await waitReady(server.url);
    const tokens: string[] = [];
    for (const id of server.people) tokens.push(await signIn(server.url, id));

    progress(`${tokens.length} people signed in`);
    await drive({ url: server.url, tokens, rate: RATE, seconds: WARMUP_SECONDS, agent });
    progress('warmed up');
    const windows: HomeWindow[] = [];
    for (let w = 0; w < WINDOWS; w += 1) {
      windows.push(await measureWindow(child, { url: server.url, tokens, agent }));
      progress(`window ${w + 1} of ${WINDOWS}: p99 ${windows.at(-1)?.p99Ms} ms`);
    }
    const median = medianBy(windows, (w) => w.p99Ms);
    const errors = windows.reduce((sum, w) => sum + w.errors, 0);
    process.stdout.write(
      `${JSON.stringify({
        bench: 'api-home',
        rate: RATE,
        seconds: SECONDS,
        windows: windows.length,
        requests: windows.reduce((sum, w) => sum + w.requests, 0),
        errors,
        p50Ms: median.p50Ms,
        p95Ms: median.p95Ms,
        p99Ms: median.p99Ms,
        maxMs: median.maxMs,
        targetP99Ms: TARGET_P99_MS,
        meetsTarget: errors === 0 && median.p99Ms < TARGET_P99_MS,
        errorStatuses: median.errorStatuses,
        serverCpuMsPerRequest: medianBy(windows, (w) => w.serverCpuMsPerRequest ?? Number.NaN)
          .serverCpuMsPerRequest,
        serverStalls: median.serverStalls,
        perWindow: windows.map((w) => ({
          p50Ms: w.p50Ms,
          p99Ms: w.p99Ms,
          maxMs: w.maxMs,
          errors: w.errors,
          errorStatuses: w.errorStatuses,
          serverCpuMsPerRequest: w.serverCpuMsPerRequest,
          stallsOver50ms: w.stallsOver50ms,
        })),
        pinnedToOneCore: pinned,
        ...server.admission,
        users: tokens.length,
        pairings: server.pairings,
        sessions: server.sessions,
        loadAverage1m: round(os.loadavg()[0] ?? 0),
      })}\n`,
    );
  } finally {
    clearTimeout(killer);
    agent.destroy();
    await stopChild(child);
  }
}

/** Whatever happens, the server and this run end at HARD_LIMIT_MS. */
function killAtHardLimit(child: ChildProcess): NodeJS.Timeout {
  return setTimeout(() => {
    child.kill('SIGKILL');
    process.stderr.write('api-bench: hard time limit reached\n');
    process.exit(1);
  }, HARD_LIMIT_MS);
}

async function stopChild(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const force = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Overload: twice the sustainable rate, with and without admission control.

const OVERLOAD_RATE = Number(process.env.BENCH_API_OVERLOAD_RATE ?? 2 * RATE);
const OVERLOAD_SECONDS = Number(process.env.BENCH_API_OVERLOAD_SECONDS ?? 10);
const OVERLOAD_TARGET_P99_MS = 250;
/** A refusal counts as fast when it answers within this. */
const FAST_REFUSAL_MS = 50;

/**
 * The same server and load as above, driven at OVERLOAD_RATE (default twice BENCH_API_RATE) for
 * OVERLOAD_SECONDS, with the in-flight bound (`BENCH_API_MAX_IN_FLIGHT`, default the app's 64)
 * once without shedding on event-loop delay (`MAX_EVENT_LOOP_DELAY_MS=0`) and once with it
 * (`BENCH_API_MAX_EVENT_LOOP_DELAY_MS`, default the app's 50). One JSON line per setting:
 * admitted requests' p50/p99 and the refused (503) count with their own p99, so "admitted keep
 * their latency, the rest get a fast 503" is checked.
 */
async function overload(): Promise<void> {
  const pinned = canPin();
  if (pinned) spawnSync('taskset', ['-a', '-cp', '1', String(process.pid)], { stdio: 'ignore' });
  const maxInFlight = process.env.BENCH_API_MAX_IN_FLIGHT ?? '64';
  const delayBound = process.env.BENCH_API_MAX_EVENT_LOOP_DELAY_MS ?? '50';
  for (const maxEventLoopDelayMs of ['0', delayBound]) {
    const { child, ready } = startChild(pinned, {
      MAX_IN_FLIGHT: maxInFlight,
      MAX_EVENT_LOOP_DELAY_MS: maxEventLoopDelayMs,
    });
    const killer = killAtHardLimit(child);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });
    try {
      const server = await ready;
      await waitReady(server.url);
      const tokens: string[] = [];
      for (const id of server.people) tokens.push(await signIn(server.url, id));
      await drive({ url: server.url, tokens, rate: RATE, seconds: WARMUP_SECONDS, agent });
      progress(
        `overload: warmed up (MAX_IN_FLIGHT=${maxInFlight}, MAX_EVENT_LOOP_DELAY_MS=${maxEventLoopDelayMs})`,
      );
      const outcomes = await drive({
        url: server.url,
        tokens,
        rate: OVERLOAD_RATE,
        seconds: OVERLOAD_SECONDS,
        agent,
      });
      const sorted = (rows: Outcome[]) => rows.map((r) => r.latencyMs).sort((a, b) => a - b);
      const admitted = sorted(outcomes.filter((r) => r.status === 200));
      const shed = sorted(outcomes.filter((r) => r.status === 503));
      const other: Record<string, number> = {};
      for (const r of outcomes)
        if (r.status !== 200 && r.status !== 503) other[r.status] = (other[r.status] ?? 0) + 1;
      const admittedP99Ms = round(percentile(admitted, 99));
      const shedP99Ms = shed.length === 0 ? null : round(percentile(shed, 99));
      process.stdout.write(
        `${JSON.stringify({
          bench: 'api-overload',
          maxInFlight: Number(maxInFlight),
          maxEventLoopDelayMs: Number(maxEventLoopDelayMs),
          rate: OVERLOAD_RATE,
          sustainableRate: RATE,
          seconds: OVERLOAD_SECONDS,
          requests: outcomes.length,
          admitted: admitted.length,
          admittedP50Ms: round(percentile(admitted, 50)),
          admittedP99Ms,
          shed: shed.length,
          shedP99Ms,
          otherStatuses: other,
          targetAdmittedP99Ms: OVERLOAD_TARGET_P99_MS,
          meetsTarget:
            Object.keys(other).length === 0 &&
            admittedP99Ms < OVERLOAD_TARGET_P99_MS &&
            (shedP99Ms === null || shedP99Ms < FAST_REFUSAL_MS),
          pinnedToOneCore: pinned,
          users: tokens.length,
          loadAverage1m: round(os.loadavg()[0] ?? 0),
        })}\n`,
      );
    } finally {
      clearTimeout(killer);
      agent.destroy();
      await stopChild(child);
    }
  }
}

if (process.argv.includes('--overload')) await overload();
else await bench();
