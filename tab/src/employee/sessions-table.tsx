import { Button, Link, makeStyles, tokens } from '@fluentui/react-components';
import { CheckmarkCircleRegular, VideoRegular } from '@fluentui/react-icons';
import type { SessionView } from '../api/index.js';
import { href } from '../routing/index.js';
import {
  formatDateTime,
  formatInZone,
  ScrollCell,
  ScrollRow,
  ScrollTable,
  StatusBadge,
  useViewerTimeZone,
  zoneDiffers,
} from '../ui/index.js';
import { sessionLabel } from './session-label.js';

const useStyles = makeStyles({
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
  },
  reason: { display: 'block', color: tokens.colorNeutralForeground2 },
  label: { display: 'block', fontWeight: tokens.fontWeightSemibold },
  done: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS },
});

/** Every session of a series with its status, join link, guide and check-in state. */
export function SessionsTable(props: {
  sessions: SessionView[];
  /** The partner, whose own time is shown too when their clock reads differently. */
  partner?: { displayName: string; timeZone: string | null };
}) {
  const styles = useStyles();
  const zone = useViewerTimeZone();
  const partnerZone = props.partner?.timeZone ?? null;
  const showPartner = partnerZone !== null && partnerZone !== zone && zoneDiffers(partnerZone);
  return (
    <ScrollTable
      label="Sessions table"
      width="narrow"
      columns={['Session', 'When', 'Status', 'Actions']}
    >
      {props.sessions.map((s) => (
        <ScrollRow key={s.id}>
          <ScrollCell>
            <span className={styles.label}>{sessionLabel(s)}</span>
            {s.guideTitle}
          </ScrollCell>
          <ScrollCell>
            {formatDateTime(s.startsAt, zone)}
            {showPartner && (
              <span className={styles.reason}>
                {props.partner?.displayName}: {formatInZone(s.startsAt, partnerZone)}
              </span>
            )}
          </ScrollCell>
          <ScrollCell>
            <StatusBadge status={s.status} />
            {s.statusReason !== null && <span className={styles.reason}>{s.statusReason}</span>}
          </ScrollCell>
          <ScrollCell>
            <div className={styles.actions}>
              {s.joinUrl !== null && (s.status === 'scheduled' || s.status === 'rebooking') && (
                <Button
                  size="small"
                  icon={<VideoRegular />}
                  as="a"
                  href={s.joinUrl}
                  target="_blank"
                  rel="noreferrer"
                  aria-label={`Join session ${s.occurrence}`}
                >
                  Join
                </Button>
              )}
              <Link href={href({ name: 'session', sessionId: s.id })}>
                Guide{s.status === 'held' && !s.checkInDone ? ' and check-in' : ''}
                <span hidden> for session {s.occurrence}</span>
              </Link>
              {s.checkInDone && (
                <span className={styles.done}>
                  <CheckmarkCircleRegular aria-hidden /> Checked in
                </span>
              )}
            </div>
          </ScrollCell>
        </ScrollRow>
      ))}
    </ScrollTable>
  );
}
