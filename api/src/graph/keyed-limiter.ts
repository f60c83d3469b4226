interface Lane {
  active: number;
  waiting: (() => void)[];
}

/** At most `limit` holders per key at a time; the rest wait in arrival order. */
export class KeyedLimiter {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`Concurrency limit must be a positive integer, got ${limit}`);
    }
  }

  /** Resolves with the release function once a place is free for `key`. */
  async acquire(key: string): Promise<() => void> {
    let lane = this.lanes.get(key);
    if (lane === undefined) {
      lane = { active: 0, waiting: [] };
      this.lanes.set(key, lane);
    }
    if (lane.active < this.limit) {
      lane.active += 1;
    } else {
      const queued = lane;
      // The place is handed over by release(): `active` stays the same.
      await new Promise<void>((resolve) => queued.waiting.push(resolve));
    }
    return this.releaser(key, lane);
  }

  /** Holders plus waiters for a key (for tests and diagnostics). */
  pending(key: string): number {
    const lane = this.lanes.get(key);
    return lane === undefined ? 0 : lane.active + lane.waiting.length;
  }

  private releaser(key: string, lane: Lane): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = lane.waiting.shift();
      if (next !== undefined) {
        next();
        return;
      }
      lane.active -= 1;
      if (lane.active === 0) this.lanes.delete(key);
    };
  }
}
