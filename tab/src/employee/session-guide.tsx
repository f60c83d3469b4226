import {
  Body1,
  Caption1,
  Card,
  makeStyles,
  mergeClasses,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import type { SessionGuideView } from '../api/index.js';
import { column, layoutStyles, reflowGrid, roleLabel } from '../ui/index.js';
import { sessionLabel } from './session-label.js';

const useStyles = makeStyles({
  ...layoutStyles,
  grid: reflowGrid('300px', tokens.spacingHorizontalL, 'auto-fit'),
  card: column(tokens.spacingVerticalS),
  wide: { gridColumn: '1 / -1' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  item: { marginBottom: tokens.spacingVerticalXS },
  question: {
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorBrandStroke1}`,
    paddingLeft: tokens.spacingHorizontalM,
  },
});

function Items(props: { items: string[] }) {
  const styles = useStyles();
  if (props.items.length === 0) return <Body1>Nothing for this session.</Body1>;
  return (
    <ul className={styles.list}>
      {props.items.map((item) => (
        <li key={item} className={styles.item}>
          <Body1>{item}</Body1>
        </li>
      ))}
    </ul>
  );
}

/** The guide for one session, for my role: goal, pre-work, prompts, exercise, ground rules. */
export function SessionGuide(props: {
  guide: SessionGuideView;
  /** Heading level of the guide's own parts (h2 on a page, h3 under a section). */
  level?: 'h2' | 'h3';
  compact?: boolean;
}) {
  const styles = useStyles();
  const g = props.guide;
  const h = props.level ?? 'h2';
  return (
    <div className={styles.grid}>
      <Card className={mergeClasses(styles.card, styles.wide)}>
        <Subtitle2 as={h}>Goal</Subtitle2>
        <Body1>{g.goal}</Body1>
        <Caption1 className={styles.muted}>
          {/* The side panel has no page title naming the session. */}
          {props.compact === true && (
            <>
              {sessionLabel(g)}: {g.title} ·{' '}
            </>
          )}
          {g.topic} · {g.durationMinutes} minutes · your role: {roleLabel(g.role).toLowerCase()}
        </Caption1>
      </Card>
      <Card className={styles.card}>
        <Subtitle2 as={h}>Before you meet</Subtitle2>
        <Items items={g.preWork} />
      </Card>
      <Card className={styles.card}>
        <Subtitle2 as={h}>Your prompts</Subtitle2>
        <Items items={g.prompts} />
      </Card>
      {!props.compact && g.partnerPrompts.length > 0 && (
        <Card className={styles.card}>
          <Subtitle2 as={h}>What your partner will bring</Subtitle2>
          <Items items={g.partnerPrompts} />
        </Card>
      )}
      <Card className={styles.card}>
        <Subtitle2 as={h}>Exercise</Subtitle2>
        <Body1>{g.exercise}</Body1>
      </Card>
      <Card className={styles.card}>
        <Subtitle2 as={h}>Ground rules</Subtitle2>
        <Items items={g.groundRules} />
      </Card>
      <Card className={mergeClasses(styles.card, styles.wide)}>
        <Subtitle2 as={h}>To reflect on afterwards</Subtitle2>
        <Body1 className={styles.question}>{g.reflectionQuestion}</Body1>
      </Card>
    </div>
  );
}
