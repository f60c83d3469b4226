import { Card, makeStyles, tokens } from '@fluentui/react-components';
import type { InsightsView } from '../api/index.js';
import {
  BarChart,
  type BarChartProps,
  countBar,
  formatPercent,
  layoutStyles,
  Notice,
  PageSection,
  reflowGrid,
  scoreBar,
  Stat,
  StatGrid,
  type StatProps,
  topicBar,
} from '../ui/index.js';
import { ReportPage } from './report-page.js';

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

/** A count as a stat's value: null (withheld) stays null. */
function countValue(value: number | null | undefined): string | null {
  const v = known(value);
  return v === null ? null : String(v);
}

function count(value: number | null, suppressedText: string): string {
  return value === null ? suppressedText : String(value);
}

/** The headline numbers; each one withheld for a small group says so. */
function stats(d: InsightsView, small: string): StatProps[] {
  return [
    { label: 'Mentors', value: countValue(d.enrolment.mentors) },
    { label: 'Leaders', value: countValue(d.enrolment.leaders) },
    { label: 'Matched', value: formatPercent(d.enrolment.matchRate) },
    {
      label: 'Sessions held',
      value: formatPercent(d.sessions.heldRate),
      suppressed: d.sessions.scheduled === 0 ? 'no session is due yet' : small,
      note:
        known(d.sessions.held) === null || known(d.sessions.scheduled) === null
          ? `From calendars; ${small} in some groups`
          : d.sessions.scheduled === 0
            ? `${count(known(d.sessions.inCalendars), small)} sessions in calendars, none due yet`
            : `${d.sessions.held} of ${d.sessions.scheduled} due so far, from calendars`,
    },
    {
      label: 'Reached the last session',
      value: countValue(d.retention.reachedLastSession),
      note: `of ${count(known(d.retention.pairings), small)} pairings`,
    },
    {
      label: 'Commitments followed through',
      value: countValue(d.commitments.followedThrough),
      note: `of ${count(d.commitments.made, small)} made`,
    },
  ];
}

/** The charts, each on its own card. */
function charts(d: InsightsView, small: string): BarChartProps[] {
  return [
    {
      id: 'chart-participation',
      title: 'Participation',
      data: [countBar('Mentors', d.enrolment.mentors), countBar('Leaders', d.enrolment.leaders)],
    },
    {
      id: 'chart-sessions',
      title: 'Sessions held vs scheduled',
      data: [
        countBar('In calendars', d.sessions.inCalendars),
        countBar('Due so far', d.sessions.scheduled),
        countBar('Held', d.sessions.held),
      ],
      note: 'Held means the meeting took place according to the calendar, not self-report.',
    },
    {
      id: 'chart-check-ins',
      title: 'Check-in scores',
      max: 5,
      data: [
        scoreBar('Usefulness', d.checkIns.usefulness),
        scoreBar('Felt safe to speak', d.checkIns.safety),
      ],
      note:
        known(d.checkIns.responses) === null
          ? `Scores are shown once people have checked in (hidden while ${small} have)`
          : `${d.checkIns.responses} check-ins`,
    },
    {
      id: 'chart-topics',
      title: 'Topics covered (sessions held)',
      data: d.topics.map(topicBar),
    },
    {
      id: 'chart-departments',
      title: 'Held rate by department',
      max: 1,
      data: d.byDepartment.map((g) => ({
        label: g.group,
        value: g.suppressed ? null : g.heldRate,
        display: `${formatPercent(g.heldRate)}${g.people === null ? '' : ` · ${g.people} people`}`,
        ...(!g.suppressed && g.sessionsDue === 0
          ? { emptyText: `no session due yet · ${g.people ?? 0} people` }
          : {}),
      })),
    },
  ];
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
        {stats(d, small).map((stat) => (
          <Stat key={stat.label} suppressed={small} {...stat} />
        ))}
      </StatGrid>
      <div className={styles.charts}>
        {charts(d, small).map((chart) => (
          <Card key={chart.id} className={styles.chartCard}>
            <BarChart {...chart} suppressedText={small} />
          </Card>
        ))}
      </div>
    </div>
  );
}

/** Outcomes for leadership: participation, held vs scheduled, scores, topics; CSV export. */
export function InsightsDashboard(props: { programId: string }) {
  return (
    <ReportPage programId={props.programId} report="insights">
      {(data) => (
        <PageSection title="Program outcomes" id="outcomes">
          <Dashboard data={data} />
        </PageSection>
      )}
    </ReportPage>
  );
}
