import { Badge, makeStyles, type BadgeProps } from '@fluentui/react-components';

const useStyles = makeStyles({ badge: { whiteSpace: 'nowrap', flexShrink: 0 } });
import type {
  EnrolmentStatus,
  PairingStatus,
  ProgramStatus,
  SeriesStatus,
  SessionStatus,
} from '../api/index.js';

type Color = NonNullable<BadgeProps['color']>;
type AnyStatus = SeriesStatus | SessionStatus | ProgramStatus | EnrolmentStatus | PairingStatus;

const look: Record<AnyStatus, { color: Color; label: string }> = {
  // series
  queued: { color: 'informative', label: 'Queued' },
  searching: { color: 'informative', label: 'Finding times' },
  booked: { color: 'success', label: 'Booked' },
  partial: { color: 'warning', label: 'Partly booked' },
  failed: { color: 'danger', label: 'Booking failed' },
  cancelling: { color: 'subtle', label: 'Cancelling' },
  cancelled: { color: 'subtle', label: 'Cancelled' },
  broken: { color: 'danger', label: 'Gone from the calendar' },
  // sessions
  scheduled: { color: 'brand', label: 'Booked' },
  held: { color: 'success', label: 'Held' },
  declined: { color: 'danger', label: 'Declined' },
  rebooking: { color: 'warning', label: 'Rebooking' },
  missed: { color: 'warning', label: 'Missed' },
  'needs-attention': { color: 'danger', label: 'Needs attention' },
  // programs
  draft: { color: 'subtle', label: 'Draft' },
  enrolling: { color: 'brand', label: 'Enrolling' },
  matching: { color: 'informative', label: 'Matching' },
  active: { color: 'success', label: 'Active' },
  closed: { color: 'subtle', label: 'Closed' },
  // enrolments and pairings
  paused: { color: 'warning', label: 'Paused' },
  left: { color: 'subtle', label: 'Left' },
  ended: { color: 'subtle', label: 'Ended' },
};

/** Status as text plus colour (never colour alone), in Fluent's badge palette for all themes. */
export function StatusBadge(props: { status: AnyStatus; kind?: string }) {
  const styles = useStyles();
  const { color, label } = look[props.status];
  return (
    <Badge appearance="tint" color={color} shape="rounded" className={styles.badge}>
      {props.kind === undefined ? label : `${props.kind}: ${label}`}
    </Badge>
  );
}

export function statusLabel(status: AnyStatus): string {
  return look[status].label;
}
