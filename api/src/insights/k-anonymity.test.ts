import { describe, expect, it } from 'vitest';
import { csvCell } from './insights-csv.js';
import { mean, shown, suppressedGroups } from './k-anonymity.js';

describe('k-anonymity', () => {
  it('shows a figure over 5 people and suppresses it over 4, as null rather than zero', () => {
    expect(shown(5, 0)).toBe(0);
    expect(shown(4, 3)).toBeNull();
    expect(shown(4, 0)).toBeNull();
  });

  it('suppresses groups under 5 and, when only one is hidden, the smallest shown one too', () => {
    expect(
      suppressedGroups([
        { group: 'Eng', people: 5 },
        { group: 'Sales', people: 4 },
        { group: 'HR', people: 3 },
      ]),
    ).toEqual(new Set(['Sales', 'HR']));
    // Total minus Eng would reveal Sales, so Eng goes too.
    expect(
      suppressedGroups([
        { group: 'Eng', people: 5 },
        { group: 'Ops', people: 9 },
        { group: 'Sales', people: 4 },
      ]),
    ).toEqual(new Set(['Sales', 'Eng']));
    expect(
      suppressedGroups([
        { group: 'Eng', people: 6 },
        { group: 'Ops', people: 5 },
      ]),
    ).toEqual(new Set());
  });

  it('averages to two decimals', () => {
    expect(mean([4, 5, 5])).toBe(4.67);
    expect(mean([])).toBeNull();
  });

  it('neutralises spreadsheet formulas and quotes CSV cells', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(null)).toBe('');
    expect(csvCell('R&D, Europe')).toBe('"R&D, Europe"');
  });
});
