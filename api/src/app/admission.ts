import type { RequestHandler } from 'express';
import type { Logger } from './logger.js';
import { PROBLEM_TYPE_BASE } from './problem.js';

export interface AdmissionOptions {
  /** Requests served at once by this instance; beyond it the API answers 503 at once (0: no bound). */
  maxInFlight: number;
  /**
   * Event-loop delay (ms), averaged over the last few hundred milliseconds, past which the API
   * answers 503 at once (0: off). The in-flight bound cannot see a saturated loop: requests then
   * wait in socket buffers before Express reads them, while each one admitted finishes quickly,
   * so few are ever in flight at once.
   */
  maxEventLoopDelayMs?: number;
  /** Seconds a refused client is told to wait (`Retry-After`). */
  retryAfterSeconds?: number;
  logger?: Logger;
}

/** How often the loop's delay is sampled while requests come in. */
const SAMPLE_MS = 10;
/**
 * The time constant (ms) of the delay's moving average. One stall (a collection, a compilation,
 * another thread on the core) leaves a burst the loop serves in a few milliseconds once it runs
 * again; a saturated loop is late at every turn. Averaged over this long, a single stall of up to
 * about twice the bound stays under it, while a loop late at every turn passes it within a few
 * turns. (The same idea as toobusy-js's smoothed lag, on a finer clock.)
 */
export const SMOOTHING_MS = 200;
/** The sampler stops after this long without a request, so an idle process does not wake for it. */
const IDLE_STOP_MS = 5_000;

/** `previous` moved toward `sample` by how long the sample stood for (`elapsed` ms). */
const blend = (previous: number, sample: number, elapsed: number): number =>
  previous + (sample - previous) * (1 - Math.exp(-elapsed / SMOOTHING_MS));

/**
 * The event loop's delay, sampled by a short timer (how late each tick fires) and averaged over
 * time, including how overdue the next tick is already when the loop is blocked right now. One
 * per process, since the loop is; started on first use and stopped when idle, never keeping the
 * process alive.
 */
class LoopDelay {
  private timer: NodeJS.Timeout | undefined;
  private due = 0;
  private lastTick = 0;
  private average = 0;
  private lastUse = 0;

  /** The loop's average delay (ms) up to now; starts sampling if it was not. */
  current(now: number): number {
    this.lastUse = now;
    if (this.timer === undefined) {
      this.lastTick = now;
      this.schedule(now);
      return 0;
    }
    const overdue = now - this.due;
    return overdue > this.average
      ? blend(this.average, overdue, now - this.lastTick)
      : this.average;
  }

  private schedule(now: number): void {
    this.due = now + SAMPLE_MS;
    this.timer = setTimeout(() => this.tick(), SAMPLE_MS);
    this.timer.unref();
  }

  private tick(): void {
    const now = performance.now();
    this.average = blend(this.average, Math.max(0, now - this.due), now - this.lastTick);
    this.lastTick = now;
    if (now - this.lastUse > IDLE_STOP_MS) {
      this.timer = undefined;
      this.average = 0;
      return;
    }
    this.schedule(now);
  }
}

const loopDelay = new LoopDelay();

/**
 * Admission control: a bound on requests in flight in this process, and on the event loop's
 * average delay. Past either a request is refused with 503 before anything is spent on it (no token
 * check, no body, no database), so the ones admitted keep their latency instead of all of them
 * queueing behind each other. Behind a load balancer the 503 and its `Retry-After` send the
 * client to another instance or back later.
 */
export function admissionControl(o: AdmissionOptions): RequestHandler {
  let inFlight = 0;
  let shedSinceLog = 0;
  let lastLog = 0;
  const maxDelay = o.maxEventLoopDelayMs ?? 0;
  const maxInFlight = o.maxInFlight > 0 ? o.maxInFlight : Number.POSITIVE_INFINITY;
  const retryAfter = String(o.retryAfterSeconds ?? 1);
  // Built once: refusing must cost next to nothing.
  const body = JSON.stringify({
    type: `${PROBLEM_TYPE_BASE}overloaded`,
    title: 'The service is busy',
    status: 503,
    detail: 'Too many requests are being served right now; try again after Retry-After.',
  });
  return (_req, res, next) => {
    const delay = maxDelay > 0 ? loopDelay.current(performance.now()) : 0;
    if (inFlight >= maxInFlight || delay > maxDelay) {
      shedSinceLog += 1;
      const now = Date.now();
      if (o.logger !== undefined && now - lastLog >= 1000) {
        o.logger.warn(
          {
            shed: shedSinceLog,
            inFlight,
            maxInFlight: o.maxInFlight,
            eventLoopDelayMs: Math.round(delay),
            maxEventLoopDelayMs: maxDelay,
          },
          'shedding load',
        );
        shedSinceLog = 0;
        lastLog = now;
      }
      res.writeHead(503, {
        'Content-Type': 'application/problem+json',
        'Content-Length': Buffer.byteLength(body),
        'Cache-Control': 'no-store',
        'Retry-After': retryAfter,
      });
      res.end(body);
      return;
    }
    inFlight += 1;
    let released = false;
    res.once('close', () => {
      if (released) return;
      released = true;
      inFlight -= 1;
    });
    next();
  };
}
