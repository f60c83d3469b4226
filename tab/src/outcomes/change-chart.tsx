import { Body1, Caption1, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import type { OutcomeChange } from '../api/index.js';
import { chartRowStyles } from '../ui/index.js';

export interface ChangeRow {
  label: string;
  change: OutcomeChange;
}

const chart = chartRowStyles('35%');
const useStyles = makeStyles({
  ...chart,
  plot: { ...chart.plot, height: '20px' },
  axis: { stroke: tokens.colorNeutralStroke1, strokeWidth: 1 },
  zero: { stroke: tokens.colorNeutralForeground3, strokeWidth: 1, strokeDasharray: '2 2' },
  interval: { stroke: tokens.colorBrandForeground1, strokeWidth: 3, strokeLinecap: 'round' },
  mean: { fill: tokens.colorBrandForeground1 },
  value: { textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
});

const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(2)}`;

export function describeChange(c: OutcomeChange, small: string): string {
  if (c.mean === null || c.low === null || c.high === null) return small;
  return `${signed(c.mean)} (95% CI ${signed(c.low)} to ${signed(c.high)}, ${c.paired ?? 0} people)`;
}

/**
 * Mean change per row with its 95% confidence interval, on one axis from −span to +span points
 * around a dashed zero. The figures are also text, which is what screen readers read.
 */
export function ChangeChart(props: {
  id: string;
  title: string;
  rows: ChangeRow[];
  /** Half the axis, in scale points (the scale's width: 4 on a 1–5 scale). */
  span: number;
  note?: string;
  suppressedText: string;
}) {
  const styles = useStyles();
  const x = (v: number) => 50 + (Math.max(-props.span, Math.min(props.span, v)) / props.span) * 50;
  return (
    <figure className={styles.figure} aria-labelledby={`${props.id}-title`}>
      <Subtitle2 as="h3" id={`${props.id}-title`}>
        {props.title}
      </Subtitle2>
      <ul className={styles.list}>
        {props.rows.map((r) => {
          const c = r.change;
          const shown = c.mean !== null && c.low !== null && c.high !== null;
          return (
            <li key={r.label} className={styles.row}>
              <Body1>{r.label}</Body1>
              <svg
                className={styles.plot}
                viewBox="0 0 100 20"
                preserveAspectRatio="none"
                aria-hidden="true"
              >
                <line className={styles.axis} x1="0" x2="100" y1="10" y2="10" />
                <line className={styles.zero} x1="50" x2="50" y1="2" y2="18" />
                {shown && (
                  <>
                    <line
                      className={styles.interval}
                      x1={x(c.low ?? 0)}
                      x2={x(c.high ?? 0)}
                      y1="10"
                      y2="10"
                    />
                    <rect
                      className={styles.mean}
                      x={x(c.mean ?? 0) - 1.2}
                      y="4"
                      width="2.4"
                      height="12"
                    />
                  </>
                )}
              </svg>
              <Body1 className={shown ? styles.value : styles.suppressed}>
                {describeChange(c, props.suppressedText)}
              </Body1>
            </li>
          );
        })}
      </ul>
      {props.note !== undefined && <Caption1 className={styles.note}>{props.note}</Caption1>}
    </figure>
  );
}
