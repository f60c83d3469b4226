// What stalls the api bench's server during the measured window: event-loop stalls (how late a
// 10 ms timer fires) and garbage collections, by kind. Counts and sizes of stalls hold up better
// than a p99 on a machine shared with other work, so before/after comparisons use them too.
// `worst` lists the largest stalls with when they ended (ms into the window), the CPU the process
// used meanwhile (far below the stall: another process had the core) and how much of each was
// garbage collection. BENCH_API_STALL_LOG=<file> writes every stall and GC of the window with the
// offset to the clock of a CPU profile (BENCH_API_PROFILE), to see what ran during each stall.
import { PerformanceObserver, constants, performance } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';

const TICK_MS = 10;
/** A stall is a timer tick this much later than due. */
const STALL_THRESHOLDS_MS = [20, 50, 100];
/** Stalls listed one by one in the summary. */
const WORST = 8;

/**
 * Starts watching; `start()` opens the window (earlier stalls, e.g. seeding, are forgotten) and
 * `summary()` reads it.
 */
export function watchServerStalls() {
  let stalls = [];
  let gcs = [];
  let opened = performance.now();
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage();
    const late = now - last - TICK_MS;
    // CPU the process used meanwhile (all its threads): far below the stall's length means the
    // core was busy with another process, not with this one.
    const cpuMs = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
    if (late >= STALL_THRESHOLDS_MS[0]) stalls.push({ end: now, late, cpuMs });
    last = now;
    lastCpu = cpu;
  }, TICK_MS);
  timer.unref();
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      gcs.push({ kind: entry.detail?.kind, start: entry.startTime, ms: entry.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  const round = (ms) => Number(ms.toFixed(1));
  const ofKind = (kind) => {
    const ms = gcs.filter((g) => g.kind === kind).map((g) => g.ms);
    return {
      count: ms.length,
      totalMs: round(ms.reduce((a, b) => a + b, 0)),
      maxMs: round(Math.max(0, ...ms)),
    };
  };
  /** GC time inside a stall: the loop could not run from `end - late - TICK_MS` to `end`. */
  const gcWithin = (s) => {
    const from = s.end - s.late - TICK_MS;
    return gcs
      .filter((g) => g.start < s.end && g.start + g.ms > from)
      .reduce((sum, g) => sum + Math.min(g.start + g.ms, s.end) - Math.max(g.start, from), 0);
  };
  return {
    start() {
      stalls = [];
      gcs = [];
      opened = performance.now();
    },
    summary() {
      const worst = [...stalls].sort((a, b) => b.late - a.late).slice(0, WORST);
      const detail = process.env.BENCH_API_STALL_LOG;
      // The monotonic clock a CPU profile's timestamps use (µs), to find a stall in the profile.
      const hrOffsetUs = Number(process.hrtime.bigint() / 1000n) - performance.now() * 1000;
      if (detail !== undefined)
        writeFileSync(detail, JSON.stringify({ hrOffsetUs, opened, stalls, gcs }));
      return {
        stalls: Object.fromEntries(
          STALL_THRESHOLDS_MS.map((t) => [`over${t}ms`, stalls.filter((s) => s.late >= t).length]),
        ),
        maxStallMs: round(Math.max(0, ...stalls.map((s) => s.late))),
        worst: worst.map((s) => ({
          atMs: Math.round(s.end - opened),
          ms: round(s.late),
          cpuMs: round(s.cpuMs),
          gcMs: round(gcWithin(s)),
        })),
        // Scavenges (young generation) and mark-compacts (the whole heap) as V8 reports them.
        scavenges: ofKind(constants.NODE_PERFORMANCE_GC_MINOR),
        markCompacts: ofKind(constants.NODE_PERFORMANCE_GC_MAJOR),
      };
    },
  };
}
