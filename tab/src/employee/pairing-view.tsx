import { Body1, Card, makeStyles, tokens } from '@fluentui/react-components';
import { useResource, type HomeView, type PairingView as Pairing } from '../api/index.js';
import {
  EmptyState,
  layoutStyles,
  Page,
  PageSection,
  PersonSummary,
  ResourceView,
  roleLabel,
  StatusBadge,
} from '../ui/index.js';
import { CommitmentsCard } from './commitments-card.js';
import { EnrolmentActions } from './enrolment-actions.js';
import { PartnerProfile } from './partner-profile.js';
import { SessionsTable } from './sessions-table.js';

const useStyles = makeStyles({
  ...layoutStyles,
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

/** A pairing (deep link #/pairing/:id): partner, why, the whole series, and my actions. */
export function PairingView(props: { pairingId: string }) {
  const styles = useStyles();
  const pairing = useResource<Pairing>(`/api/pairings/${encodeURIComponent(props.pairingId)}`);
  // My enrolment (for pause / leave) comes with home; the pairing itself does not carry it.
  const home = useResource<HomeView>('/api/me/home');
  const title =
    pairing.data === undefined ? 'My pairing' : `With ${pairing.data.partner.displayName}`;
  return (
    <Page title={title} subtitle={pairing.data?.programName}>
      <ResourceView resource={pairing} label="Loading the pairing">
        {(p) => {
          const enrolment = home.data?.enrolments.find((e) => e.programId === p.programId);
          return (
            <div className={styles.stack}>
              <Card className={styles.card}>
                <PersonSummary person={p.partner} size={64} as="h2" />
                <div className={styles.badges}>
                  <StatusBadge status={p.status} kind="Pairing" />
                  {p.series !== null && <StatusBadge status={p.series.status} kind="Series" />}
                </div>
                <Body1>
                  You are the <strong>{roleLabel(p.myRole).toLowerCase()}</strong> in this pairing.
                  Why we matched you: {p.explanation}
                </Body1>
                {p.series?.failureReason != null && (
                  <Body1 className={styles.muted}>{p.series.failureReason}</Body1>
                )}
                {enrolment !== undefined && p.status !== 'ended' && (
                  <EnrolmentActions
                    enrolment={enrolment}
                    pairingId={p.id}
                    partnerName={p.partner.displayName}
                    onChanged={() => {
                      pairing.reload();
                      home.reload();
                    }}
                  />
                )}
              </Card>
              <PageSection title={`About ${p.partner.displayName}`} id="partner-profile">
                <PartnerProfile pairing={p} />
              </PageSection>
              <PageSection title="Commitments" id="commitments">
                <CommitmentsCard
                  pairingId={p.id}
                  myRole={p.myRole}
                  partnerName={p.partner.displayName}
                />
              </PageSection>
              <PageSection title="Sessions" id="sessions">
                {p.sessions.length === 0 ? (
                  <EmptyState title="No sessions booked yet" headingLevel={3}>
                    We are finding times that suit both calendars. The series appears in Outlook as
                    soon as it is booked.
                  </EmptyState>
                ) : (
                  <SessionsTable sessions={p.sessions} partner={p.partner} />
                )}
              </PageSection>
            </div>
          );
        }}
      </ResourceView>
    </Page>
  );
}
