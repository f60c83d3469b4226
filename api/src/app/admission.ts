import type { RequestHandler } from 'express';
import type { Logger } from './logger.js';
import { PROBLEM_TYPE_BASE } from './problem.js';

export interface AdmissionOptions {
  /** Requests served at once by this instance; beyond it the API answers 503 at once. */
  maxInFlight: number;
  /** Seconds a refused client is told to wait (`Retry-After`). */
  retryAfterSeconds?: number;
  logger?: Logger;
}

/**
 * Admission control: a bound on requests in flight in this process. Past it a request is refused
 * with 503 before anything is spent on it (no token check, no body, no database), so the ones
 * admitted keep their latency instead of all of them queueing behind each other. Behind a load
 * balancer the 503 and its `Retry-After` send the client to another instance or back later.
 */
export function admissionControl(o: AdmissionOptions): RequestHandler {
  let inFlight = 0;
  let shedSinceLog = 0;
  let lastLog = 0;
  const retryAfter = String(o.retryAfterSeconds ?? 1);
  // Built once: refusing must cost next to nothing.
  const body = JSON.stringify({
    type: `${PROBLEM_TYPE_BASE}overloaded`,
    title: 'The service is busy',
    status: 503,
    detail: 'Too many requests are being served right now; try again after Retry-After.',
  });
  return (_req, res, next) => {
    if (inFlight >= o.maxInFlight) {
      shedSinceLog += 1;
      const now = Date.now();
      if (o.logger !== undefined && now - lastLog >= 1000) {
        o.logger.warn(
          { shed: shedSinceLog, inFlight, maxInFlight: o.maxInFlight },
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
