import { Caption1, Card, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { column, reflowGrid } from './layout.js';

const useStyles = makeStyles({
  grid: reflowGrid('140px', tokens.spacingHorizontalM),
  stat: column(tokens.spacingVerticalXXS),
  value: {
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
  },
  muted: { color: tokens.colorNeutralForeground2 },
  suppressed: {
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontStyle: 'italic',
    color: tokens.colorNeutralForeground2,
  },
});

export interface StatProps {
  label: string;
  /** Null when the number is withheld (a group under the minimum size): `suppressed` shows. */
  value: string | null;
  note?: string;
  suppressed?: string;
}

/** One headline number on a card: label, value, an optional note. */
export function Stat(props: StatProps) {
  const styles = useStyles();
  return (
    <Card className={styles.stat}>
      <Caption1 className={styles.muted}>{props.label}</Caption1>
      {props.value === null ? (
        <span className={styles.suppressed}>{props.suppressed ?? 'fewer than 5 people'}</span>
      ) : (
        <span className={styles.value}>{props.value}</span>
      )}
      {props.note !== undefined && <Caption1 className={styles.muted}>{props.note}</Caption1>}
    </Card>
  );
}

/** Headline numbers in a grid that reflows from one column on a phone to a row on a desktop. */
export function StatGrid(props: { children: ReactNode }) {
  const styles = useStyles();
  return <div className={styles.grid}>{props.children}</div>;
}
