import { Button, Card, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { useApi, useResource, useSubmit, type InsightsView } from '../api/index.js';
import {
  BarChart,
  type BarDatum,
  formatPercent,
  layoutStyles,
  Notice,
  Page,
  PageSection,
  ProblemBar,
  reflowGrid,
  ResourceView,
  Stat,
  StatGrid,
  topicLabel,
} from '../ui/index.js';
import { ProgramNav } from './program-nav.js';

const useStyles = makeStyles({
  ...layoutStyles,
  charts: reflowGrid('420px', tokens.spacingHorizontalL, 'auto-fit'),
  chartCard: { padding: tokens.spacingHorizontalL },
});

/**
 * Counts of small groups come back as null (suppressed) even where the contract types a number,
 * so every count goes through here rather than into a template string as "null".
 */
function known(value: number | null | undefined): number | null {
  return typeof value === 'number' ? value : null;
}

/** A bar for a count that may be withheld (null) for a small group. */
function countBar(label: string, value: number | null | undefined): BarDatum {
  return { label, value: known(value), display: String(value) };
}

function score(value: number | null): string {
  return value === null ? 'fewer than 5 people' : `${value.toFixed(1)} / 5`;
}

function count(value: number | null, suppressedText = 'fewer than 5 people'): string {
  return value === null ? suppressedText : String(value);
}

function Dashboard(props: { data: InsightsView }) {
  const styles = useStyles();
  const d = props.data;
  const small = `fewer than ${d.minGroupSize} people`;
  return (
    <div className={styles.stack}>
      <Notice>
        Aggregates only. Groups of fewer than {d.minGroupSize} people are hidden so nobody can be
        singled out, and private reflections are never included.
      </Notice>
      <StatGrid>
        <Stat
          label="Mentors"
          value={known(d.enrolment.mentors) === null ? null : String(d.enrolment.mentors)}
          suppressed={small}
        />
        <Stat
          label="Leaders"
          value={known(d.enrolment.leaders) === null ? null : String(d.enrolment.leaders)}
          suppressed={small}
        />
        <Stat label="Matched" value={formatPercent(d.enrolment.matchRate)} />
        <Stat
          label="Sessions held"
          value={formatPercent(d.sessions.heldRate)}
          suppressed={d.sessions.scheduled === 0 ? 'no session is due yet' : small}
          note={
            known(d.sessions.held) === null || known(d.sessions.scheduled) === null
              ? `From calendars; ${small} in some groups`
              : d.sessions.scheduled === 0
                ? `${count(known(d.sessions.inCalendars), small)} sessions in calendars, none due yet`
                : `${d.sessions.held} of ${d.sessions.scheduled} due so far, from calendars`
          }
        />
        <Stat
          label="Reached the last session"
          value={
            d.retention.reachedLastSession === null ? null : String(d.retention.reachedLastSession)
          }
          suppressed={small}
          note={`of ${count(known(d.retention.pairings), small)} pairings`}
        />
        <Stat
          label="Commitments followed through"
          value={
            d.commitments.followedThrough === null ? null : String(d.commitments.followedThrough)
          }
          suppressed={small}
          note={`of ${count(d.commitments.made, small)} made`}
        />
      </StatGrid>
      <div className={styles.charts}>
        <Card className={styles.chartCard}>
          <BarChart
            id="chart-participation"
            title="Participation"
            data={[
              countBar('Mentors', d.enrolment.mentors),
              countBar('Leaders', d.enrolment.leaders),
            ]}
            suppressedText={small}
          />
        </Card>
        <Card className={styles.chartCard}>
          <BarChart
            id="chart-sessions"
            title="Sessions held vs scheduled"
            data={[
              countBar('In calendars', d.sessions.inCalendars),
              countBar('Due so far', d.sessions.scheduled),
              countBar('Held', d.sessions.held),
            ]}
            note="Held means the meeting took place according to the calendar, not self-report."
            suppressedText={small}
          />
        </Card>
        <Card className={styles.chartCard}>
          <BarChart
            id="chart-check-ins"
            title="Check-in scores"
            max={5}
            data={[
              {
                label: 'Usefulness',
                value: d.checkIns.usefulness,
                display: score(d.checkIns.usefulness),
              },
              {
                label: 'Felt safe to speak',
                value: d.checkIns.safety,
                display: score(d.checkIns.safety),
              },
            ]}
            note={
              known(d.checkIns.responses) === null
                ? `Scores are shown once people have checked in (hidden while ${small} have)`
                : `${d.checkIns.responses} check-ins`
            }
            suppressedText={small}
          />
        </Card>
        <Card className={styles.chartCard}>
          <BarChart
            id="chart-topics"
            title="Topics covered (sessions held)"
            data={d.topics.map((t) => countBar(topicLabel(t.topic), t.sessionsHeld))}
            suppressedText={small}
          />
        </Card>
        <Card className={styles.chartCard}>
          <BarChart
            id="chart-departments"
            title="Held rate by department"
            max={1}
            data={d.byDepartment.map((g) => ({
              label: g.group,
              value: g.suppressed ? null : g.heldRate,
              display: `${formatPercent(g.heldRate)}${g.people === null ? '' : ` · ${g.people} people`}`,
              ...(!g.suppressed && g.sessionsDue === 0
                ? { emptyText: `no session due yet · ${g.people ?? 0} people` }
                : {}),
            }))}
            suppressedText={small}
          />
        </Card>
      </div>
    </div>
  );
}

/** Outcomes for leadership: participation, held vs scheduled, scores, topics; CSV export. */
export function InsightsDashboard(props: { programId: string }) {
  const api = useApi();
  const { error, run } = useSubmit();
  const base = `/api/programs/${encodeURIComponent(props.programId)}`;
  const insights = useResource<InsightsView>(`${base}/insights`);
  const exportCsv = () => run(() => api.download(`${base}/insights.csv`, 'program-insights.csv'));
  return (
    <Page
      title="Insights"
      subtitle="What changed, in numbers leadership can trust."
      actions={
        <Button icon={<ArrowDownloadRegular />} onClick={() => void exportCsv()}>
          Export CSV
        </Button>
      }
    >
      <ProgramNav programId={props.programId} current="admin-insights" />
      {error !== undefined && <ProblemBar error={error} />}
      <ResourceView resource={insights} label="Loading insights">
        {(data) => (
          <PageSection title="Program outcomes" id="outcomes">
            <Dashboard data={data} />
          </PageSection>
        )}
      </ResourceView>
    </Page>
  );
}
