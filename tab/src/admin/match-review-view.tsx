import {
  Badge,
  Body1,
  Button,
  Card,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { ArrowRightRegular, CheckmarkRegular, PlayRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useState } from 'react';
import {
  useApi,
  useResource,
  useSubmit,
  type CurrentMatchRunView,
  type LeftOutView,
  type MatchRunView,
  type ProposedPairView,
} from '../api/index.js';
import { href } from '../routing/index.js';
import {
  column,
  EmptyState,
  formatDateTime,
  formatPercent,
  layoutStyles,
  Page,
  PageSection,
  PersonSummary,
  ProblemBar,
  ReasonDialog,
  ResourceView,
  roleLabel,
  Stat,
  StatGrid,
  useNotify,
} from '../ui/index.js';
import { newerRunOf, newMatchRunBody } from './match-run-request.js';
import { PairOverrides, type OverrideRequest } from './override-dialogs.js';
import { ScoreLegend, ScoreParts } from './score-parts.js';
import { ProgramNav } from './program-nav.js';

const useStyles = makeStyles({
  ...layoutStyles,
  pair: column(tokens.spacingVerticalS),
  people: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto minmax(0, 1fr) auto',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    '@media (max-width: 600px)': { gridTemplateColumns: 'minmax(0, 1fr) auto' },
  },
  arrow: { '@media (max-width: 600px)': { display: 'none' } },
  scoreRow: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    alignItems: 'center',
  },
  leftOut: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
});

/** The run under review is part of the address (#/admin/programs/:id/match?run=…) so it survives reloads. */
function runIdFromHash(): string | undefined {
  return new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('run') ?? undefined;
}

const OVERRIDE_WORDS: Record<MatchRunView['overrides'][number]['kind'], string> = {
  pin: 'Pinned',
  forbid: 'Never pair',
  remove: 'Left out',
  swap: 'Swapped to pair',
};

function Pair(props: {
  pair: ProposedPairView;
  runId: string;
  editable: boolean;
  onOverride(r: OverrideRequest): Promise<void>;
}) {
  const styles = useStyles();
  const { pair } = props;
  return (
    <Card className={styles.pair}>
      <div className={styles.people}>
        <PersonSummary person={pair.mentor} size={32} />
        <ArrowRightRegular className={styles.arrow} aria-hidden />
        <PersonSummary person={pair.leader} size={32} />
        {props.editable && (
          <PairOverrides pair={pair} runId={props.runId} onOverride={props.onOverride} />
        )}
      </div>
      <Body1>{pair.explanation}</Body1>
      <div className={styles.scoreRow}>
        <Badge appearance="filled" color="brand">
          Score {pair.score.toFixed(2)}
        </Badge>
        {pair.pinned && (
          <Badge appearance="tint" color="important">
            Pinned
          </Badge>
        )}
        <ScoreParts parts={pair.scoreParts} />
      </div>
    </Card>
  );
}

function LeftOut(props: { items: LeftOutView[] }) {
  const styles = useStyles();
  if (props.items.length === 0) {
    return <EmptyState title="Everyone who enrolled has a partner" headingLevel={3} />;
  }
  return (
    <ul className={styles.list}>
      {props.items.map((l) => (
        <li key={l.person.id}>
          <Card className={styles.leftOut}>
            <PersonSummary person={l.person} size={32} />
            <div>
              <Body1>
                <strong>{roleLabel(l.role)}</strong>: {l.reason}
              </Body1>
            </div>
          </Card>
        </li>
      ))}
    </ul>
  );
}

function Review(props: {
  run: MatchRunView;
  onChanged(run: MatchRunView): void;
  programId: string;
}) {
  const styles = useStyles();
  const api = useApi();
  const notify = useNotify();
  const { run } = props;
  const editable = run.status === 'proposed';
  const override = async (r: OverrideRequest) => {
    const next = await api.send<MatchRunView>(
      'POST',
      `/api/match-runs/${encodeURIComponent(run.id)}/overrides`,
      r,
    );
    notify('Matching re-solved with your change');
    props.onChanged(next);
  };
  const s = run.summary;
  return (
    <div className={styles.stack}>
      <StatGrid>
        <Stat label="Eligible mentors" value={String(s.eligibleMentors)} />
        <Stat label="Eligible leaders" value={String(s.eligibleLeaders)} />
        <Stat label="Pairs" value={String(s.matched)} />
        <Stat label="Share matched" value={formatPercent(s.shareMatched)} />
        <Stat label="Median score" value={s.scoreQuartiles[2].toFixed(2)} />
      </StatGrid>
      <ScoreLegend />
      <div className={styles.actions}>
        {editable ? (
          <ReasonDialog
            trigger={
              <Button
                appearance="primary"
                icon={<CheckmarkRegular />}
                disabled={run.pairs.length === 0}
              >
                Approve {run.pairs.length} {run.pairs.length === 1 ? 'pair' : 'pairs'}
              </Button>
            }
            title={`Approve ${run.pairs.length} ${run.pairs.length === 1 ? 'pair' : 'pairs'}?`}
            confirmLabel="Approve and book"
            reason="none"
            onConfirm={async () => {
              const answer = await api.send<{ pairings: number }>(
                'POST',
                `/api/match-runs/${encodeURIComponent(run.id)}/approve`,
              );
              notify(`${answer.pairings} pairings approved. Booking has started.`);
              window.location.hash = href({ name: 'admin-bookings', programId: props.programId });
            }}
          >
            Everyone paired gets a Teams message, and the series is booked into both calendars.
            People left out are told why.
          </ReasonDialog>
        ) : (
          <Body1 className={styles.muted}>
            This run is {run.status}. Proposed {formatDateTime(run.createdAt)}.
          </Body1>
        )}
      </div>
      <PageSection title={`Proposed pairs (${run.pairs.length})`} id="pairs">
        {run.pairs.length === 0 ? (
          <EmptyState title="No pairs could be made" headingLevel={3}>
            See who was left out and why below.
          </EmptyState>
        ) : (
          <ul className={styles.list}>
            {run.pairs.map((p) => (
              <li key={`${p.mentor.id}-${p.leader.id}`}>
                <Pair pair={p} runId={run.id} editable={editable} onOverride={override} />
              </li>
            ))}
          </ul>
        )}
      </PageSection>
      <PageSection title={`Left out (${run.leftOut.length})`} id="left-out">
        <LeftOut items={run.leftOut} />
      </PageSection>
      {run.overrides.length > 0 && (
        <PageSection title="Your changes" id="overrides">
          <ul className={styles.list}>
            {run.overrides.map((o) => (
              <li key={o.id}>
                <Body1>
                  <strong>{OVERRIDE_WORDS[o.kind]}</strong> {o.mentorName}
                  {o.leaderName === null ? '' : ` and ${o.leaderName}`} · “{o.reason}” ·{' '}
                  {o.actorName}, {formatDateTime(o.createdAt)}
                </Body1>
              </li>
            ))}
          </ul>
        </PageSection>
      )}
    </div>
  );
}

