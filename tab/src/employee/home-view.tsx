import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import {
  useResource,
  type HomeView as Home,
  type InvitationView,
  type ProgramView,
} from '../api/index.js';
import {
  EmptyState,
  formatDate,
  layoutStyles,
  Page,
  PageSection,
  ResourceView,
} from '../ui/index.js';
import { SurveyCards } from '../outcomes/survey-card.js';
import { EnrolmentCard } from './enrolment-card.js';
import { InvitationCard } from './invitation-card.js';
import { EnrolLink, OfferCard } from './offer-card.js';
import { PairingCard } from './pairing-card.js';

const useStyles = makeStyles({
  ...layoutStyles,
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 320px), 1fr))',
    alignItems: 'start',
    gap: tokens.spacingHorizontalL,
  },
});

function ProgramCard(props: { program: ProgramView }) {
  const styles = useStyles();
  const p = props.program;
  return (
    <OfferCard
      title={p.name}
      description={p.description}
      actions={<EnrolLink programId={p.id} programName={p.name} />}
    >
      <Caption1 className={styles.muted}>
        {p.rules.sessions} sessions · {p.rules.durationMinutes} minutes · {p.rules.cadence}
        {p.enrolmentClosesAt !== null && <> · enrol by {formatDate(p.enrolmentClosesAt)}</>}
      </Caption1>
    </OfferCard>
  );
}

/** Home: my pairing (or my enrolment and what happens next), then programs I can join. */
export function HomeView() {
  const styles = useStyles();
  const home = useResource<Home>('/api/me/home');
  const invitations = useResource<{ items: InvitationView[] }>('/api/me/invitations');
  const invited = invitations.data?.items ?? [];
  const invitedTo = new Set(invited.map((i) => i.programId));
  const reload = () => {
    home.reload();
    invitations.reload();
  };
  const firstName = home.data?.me.displayName.split(' ')[0];
  return (
    <Page
      title={firstName === undefined ? 'Home' : `Welcome, ${firstName}`}
      subtitle="Early-career employees and senior leaders learning from each other."
    >
      <ResourceView resource={home} label="Loading your mentoring">
        {(data) => {
          const pairings = data.pairings.filter((p) => p.status !== 'ended');
          const paired = new Set(pairings.map((p) => p.programId));
          const waiting = data.enrolments.filter(
            (e) => !paired.has(e.programId) && e.status !== 'left',
          );
          // A program I am invited to shows once: as the invitation, with Enrol on it.
          const open = data.openPrograms.filter((p) => !invitedTo.has(p.id));
          return (
            <div className={styles.stack}>
              <SurveyCards />
              {invited.length > 0 && (
                <PageSection title="Invitations" id="my-invitations">
                  <div className={styles.grid}>
                    {invited.map((i) => (
                      <InvitationCard key={i.id} invitation={i} onChanged={reload} />
                    ))}
                  </div>
                </PageSection>
              )}
              <PageSection title="My mentoring" id="my-mentoring">
                {pairings.length === 0 && waiting.length === 0 ? (
                  <EmptyState title="You are not in a program yet" headingLevel={3}>
                    {invited.length > 0
                      ? 'Answer your invitation above or join an open program below.'
                      : 'Join an open program below.'}{' '}
                    You choose your role and topics; nothing is booked until you are matched.
                  </EmptyState>
                ) : (
                  <div className={styles.grid}>
                    {pairings.map((p) => (
                      <PairingCard key={p.id} pairing={p} />
                    ))}
                    {waiting.map((e) => (
                      <EnrolmentCard
                        key={e.id}
                        enrolment={e}
                        leftOut={data.leftOut.find((l) => l.programId === e.programId)}
                        awaiting={data.awaitingPartner.find((a) => a.programId === e.programId)}
                        onChanged={reload}
                      />
                    ))}
                  </div>
                )}
              </PageSection>
              <PageSection title="Open programs" id="open-programs">
                {open.length === 0 ? (
                  <EmptyState title="No programs are open right now" headingLevel={3}>
                    You will get a Teams message when the next cohort opens.
                  </EmptyState>
                ) : (
                  <div className={styles.grid}>
                    {open.map((p) => (
                      <ProgramCard key={p.id} program={p} />
                    ))}
                  </div>
                )}
              </PageSection>
            </div>
          );
        }}
      </ResourceView>
    </Page>
  );
}
