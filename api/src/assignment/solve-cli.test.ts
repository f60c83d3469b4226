import { describe, expect, it } from 'vitest';
import { runSolveCli } from './solve-cli.js';

describe('runSolveCli', () => {
  it('prints the optimal assignment and total', async () => {
    const out = await runSolveCli(
      JSON.stringify({
        rows: 3,
        cols: 2,
        weights: [
          [5, 1],
          [4, null],
          [null, null],
        ],
      }),
    );
    expect(out.exitCode).toBe(0);
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toEqual({ assignment: [1, 0, -1], total: 5 });
  });

  it('handles an empty instance', async () => {
    const out = await runSolveCli('{"rows":0,"cols":0,"weights":[]}');
    expect(JSON.parse(out.stdout)).toEqual({ assignment: [], total: 0 });
  });

  it.each([
    ['invalid JSON', '{"rows": 1,', /invalid JSON/],
    [
      'a wrong row count',
      '{"rows":2,"cols":1,"weights":[[1]]}',
      /expected 2 rows of weights, got 1/,
    ],
    [
      'a wrong row length',
      '{"rows":1,"cols":2,"weights":[[1]]}',
      /row 0 has 1 entries, expected 2/,
    ],
    ['a non-finite number', '{"rows":1,"cols":1,"weights":[[1e999]]}', /weights\.0\.0/],
    ['a string weight', '{"rows":1,"cols":1,"weights":[["7"]]}', /weights\.0\.0/],
    ['a negative size', '{"rows":-1,"cols":1,"weights":[]}', /rows must not be negative/],
    ['an absurd size', '{"rows":1000000,"cols":1,"weights":[]}', /rows must be at most/],
    ['a fractional size', '{"rows":1.5,"cols":1,"weights":[]}', /rows/],
    ['an unknown field', '{"rows":0,"cols":0,"weights":[],"extra":1}', /extra/],
    ['too many cells', '{"rows":10000,"cols":10000,"weights":[]}', /rows × cols/],
  ])('rejects %s with exit code 2', async (_name, input, message) => {
    const out = await runSolveCli(input);
    expect(out.exitCode).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(message);
  });
});
