import { Body1, Caption1, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import { topicLabel } from './format.js';
import { chartRowStyles } from './layout.js';

export interface BarDatum {
  label: string;
  /** Null when the group is suppressed (fewer than the minimum group size). */
  value: number | null;
  /** The value as people should read it ("31 of 40", "4.2 / 5"). */
  display: string;
  /** Why a null value is empty when it is not suppression (e.g. "no session due yet"). */
  emptyText?: string;
}

/**
 * A bar for a count that may be withheld (null) for a small group. Counts of small groups come
 * back as null even where the contract types a number, so every count goes through here.
 */
export function countBar(label: string, value: number | null | undefined): BarDatum {
  return typeof value === 'number'
    ? { label, value, display: String(value) }
    : { label, value: null, display: '' };
}

/**
 * A topic's held sessions: a topic nobody held a session on yet says so, rather than reading as
 * a group too small to show (insights and the report alike).
 */
export function topicBar(t: { topic: string; sessionsHeld: number | null; noneHeld: boolean }) {
  const bar = countBar(topicLabel(t.topic), t.sessionsHeld);
  return t.noneHeld ? { ...bar, emptyText: 'no session held yet' } : bar;
}

/** A bar for a mean score on the 1–5 check-in scale, withheld (null) for a small group. */
export function scoreBar(label: string, value: number | null): BarDatum {
  return { label, value, display: value === null ? '' : `${value.toFixed(1)} / 5` };
}

const chart = chartRowStyles('40%');
const useStyles = makeStyles({
  ...chart,
  row: { ...chart.row, rowGap: tokens.spacingVerticalXXS },
  label: { overflowWrap: 'anywhere' },
  track: { ...chart.plot, height: tokens.spacingVerticalL },
  trackBg: { fill: tokens.colorNeutralBackground3 },
  bar: { fill: tokens.colorBrandBackground },
  value: { color: tokens.colorNeutralForeground1, textAlign: 'end' },
});

/**
 * Horizontal bars drawn in SVG with Fluent tokens (so light, dark and high contrast all work).
 * The bars are decoration: every value is also text in reading order, which is what screen
 * readers get. Suppressed groups say so instead of showing a zero.
 */
export interface BarChartProps {
  title: string;
  id: string;
  data: BarDatum[];
  /** The value of a full bar; defaults to the largest value. */
  max?: number;
  note?: string;
  suppressedText?: string;
}

export function BarChart(props: BarChartProps) {
  const styles = useStyles();
  const values = props.data.map((d) => d.value ?? 0);
  const max = props.max ?? Math.max(1, ...values);
  return (
    <figure className={styles.figure} aria-labelledby={props.id}>
      <Subtitle2 as="h3" id={props.id}>
        {props.title}
      </Subtitle2>
      <ul className={styles.list}>
        {props.data.map((d) => (
          <li key={d.label} className={styles.row}>
            <Body1 className={styles.label}>{d.label}</Body1>
            <svg
              className={styles.track}
              viewBox="0 0 100 10"
              preserveAspectRatio="none"
              aria-hidden="true"
              focusable="false"
            >
              <rect className={styles.trackBg} x="0" y="0" width="100" height="10" rx="1" />
              {d.value !== null && (
                <rect
                  className={styles.bar}
                  x="0"
                  y="0"
                  width={Math.max(0, Math.min(100, (d.value / max) * 100))}
                  height="10"
                  rx="1"
                />
              )}
            </svg>
            {d.value === null ? (
              <Caption1 className={styles.suppressed}>
                {d.emptyText ?? props.suppressedText ?? 'fewer than 5 people'}
              </Caption1>
            ) : (
              <Body1 className={styles.value}>{d.display}</Body1>
            )}
          </li>
        ))}
      </ul>
      {props.note !== undefined && <Caption1 className={styles.note}>{props.note}</Caption1>}
    </figure>
  );
}
