import { Badge, Button, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import {
  useApi,
  useResource,
  useSubmit,
  type BookingProgressView,
  type SeriesStatus,
} from '../api/index.js';
import {
  column,
  EmptyState,
  formatDateTime,
  Page,
  ProblemBar,
  ResourceView,
  ScrollCell,
  ScrollRow,
  ScrollTable,
  StatusBadge,
  statusLabel,
  useNotify,
  wrapRow,
} from '../ui/index.js';
import { ProgramNav } from './program-nav.js';

const useStyles = makeStyles({
  stack: column(tokens.spacingVerticalL),
  counts: wrapRow(tokens.spacingHorizontalS),
  reason: { display: 'block', color: tokens.colorNeutralForeground2 },
  moved: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    color: tokens.colorNeutralForeground2,
  },
});

type Item = BookingProgressView['items'][number];

/** The sessions that did not fit the series time: when, why, and whether they have a meeting yet. */
function MovedSessions(props: { item: Item }) {
  const styles = useStyles();
  if (props.item.moved.length === 0) return null;
  return (
    <ul className={styles.moved} aria-label="Sessions that did not fit the series">
      {props.item.moved.map((m) => (
        <li key={m.sessionId}>
          Session {m.occurrence}, {formatDateTime(m.startsAt)}:{' '}
          {m.status === 'rebooking'
            ? `${m.reason ?? 'did not fit'} (waiting for its own meeting)`
            : (m.reason ?? 'booked as its own meeting')}
        </li>
      ))}
    </ul>
  );
}

/** Sessions already over that the partner declined or nobody held: why the pair needs attention. */
function MissedSessions(props: { item: Item }) {
  const styles = useStyles();
  const { missed } = props.item;
  if (missed.length === 0) return null;
  return (
    <>
      <span className={styles.reason}>
        {missed.length === 1 ? '1 session' : `${missed.length} sessions`} missed or declined
      </span>
      <ul className={styles.moved} aria-label="Sessions missed or declined">
        {missed.map((m) => (
          <li key={m.sessionId}>
            Session {m.occurrence}, {formatDateTime(m.startsAt)}:{' '}
            {m.reason ?? (m.status === 'declined' ? 'declined' : 'not held')}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Retry is offered only where the server will take it: a failed series, or moved sessions waiting. */
function canRetry(item: Item): boolean {
  if (item.status === 'failed') return true;
  return item.status === 'partial' && item.moved.some((m) => m.status === 'rebooking');
}

const ORDER: SeriesStatus[] = [
  'queued',
  'searching',
  'booked',
  'partial',
  'failed',
  'cancelling',
  'cancelled',
  'broken',
];
const POLL_MS = 3000;

/** Booking progress after approval: polls while series are being booked; failed ones can retry. */
export function BookingsView(props: { programId: string }) {
  const styles = useStyles();
  const api = useApi();
  const notify = useNotify();
  const { error, run } = useSubmit();
  const progress = useResource<BookingProgressView>(
    `/api/programs/${encodeURIComponent(props.programId)}/bookings`,
    { pollMs: POLL_MS },
  );

  const retry = (seriesId: string) =>
    run(async () => {
      const answer = await api.send<{ sessions: number }>(
        'POST',
        `/api/bookings/${encodeURIComponent(seriesId)}/retry`,
      );
      notify(
        answer.sessions > 0
          ? `Booking ${answer.sessions === 1 ? '1 session as its own meeting' : `${answer.sessions} sessions as their own meetings`} now`
          : 'Booking queued again',
      );
      progress.reload();
    });

  return (
    <Page
      title="Bookings"
      subtitle="Each approved pair gets a recurring series in both calendars. This page updates by itself."
    >
      <ProgramNav programId={props.programId} current="admin-bookings" />
      <ResourceView
        resource={progress}
        label="Loading booking progress"
        empty={
          <EmptyState title="Nothing to book yet">
            Approve a matching proposal and the bookings show up here as they land.
          </EmptyState>
        }
      >
        {(data) => (
          <div className={styles.stack}>
            {error !== undefined && <ProblemBar error={error} />}
            <div className={styles.counts} role="status" aria-live="polite">
              {ORDER.filter((s) => (data.counts[s] ?? 0) > 0).map((s) => (
                <Badge
                  key={s}
                  appearance="tint"
                  size="large"
                  color={s === 'failed' ? 'danger' : s === 'booked' ? 'success' : 'informative'}
                >
                  {statusLabel(s)}: {data.counts[s]}
                </Badge>
              ))}
            </div>
            <ScrollTable
              label="Series table"
              width="wide"
              size="small"
              proseColumn="Status"
              columns={[
                'Mentor',
                'Leader',
                'Status',
                'First session',
                'Attempts',
                'Updated',
                'Action',
              ]}
            >
              {data.items.map((item) => (
                <ScrollRow key={item.seriesId}>
                  <ScrollCell>{item.mentor.displayName}</ScrollCell>
                  <ScrollCell>{item.leader.displayName}</ScrollCell>
                  <ScrollCell>
                    <StatusBadge status={item.status} />
                    {item.calendarFlag === 'series-declined' && (
                      <StatusBadge status="declined" kind="Series" />
                    )}
                    {item.failureReason !== null && (
                      <span className={styles.reason}>{item.failureReason}</span>
                    )}
                    {item.needsAttention.length > 0 && (
                      <span className={styles.reason}>
                        <StatusBadge status="needs-attention" />{' '}
                        {item.needsAttention.length === 1
                          ? '1 session could not be rebooked'
                          : `${item.needsAttention.length} sessions could not be rebooked`}
                        {item.needsAttention[0]?.reason != null &&
                          `: ${item.needsAttention[0].reason}`}
                      </span>
                    )}
                    <MovedSessions item={item} />
                    <MissedSessions item={item} />
                  </ScrollCell>
                  <ScrollCell>{formatDateTime(item.firstSessionAt)}</ScrollCell>
                  <ScrollCell>{item.attempts}</ScrollCell>
                  <ScrollCell>{formatDateTime(item.updatedAt)}</ScrollCell>
                  <ScrollCell>
                    {(canRetry(item) || item.needsAttention.length > 0) && (
                      <Button
                        size="small"
                        icon={<ArrowClockwiseRegular />}
                        onClick={() => void retry(item.seriesId)}
                        aria-label={`Retry booking for ${item.mentor.displayName} and ${item.leader.displayName}`}
                      >
                        Retry
                      </Button>
                    )}
                  </ScrollCell>
                </ScrollRow>
              ))}
            </ScrollTable>
          </div>
        )}
      </ResourceView>
    </Page>
  );
}
