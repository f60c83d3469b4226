import {
  Body1,
  Button,
  Caption1,
  Card,
  CardFooter,
  Link,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { CalendarLtrRegular, VideoRegular } from '@fluentui/react-icons';
import type { PairingView } from '../api/index.js';
import { href } from '../routing/index.js';
import {
  formatDateTime,
  layoutStyles,
  PersonSummary,
  StatusBadge,
  useViewerTimeZone,
} from '../ui/index.js';
import { sessionLabel } from './session-label.js';

const useStyles = makeStyles({
  ...layoutStyles,
  top: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'space-between',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalM,
  },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  block: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  label: { color: tokens.colorNeutralForeground2 },
  next: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  nextText: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  nextLabel: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  footer: { flexWrap: 'wrap' },
});

/** The employee's pairing at a glance: who, why, and the next session with its Join button. */
export function PairingCard(props: { pairing: PairingView }) {
  const styles = useStyles();
  const zone = useViewerTimeZone();
  const p = props.pairing;
  const next = p.nextSession;
  const joinUrl = next?.joinUrl ?? p.series?.joinUrl ?? null;
  const relation =
    p.myRole === 'mentor'
      ? `You mentor ${p.partner.displayName}`
      : `${p.partner.displayName} mentors you`;
  return (
    <Card className={styles.card}>
      <Caption1 className={styles.label}>
        {p.programName} · {relation}
      </Caption1>
      <div className={styles.top}>
        <PersonSummary person={p.partner} size={64} as="h3" />
        <div className={styles.badges}>
          {p.status !== 'active' && <StatusBadge status={p.status} kind="Pairing" />}
          {p.series !== null && <StatusBadge status={p.series.status} kind="Series" />}
        </div>
      </div>
      <div className={styles.block}>
        <Caption1 className={styles.label}>Why we matched you</Caption1>
        <Body1>{p.explanation}</Body1>
      </div>
      {p.series?.failureReason != null && p.series.status !== 'booked' && (
        <Body1>{p.series.failureReason}</Body1>
      )}
      <div className={styles.next}>
        <div className={styles.nextText}>
          <Caption1 className={mergeClasses(styles.label, styles.nextLabel)}>
            <CalendarLtrRegular aria-hidden />
            Next session
          </Caption1>
          {next === null ? (
            <Body1>No session booked yet. We will add it to both calendars.</Body1>
          ) : (
            <Body1>
              <strong>{formatDateTime(next.startsAt, zone)}</strong> · {sessionLabel(next)}:{' '}
              {next.guideTitle}
            </Body1>
          )}
        </div>
        {joinUrl !== null && (
          <Button
            appearance="primary"
            icon={<VideoRegular />}
            as="a"
            href={joinUrl}
            target="_blank"
            rel="noreferrer"
          >
            Join
          </Button>
        )}
      </div>
      <CardFooter className={styles.footer}>
        {next !== null && (
          <Link href={href({ name: 'session', sessionId: next.id })}>
            Prepare for session {next.occurrence}
          </Link>
        )}
        <Link href={href({ name: 'pairing', pairingId: p.id })}>
          All sessions with {p.partner.displayName}
        </Link>
      </CardFooter>
    </Card>
  );
}
