import {
  Badge,
  Body1,
  Button,
  Caption1,
  Card,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowSwapRegular } from '@fluentui/react-icons';
import {
  useApi,
  useResource,
  type AppliedRematchView,
  type RematchCandidateView,
  type RematchRequestView,
} from '../api/index.js';
import {
  column,
  EmptyState,
  formatDateTime,
  layoutStyles,
  Page,
  PageSection,
  PersonSummary,
  ReasonDialog,
  ResourceView,
  useNotify,
} from '../ui/index.js';
import { ProgramNav } from './program-nav.js';

const useStyles = makeStyles({
  ...layoutStyles,
  candidate: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  candidateText: column(tokens.spacingVerticalXXS),
});

const sourceLabel: Record<RematchRequestView['source'], string> = {
  member: 'Asked for by the member',
  'reporting-line': 'Same reporting line after a re-org',
  departure: 'Partner left',
  'partner-moved': 'Partner moved to a new pair',
};

function Candidates(props: { request: RematchRequestView; onApplied(): void }) {
  const styles = useStyles();
  const api = useApi();
  const notify = useNotify();
  const { request } = props;
  const candidates = useResource<{ items: RematchCandidateView[] }>(
    `/api/rematches/${encodeURIComponent(request.id)}/candidates`,
  );
  const who = request.affected.displayName;
  return (
    <ResourceView
      resource={candidates}
      label={`Finding partners for ${who}`}
      empty={
        <EmptyState title="Nobody can partner them right now" headingLevel={3}>
          Everyone of the other role is paired or would break a matching rule. Enrol more people or
          wait for a pairing to end.
        </EmptyState>
      }
    >
      {(data) => (
        <ul className={styles.list} aria-label={`Possible partners for ${who}`}>
          {data.items.map((c) => (
            <li key={c.person.id} className={styles.candidate}>
              <div className={styles.candidateText}>
                <PersonSummary person={c.person} size={32} />
                <Caption1 className={styles.muted}>
                  Score {c.score.toFixed(2)} · {c.explanation}
                </Caption1>
              </div>
              <ReasonDialog
                trigger={
                  <Button icon={<ArrowSwapRegular />}>Pair with {c.person.displayName}</Button>
                }
                title={`Pair ${who} with ${c.person.displayName}?`}
                confirmLabel="Pair them"
                reasonLabel="Reason (kept in the audit log)"
                onConfirm={async (reason) => {
                  await api.send<AppliedRematchView>(
                    'POST',
                    `/api/rematches/${encodeURIComponent(request.id)}/apply`,
                    { personId: c.person.id, reason },
                  );
                  notify(`${who} is now paired with ${c.person.displayName}. Booking has started.`);
                  props.onApplied();
                }}
              >
                The current pairing ends and its remaining sessions are removed from both calendars.
                The new pair gets a Teams message and a series in both calendars.
              </ReasonDialog>
            </li>
          ))}
        </ul>
      )}
    </ResourceView>
  );
}

function Request(props: { request: RematchRequestView; onApplied(): void }) {
  const styles = useStyles();
  const r = props.request;
  return (
    <Card className={styles.card}>
      <PersonSummary person={r.affected} size={48} as="h3" />
      <div className={styles.actions}>
        <Badge appearance="tint" color={r.status === 'open' ? 'warning' : 'success'}>
          {r.status === 'open' ? 'Open' : 'Resolved'}
        </Badge>
        <Badge appearance="outline" color="informative">
          {sourceLabel[r.source]}
        </Badge>
      </div>
      <Body1>{r.reason}</Body1>
      <Caption1 className={styles.muted}>Raised {formatDateTime(r.createdAt)}</Caption1>
      {r.status === 'open' && <Candidates request={r} onApplied={props.onApplied} />}
    </Card>
  );
}

/** Rematch queue: members' requests and re-org findings, each with partners an admin can apply. */
export function RematchesView(props: { programId: string }) {
  const styles = useStyles();
  const requests = useResource<{ items: RematchRequestView[] }>(
    `/api/programs/${encodeURIComponent(props.programId)}/rematches`,
  );
  return (
    <Page
      title="Rematches"
      subtitle="People who need a new partner: they asked, a re-org put them in one reporting line, or their partner left or was moved to a new pair."
    >
      <ProgramNav programId={props.programId} current="admin-rematches" />
      <ResourceView
        resource={requests}
        label="Loading rematch requests"
        empty={
          <EmptyState title="No one needs a new partner">
            When a member asks for a rematch, or an org sync finds a problem, it shows up here.
          </EmptyState>
        }
      >
        {(data) => {
          const open = data.items.filter((r) => r.status === 'open');
          const resolved = data.items.filter((r) => r.status !== 'open');
          return (
            <div className={styles.stack}>
              <PageSection title={`Open (${open.length})`} id="rematches-open">
                {open.length === 0 ? (
                  <EmptyState title="Every request is resolved" headingLevel={3} />
                ) : (
                  <ul className={styles.list}>
                    {open.map((r) => (
                      <li key={r.id}>
                        <Request request={r} onApplied={requests.reload} />
                      </li>
                    ))}
                  </ul>
                )}
              </PageSection>
              {resolved.length > 0 && (
                <PageSection title={`Resolved (${resolved.length})`} id="rematches-resolved">
                  <ul className={styles.list}>
                    {resolved.map((r) => (
                      <li key={r.id}>
                        <Request request={r} onApplied={requests.reload} />
                      </li>
                    ))}
                  </ul>
                </PageSection>
              )}
            </div>
          );
        }}
      </ResourceView>
    </Page>
  );
}
