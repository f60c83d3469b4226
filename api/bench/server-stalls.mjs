// What stalls the api bench's server during the measured window: event-loop stalls (how late a
// 10 ms timer fires) and garbage collections, by kind. Counts and sizes of stalls hold up better
// than a p99 on a machine shared with other work, so before/after comparisons use them too.
import { PerformanceObserver, constants, performance } from 'node:perf_hooks';

const TICK_MS = 10;
/** A stall is a timer tick this much later than due. */
const STALL_THRESHOLDS_MS = [20, 50, 100];

/**
 * Starts watching; `start()` opens the window (earlier stalls, e.g. seeding, are forgotten) and
 * `summary()` reads it.
 */
export function watchServerStalls() {
  let stalls = [];
  let gcs = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const late = now - last - TICK_MS;
    if (late >= STALL_THRESHOLDS_MS[0]) stalls.push(late);
    last = now;
  }, TICK_MS);
  timer.unref();
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      gcs.push({ kind: entry.detail?.kind, ms: entry.duration });
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
  return {
    start() {
      stalls = [];
      gcs = [];
    },
    summary() {
      return {
        stalls: Object.fromEntries(
          STALL_THRESHOLDS_MS.map((t) => [`over${t}ms`, stalls.filter((s) => s >= t).length]),
        ),
        maxStallMs: round(Math.max(0, ...stalls)),
        // Scavenges (young generation) and mark-compacts (the whole heap) as V8 reports them.
        scavenges: ofKind(constants.NODE_PERFORMANCE_GC_MINOR),
        markCompacts: ofKind(constants.NODE_PERFORMANCE_GC_MAJOR),
      };
    },
  };
}