function LoadedRun(props: { runId: string; programId: string }) {
  const run = useResource<MatchRunView>(`/api/match-runs/${encodeURIComponent(props.runId)}`);
  const [latest, setLatest] = useState<MatchRunView | undefined>();
  return (
    <ResourceView resource={run} label="Loading the proposed pairs">
      {(data) => (
        <Review
          run={latest?.id === data.id ? latest : data}
          programId={props.programId}
          onChanged={(next) => {
            setLatest(next);
            if (next.id !== data.id) {
              window.location.hash = `${href({ name: 'admin-match', programId: props.programId })}?run=${encodeURIComponent(next.id)}`;
            }
          }}
        />
      )}
    </ResourceView>
  );
}

/** With no run in the address, the screen opens on the program's current run, if it has one. */
function CurrentRun(props: { programId: string; onFound(runId: string): void }) {
  const current = useResource<CurrentMatchRunView>(
    `/api/programs/${encodeURIComponent(props.programId)}/match-runs/current`,
  );
  const found = current.data?.run?.id;
  const { onFound } = props;
  useEffect(() => {
    if (found !== undefined) onFound(found);
  }, [found, onFound]);
  return (
    <ResourceView
      resource={current}
      label="Loading the program’s matching"
      isEmpty={(data) => data.run === null}
      empty={
        <EmptyState title="No proposal yet">
          Run matching when enrolment has closed. Nothing is booked until you approve.
        </EmptyState>
      }
    >
      {() => <Spinner label="Opening the current proposal" />}
    </ResourceView>
  );
}

/** Match review: run matching, see pairs with reasons and who is left out, change, approve. */
export function MatchReviewView(props: { programId: string }) {
  const styles = useStyles();
  const api = useApi();
  const [runId, setRunId] = useState(runIdFromHash);
  const { busy: running, error, run: submit } = useSubmit();

  const showRun = useCallback(
    (id: string, options: { replace?: boolean } = {}) => {
      const address = `${href({ name: 'admin-match', programId: props.programId })}?run=${encodeURIComponent(id)}`;
      // Opening the current run is not a step of its own: Back leaves the screen.
      if (options.replace === true) window.location.replace(address);
      else window.location.hash = address;
      setRunId(id);
    },
    [props.programId],
  );
  const openCurrent = useCallback((id: string) => showRun(id, { replace: true }), [showRun]);
  const runMatching = () =>
    submit(async () => {
      // The hash follows re-solves (new run ids), so it names the proposal on screen now.
      const run = await api.send<MatchRunView>(
        'POST',
        `/api/programs/${encodeURIComponent(props.programId)}/match-runs`,
        newMatchRunBody(runIdFromHash() ?? runId),
      );
      showRun(run.id);
    });
  const newer = newerRunOf(error);

  return (
    <Page
      title="Matching"
      subtitle="Whole-cohort matching with a reason for every pair and for everyone left out. Pairs never share a reporting line or repeat an earlier pairing."
      actions={
        <Button
          appearance={runId === undefined ? 'primary' : 'secondary'}
          icon={<PlayRegular />}
          disabled={running}
          onClick={() => void runMatching()}
        >
          {runId === undefined ? 'Run matching' : 'Run again'}
        </Button>
      }
    >
      <ProgramNav programId={props.programId} current="admin-match" />
      <div className={styles.stack}>
        {error !== undefined && newer === undefined && <ProblemBar error={error} />}
        {newer !== undefined && newer !== runId && (
          <MessageBar intent="warning" layout="multiline" role="alert">
            <MessageBarBody>
              <MessageBarTitle>There is a newer proposal</MessageBarTitle>
              The program’s current proposal is not the one on this screen (another admin may have
              run matching meanwhile), so no new run was made. Review the current one, and run
              matching again from there if needed.
            </MessageBarBody>
            <MessageBarActions>
              <Button onClick={() => showRun(newer)}>Open the current proposal</Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {running && <Spinner label="Matching the cohort" />}
        {runId === undefined ? (
          !running && <CurrentRun programId={props.programId} onFound={openCurrent} />
        ) : (
          <LoadedRun key={runId} runId={runId} programId={props.programId} />
        )}
      </div>
    </Page>
  );
}
