import { Badge, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { SCORE_PARTS, scorePartLabel } from '../api/index.js';
import { wrapRow } from '../ui/index.js';

const useStyles = makeStyles({
  row: wrapRow(tokens.spacingHorizontalXS),
  legend: { color: tokens.colorNeutralForeground2 },
});

/** Score parts by name ("Shared topics 0.67"), never by code ("topics 0.67"). */
export function ScoreParts(props: { parts: Record<string, number> }) {
  const styles = useStyles();
  return (
    <span className={styles.row}>
      {Object.entries(props.parts).map(([part, value]) => (
        <Badge key={part} appearance="outline" color="informative">
          {scorePartLabel(part)} {value.toFixed(2)}
        </Badge>
      ))}
    </span>
  );
}

/** How to read a score: what each part measures and when it is full. */
export function ScoreLegend() {
  const styles = useStyles();
  return (
    <Caption1 className={styles.legend}>
      A score adds five parts. Each part runs from 0 to its weight in the rules (higher is better)
      and is full at:{' '}
      {Object.values(SCORE_PARTS)
        .map((p) => `${p.label.toLowerCase()}, ${p.full}`)
        .join('; ')}
      .
    </Caption1>
  );
}
