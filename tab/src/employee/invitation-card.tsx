import { Body1, Button } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useApi, useSubmit, type InvitationView } from '../api/index.js';
import { formatDate, ProblemBar, roleLabel, useLayoutStyles, useNotify } from '../ui/index.js';
import { EnrolLink, OfferCard } from './offer-card.js';

/** Why Enrol is not offered yet (or any more), said before the person tries. */
function whenEnrolmentOpens(i: InvitationView, now: Date): string {
  if (i.programStatus === 'draft')
    return 'The program team has not opened enrolment yet; you will get a Teams message when it opens.';
  if (i.programStatus !== 'enrolling')
    return 'Enrolment for this cohort has closed; the program team will invite you to the next one.';
  if (i.enrolmentOpensAt !== null && new Date(i.enrolmentOpensAt) > now)
    return `Enrolment opens on ${formatDate(i.enrolmentOpensAt)}.`;
  return 'Enrolment for this cohort has closed; the program team will invite you to the next one.';
}

/** A program the program team invited me to: enrol (my choice) or say no. */
export function InvitationCard(props: { invitation: InvitationView; onChanged(): void }) {
  const styles = useLayoutStyles();
  const api = useApi();
  const notify = useNotify();
  const { busy, error, run } = useSubmit();
  const i = props.invitation;
  const decline = () =>
    run(async () => {
      await api.send('POST', `/api/me/invitations/${encodeURIComponent(i.id)}/decline`);
      notify(`You declined ${i.programName}`);
      props.onChanged();
    });
  return (
    <OfferCard
      title={`Invitation: ${i.programName}`}
      description={i.programDescription}
      actions={
        <>
          {i.enrolmentOpen && <EnrolLink programId={i.programId} programName={i.programName} />}
          <Button
            icon={<DismissRegular />}
            disabled={busy}
            onClick={() => void decline()}
            aria-label={`Decline the invitation to ${i.programName}`}
          >
            Decline
          </Button>
        </>
      }
    >
      <Body1 className={styles.muted}>
        The program team invited you
        {i.suggestedRole !== null && <> as a {roleLabel(i.suggestedRole).toLowerCase()}</>}. Nothing
        happens unless you enrol yourself.
        {i.enrolmentOpen && i.enrolmentClosesAt !== null && (
          <> Enrol by {formatDate(i.enrolmentClosesAt)}.</>
        )}
      </Body1>
      {!i.enrolmentOpen && <Body1>{whenEnrolmentOpens(i, new Date())}</Body1>}
      {error !== undefined && <ProblemBar error={error} />}
    </OfferCard>
  );
}
