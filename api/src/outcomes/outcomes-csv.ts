import type { OutcomesView } from '../contract/index.js';
import { csvCell } from '../insights/index.js';

/**
 * The outcome aggregates as CSV, one row per figure: role, dimension, breakdown, group, metric,
 * value, suppressed (an empty value is suppressed, never 0). No individual answer is in it.
 */
export function outcomesCsv(view: OutcomesView): string {
  const rows: (string | number | boolean | null)[][] = [
    ['role', 'dimension', 'breakdown', 'group', 'metric', 'value', 'suppressed'],
  ];
  rows.push(['', '', '', '', 'minGroupSize', view.minGroupSize, false]);
  for (const r of view.responseRates) {
    rows.push([r.role, '', '', '', 'enrolled', r.enrolled, false]);
    rows.push([
      r.role,
      '',
      '',
      '',
      'baselineResponses',
      r.baseline.responses,
      r.baseline.responses === null,
    ]);
    rows.push([r.role, '', '', '', 'baselineRate', r.baseline.rate, r.baseline.rate === null]);
    rows.push([r.role, '', '', '', 'endAsked', r.end.asked, false]);
    rows.push([r.role, '', '', '', 'endResponses', r.end.responses, r.end.responses === null]);
    rows.push([r.role, '', '', '', 'endRate', r.end.rate, r.end.rate === null]);
    rows.push([
      r.role,
      '',
      '',
      '',
      'endRespondents',
      r.end.respondents,
      r.end.respondents === null,
    ]);
  }
  const change = (
    role: string,
    dimension: string,
    by: string,
    group: string,
    c: OutcomesView['dimensions'][number]['change'],
  ) => {
    for (const [metric, value] of [
      ['pairedPeople', c.paired],
      ['meanChange', c.mean],
      ['ci95Low', c.low],
      ['ci95High', c.high],
    ] as const)
      rows.push([role, dimension, by, group, metric, value, value === null]);
  };
  for (const d of view.dimensions) {
    rows.push([
      d.role,
      d.dimension,
      '',
      '',
      'baselineMean',
      d.baselineMean,
      d.baselineMean === null,
    ]);
    rows.push([d.role, d.dimension, '', '', 'endMean', d.endMean, d.endMean === null]);
    change(d.role, d.dimension, '', '', d.change);
  }
  for (const b of view.breakdowns)
    for (const cell of b.cells) change(b.role, b.dimension, b.by, cell.group, cell.change);
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
