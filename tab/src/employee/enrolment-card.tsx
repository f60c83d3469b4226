import { Body1, Card, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import type { EnrolmentView, MyAwaitingPartnerView, MyLeftOutView } from '../api/index.js';
import {
  column,
  formatDate,
  layoutStyles,
  roleLabel,
  StatusBadge,
  topicLabel,
} from '../ui/index.js';
import { EnrolmentActions } from './enrolment-actions.js';

const useStyles = makeStyles({
  ...layoutStyles,
  card: column(tokens.spacingVerticalS),
  top: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
});

function whatNext(e: EnrolmentView): string {
  if (e.status === 'paused') {
    return 'You are paused: you will not be matched or booked until you resume.';
  }
  if (e.status === 'left') return 'You have left this program.';
  // Not everyone is paired in a round: the message promised is the one that comes either way.
  const told =
    'You get a Teams message either way: your partner and first session, or, if you are not paired this round, why and what happens next (also under Notifications).';
  return e.role === 'mentor'
    ? `When enrolment closes, the program team matches mentors with leaders outside their reporting line. ${told}`
    : `When enrolment closes, we match you with an early-career mentor outside your reporting line and book the series around your working hours. ${told}`;
}

/**
 * Enrolled, not paired: the status and, plainly, what happens next — a new partner being found
 * after the last one left, why not paired this round, or how matching works.
 */
export function EnrolmentCard(props: {
  enrolment: EnrolmentView;
  leftOut?: MyLeftOutView | undefined;
  awaiting?: MyAwaitingPartnerView | undefined;
  onChanged(): void;
}) {
  const styles = useStyles();
  const e = props.enrolment;
  const topics = e.role === 'mentor' ? e.topicsOffered : e.topicsWanted;
  return (
    <Card className={styles.card}>
      <div className={styles.top}>
        <Subtitle2 as="h3">{e.programName}</Subtitle2>
        <StatusBadge status={e.status} kind="Enrolment" />
      </div>
      <Body1>
        You joined as <strong>{roleLabel(e.role)}</strong>
        {topics.length > 0 && <> · {topics.map(topicLabel).join(', ')}</>}
      </Body1>
      {props.awaiting !== undefined && e.status !== 'left' ? (
        <section aria-label="Waiting for a new partner" className={styles.card}>
          <Body1>
            <strong>Waiting for a new partner.</strong> {props.awaiting.what}.
          </Body1>
          <Body1 className={styles.muted}>
            {props.awaiting.nextStep} (asked {formatDate(props.awaiting.since)}).
            {e.status === 'paused' && ' You are paused: resume when you are ready to be paired.'}
          </Body1>
        </section>
      ) : props.leftOut !== undefined && e.status === 'active' ? (
        <section aria-label="Left out, and why" className={styles.card}>
          <Body1>
            <strong>Not paired this round</strong> (matching of{' '}
            {formatDate(props.leftOut.decidedAt)}): {props.leftOut.reason}.
          </Body1>
          <Body1 className={styles.muted}>{props.leftOut.nextStep}.</Body1>
        </section>
      ) : (
        <Body1 className={styles.muted}>{whatNext(e)}</Body1>
      )}
      <EnrolmentActions enrolment={e} onChanged={props.onChanged} />
    </Card>
  );
}
