/**
 * Deterministic hashing and pseudo-random numbers. Everything the demo organisation and its
 * calendars contain is derived from (seed, index, …) through these, so nothing needs storing:
 * a person's Tuesday is recomputed identically whenever it is asked for.
 */

/** A 32-bit avalanche mix (murmur3 finaliser); cheap and well distributed. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of a list of integers to an unsigned 32-bit integer. */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = mix32((h ^ (p | 0)) + 0x7f4a7c15 + (h << 6));
    h = mix32(h ^ Math.floor(p / 0x100000000));
  }
  return h;
}

/** A number in [0, 1) derived from the parts. */
export function unit(...parts: number[]): number {
  return hash32(...parts) / 0x100000000;
}

/** String to a 32-bit hash, for ids and names that feed the generator. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

export interface Rng {
  /** Next number in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
}

/** A small sequential generator (mulberry32) for the one-pass org build. */
export function createRng(seed: number): Rng {
  let a = hash32(seed) || 1;
  const next = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      const item = items[int(items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
  };
}

const HEX = '0123456789abcdef';

/** A GUID-shaped id (version 4 layout) derived from the parts, stable across runs. */
export function guidFrom(...parts: number[]): string {
  let hex = '';
  for (let k = 0; k < 4; k++)
    hex += hash32(...parts, k)
      .toString(16)
      .padStart(8, '0');
  const variant = HEX[8 + (parseInt(hex.charAt(16), 16) & 3)] ?? '8';
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
