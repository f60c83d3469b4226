import { describe, expect, it } from 'vitest';
import { pairedChange, studentTQuantile } from './paired-change.js';

describe('paired change', () => {
  it('uses the t quantiles of the tables', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.776, 3);
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.262, 3);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042, 3);
    expect(studentTQuantile(0.975, 1000)).toBeCloseTo(1.962, 3);
  });

  it('gives the mean change and its 95% interval on a worked example', () => {
    // Differences 1, 2, 0, 1, 1: mean 1, sample sd √0.5 ≈ 0.7071, standard error 0.3162,
    // t(0.975, 4) = 2.7764 → half-width 0.878 → interval 0.12 to 1.88.
    const change = pairedChange([
      { before: 2, after: 3 },
      { before: 2.5, after: 4.5 },
      { before: 3, after: 3 },
      { before: 4, after: 5 },
      { before: 1, after: 2 },
    ]);
    expect(change).toEqual({ n: 5, mean: 1, low: 0.12, high: 1.88 });
  });

  it('has no interval width when everyone changed by the same amount, and none under two pairs', () => {
    expect(
      pairedChange([
        { before: 1, after: 2 },
        { before: 3, after: 4 },
      ]),
    ).toEqual({ n: 2, mean: 1, low: 1, high: 1 });
    expect(pairedChange([{ before: 1, after: 2 }])).toBeUndefined();
  });
});
